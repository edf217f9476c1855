from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError


class DirectoryError(DomainError):
    message = _("This change to the directory is not possible.")


class AssociationInUseError(DirectoryError):
    message = _("Cities belong to this association: give them another association first.")


class CityInUseError(DirectoryError):
    message = _("This city takes part in mentorships, so it cannot be deleted. Its history must stay complete.")
