"""Reads shared by views. Each returns what its page needs with related rows fetched up front."""

from django.shortcuts import get_object_or_404
from django_scopes import scopes_disabled

from .models import Invitation, Membership, Network, hash_token


def memberships_of(user):
    """The networks a user can switch to, for the switcher and the start page.

    Runs outside any scope on purpose: it lists the user's own memberships across networks.
    """
    if not user.is_authenticated:
        return []
    with scopes_disabled():
        memberships = list(Membership.objects.filter(user=user).select_related("network").order_by("network__name"))
    if user.is_superuser:
        member_of = {m.network_id for m in memberships}
        extra = [Membership(network=n, user=user, role="") for n in Network.objects.exclude(pk__in=member_of)]
        memberships.extend(extra)
    return memberships


def find_invitation(token):
    """The invitation a link points to, whatever its state, or None.

    The link arrives before any network is known, so the lookup is unscoped; the token hash is
    unique and secret, so it cannot reach another network's invitation by guessing.
    """
    with scopes_disabled():
        return Invitation.objects.select_related("network").filter(token_hash=hash_token(token)).first()


def members_page(network):
    memberships = list(Membership.objects.filter(network=network).select_related("user").order_by("user__email"))
    invitations = list(
        Invitation.objects.pending().filter(network=network).select_related("invited_by").order_by("email")
    )
    return memberships, invitations


def get_membership(network, pk):
    return get_object_or_404(Membership.objects.filter(network=network, pk=pk).select_related("user", "network"))


def get_invitation(network, pk):
    return get_object_or_404(Invitation.objects.filter(network=network, pk=pk).select_related("network"))
