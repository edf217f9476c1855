"""A PDF someone asked for: rendered by a Celery worker, kept for a while, served by a view that
checks permission. The job row is the user's handle on the work: its status, a readable reason
when it fails, the file when it is ready. A plan version's PDF is rendered once per language and
kept with the version (FrozenPdf); its jobs are served from there."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.constraints import SameNetwork, network_key
from programmes.tenancy.models import TenantModel

from . import limits


class ReportKind(models.TextChoices):
    ACTION_PLAN = "action_plan", _("Action plan")
    NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis")
    PROGRAMME_REPORT = "programme_report", _("Programme report")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for its turn")
    RUNNING = "running", _("Being rendered")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Deleted after its retention time")


class FrozenPdf(TenantModel):
    """The PDF of a plan version in one language, rendered once and kept as long as the version.

    A version never changes, so neither does its PDF: it belongs to the version, not to whoever
    asked first, and the retention sweep (which deletes what a job rendered for its reader) leaves
    it alone. Every job for the same version and language points here instead of rendering again;
    the unique pair is what lets two simultaneous requests end up with one row. A separate row
    rather than a reused PdfJob because a job is one person's request (who, when, its own expiry)
    and the version's file outlives all of them.

    `claimed_by` and `claimed_at` say which job is rendering it right now, so that a second
    worker does not render it too; the renderer then completes every job waiting on it. A claim
    older than a render may last (limits.interrupted_after) is taken as abandoned: its worker
    was killed, and a live render is never taken over.
    """

    plan_version = models.ForeignKey("actionplans.PlanVersion", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    file = models.CharField(max_length=300, blank=True)  # its name in storage (storage.py); empty until rendered
    pages = models.PositiveIntegerField(null=True, blank=True)
    claimed_by = models.UUIDField(null=True, blank=True)  # the token of the job rendering it
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            network_key(),
            SameNetwork("plan_version"),
            models.UniqueConstraint(fields=["plan_version", "language"], name="frozen_pdf_once_per_language"),
        ]

    def __str__(self):
        return f"{self.plan_version} ({self.language})"

    @property
    def is_rendered(self):
        return bool(self.file)


class PdfJob(TenantModel):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=30, choices=ReportKind.choices)
    mentorship = models.ForeignKey("mentorships.Mentorship", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+")
    programme = models.ForeignKey("mentorships.Programme", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+")
    plan_version = models.ForeignKey("actionplans.PlanVersion", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+")
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    error = models.TextField(blank=True)  # readable by the person who asked; the traceback goes to the log
    file = models.CharField(max_length=300, blank=True)  # its name in storage; the job's own render
    # A plan version's job is served from the version's kept PDF (its own file stays empty).
    frozen = models.ForeignKey(FrozenPdf, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs")
    pages = models.PositiveIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When beat's sweep found it interrupted (or its message lost) and queued it once more; a job
    # is queued again only once (recovery.py).
    recovered_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            SameNetwork("mentorship"),
            SameNetwork("programme"),
            SameNetwork("plan_version"),
            SameNetwork("frozen"),
            models.CheckConstraint(
                condition=models.Q(kind="programme_report", programme__isnull=False)
                | models.Q(mentorship__isnull=False),
                name="pdf_job_names_what_it_renders",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status in {JobStatus.QUEUED, JobStatus.RUNNING}

    @property
    def is_interrupted(self):
        """Being rendered for longer than any render may last: its worker stopped. The page says
        so and offers "Try again" at once, without waiting for the sweep (recovery.py)."""
        return (self.status == JobStatus.RUNNING and self.started_at is not None
                and self.started_at < timezone.now() - limits.interrupted_after())

    @property
    def stored_file(self):
        """The finished PDF's name in storage: the version's kept file, or the job's own."""
        return self.frozen.file if self.frozen_id else self.file
