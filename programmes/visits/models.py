"""Mentoring visits, online meetings and training sessions, with their agendas, participants,
reports and follow-ups (METHOD.md, "Mentoring visits").

Times are stored in UTC and shown in the host's time zone, which each visit records. A visit
keeps a stable UID and a SEQUENCE that grows with every change, so that calendar programs update
the event they already have instead of adding a second one.
"""

import datetime
import uuid
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.constraints import SameNetwork, network_key
from programmes.tenancy.models import TenantModel

from .text import validate_one_line


class VisitKind(models.TextChoices):
    SETUP = "setup", _("Set-up visit")
    INSPIRATION = "inspiration", _("Inspiration visit")
    CONSOLIDATION = "consolidation", _("Consolidation visit")
    ONLINE_MEETING = "online_meeting", _("Online meeting")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class Mode(models.TextChoices):
    PHYSICAL = "physical", _("In person")
    ONLINE = "online", _("Online")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Visit(TenantModel):
    """A visit or meeting of one mentorship, or a training session of a whole programme."""

    mentorship = models.ForeignKey("mentorships.Mentorship", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="visits")
    programme = models.ForeignKey("mentorships.Programme", on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(_("kind"), max_length=20, choices=VisitKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("Leave empty to use the kind."),
                             validators=[validate_one_line])
    host_city = models.ForeignKey("directory.City", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("host city"))
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices, default=Mode.PHYSICAL)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Brussels",
                                 help_text=_("The host's time zone: the times are entered and shown in it."))
    venue = models.TextField(_("venue address"), blank=True)
    meeting_link = models.URLField(_("meeting link"), blank=True, max_length=500)
    objectives = models.TextField(_("objectives"), blank=True)
    questions = models.TextField(_("questions to answer during the visit"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.PLANNED)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visit or meeting")
        verbose_name_plural = _("visits and meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            network_key(),
            SameNetwork("mentorship"),
            SameNetwork("programme"),
            SameNetwork("host_city"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="visit_ends_after_it_starts",
                                   violation_error_message=_("The end must be after the start.")),
        ]

    def __str__(self):
        return self.title or str(self.get_kind_display())

    @property
    def name(self):
        return str(self)

    @property
    def is_cancelled(self):
        return self.status == VisitStatus.CANCELLED

    @property
    def zone(self):
        """The host's time zone; UTC when the stored name is none that this server knows (a row
        written outside the form, or a zone a newer tz database renamed), so that the visit's pages,
        calendar file and reminders still show the right moment instead of failing."""
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return datetime.UTC


class AgendaItem(TenantModel):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField(default=0)
    day = models.PositiveSmallIntegerField(_("day"), default=1)
    time = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300, validators=[validate_one_line])
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True, validators=[validate_one_line])
    lead = models.CharField(_("who leads"), max_length=300, blank=True, validators=[validate_one_line])
    good_practices = models.ManyToManyField("questionnaires.GoodPractice", blank=True, related_name="+",
                                            through="AgendaGoodPractice", verbose_name=_("good practices"))
    key_factors = models.ManyToManyField("benchmarks.KeyFactor", blank=True, related_name="+",
                                         through="AgendaKeyFactor", verbose_name=_("key factors"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["day", "position", "time", "pk"]
        # Items are appended with the visit row locked (services.save_agenda_item); two never share a place.
        constraints = [
            network_key(),
            SameNetwork("visit"),
            models.UniqueConstraint(fields=["visit", "position"], name="agenda_item_position_unique"),
        ]

    def __str__(self):
        return self.title


class AgendaGoodPractice(TenantModel):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    good_practice = models.ForeignKey("questionnaires.GoodPractice", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            SameNetwork("item"),
            SameNetwork("good_practice"),
            models.UniqueConstraint(fields=["item", "good_practice"], name="agenda_practice_once"),
        ]


class AgendaKeyFactor(TenantModel):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    key_factor = models.ForeignKey("benchmarks.KeyFactor", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            SameNetwork("item"),
            SameNetwork("key_factor"),
            models.UniqueConstraint(fields=["item", "key_factor"], name="agenda_key_factor_once"),
        ]


class VisitParticipant(TenantModel):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visit_invitations")
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            SameNetwork("visit"),
            models.UniqueConstraint(fields=["visit", "user"], name="visit_participant_once"),
        ]


class VisitReport(TenantModel):
    """What was learned. Private to the mentorship unless it chooses to share it (confidentiality)."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="report")
    learned = models.TextField(_("what was learned"), blank=True)
    shared_with_programme = models.BooleanField(
        _("share with the programme's coordinators and facilitators"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [SameNetwork("visit")]


class FollowUp(TenantModel):
    """Something agreed during a visit, with who does it and by when; shown until done."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.CharField(_("follow-up"), max_length=500, validators=[validate_one_line])
    owner = models.CharField(_("who"), max_length=200, validators=[validate_one_line])
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due_on", "pk"]
        constraints = [SameNetwork("visit")]


class CalendarFeed(models.Model):
    """A person's secret calendar address (not a tenant row: one feed lists every network's visits)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"calendar feed of {self.user}"


class ReminderTarget(models.TextChoices):
    VISITS = "visits", _("Visits, meetings and training sessions")
    MILESTONES = "milestones", _("Milestones of the programme")


DEFAULT_OFFSETS = [14 * 24 * 60, 2 * 24 * 60]  # minutes: 14 days and 2 days before
MAX_OFFSET = 365 * 24 * 60  # minutes: a reminder goes at most a year before its event


def _shown(value):
    text = f"<{value.bit_length()}-bit int>" if isinstance(value, int) and value.bit_length() > 256 else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def offsets_problem(offsets):
    """Why stored offsets cannot be used, or "" when they can: whatever reached the database, the
    sweep only reads a list of whole minutes, each more than zero and at most a year (a larger
    one once overflowed the sweep's date arithmetic and stopped every network's reminders).

    The answer is a technical detail in the style of an exception (it is stored in `last_error`
    beside the translated `FailureKind`, which is what says why in the reader's language)."""
    if not isinstance(offsets, list) or not offsets:
        return f"TypeError: offsets={_shown(offsets)}"
    for offset in offsets:
        if isinstance(offset, bool) or not isinstance(offset, int):
            return f"TypeError: offset={_shown(offset)}"
        if offset > MAX_OFFSET:
            return f"ValueError: offset={_shown(offset)} > {MAX_OFFSET}"
        if offset <= 0:
            return f"ValueError: offset={_shown(offset)} <= 0"
    return ""


def validate_offsets(offsets):
    if offsets_problem(offsets):
        raise ValidationError(_("Each duration must be more than zero and at most a year before the event."),
                              code="offsets")


class ReminderRule(TenantModel):
    """When a programme reminds people of what is coming: which events, and how long before."""

    programme = models.ForeignKey("mentorships.Programme", on_delete=models.CASCADE, related_name="reminder_rules")
    target = models.CharField(_("remind of"), max_length=20, choices=ReminderTarget.choices)
    milestone_kind = models.CharField(_("only milestones of the kind"), max_length=20, blank=True,
                                      help_text=_("Leave empty for every milestone."))
    offsets = models.JSONField(_("how long before"), default=list,
                               validators=[validate_offsets])  # minutes, largest first

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["target", "pk"]
        constraints = [network_key(), SameNetwork("programme")]

    def __str__(self):
        offsets = ", ".join(_shown(o) for o in self.offsets) if isinstance(self.offsets, list) else "?"
        return f"{self.get_target_display()} ({offsets})"


class DeliveryKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder")
    UPDATE = "update", _("Update notice")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class FailureKind(models.TextChoices):
    """Why a delivery failed, said to coordinators; `last_error` keeps the technical detail."""

    RULE = "rule", _("The durations of its rule cannot be used")
    MESSAGE = "message", _("The e-mail could not be written from the details of the event or of the person")
    SENDING = "sending", _("It could not be sent, even after several tries")


class ReminderDelivery(TenantModel):
    """One e-mail to one person about one event. The unique keys — a reminder once per (rule, event,
    recipient, offset), an update notice once per (rule, event, recipient, version of the event) —
    are what make two overlapping sweeps record it only once; the claim (`claimed_by`, `claimed_at`)
    is what makes two copies of the send task send it only once (`reminders/sending.py`).

    A pending delivery with `claimed_at` set has been queued by a sweep (or waits for its retry
    until then); a sending one is held by the task copy that claimed it at `claimed_at`. A claim
    older than `reminders.sweeping.STALE_CLAIM` belongs to a message or a worker that was lost, and is taken
    over. A rule that cannot be used fails its deliveries with offset 0 (no real offset is 0),
    saying why in `failure`."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="deliveries")
    event_type = models.CharField(max_length=20)  # "visit" or "milestone"
    event_id = models.PositiveIntegerField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    offset = models.PositiveIntegerField()  # minutes before the event
    kind = models.CharField(max_length=20, choices=DeliveryKind.choices, default=DeliveryKind.REMINDER)
    sequence = models.PositiveIntegerField(default=0)  # the visit's SEQUENCE the message describes
    due_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)  # claims by a send task, the lost ones included
    failure = models.CharField(max_length=20, choices=FailureKind.choices, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            SameNetwork("rule"),
            models.UniqueConstraint(fields=["rule", "event_type", "event_id", "recipient", "offset"],
                                    condition=Q(kind="reminder"), name="reminder_sent_once"),
            models.UniqueConstraint(fields=["rule", "event_type", "event_id", "recipient", "sequence"],
                                    condition=Q(kind="update"), name="update_notice_sent_once"),
            models.CheckConstraint(condition=Q(offset__lte=MAX_OFFSET), name="reminder_offset_within_a_year"),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="reminder_status_due")]
