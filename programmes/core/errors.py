"""The base of every app's domain errors. Their messages are shown to people, so they are
translated; views show them beside the form or as a message (core.access.apply_change)."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    message = _("This change is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))
