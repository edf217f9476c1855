from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scope

from programmes.tenancy import services
from programmes.tenancy.errors import (
    AlreadyInvitedError,
    AlreadyMemberError,
    InvitationForAnotherEmailError,
    InvitationNotUsableError,
)
from programmes.tenancy.models import AuditEntry, Membership
from programmes.tenancy.selectors import find_invitation
from tests.factories import UserFactory, make_invitation


def test_invited_person_gets_an_email_in_the_chosen_language(network_a, admin_a, django_capture_on_commit_callbacks):
    with scope(network=network_a), django_capture_on_commit_callbacks(execute=True):
        services.invite_member(network_a, email="Sindaco@Comune.example", role="coordinator", language="it", by=admin_a)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sindaco@comune.example"]
    assert "Network A" in message.subject
    assert "invit" in message.subject.lower()
    assert "Sei invitato" in message.subject or "invita" in message.body
    assert "/accounts/invitations/" in message.body


def test_accepting_gives_the_invited_role_once(network_a, admin_a):
    invitation, token = make_invitation(network_a, role="facilitator")
    user = UserFactory(email="invitee@example.org")
    with scope(network=network_a):
        membership = services.accept_invitation(invitation, user=user)
        assert membership.role == "facilitator"
        with pytest.raises(InvitationNotUsableError):
            services.accept_invitation(invitation, user=user)
        assert AuditEntry.objects.filter(action="invitation.accepted").count() == 1


def test_expired_invitation_cannot_be_accepted(network_a):
    invitation, _token = make_invitation(network_a, expires_in_days=-1)
    user = UserFactory(email="invitee@example.org")
    with scope(network=network_a), pytest.raises(InvitationNotUsableError):
        services.accept_invitation(invitation, user=user)


def test_invitation_expires_after_fourteen_days_by_default(network_a, admin_a):
    with scope(network=network_a):
        invitation = services.invite_member(network_a, email="x@example.org", role="member", language="en", by=admin_a)
    assert timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)


def test_invitation_for_another_address_is_refused(network_a):
    invitation, _token = make_invitation(network_a, email="right@example.org")
    with scope(network=network_a), pytest.raises(InvitationForAnotherEmailError):
        services.accept_invitation(invitation, user=UserFactory(email="wrong@example.org"))


def test_resend_replaces_the_link_and_revoke_stops_it(network_a, admin_a, django_capture_on_commit_callbacks):
    invitation, old_token = make_invitation(network_a)
    with scope(network=network_a), django_capture_on_commit_callbacks(execute=True):
        services.resend_invitation(invitation, by=admin_a)
    assert find_invitation(old_token) is None
    new_link = mail.outbox[-1].body.split("/accounts/invitations/")[1].split("/")[0]
    assert find_invitation(new_link).pk == invitation.pk
    with scope(network=network_a):
        services.revoke_invitation(invitation, by=admin_a)
    assert find_invitation(new_link).status == "revoked"


def test_no_second_invitation_or_invitation_of_a_member(network_a, admin_a):
    with scope(network=network_a):
        services.invite_member(network_a, email="new@example.org", role="member", language="en", by=admin_a)
        with pytest.raises(AlreadyInvitedError):
            services.invite_member(network_a, email="NEW@example.org", role="member", language="en", by=admin_a)
        with pytest.raises(AlreadyMemberError):
            services.invite_member(network_a, email=admin_a.email, role="member", language="en", by=admin_a)


def test_existing_member_keeps_membership_when_accepting(network_a, member_a):
    invitation, _token = make_invitation(network_a, email=member_a.email, role="admin")
    with scope(network=network_a):
        services.accept_invitation(invitation, user=member_a)
        assert Membership.objects.get(user=member_a).role == "member"
