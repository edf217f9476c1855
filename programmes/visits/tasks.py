"""Celery's autodiscovery imports each app's `tasks.py`: the visits app's tasks are the reminders'
(`reminders/tasks.py`), imported here so that every worker registers them, under the names beat's
schedule and queued messages use."""

from .reminders.tasks import send_reminder, sweep_reminders

__all__ = ["send_reminder", "sweep_reminders"]
