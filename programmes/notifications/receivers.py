"""What the apps below tell the notifications app (they may not import it: DESIGN.md, "Floors")."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from . import services


def tell_inviter(sender, *, invitation, user, **kwargs):
    """tenancy.signals.invitation_accepted: the person who sent the invitation hears that it was
    accepted, on the members page (which every member of the network reads)."""
    inviter = invitation.invited_by
    if inviter is None or inviter.pk == user.pk:
        return
    network = invitation.network
    services.notify("invitation.accepted", target=network, network=network, perm="tenancy.view_members",
                    link=reverse("network_members", kwargs={"network": network.slug}),
                    key=f"invitation.accepted:{invitation.pk}", people=[inviter], by=user)


def forget_what_a_facilitator_no_longer_reads(sender, *, user_id, network, **kwargs):
    """mentorships.signals.facilitator_removed: what the programme's mentorships told them as a
    facilitator leaves their bell (and is not e-mailed)."""
    services.forget_unreadable(get_user_model().objects.get(pk=user_id), network)


def forget_what_a_role_no_longer_reads(sender, *, membership, **kwargs):
    """tenancy.signals.role_changed: a coordinator made a member no longer reads the programme's
    mentorships they take no part in; what told them of those leaves their bell."""
    services.forget_unreadable(membership.user, membership.network)


def forget_removed_participant(sender, *, user_id, mentorship_id, **kwargs):
    """mentorships.signals.participant_removed: nothing more is told about the mentorship."""
    services.forget_mentorship(user_id, mentorship_id)
