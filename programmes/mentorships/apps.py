from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipsConfig(AppConfig):
    name = "programmes.mentorships"
    label = "mentorships"
    verbose_name = _("Programmes and mentorships")

    def ready(self):
        from programmes.tenancy import invitation_hooks

        from .services import join_mentorship_from_invitation

        invitation_hooks.on_accept(join_mentorship_from_invitation)
