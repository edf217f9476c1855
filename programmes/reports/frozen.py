"""A plan version's PDF, rendered once per language and kept with the version.

A version is immutable, so rendering it again could only produce the same document, slower: the
first request renders it, every later one is answered from storage at once (DESIGN.md, Speed).
Two requests that race agree through the database, not through memory: the unique row per
version and language, then a claim on that row that only one job can take. The job holding the
claim renders and then completes every job that waited on the same row; the others render
nothing.
"""

from pathlib import PurePosixPath

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import limits, storage
from .models import FrozenPdf, JobStatus, PdfJob


def frozen_path(kept):
    """Where the version's PDF lives, its name in storage: under its network, named after the
    version and language, so that a second render (after a lost claim) replaces it rather than
    leaving a copy."""
    return PurePosixPath("pdfs") / str(kept.network_id) / "versions" / f"{kept.plan_version_id}-{kept.language}.pdf"


def kept_pdf(*, network, plan_version, language):
    """The version's row for this language, created if it is the first request. get_or_create
    retries the read when the unique constraint refuses a second row, so racing requests share one."""
    kept, _created = FrozenPdf.objects.get_or_create(network=network, plan_version=plan_version, language=language)
    return kept


def on_disk(kept):
    """Rendered, and its file still in storage (a restore without the media folder or bucket
    loses it). The name stays from when storage was a disk only."""
    return kept.is_rendered and storage.exists(kept.file)


def forget_lost_file(kept):
    """A row that says rendered but whose file is gone is made renderable again."""
    FrozenPdf.objects.filter(pk=kept.pk, file=kept.file).update(file="", pages=None, rendered_at=None)


def claim(kept, *, job):
    """True if this job may render the version's PDF: nobody has rendered it, and nobody else is
    rendering it (or their claim is older than a render may last). One conditional UPDATE, so that
    of two workers at the same moment exactly one gets True. A redelivered job keeps its claim."""
    now = timezone.now()
    free = (Q(claimed_by__isnull=True) | Q(claimed_by=job.token)
            | Q(claimed_at__lt=now - limits.interrupted_after()))
    return FrozenPdf.objects.filter(Q(pk=kept.pk, file="") & free).update(claimed_by=job.token, claimed_at=now) == 1


def release(kept, *, job):
    """The job's claim is let go without a verdict (its worker is gone, or its reader asked
    again): the next job to come renders the version, and completes any that waited."""
    FrozenPdf.objects.filter(pk=kept.pk, claimed_by=job.token).update(claimed_by=None, claimed_at=None)


def complete_waiting(kept):
    """Every pending job of this version and language gets the kept file: ready at once, with no
    expiry of its own (the file stays as long as the version does)."""
    return PdfJob.objects.filter(frozen=kept, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.DONE, pages=kept.pages, error="", finished_at=timezone.now(), expires_at=None)


@transaction.atomic
def store(kept, *, relative, pages):
    """The render is written: the row says where, the claim is released, the waiting jobs are done."""
    now = timezone.now()
    FrozenPdf.objects.filter(pk=kept.pk).update(file=str(relative), pages=pages, rendered_at=now,
                                                 claimed_by=None, claimed_at=None)
    kept.file, kept.pages, kept.rendered_at = str(relative), pages, now
    complete_waiting(kept)


@transaction.atomic
def give_up(kept, *, job, reason):
    """The render failed: the claim is released so that a retry may render, and every job that
    waited on it fails with the same reason (they share its language), so nobody waits forever."""
    FrozenPdf.objects.filter(pk=kept.pk, claimed_by=job.token).update(claimed_by=None, claimed_at=None)
    PdfJob.objects.filter(frozen=kept, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.FAILED, error=reason, finished_at=timezone.now())


def delete_file(kept):
    """The version (or its mentorship, or its network) is deleted: so is its PDF, once the
    deletion is committed (a rolled-back deletion keeps it)."""
    if kept.file:
        name = kept.file
        transaction.on_commit(lambda: storage.delete(name))
