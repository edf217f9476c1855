"""Beat's reminder sweep and the task that sends one delivery, retried with backoff."""

import logging

from celery import shared_task
from django.utils import timezone
from django_scopes import scopes_disabled

from . import reminders
from .emails import build_message
from .models import DeliveryStatus, FailureKind, ReminderDelivery

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


@shared_task(acks_late=True)
def sweep_reminders():
    """Every few minutes: record what is due and queue each claimed delivery once."""
    return len(reminders.sweep(enqueue=lambda delivery_id: send_reminder.delay(delivery_id)))


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1)
def send_reminder(self, delivery_id):
    with scopes_disabled():
        delivery = ReminderDelivery.objects.select_related("recipient").filter(pk=delivery_id).first()
        if delivery is None or delivery.status != DeliveryStatus.SENDING:
            return  # already sent, cancelled, or handled by another try
        attempts = delivery.attempts + 1
        try:
            message = build_message(delivery)
            if message is not None:
                message.message()  # headers and addresses are checked here, before a mail server is asked
        except Exception as error:  # noqa: BLE001 - whatever the stored data does, this delivery alone fails
            # A retry would meet the same visit, rule or person: failed at once, saying why.
            logger.warning("Reminder %s cannot be written: %s", delivery.pk, error)
            ReminderDelivery.objects.filter(pk=delivery.pk).update(
                attempts=attempts, status=DeliveryStatus.FAILED, failure=FailureKind.MESSAGE,
                last_error=f"{type(error).__name__}: {error}"[:300])
            return
        if message is None:
            ReminderDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.CANCELLED)
            return
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - a mail server can fail in many ways; each is retried
            failed = attempts >= MAX_ATTEMPTS
            ReminderDelivery.objects.filter(pk=delivery.pk).update(
                attempts=attempts, last_error=f"{type(error).__name__}: {error}"[:300],
                failure=FailureKind.SENDING if failed else "",
                status=DeliveryStatus.FAILED if failed else DeliveryStatus.SENDING)
            logger.warning("Reminder %s failed (attempt %s): %s", delivery.pk, attempts, error)
            if failed:
                return
            raise self.retry(exc=error, countdown=60 * 2 ** attempts) from error
        ReminderDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENT, sent_at=timezone.now(),
                                                               attempts=delivery.attempts + 1, last_error="")
