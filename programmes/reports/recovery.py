"""PDF jobs whose worker stopped: queued once more, or failed with a reason the reader can act on.

A worker killed mid-render (out of memory, a container stopped past its grace period, a lost
host) leaves its job "being rendered". Its message goes back to the broker only after Redis's
visibility timeout (20 minutes; with the filesystem broker never), and the page would show a
spinner all that time. So the job's row decides, not the broker:

- the page shows a job rendering for longer than a render may last (limits.interrupted_after)
  as interrupted, with "Try again" (models.PdfJob.is_interrupted, `supersede` below);
- beat's sweep (`sweep`, every PDF_RECOVERY_SWEEP_SECONDS) queues such a job once more if it was
  attempted once, and fails it, in its reader's language, if it was interrupted again: a PDF
  that stopped two workers would stop the next one too;
- a job waiting its turn for longer than its message can take (limits.lost_after: the broker
  lost it, or never had it) is queued once more, then failed, so nobody waits for ever.

Copies of one job's message, the broker's late redelivery and the sweep's, render it once: a
delivery renders only a job that waits, or one whose renderer is gone (`start`).

Each network is recovered in its own scope and transaction, and each job on its own: a job that
cannot be recovered is logged and stops neither its network's other jobs nor another network.
"""

import logging

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_scopes import scope, scopes_disabled

from programmes.tenancy.models import Network

from . import frozen, limits
from .models import JobStatus, PdfJob

logger = logging.getLogger(__name__)
# A job is rendered at most this often: once, then once more after an interruption.
MAX_ATTEMPTS = 2


def start(job, now=None):
    """Mark the job as being rendered by this delivery, if it may be: True when it waits its turn,
    or when it is "being rendered" by a worker that is gone and has an attempt left. One
    conditional UPDATE, so that of two copies of its message exactly one renders; a copy arriving
    while the other renders, or after the job finished or failed, renders nothing."""
    now = now or timezone.now()
    gone = Q(status=JobStatus.RUNNING, started_at__lt=now - limits.interrupted_after(), attempts__lt=MAX_ATTEMPTS)
    return PdfJob.objects.filter(Q(pk=job.pk) & (Q(status=JobStatus.QUEUED) | gone)).update(
        status=JobStatus.RUNNING, started_at=now, attempts=F("attempts") + 1) == 1


def interrupted_message():
    """What the page says of a job whose worker stopped (the template says the same)."""
    return _("Interrupted: the worker stopped while rendering it.")


def supersede(job, now=None):
    """The reader asked again for a job shown as interrupted: it is failed, so that the sweep does
    not render it as well, and its claim on a plan version's PDF is released, so that the new job
    renders at once (and completes any job that waited on the old one). Nothing happens if the job
    moved on meanwhile."""
    if not job.is_interrupted:
        return
    now = now or timezone.now()
    with transaction.atomic():
        if job.frozen_id:
            frozen.release(job.frozen, job=job)
        with override(job.language):
            reason = interrupted_message()
        PdfJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING, started_at=job.started_at).update(
            status=JobStatus.FAILED, error=reason, finished_at=now)


def stuck(now):
    """Jobs the sweep looks at: rendering past any render's end, or waiting past any message's."""
    interrupted = Q(status=JobStatus.RUNNING, started_at__lt=now - limits.interrupted_after())
    lost = now - limits.lost_after()
    waiting = Q(status=JobStatus.QUEUED) & (Q(recovered_at__isnull=True, created_at__lt=lost)
                                             | Q(recovered_at__lt=lost))
    return interrupted | waiting


def sweep(now=None, *, enqueue):
    """Recover the stuck jobs of every network, network by network; `enqueue(job_id)` queues one
    again once its network's transaction is committed. Returns {"queued": n, "failed": n}.

    Finding which networks have stuck jobs is the one read across networks (ids only), so that a
    quiet sweep every minute costs one query, not one per network."""
    now = now or timezone.now()
    with scopes_disabled():
        network_ids = list(PdfJob.objects.filter(stuck(now)).order_by("network_id")
                           .values_list("network_id", flat=True).distinct())
    totals = {"queued": 0, "failed": 0}
    for network_id in network_ids:
        try:
            with transaction.atomic():
                with scopes_disabled():
                    network = Network.objects.get(pk=network_id)
                with scope(network=network):
                    queued, failed = _recover_network(now)
        except Exception:  # noqa: BLE001 - the next network must not pay for this one; the log says why
            logger.exception("PDF recovery of network %s failed", network_id)
            continue
        for job_id in queued:
            try:
                enqueue(job_id)
            except Exception:  # noqa: BLE001 - a broker blip: the job waits, and is failed once lost
                logger.exception("PDF job %s could not be queued again", job_id)
        totals["queued"] += len(queued)
        totals["failed"] += failed
    return totals


def _recover_network(now):
    """The active network's stuck jobs, each on its own (a savepoint): ([ids to queue], failed)."""
    queued, failed = [], 0
    for job in PdfJob.objects.filter(stuck(now)).select_related("frozen").order_by("pk"):
        try:
            with transaction.atomic():
                outcome = _recover(job, now)
        except Exception:  # noqa: BLE001 - one job's data must not stop the others'
            logger.exception("PDF job %s could not be recovered", job.pk)
            continue
        if outcome == "queued":
            queued.append(job.pk)
        elif outcome == "failed":
            failed += 1
    return queued, failed


def _recover(job, now):
    """Queue the job once more if it has never been, and has an attempt left; else fail it."""
    was = job.status
    if job.recovered_at is None and job.attempts < MAX_ATTEMPTS:
        if job.frozen_id:
            frozen.release(job.frozen, job=job)  # stale anyway: whoever delivers first renders it
        moved = PdfJob.objects.filter(pk=job.pk, status=job.status, started_at=job.started_at,
                                      recovered_at__isnull=True).update(status=JobStatus.QUEUED, recovered_at=now)
        if moved:
            logger.warning("PDF job %s (%s) was stuck (%s, attempt %s): queued once more", job.pk, job.kind, was,
                           job.attempts)
            return "queued"
        return None
    with override(job.language):
        if job.status == JobStatus.RUNNING:
            reason = _("Interrupted: the worker stopped while rendering it, and again when it was tried once "
                       "more. Try again; if it fails again, tell the network's coordinators.")
        else:
            reason = _("The PDF was not rendered: it waited too long for its turn. Try again; if it fails "
                       "again, tell the network's coordinators.")
    if job.frozen_id and job.frozen.claimed_by == job.token:
        frozen.give_up(job.frozen, job=job, reason=reason)  # releases the claim, fails whoever waited on it
    else:
        PdfJob.objects.filter(pk=job.pk, status=job.status).update(status=JobStatus.FAILED, error=reason,
                                                                  finished_at=now)
    logger.warning("PDF job %s (%s) was stuck again (%s): failed", job.pk, job.kind, was)
    return "failed"
