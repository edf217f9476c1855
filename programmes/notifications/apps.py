from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "programmes.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from programmes.mentorships.signals import facilitator_removed, participant_removed
        from programmes.tenancy.signals import invitation_accepted, role_changed

        from . import receivers

        invitation_accepted.connect(receivers.tell_inviter, dispatch_uid="notifications.tell_inviter")
        participant_removed.connect(receivers.forget_removed_participant,
                                    dispatch_uid="notifications.forget_removed_participant")
        facilitator_removed.connect(receivers.forget_what_a_facilitator_no_longer_reads,
                                    dispatch_uid="notifications.forget_detached_facilitator")
        role_changed.connect(receivers.forget_what_a_role_no_longer_reads,
                             dispatch_uid="notifications.forget_after_role_change")
