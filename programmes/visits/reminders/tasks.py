"""Beat's reminder sweep and the task that sends one delivery, retried with backoff.

The sweep serves every network (sweeping.sweep opens each one's scope); a send task runs inside
the scope of its delivery's network (tenancy's NetworkTask), whose id the sweep queues with it.

The tasks keep the names they were registered under when they lived in `programmes/visits/tasks.py`
(beat's CELERY_BEAT_SCHEDULE and messages already queued use them); that module imports them so
that Celery's autodiscovery, which reads each app's `tasks.py`, still registers them.
"""

from celery import shared_task

from programmes.tenancy.tasks import NetworkTask

from . import sending, sweeping
from .sending import MAX_ATTEMPTS

SWEEP_TASK = "programmes.visits.tasks.sweep_reminders"
SEND_TASK = "programmes.visits.tasks.send_reminder"


@shared_task(name=SWEEP_TASK, acks_late=True)
def sweep_reminders():
    """Every few minutes: record what is due and queue each claimed delivery once."""
    return len(sweeping.sweep(enqueue=queue_reminder))


def queue_reminder(delivery_id, network_id):
    """Hand one claimed delivery to a worker, with the network whose scope it is sent in."""
    send_reminder.delay(delivery_id, network_id=network_id)


@shared_task(name=SEND_TASK, base=NetworkTask, bind=True, acks_late=True,
             max_retries=MAX_ATTEMPTS - 1)
def send_reminder(self, delivery_id, *, network):
    """Send one delivery; two copies of this task for one delivery send one e-mail (sending.py).

    NetworkTask takes `network_id` and runs this inside that network's scope. A message queued
    without it (before deliveries travelled with their network) fails at once and sends nothing;
    its delivery stays claimed, and the sweep queues it again, with its network, once the claim is
    stale (sweeping.STALE_CLAIM)."""
    retry = sending.send_delivery(delivery_id)
    if retry is not None:
        raise self.retry(exc=retry.error, countdown=retry.countdown)
