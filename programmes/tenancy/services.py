"""Every change to networks, memberships and invitations. One function per use case.

Callers pass the acting user as `by=`; each function checks the domain rules, writes an audit
entry and starts side effects (e-mail) only once the transaction has committed.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from . import emails, invitation_hooks
from .errors import (
    AlreadyInvitedError,
    AlreadyMemberError,
    InvitationForAnotherEmailError,
    InvitationNotUsableError,
    LastAdminError,
)
from .models import AuditEntry, Invitation, Membership, Network, Role
from .rules import forget_memberships
from .signals import invitation_accepted, role_changed


def audit(network, *, by, action, subject="", **data):
    return AuditEntry.objects.create(network=network, actor=by, action=action, subject=str(subject)[:255], data=data)


def _invitation_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


def _send_on_commit(invitation, token):
    transaction.on_commit(lambda: emails.send_invitation(invitation, token))


@transaction.atomic
def create_network(*, slug, name, languages=("en",), admin_email, by=None):
    """Create a network and invite (or, if the account exists, appoint) its first admin.

    Returns (network, invitation_link or None).
    """
    network = Network(slug=slug, name=name, languages=list(languages))
    network.full_clean()
    network.save()
    with scope(network=network):
        audit(network, by=by, action="network.created", subject=name)
        user = get_user_model().objects.filter(email__iexact=admin_email).first()
        if user is not None:
            Membership.objects.create(network=network, user=user, role=Role.ADMIN)
            audit(network, by=by, action="member.added", subject=user.email, role=Role.ADMIN)
            return network, None
        invitation, token = _create_invitation(network, email=admin_email, role=Role.ADMIN, language="en", by=by)
    return network, emails.invitation_link(token)


def _create_invitation(network, *, email, role, language, by, purpose=""):
    invitation = Invitation(
        network=network, email=email.lower(), role=role, language=language, invited_by=by,
        expires_at=_invitation_expiry(), purpose=purpose,
    )
    token = invitation.new_token()
    invitation.sent_at = timezone.now()
    invitation.save()
    audit(network, by=by, action="invitation.sent", subject=invitation.email, role=role)
    _send_on_commit(invitation, token)
    return invitation, token


@transaction.atomic
def invite_member(network, *, email, role, language, by, purpose=""):
    """Invite someone who is not yet a member. `purpose` is a sentence added to the e-mail."""
    email = email.strip().lower()
    if Membership.objects.filter(network=network, user__email__iexact=email).exists():
        raise AlreadyMemberError()
    if Invitation.objects.pending().filter(network=network, email__iexact=email).exists():
        raise AlreadyInvitedError()
    invitation, _token = _create_invitation(network, email=email, role=role, language=language, by=by, purpose=purpose)
    return invitation


@transaction.atomic
def resend_invitation(invitation, *, by):
    """Send a new link (the old one stops working) and restart the validity period."""
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationNotUsableError()
    token = invitation.new_token()
    invitation.expires_at = _invitation_expiry()
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["token_hash", "expires_at", "sent_at"])
    audit(invitation.network, by=by, action="invitation.resent", subject=invitation.email)
    _send_on_commit(invitation, token)
    return invitation


@transaction.atomic
def revoke_invitation(invitation, *, by):
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationNotUsableError()
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit(invitation.network, by=by, action="invitation.revoked", subject=invitation.email)
    return invitation


def check_invitation_usable(invitation):
    if invitation is None or invitation.status != "pending":
        raise InvitationNotUsableError()


@transaction.atomic
def accept_invitation(invitation, *, user):
    """Make `user` a member with the invited role. The invitation can be used once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_invitation_usable(invitation)
    if user.email.lower() != invitation.email.lower():
        raise InvitationForAnotherEmailError()
    membership, created = Membership.objects.get_or_create(
        network=invitation.network, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit(invitation.network, by=user, action="invitation.accepted", subject=user.email, role=membership.role)
    forget_memberships(user)
    invitation_hooks.run_accept_hooks(invitation, user)
    invitation_accepted.send(sender=Invitation, invitation=invitation, user=user)
    return membership


def _other_admins(membership):
    return Membership.objects.filter(network=membership.network, role=Role.ADMIN).exclude(pk=membership.pk)


@transaction.atomic
def change_role(membership, *, role, by):
    if role not in Role.values:
        raise ValueError(role)
    if membership.role == Role.ADMIN and role != Role.ADMIN and not _other_admins(membership).exists():
        raise LastAdminError()
    old_role = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit(membership.network, by=by, action="member.role_changed", subject=membership.user.email, old=old_role, new=role)
    forget_memberships(membership.user)
    role_changed.send(sender=Membership, membership=membership)
    return membership


@transaction.atomic
def remove_member(membership, *, by):
    if membership.role == Role.ADMIN and not _other_admins(membership).exists():
        raise LastAdminError()
    audit(membership.network, by=by, action="member.removed", subject=membership.user.email, role=membership.role)
    membership.delete()
    forget_memberships(membership.user)


@transaction.atomic
def update_network_settings(network, *, name, mfa_required, languages, by):
    network.name = name
    network.mfa_required = mfa_required
    network.languages = list(languages)
    network.full_clean()
    network.save(update_fields=["name", "mfa_required", "languages"])
    audit(network, by=by, action="network.settings_changed", subject=name, mfa_required=mfa_required)
    return network
