"""A PDF someone asked for: rendered by a Celery worker, kept for a while, served by a view that
checks permission. The job row is the user's handle on the work: its status, a readable reason
when it fails, the file when it is ready."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.models import TenantModel


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
    file = models.CharField(max_length=300, blank=True)  # relative to MEDIA_ROOT
    pages = models.PositiveIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="programme_report", programme__isnull=False)
                | models.Q(mentorship__isnull=False),
                name="pdf_job_names_what_it_renders",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status in {JobStatus.QUEUED, JobStatus.RUNNING}
