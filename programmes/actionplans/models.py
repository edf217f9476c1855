"""The action plan (Annex 6): what the mentoring produces. One plan per mentorship, one row per
action with the guide's six columns, a workflow from draft to completed, a frozen version at each
step, comments per row, and progress per action once the plan is approved."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programmes.tenancy.constraints import SameNetwork, network_key
from programmes.tenancy.models import TenantModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")
    APPROVED = "approved", _("Approved")
    IMPLEMENTATION = "implementation", _("In implementation")
    COMPLETED = "completed", _("Completed")


class ActionPlan(TenantModel):
    mentorship = models.OneToOneField("mentorships.Mentorship", on_delete=models.CASCADE, related_name="action_plan")
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approving_body = models.CharField(_("approving body"), max_length=200, blank=True,
                                      help_text=_("For example: the city council."))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_reference = models.CharField(_("reference"), max_length=200, blank=True,
                                          help_text=_("For example: council decision no. 45/2026."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [network_key(), SameNetwork("mentorship")]

    def __str__(self):
        return str(_("Action plan of %(mentorship)s") % {"mentorship": self.mentorship})

    @property
    def is_approved(self):
        return self.status in {PlanStatus.APPROVED, PlanStatus.IMPLEMENTATION, PlanStatus.COMPLETED}


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Action(TenantModel):
    """One row of Annex 6. `version` guards against two people saving the same row."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField(default=0)
    action = models.TextField(_("action"), help_text=_("What you will do to answer the identified needs."))
    results = models.TextField(_("expected results"), blank=True)
    starts = models.DateField(_("start month"), null=True, blank=True)
    ends = models.DateField(_("end month"), null=True, blank=True)
    timeline_note = models.CharField(_("timeline"), max_length=100, blank=True,
                                     help_text=_("Instead of months, for example “Q3 2026”."))
    lead = models.CharField(_("who leads"), max_length=300, blank=True)
    resources = models.TextField(_("resources and partners"), blank=True,
                                 help_text=_("Staff, partners, planned funding."))
    success_measure = models.TextField(_("measure of success"), blank=True)
    needs = models.ManyToManyField("questionnaires.Question", blank=True, related_name="+", through="ActionNeed",
                                   verbose_name=_("needs it answers"))
    key_factors = models.ManyToManyField("benchmarks.KeyFactor", blank=True, related_name="+",
                                         through="ActionKeyFactor", verbose_name=_("key factors"))
    progress = models.CharField(_("progress"), max_length=20, choices=ProgressStatus.choices,
                                default=ProgressStatus.NOT_STARTED)
    progress_note = models.CharField(_("progress note"), max_length=500, blank=True)
    progress_on = models.DateField(_("progress as of"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["position", "pk"]
        constraints = [
            network_key(),
            SameNetwork("plan"),
            models.CheckConstraint(condition=Q(ends__isnull=True) | Q(starts__isnull=True) | Q(ends__gte=models.F("starts")),
                                   name="action_ends_after_it_starts",
                                   violation_error_message=_("The end month cannot be before the start month.")),
            # The position is the row number people see: two rows never share one (services lock
            # the plan to append, and renumber in two steps).
            models.UniqueConstraint(fields=["plan", "position"], name="action_position_unique"),
        ]

    def __str__(self):
        return self.action[:80]


class ActionNeed(TenantModel):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey("questionnaires.Question", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            SameNetwork("action"),
            SameNetwork("question"),
            models.UniqueConstraint(fields=["action", "question"], name="action_need_once"),
        ]


class ActionKeyFactor(TenantModel):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    key_factor = models.ForeignKey("benchmarks.KeyFactor", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            SameNetwork("action"),
            SameNetwork("key_factor"),
            models.UniqueConstraint(fields=["action", "key_factor"], name="action_key_factor_once"),
        ]


class PlanVersion(TenantModel):
    """The plan frozen at a step of its workflow: header and rows as they were."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices)
    snapshot = models.JSONField(default=dict)  # {"header": {...}, "rows": [{"id": …, field: value, …}]}
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [
            network_key(),
            SameNetwork("plan"),
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
        ]

    def __str__(self):
        return f"{self.number} – {self.get_status_display()}"


class ActionComment(TenantModel):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [SameNetwork("action")]


class CheckInState(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("check-in state", "Coming")
    DUE = "due", pgettext_lazy("check-in state", "Due")
    DONE = "done", pgettext_lazy("check-in state", "Done")
    OVERDUE = "overdue", pgettext_lazy("check-in state", "Overdue")


class CheckIn(TenantModel):
    """A moment, some months after the plan's approval, when the mentee team updates the progress
    of every action (Programme.check_in_months). It opens two weeks before its date (`opens_on`),
    is due from its date for 30 days, and is done once every open action has a progress update
    dated on or after its opening; after those 30 days, not done, it is overdue. Whether it is
    done is read from the actions (checkins.py), never stored, so it follows every update."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="check_ins")
    months = models.PositiveSmallIntegerField(_("months after approval"))
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("due on"))
    notified_at = models.DateTimeField(null=True, blank=True)  # when the mentee team was told it is due
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["due_on", "pk"]
        constraints = [
            network_key(),
            SameNetwork("plan"),
            models.UniqueConstraint(fields=["plan", "months"], name="check_in_once_per_month_of_plan"),
            models.CheckConstraint(condition=Q(opens_on__lte=models.F("due_on")), name="check_in_opens_before_due"),
        ]

    def __str__(self):
        return f"{self.plan_id} +{self.months}m ({self.due_on:%Y-%m-%d})"
