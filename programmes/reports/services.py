"""Asking for a PDF: a job row, then the Celery task once the row is committed. A plan version
already rendered in the reader's language needs no task: its job is ready at once (frozen.py)."""

from django.db import transaction
from django.utils import timezone, translation

from programmes.tenancy.services import audit

from . import frozen, recovery
from .models import JobStatus, PdfJob
from .tasks import render_pdf


def request_pdf(*, network, kind, by, mentorship=None, programme=None, plan_version=None, language=None):
    language = language or translation.get_language() or "en"
    kept = None
    if plan_version is not None:
        kept = frozen.kept_pdf(network=network, plan_version=plan_version, language=language)
    job = PdfJob(network=network, kind=kind, mentorship=mentorship, programme=programme, plan_version=plan_version,
                 language=language, requested_by=by, frozen=kept)
    ready = kept is not None and frozen.on_disk(kept)
    if ready:
        now = timezone.now()
        job.status, job.pages, job.started_at, job.finished_at = JobStatus.DONE, kept.pages, now, now
    job.save()
    audit(network, by=by, action="pdf.requested", subject=str(mentorship or programme), kind=kind)
    if not ready:
        transaction.on_commit(lambda: render_pdf.delay(job.pk))
    return job


def retry(job, *, by):
    """A new job for the same document. A job shown as interrupted is failed first, so that beat's
    sweep does not render it as well (recovery.supersede)."""
    recovery.supersede(job)
    return request_pdf(network=job.network, kind=job.kind, by=by, mentorship=job.mentorship,
                       programme=job.programme, plan_version=job.plan_version, language=job.language)
