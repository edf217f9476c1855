"""Beat's daily check-in sweep (checkins.py): tells each mentee team once when a check-in is due."""

from celery import shared_task

from . import checkins

CHECK_IN_TASK = "programmes.actionplans.tasks.send_due_check_ins"


@shared_task(name=CHECK_IN_TASK, acks_late=True)
def send_due_check_ins():
    """Once a day: every network's check-ins that became due, told once (the key is the check-in)."""
    return checkins.sweep()
