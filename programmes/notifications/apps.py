from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "programmes.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from programmes.mentorships.signals import participant_removed
        from programmes.tenancy.signals import invitation_accepted

        from . import receivers

        invitation_accepted.connect(receivers.tell_inviter, dispatch_uid="notifications.tell_inviter")
        participant_removed.connect(receivers.forget_removed_participant,
                                    dispatch_uid="notifications.forget_removed_participant")
