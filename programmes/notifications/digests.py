"""The daily digest: beat's sweep (every 15 minutes) makes each person's morning e-mail per network.

A person whose notifications of a kind go "in a daily digest" has them kept pending; once it is
past 08:00 where they live (User.time_zone) on a day for which they have no digest in that
network yet, the sweep

1. creates the `Digest` row of that local day (unique per network, person and day, so that two
   sweeps racing create one: the second one's INSERT is ignored);
2. attaches the person's pending rows to it with one conditional UPDATE (`digest IS NULL`, and only
   to a digest still pending: a row that comes after the morning's e-mail left waits for the next);
3. queues the send task of each pending digest of the batch; the task claims the digest
   (delivery.send_digest), so that a digest queued by two sweeps is sent once.

The sweep reads and writes a batch of people at a time with a fixed number of queries, whatever
their number of networks or notifications: no query per person. It runs outside any scope (it
serves every network); each send task runs in its digest's network. A digest whose data cannot be
written fails alone (delivery.py); one whose task was lost is queued again by a later sweep.
"""

import datetime
import logging

from django.db import DatabaseError
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django_scopes import scopes_disabled

from .delivery import MAX_ATTEMPTS, STALE_CLAIM
from .emails import zone_named
from .kinds import Delivery
from .models import Digest, MailStatus, Notification

logger = logging.getLogger(__name__)

DIGEST_TIME = datetime.time(8, 0)
BATCH = 100  # people per batch
LOST_LIMIT = 1000  # digests queued again per sweep, at most


def local_day(time_zone, now):
    """The person's local day if it is past 08:00 there, else None (their digest is not due)."""
    local = now.astimezone(zone_named(time_zone))
    return local.date() if local.time() >= DIGEST_TIME else None


def due_people(now):
    """{recipient id: (local day, {network ids})} of everyone with digest rows waiting whose
    morning has come: one query, however many people."""
    waiting = (Notification.objects.filter(delivery=Delivery.DIGEST, mail_status=MailStatus.PENDING,
                                           digest__isnull=True)
               .values_list("recipient_id", "recipient__time_zone", "network_id").distinct())
    due = {}
    for recipient_id, time_zone, network_id in waiting:
        day = local_day(time_zone, now)
        if day is not None:
            due.setdefault(recipient_id, (day, set()))[1].add(network_id)
    return due


@scopes_disabled()
def sweep(*, enqueue, now=None, batch_size=BATCH, after_batch=None, due=None, enqueue_lost_notification=None):
    """Make the digests that are due and queue them: `enqueue(digest_id, network_id)`. Returns the
    queued [(digest id, network id)]. Immediate e-mails whose task was lost are handed to
    `enqueue_lost_notification(notification_id, network_id)`. For the benchmark: `after_batch(queued)` after each batch, and
    `due`, a reading of due_people() made earlier (two sweeps that read at the same moment)."""
    now = now or timezone.now()
    due = due_people(now) if due is None else due
    people = sorted(due)
    queued = []
    for start in range(0, len(people), batch_size):
        batch = people[start:start + batch_size]
        try:
            made = make_batch(batch, due, now)
        except DatabaseError:  # this batch waits for the next sweep; the others go on
            logger.exception("Digest batch of %s people failed", len(batch))
            continue
        if after_batch is not None:
            after_batch(made)
        queued += made
    queued += lost_digests(now, exclude={pk for pk, _network in queued})
    for digest_id, network_id in queued:
        try:
            enqueue(digest_id, network_id)
        except Exception:  # noqa: BLE001 - a broker hiccup: the next sweep queues it again
            logger.exception("Digest %s could not be queued", digest_id)
    if enqueue_lost_notification is not None:
        for notification_id, network_id in lost_notifications(now):
            try:
                enqueue_lost_notification(notification_id, network_id)
            except Exception:  # noqa: BLE001 - as above
                logger.exception("Notification %s could not be queued", notification_id)
    return queued


def make_batch(batch, due, now):
    """Create, fill and list the digests of `batch` (recipient ids): four queries whatever its
    size (bulk_create may split on SQLite's variable limit)."""
    days = {due[recipient][0] for recipient in batch}
    Digest.objects.bulk_create(
        [Digest(network_id=network_id, recipient_id=recipient, day=due[recipient][0])
         for recipient in batch for network_id in sorted(due[recipient][1])],
        ignore_conflicts=True)
    # The newest digest still pending of each row's network and person (today's, just made).
    pending_digest = (Digest.objects.filter(network_id=OuterRef("network_id"), recipient_id=OuterRef("recipient_id"),
                                            status=MailStatus.PENDING, day__in=days)
                      .order_by("-day").values("pk")[:1])
    (Notification.objects.filter(recipient_id__in=batch, delivery=Delivery.DIGEST, mail_status=MailStatus.PENDING,
                                 digest__isnull=True, created_at__lte=now)
     .update(digest=Subquery(pending_digest)))
    rows = (Digest.objects.filter(recipient_id__in=batch, day__in=days, status=MailStatus.PENDING)
            .values_list("pk", "network_id", "recipient_id", "day"))
    return [(pk, network_id) for pk, network_id, recipient, day in rows if due[recipient][0] == day]


def lost_digests(now, *, exclude=()):
    """Digests whose task was lost: pending well after they were made (or their retry was due), or
    held by a claim gone stale. One query."""
    stale = now - STALE_CLAIM
    rows = (Digest.objects.filter(
        Q(status=MailStatus.PENDING, claimed_at__isnull=True, created_at__lt=stale)
        | Q(status=MailStatus.PENDING, claimed_at__lt=stale)
        | Q(status=MailStatus.SENDING, claimed_at__lt=stale, attempts__lt=MAX_ATTEMPTS))
        .order_by("pk").values_list("pk", "network_id")[:LOST_LIMIT])
    return [(pk, network_id) for pk, network_id in rows if pk not in exclude]


def lost_notifications(now):
    """Immediate e-mails whose task was lost (the broker was down at commit, a worker died): still
    pending well after they were made or their retry was due, or held by a stale claim. One query."""
    stale = now - STALE_CLAIM
    rows = (Notification.objects.filter(
        Q(mail_status=MailStatus.PENDING, claimed_at__isnull=True, created_at__lt=stale)
        | Q(mail_status=MailStatus.PENDING, claimed_at__lt=stale)
        | Q(mail_status=MailStatus.SENDING, claimed_at__lt=stale, attempts__lt=MAX_ATTEMPTS),
        delivery=Delivery.IMMEDIATE)
        .order_by("pk").values_list("pk", "network_id")[:LOST_LIMIT])
    return list(rows)
