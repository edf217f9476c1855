"""Beat's reminder sweep and the task that sends one delivery, retried with backoff."""

from celery import shared_task
from django_scopes import scopes_disabled

from . import reminders, sending
from .sending import MAX_ATTEMPTS


@shared_task(acks_late=True)
def sweep_reminders():
    """Every few minutes: record what is due and queue each claimed delivery once."""
    return len(reminders.sweep(enqueue=lambda delivery_id: send_reminder.delay(delivery_id)))


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1)
def send_reminder(self, delivery_id):
    """Send one delivery; two copies of this task for one delivery send one e-mail (sending.py)."""
    with scopes_disabled():
        retry = sending.send_delivery(delivery_id)
    if retry is not None:
        raise self.retry(exc=retry.error, countdown=retry.countdown)
