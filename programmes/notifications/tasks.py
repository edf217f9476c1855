"""Celery entry points of notifications: they take ids and call the sending modules."""

from celery import shared_task

from programmes.tenancy.tasks import NetworkTask

from . import delivery, digests


@shared_task(base=NetworkTask, bind=True, acks_late=True, max_retries=delivery.MAX_ATTEMPTS - 1)
def send_notification_email(self, notification_id, *, network):
    """Send one notification's e-mail; two copies of this task send it once (delivery.py)."""
    retry = delivery.send_notification(notification_id)
    if retry is not None:
        raise self.retry(exc=retry.error, countdown=retry.countdown)


@shared_task(base=NetworkTask, bind=True, acks_late=True, max_retries=delivery.MAX_ATTEMPTS - 1)
def send_digest_email(self, digest_id, *, network):
    """Send one digest; two copies of this task (or two sweeps queueing it) send it once."""
    retry = delivery.send_digest(digest_id)
    if retry is not None:
        raise self.retry(exc=retry.error, countdown=retry.countdown)


def _queue_digest(digest_id, network_id):
    send_digest_email.delay(digest_id, network_id=network_id)


def _queue_notification(notification_id, network_id):
    send_notification_email.delay(notification_id, network_id=network_id)


@shared_task(acks_late=True)
def sweep_digests():
    """Beat's digest sweep (every 15 minutes): makes the digests that are due and queues them, and
    queues again the e-mails whose task was lost."""
    return len(digests.sweep(enqueue=_queue_digest, enqueue_lost_notification=_queue_notification))
