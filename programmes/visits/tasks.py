"""Beat's reminder sweep and the task that sends one delivery, retried with backoff.

The sweep serves every network (reminders.sweep opens each one's scope); a send task runs inside
the scope of its delivery's network (tenancy's NetworkTask), whose id the sweep queues with it.
"""

from celery import shared_task

from programmes.tenancy.tasks import NetworkTask

from . import reminders, sending
from .sending import MAX_ATTEMPTS


@shared_task(acks_late=True)
def sweep_reminders():
    """Every few minutes: record what is due and queue each claimed delivery once."""
    return len(reminders.sweep(enqueue=queue_reminder))


def queue_reminder(delivery_id, network_id):
    """Hand one claimed delivery to a worker, with the network whose scope it is sent in."""
    send_reminder.delay(delivery_id, network_id=network_id)


@shared_task(base=NetworkTask, bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1)
def send_reminder(self, delivery_id, *, network):
    """Send one delivery; two copies of this task for one delivery send one e-mail (sending.py).

    NetworkTask takes `network_id` and runs this inside that network's scope. A message queued
    without it (before deliveries travelled with their network) fails at once and sends nothing;
    its delivery stays claimed, and the sweep queues it again, with its network, once the claim is
    stale (reminders.STALE_CLAIM)."""
    retry = sending.send_delivery(delivery_id)
    if retry is not None:
        # The retry's message must carry the id again: the request NetworkTask runs the body with
        # holds the loaded network instead, which no message can carry.
        raise self.retry(kwargs={"network_id": network.pk}, exc=retry.error, countdown=retry.countdown)
