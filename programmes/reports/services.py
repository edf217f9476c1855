"""Asking for a PDF: a job row, then the Celery task once the row is committed."""

from django.db import transaction
from django.utils import translation

from programmes.tenancy.services import audit

from .models import PdfJob
from .tasks import render_pdf


def request_pdf(*, network, kind, by, mentorship=None, programme=None, plan_version=None, language=None):
    job = PdfJob.objects.create(
        network=network, kind=kind, mentorship=mentorship, programme=programme, plan_version=plan_version,
        language=language or translation.get_language() or "en", requested_by=by,
    )
    audit(network, by=by, action="pdf.requested", subject=str(mentorship or programme), kind=kind)
    transaction.on_commit(lambda: render_pdf.delay(job.pk))
    return job


def retry(job, *, by):
    return request_pdf(network=job.network, kind=job.kind, by=by, mentorship=job.mentorship,
                       programme=job.programme, plan_version=job.plan_version, language=job.language)
