"""A notification is one event told to one person; a digest is one morning's e-mail to one person.

A person's choice per kind (`Preference`) is theirs across networks; notifications and digests
belong to the network where the event happened, like everything they point at."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.constraints import SameNetwork, network_key
from programmes.tenancy.models import TenantModel

from .kinds import EVENTS, Delivery, Kind


class MailStatus(models.TextChoices):
    NONE = "none", _("Not e-mailed")
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")
    SKIPPED = "skipped", _("No longer readable: not sent")


class Notification(TenantModel):
    """`event_key` names the event (a comment, a plan's change of status) so that one person is
    told of one event once, however many reasons they have to be told (a mention wins over a
    reply). `perm` and the target are kept so that sending checks again that the person may still
    read it: someone removed from a mentorship is told nothing more about it."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    event = models.CharField(max_length=40)
    event_key = models.CharField(max_length=100)
    mentorship = models.ForeignKey("mentorships.Mentorship", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    perm = models.CharField(max_length=100)
    link = models.CharField(max_length=500)  # path and fragment of the exact question, row or comment
    params = models.JSONField(default=dict, blank=True)  # what the sentence names, as written
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)  # as chosen when it happened
    mail_status = models.CharField(max_length=20, choices=MailStatus.choices, default=MailStatus.NONE)
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey("Digest", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="notifications")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            network_key(),
            SameNetwork("mentorship"),
            SameNetwork("digest"),
            models.UniqueConstraint(fields=["network", "recipient", "event_key"], name="told_once_per_event"),
        ]
        indexes = [
            # The bell's count and the newest first of a person's list, unread or all, read in order.
            models.Index(fields=["recipient", "network", "read_at", "-created_at"], name="notification_unread"),
            models.Index(fields=["recipient", "network", "-created_at"], name="notification_newest"),
            models.Index(fields=["delivery", "mail_status"], name="notification_mail_due"),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self):
        event = EVENTS.get(self.event)
        return event.text(self.params) if event else self.event


class Digest(TenantModel):
    """One morning's e-mail to one person in one network: unique per local day, so that two sweeps
    racing create it once, and claimed like a notification so that two workers send it once."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    status = models.CharField(max_length=20, choices=MailStatus.choices, default=MailStatus.PENDING)
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-pk"]
        constraints = [
            network_key(),
            models.UniqueConstraint(fields=["network", "recipient", "day"], name="one_digest_a_day"),
        ]


class Preference(models.Model):
    """How a person wants one kind of notification e-mailed; no row means the kind's default."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="preference_known_kind"),
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}: {self.delivery}"
