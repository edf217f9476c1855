"""Programmes (a call or cohort), their milestones, and the mentorships inside them.

A mentorship pairs a mentee city with a mentor city, each with its association; a community of
practice is a mentorship whose cities are all peers. Changes to programmes, mentorships and
participants are kept as history (who, when, what).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from programmes.core.history import TenantHistory
from programmes.core.limits import LONG_TEXT
from programmes.directory.models import Association, City
from programmes.tenancy.constraints import SameNetwork, network_key
from programmes.tenancy.models import TenantModel


def at_most_long_text(model, field):
    """The database refuses more text in `field` than a form accepts (TextField's max_length is the form's)."""
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), LONG_TEXT),
                                  name=f"{model}_{field}_at_most_long_text")


class ProgrammeFormat(models.TextChoices):
    PAIRS = "pairs", _("Mentoring pairs (a mentee city and a mentor city)")
    COMMUNITY = "community", _("Community of practice (several peer cities)")


MAX_CHECK_INS = 6  # check-ins after the approval of an action plan, at most
MAX_CHECK_IN_MONTH = 60  # the last one at most five years after the approval


def check_in_months_problem(months):
    """Why stored check-in months cannot be used, or "" when they can: a list of at most six whole
    months, each from 1 to 60 (the sweep reads only what passes this)."""
    if not isinstance(months, list) or len(months) > MAX_CHECK_INS:
        return "shape"
    if any(isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= MAX_CHECK_IN_MONTH
           for month in months):
        return "value"
    return ""


def validate_check_in_months(months):
    if check_in_months_problem(months):
        raise ValidationError(
            _("Give at most %(count)s numbers of months, each from 1 to %(most)s, for example “6, 12”.")
            % {"count": MAX_CHECK_INS, "most": MAX_CHECK_IN_MONTH}, code="check_in_months")


def default_check_in_months():
    return [6, 12]


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


class Programme(TenantModel):
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme or policy area"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)
    languages = models.CharField(
        _("working languages"), max_length=200, blank=True, help_text=_("For example: English, Italian, Greek.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    format = models.CharField(_("format"), max_length=20, choices=ProgrammeFormat.choices, default=ProgrammeFormat.PAIRS)
    uses_benchmark = models.BooleanField(
        _("uses a thematic benchmark"),
        default=True,
        help_text=_("Mentoring without a benchmark is a valid choice of the method."),
    )
    benchmark = models.ForeignKey(
        "benchmarks.Benchmark",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("benchmark"),
        help_text=_("A published version; mentee cities assess themselves against it."),
    )
    max_focus_factors = models.PositiveSmallIntegerField(
        _("focus factors per mentorship"), default=3,
        help_text=_("How many key factors a mentee city may choose as the focus of its mentoring."),
    )
    planned_visits = models.PositiveSmallIntegerField(_("planned number of visits"), default=3)
    quiet_weeks = models.PositiveSmallIntegerField(
        _("quiet weeks before a nudge"), default=4,
        help_text=_("Nudge a mentorship after this many weeks without activity."),
    )
    check_in_months = models.JSONField(
        _("check-ins after approval (months)"), default=default_check_in_months, blank=True,
        validators=[validate_check_in_months],
        help_text=_("Months after the approval of an action plan when its progress is checked, for example “6, 12”."),
    )
    status = models.CharField(_("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    history = TenantHistory()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "title"]
        constraints = [
            network_key(),
            SameNetwork("benchmark"),
            at_most_long_text("programme", "description"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="programme_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(max_focus_factors__gte=1, max_focus_factors__lte=10),
                name="programme_focus_factors_between_1_and_10",
                violation_error_message=_("Allow between 1 and 10 focus factors."),
            ),
            models.CheckConstraint(
                condition=Q(planned_visits__gte=1, planned_visits__lte=10),
                name="programme_visits_between_1_and_10",
                violation_error_message=_("Plan between 1 and 10 visits."),
            ),
            models.CheckConstraint(
                condition=Q(quiet_weeks__gte=1, quiet_weeks__lte=52),
                name="programme_quiet_weeks_between_1_and_52",
                violation_error_message=_("Nudge after between 1 and 52 weeks."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_community(self):
        return self.format == ProgrammeFormat.COMMUNITY


class MilestoneKind(models.TextChoices):
    NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis, first draft")
    MATCHING = "matching", _("Matching")
    TRAINING = "training", _("Training")
    VISIT = "visit", _("Mentoring visit")
    ACTION_PLAN = "action_plan", _("Final action plan")
    APPROVAL = "approval", _("Approval of the action plan")
    OTHER = "other", _("Other")


class Milestone(TenantModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    visit_number = models.PositiveSmallIntegerField(_("visit number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("Leave empty to use the kind."))
    due_date = models.DateField(_("due date"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "pk"]
        constraints = [network_key(), SameNetwork("programme")]

    def __str__(self):
        if self.title:
            return self.title
        if self.kind == MilestoneKind.VISIT and self.visit_number:
            return _("Mentoring visit %(number)s") % {"number": self.visit_number}
        return str(self.get_kind_display())


class Phase(models.TextChoices):
    PREPARATION = "preparation", _("Preparation")
    VISITS = "visits", _("Visits")
    ACTION_PLAN = "action_plan", _("Action plan")
    APPROVAL = "approval", _("Approval")
    IMPLEMENTATION = "implementation", _("Implementation")
    CLOSED = "closed", _("Closed")


class Mentorship(TenantModel):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="mentorships")
    title = models.CharField(_("title"), max_length=200)
    focus = models.TextField(_("focus"), blank=True, max_length=LONG_TEXT,
                             help_text=_("What the mentee city wants to change."))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARATION)
    private_notes = models.TextField(
        _("private notes"), blank=True, max_length=LONG_TEXT,
        help_text=_("Seen only by the people taking part in this mentorship."),
    )
    shared_summary = models.TextField(
        _("summary shared with the programme"),
        blank=True,
        max_length=LONG_TEXT,
        help_text=_("What the mentorship chooses to tell the programme's coordinators and facilitators."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = TenantHistory(excluded_fields=["private_notes"])

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["title"]
        constraints = [
            network_key(),
            SameNetwork("programme"),
            *(at_most_long_text("mentorship", field) for field in ("focus", "private_notes", "shared_summary")),
        ]

    def __str__(self):
        return self.title


class CitySide(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    PEER = "peer", _("Peer")


def by_side(places):
    """{side: [MentorshipCity, …]} of a mentorship's cities (every side present, possibly empty)."""
    sides = {side: [] for side in CitySide.values}
    for place in places:
        sides[place.side].append(place)
    return sides


class MentorshipCity(TenantModel):
    """A city taking part in a mentorship, on one side, backed by an association."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="cities")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="mentorship_places")
    association = models.ForeignKey(Association, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    side = models.CharField(_("side"), max_length=10, choices=CitySide.choices)

    class Meta:
        verbose_name = _("city in a mentorship")
        verbose_name_plural = _("cities in mentorships")
        ordering = ["side", "pk"]
        constraints = [
            SameNetwork("mentorship"),
            SameNetwork("city"),
            SameNetwork("association"),
            models.UniqueConstraint(fields=["mentorship", "city"], name="city_once_per_mentorship"),
        ]

    def __str__(self):
        return f"{self.city} ({self.get_side_display()})"


class ProgrammeRole(models.TextChoices):
    MENTEE_TEAM = "mentee_team", _("Mentee team")
    MENTOR_TEAM = "mentor_team", _("Mentor team")
    MENTEE_ASSOCIATION = "mentee_association", _("Mentee association")
    MENTOR_ASSOCIATION = "mentor_association", _("Mentor association")
    SUPPORT_GROUP = "support_group", _("Support group member")
    OBSERVER = "observer", _("Observer")


class Participant(TenantModel):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(_("role in the programme"), max_length=30, choices=ProgrammeRole.choices)
    is_lead = models.BooleanField(default=False)
    is_lead = models.BooleanField(
        _("leads the mentorship"), default=False, help_text=_("A lead can invite and remove participants.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = TenantHistory()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["role", "pk"]
        constraints = [
            SameNetwork("mentorship"),
            models.UniqueConstraint(fields=["mentorship", "user"], name="participant_once_per_mentorship"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class ProgrammeFacilitator(TenantModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="facilitators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("programme facilitator")
        verbose_name_plural = _("programme facilitators")
        constraints = [
            SameNetwork("programme"),
            models.UniqueConstraint(fields=["programme", "user"], name="facilitator_once_per_programme"),
        ]

    def __str__(self):
        return str(self.user)


class MilestoneDone(TenantModel):
    """A mentorship has reached one of its programme's milestones."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="milestones_done")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="+")
    done_on = models.DateField(_("done on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [
            SameNetwork("mentorship"),
            SameNetwork("milestone"),
            models.UniqueConstraint(fields=["mentorship", "milestone"], name="milestone_done_once"),
        ]


class MentorshipInvitation(TenantModel):
    """The mentorship and programme role an e-mailed network invitation carries."""

    invitation = models.OneToOneField("tenancy.Invitation", on_delete=models.CASCADE, related_name="mentorship_grant")
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role in the programme"), max_length=30, choices=ProgrammeRole.choices)
    is_lead = models.BooleanField(default=False)

    class Meta:
        constraints = [SameNetwork("invitation"), SameNetwork("mentorship")]
