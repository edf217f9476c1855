"""Sending one notification's e-mail, by the one task copy that claims it.

Celery delivers a task at least once, so the task first claims its notification with a
conditional UPDATE (pending, or held by a claim gone stale, becomes sending): the database lets
one copy's UPDATE match the row, and only that copy sends (the pattern of
visits/reminders/sending.py). Before anything leaves, the recipient's right to read the object is
checked again: someone removed from a mentorship since is told nothing.

- the object its permission is checked on (for most events the mentorship, not the comment or
  row itself) is gone, or the person may no longer read it: skipped;
- the e-mail cannot be written from the stored data: failed at once, saying why;
- the mail server (or the database) fails: pending again until its retry, with backoff, until
  the last attempt fails it; the person's settings page shows failures.

A digest is claimed and sent the same way (`send_digest`); each of its rows is checked again, the
rows no longer readable are left out (skipped) and a digest with nothing left is not sent.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone

from . import selectors
from .emails import build_digest_message, build_notification_message
from .kinds import Delivery
from .models import Digest, MailStatus, Notification

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
STALE_CLAIM = timedelta(minutes=15)


@dataclass
class Retry:
    error: Exception
    countdown: int


def error_text(error):
    return f"{type(error).__name__}: {error}"[:300]


def claim(queryset, pk, *, now, status_field="mail_status"):
    """This copy's token if it won row `pk` of `queryset`, else None."""
    token = uuid.uuid4().hex
    pending = {status_field: MailStatus.PENDING}
    stale = {status_field: MailStatus.SENDING, "attempts__lt": MAX_ATTEMPTS, "claimed_at__lt": now - STALE_CLAIM}
    won = queryset.filter(Q(**pending) | Q(**stale), pk=pk).update(
        **{status_field: MailStatus.SENDING}, claimed_by=token, claimed_at=now, attempts=F("attempts") + 1)
    return token if won else None


def send_notification(notification_id):
    """Send one notification of the active scope's network if this call wins its claim; a Retry
    when another try is due."""
    immediate = Notification.objects.filter(delivery=Delivery.IMMEDIATE)  # a digest's rows go with their digest
    token = claim(immediate, notification_id, now=timezone.now())
    if token is None:
        return None
    notification = Notification.objects.select_related("recipient", "network", "target_type").get(
        pk=notification_id)
    mine = Notification.objects.filter(pk=notification_id, claimed_by=token)
    return send_claimed(mine, notification, lambda: build_notification_message(notification),
                        status_field="mail_status", sent_field="mailed_at")


def send_digest(digest_id):
    """Send one digest of the active scope's network if this call wins its claim; a Retry when
    another try is due. Its rows are marked with what came of the e-mail that carried them."""
    token = claim(Digest.objects.all(), digest_id, now=timezone.now(), status_field="status")
    if token is None:
        return None
    digest = Digest.objects.select_related("recipient", "network").get(pk=digest_id)
    mine = Digest.objects.filter(pk=digest_id, claimed_by=token)
    included = []

    def build():
        readable = readable_rows(digest)
        included[:] = [row.pk for row in readable]
        return build_digest_message(digest, readable) if readable else None

    def settle(status, error=""):
        rows = Notification.objects.filter(pk__in=included)
        if status == MailStatus.SENT:
            rows.update(mail_status=MailStatus.SENT, mailed_at=timezone.now(), last_error="")
        elif status == MailStatus.FAILED:
            rows.update(mail_status=MailStatus.FAILED, last_error=error)
        if status in (MailStatus.SENT, MailStatus.FAILED, MailStatus.SKIPPED):
            # A row attached while this copy was writing the e-mail waits for the next digest.
            (Notification.objects.filter(digest=digest, mail_status=MailStatus.PENDING)
             .exclude(pk__in=included).update(digest=None))

    return send_claimed(mine, digest, build, status_field="status", sent_field="sent_at", settle=settle)


def readable_rows(digest):
    """The digest's pending rows its recipient may still read, oldest first; the others are marked
    skipped. The rules are asked as the list page asks them (selectors.readable)."""
    rows = list(selectors.with_targets(Notification.objects.filter(digest=digest, mail_status=MailStatus.PENDING))
                .order_by("created_at", "pk"))
    readable = selectors.readable(digest.recipient, rows)
    gone = [row.pk for row in rows if row not in readable]
    if gone:
        Notification.objects.filter(pk__in=gone).update(mail_status=MailStatus.SKIPPED)
    return readable


def _no_settle(status, error=""):
    return None


def send_claimed(mine, row, build, *, status_field, sent_field, settle=_no_settle):
    """Write (`build`: a message, or None when there is nothing the person may read) and send the
    row this copy claimed, recording what came of it on `mine` (and telling `settle`)."""
    try:
        message = build()
        if message is not None:
            message.message()  # headers and addresses are checked here, before a mail server is asked
    except DatabaseError as error:
        return _retry_or_fail(mine, row, error, status_field, settle)
    except Exception as error:  # noqa: BLE001 - whatever the stored data does, this row alone fails
        logger.warning("%s %s cannot be written: %s", type(row).__name__, row.pk, error)
        if mine.update(**{status_field: MailStatus.FAILED}, last_error=error_text(error)):
            settle(MailStatus.FAILED, error_text(error))
        return None
    if message is None:
        if mine.update(**{status_field: MailStatus.SKIPPED}):
            settle(MailStatus.SKIPPED)
        return None
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - a mail server can fail in many ways; each is retried
        return _retry_or_fail(mine, row, error, status_field, settle)
    if mine.update(**{status_field: MailStatus.SENT, sent_field: timezone.now()}, last_error=""):
        settle(MailStatus.SENT)
    return None


def _retry_or_fail(mine, row, error, status_field, settle=_no_settle):
    logger.warning("%s %s failed (attempt %s): %s", type(row).__name__, row.pk, row.attempts, error)
    if row.attempts >= MAX_ATTEMPTS:
        if mine.update(**{status_field: MailStatus.FAILED}, last_error=error_text(error)):
            settle(MailStatus.FAILED, error_text(error))
        return None
    countdown = 60 * 2 ** row.attempts
    mine.update(**{status_field: MailStatus.PENDING}, last_error=error_text(error),
                claimed_at=timezone.now() + timedelta(seconds=countdown))
    return Retry(error, countdown)
