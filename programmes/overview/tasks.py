"""Beat's daily nudges (nudges.py): quiet mentorships, overdue follow-ups and milestones. The sweep
takes no arguments and is idempotent (each nudge has a notification key), so a second run in a
day, or a retried one, tells nobody twice."""

from celery import shared_task

from . import nudges

NUDGE_TASK = "programmes.overview.tasks.send_nudges"


@shared_task(name=NUDGE_TASK, acks_late=True)
def send_nudges():
    """Once a day: every network's nudges, each network in its own scope."""
    outcome = nudges.sweep()
    return {"quiet": outcome.quiet, "follow_ups": outcome.follow_ups, "milestones": outcome.milestones,
            "failed": outcome.failed}
