"""Domain errors of the tenancy app. Their messages are shown to people, so they are translated."""

from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError


class TenancyError(DomainError):
    """A change to networks, memberships or invitations that is not possible."""


class LastAdminError(TenancyError):
    message = _("A network needs at least one admin: make someone else an admin first.")


class AlreadyMemberError(TenancyError):
    message = _("This person is already a member of the network.")


class AlreadyInvitedError(TenancyError):
    message = _("This person already has a pending invitation: resend it instead.")


class InvitationNotUsableError(TenancyError):
    message = _("This invitation can no longer be used.")


class InvitationForAnotherEmailError(TenancyError):
    message = _("This invitation was sent to another e-mail address. Sign out and open the link again.")
