"""Rendering PDFs in the background. A job survives a worker dying mid-render (acks_late,
reject_on_worker_lost: the broker hands it to another worker) and its file is written atomically,
so nobody downloads half a PDF. A plan version is rendered once per language (frozen.py)."""

import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_scopes import scope, scopes_disabled

from . import frozen
from .models import JobStatus, PdfJob

logger = logging.getLogger(__name__)


def pdf_path(job):
    return Path("pdfs") / str(job.network_id) / f"{job.token}.pdf"


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_pdf(job_id):
    with scopes_disabled():
        job = PdfJob.objects.select_related("network", "frozen").filter(pk=job_id).first()
    if job is None or job.status in {JobStatus.DONE, JobStatus.EXPIRED}:
        return  # already rendered (a redelivery after a lost acknowledgement), or gone
    with scope(network=job.network):
        if job.frozen_id is None:
            _render_for_the_job(job)
        else:
            _render_once_for_the_version(job)


def _render_for_the_job(job):
    """The live plan, a needs analysis, a programme report: they change, so each job renders its
    own file, kept for PDF_RETENTION_HOURS."""
    relative = pdf_path(job)
    pages, _reason = _render(job, relative)
    if pages is None:
        return
    now = timezone.now()
    PdfJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, file=str(relative), pages=pages, error="", finished_at=now,
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
    relative = frozen.frozen_path(kept)
    pages, reason = _render(job, relative)
    if pages is None:
        frozen.give_up(kept, job=job, reason=reason)
    else:
        frozen.store(kept, relative=relative, pages=pages)


def _render(job, relative):
    """Renders the job into MEDIA_ROOT/relative: (page count, None), or (None, reason) when it
    failed; the job then says why, in its reader's language."""
    # Imported here on purpose, not to dodge a cycle: rendering loads WeasyPrint and its fonts,
    # which the web processes that only queue jobs (views, the panel tag) never need.
    from .rendering import render

    PdfJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now(),
                                            attempts=job.attempts + 1)
    try:
        pdf, pages = render(job)
        _write_atomically(Path(settings.MEDIA_ROOT) / relative, pdf)
    except Exception as error:  # noqa: BLE001 - any failure must reach the person who asked
        logger.exception("PDF job %s (%s) failed", job.pk, job.kind)
        with override(job.language):
            reason = _("The PDF could not be rendered (%(error)s). Try again; if it fails again, tell the "
                       "network's coordinators.") % {"error": type(error).__name__}
        PdfJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=reason, finished_at=timezone.now())
        return None, reason
    return pages, None


def _write_atomically(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@shared_task(acks_late=True)
def delete_expired_pdfs():
    """Beat's hourly sweep: PDFs past their retention time are deleted from disk. A job served
    from a plan version's kept PDF has no file of its own and is left alone: the file is the
    version's, and goes only with it."""
    with scopes_disabled():
        expired = list(PdfJob.objects.filter(status=JobStatus.DONE, expires_at__lte=timezone.now(),
                                             frozen__isnull=True))
        for job in expired:
            (Path(settings.MEDIA_ROOT) / job.file).unlink(missing_ok=True)
        PdfJob.objects.filter(pk__in=[job.pk for job in expired]).update(status=JobStatus.EXPIRED, file="")
    return len(expired)
