from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError


class MentorshipError(DomainError):
    message = _("This change to the programme is not possible.")


class AlreadyParticipantError(MentorshipError):
    message = _("This person already takes part in the mentorship.")


class AlreadyInvitedToMentorshipError(MentorshipError):
    message = _("This person has already been invited to the mentorship and has not answered yet.")


class PendingNetworkInvitationError(MentorshipError):
    message = _("This person has a pending invitation to the network: once they accept it, add them here.")


class NotAPairError(MentorshipError):
    message = _("Matching pairs a mentee city with a different mentor city; this mentorship has no mentee city, "
                "or the chosen city is its mentee.")
