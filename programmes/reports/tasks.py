"""Rendering PDFs in the background. A render is stopped at its time limit (limits.py) and fails
with a reason; a job whose worker died mid-render is queued once more by beat's sweep, or by the
broker (acks_late, reject_on_worker_lost), and a second copy of its message renders nothing
(recovery.py). Its file is stored atomically (storage.py), so nobody downloads half a PDF. A plan
version is rendered once per language (frozen.py)."""

import logging
from datetime import timedelta
from pathlib import PurePosixPath

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_scopes import scope, scopes_disabled

from . import frozen, limits, recovery, storage
from .models import JobStatus, PdfJob

logger = logging.getLogger(__name__)


def pdf_path(job):
    return PurePosixPath("pdfs") / str(job.network_id) / f"{job.token}.pdf"


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=limits.soft_limit_seconds(),
             time_limit=limits.hard_limit_seconds())
def render_pdf(job_id):
    with scopes_disabled():
        job = PdfJob.objects.select_related("network", "frozen").filter(pk=job_id).first()
    if job is None or not job.is_pending:
        return  # rendered, failed or expired (a late copy of its message), or gone
    with scope(network=job.network):
        if job.frozen_id is None:
            _render_for_the_job(job)
        else:
            _render_once_for_the_version(job)


def _render_for_the_job(job):
    """The live plan, a needs analysis, a programme report: they change, so each job renders its
    own file, kept for PDF_RETENTION_HOURS."""
    if not recovery.start(job):
        return  # another copy of its message is rendering it
    stored, pages, _reason = _render(job, pdf_path(job))
    if stored is None:
        return
    now = timezone.now()
    PdfJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, file=stored, pages=pages, error="", finished_at=now,
        expires_at=now + timedelta(hours=settings.PDF_RETENTION_HOURS),
    )


def _render_once_for_the_version(job):
    """A plan version: rendered by the one job that claims it; every other job of the same version
    and language is completed with that file, by the renderer or here if it is already there."""
    kept = job.frozen
    if frozen.on_disk(kept):
        frozen.complete_waiting(kept)
        return
    if kept.is_rendered:
        frozen.forget_lost_file(kept)
    if not frozen.claim(kept, job=job):
        kept.refresh_from_db()
        if frozen.on_disk(kept):
            frozen.complete_waiting(kept)
        return  # another worker is rendering it and completes this job when it is done
    if not recovery.start(job):
        return  # another copy of this job's message is rendering it
    stored, pages, reason = _render(job, frozen.frozen_path(kept))
    if stored is None:
        frozen.give_up(kept, job=job, reason=reason)
    else:
        frozen.store(kept, relative=stored, pages=pages)


def _render(job, relative):
    """Renders the job and stores it under `relative`: (stored name, page count, None), or
    (None, None, reason) when it failed; the job then says why, in its reader's language."""
    # Imported here on purpose, not to dodge a cycle: rendering loads WeasyPrint and its fonts,
    # which the web processes that only queue jobs (views, the panel tag) never need.
    from .rendering import render

    try:
        pdf, pages = render(job)
        stored = storage.save_pdf(relative, pdf)
    except Exception as error:  # noqa: BLE001 - any failure must reach the person who asked
        logger.exception("PDF job %s (%s) failed", job.pk, job.kind)
        with override(job.language):
            if isinstance(error, SoftTimeLimitExceeded):  # PDF_TIME_LIMIT_SECONDS passed (limits.py)
                reason = _("The PDF took too long to render and was stopped. Try again; if it fails again, tell "
                           "the network's coordinators.")
            else:
                reason = _("The PDF could not be rendered (%(error)s). Try again; if it fails again, tell the "
                           "network's coordinators.") % {"error": type(error).__name__}
        PdfJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=reason, finished_at=timezone.now())
        return None, None, reason
    return stored, pages, None


@shared_task(acks_late=True)
def delete_expired_pdfs():
    """Beat's hourly sweep: PDFs past their retention time are deleted from storage. A job served
    from a plan version's kept PDF has no file of its own and is left alone: the file is the
    version's, and goes only with it."""
    with scopes_disabled():
        expired = list(PdfJob.objects.filter(status=JobStatus.DONE, expires_at__lte=timezone.now(),
                                             frozen__isnull=True))
        for job in expired:
            storage.delete(job.file)
        PdfJob.objects.filter(pk__in=[job.pk for job in expired]).update(status=JobStatus.EXPIRED, file="")
    return len(expired)


@shared_task(acks_late=True)
def recover_interrupted_pdfs():
    """Beat, every PDF_RECOVERY_SWEEP_SECONDS: jobs whose worker stopped mid-render, or whose
    message was lost, are queued once more or failed with a reason (recovery.py)."""
    return recovery.sweep(enqueue=render_pdf.delay)
