"""Sending one delivery, by the one copy of the task that claims it.

It runs inside the delivery's network scope, which the task opens from the network id the sweep
queued with the delivery (tasks.py): every read — the delivery, its visit or milestone — is that
network's, and a copy handed another network's id finds nothing to claim and sends nothing.

Celery delivers a task at least once: with `acks_late` a message comes again when its worker
dies, and now and then while its first copy still runs. So the task first claims its delivery
with a conditional UPDATE — pending, or held by a claim gone stale, becomes sending — and the
database lets exactly one copy's UPDATE match the row; only that copy sends, and only it records
what came of it (`claimed_by`):

- the e-mail cannot be written from the stored event or person: failed at once, saying why
  (a retry would meet the same data);
- the mail server or the database fails: pending again, queued for the moment of its retry,
  until the last attempt fails it;
- sent: sent.

A copy that dies mid-send leaves a claim that goes stale after `STALE_CLAIM`; a sweep or a
redelivered copy then takes it over. Each claim counts as an attempt, so a message that kills its
worker every time is failed in the end rather than taken over for ever.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone

from ..models import DeliveryStatus, FailureKind, ReminderDelivery
from .emails import build_message
from .sweeping import MAX_ATTEMPTS, STALE_CLAIM

__all__ = ["MAX_ATTEMPTS", "STALE_CLAIM", "Retry", "claim_delivery", "send_delivery"]
logger = logging.getLogger(__name__)


@dataclass
class Retry:
    """The mail server (or the database) failed: try again after `countdown` seconds."""

    error: Exception
    countdown: int


def claim_delivery(delivery_id, *, now):
    """This copy's token if it won the delivery, else None (sent, cancelled, failed, or held by a
    live claim of another copy)."""
    token = uuid.uuid4().hex
    claimable = Q(status=DeliveryStatus.PENDING) | Q(status=DeliveryStatus.SENDING, attempts__lt=MAX_ATTEMPTS,
                                                     claimed_at__lt=now - STALE_CLAIM)
    won = ReminderDelivery.objects.filter(claimable, pk=delivery_id).update(
        status=DeliveryStatus.SENDING, claimed_by=token, claimed_at=now, attempts=F("attempts") + 1)
    return token if won else None


def _error_text(error):
    return f"{type(error).__name__}: {error}"[:300]


def send_delivery(delivery_id):
    """Send one delivery of the active scope's network if this call wins its claim; a Retry when
    another try is due."""
    token = claim_delivery(delivery_id, now=timezone.now())
    if token is None:
        return None
    delivery = ReminderDelivery.objects.select_related("recipient").get(pk=delivery_id)
    mine = ReminderDelivery.objects.filter(pk=delivery_id, claimed_by=token)
    try:
        message = build_message(delivery)
        if message is not None:
            message.message()  # headers and addresses are checked here, before a mail server is asked
    except DatabaseError as error:
        return _retry_or_fail(mine, delivery, error)
    except Exception as error:  # noqa: BLE001 - whatever the stored data does, this delivery alone fails
        logger.warning("Reminder %s cannot be written: %s", delivery.pk, error)
        mine.update(status=DeliveryStatus.FAILED, failure=FailureKind.MESSAGE, last_error=_error_text(error))
        return None
    if message is None:  # its event is gone
        mine.update(status=DeliveryStatus.CANCELLED)
        return None
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - a mail server can fail in many ways; each is retried
        return _retry_or_fail(mine, delivery, error)
    mine.update(status=DeliveryStatus.SENT, sent_at=timezone.now(), failure="", last_error="")
    return None


def _retry_or_fail(mine, delivery, error):
    logger.warning("Reminder %s failed (attempt %s): %s", delivery.pk, delivery.attempts, error)
    if delivery.attempts >= MAX_ATTEMPTS:
        mine.update(status=DeliveryStatus.FAILED, failure=FailureKind.SENDING, last_error=_error_text(error))
        return None
    countdown = 60 * 2 ** delivery.attempts
    mine.update(status=DeliveryStatus.PENDING, last_error=_error_text(error),
                claimed_at=timezone.now() + timedelta(seconds=countdown))  # queued until its retry is due
    return Retry(error, countdown)
