"""The reminder tasks live in `visits/reminders/tasks.py` but keep the names they had in
`visits/tasks.py`: beat's schedule and the messages already queued find them by those names."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from programmes.visits.reminders import tasks

ROOT = Path(__file__).resolve().parents[2]
OLD_NAMES = {"programmes.visits.tasks.sweep_reminders", "programmes.visits.tasks.send_reminder"}
# A fresh process, as a worker starts: Django set up, then Celery's autodiscovery of each app's
# tasks.py (in this test process the tasks are registered already, by the import above).
WORKER_START = """
import json, django
django.setup()
from mentoring.celery import app
app.loader.import_default_modules()
print(json.dumps({name: task.run.__module__ for name, task in app.tasks.items() if ".visits." in name}))
"""


def test_the_reminder_tasks_keep_their_names():
    assert {tasks.sweep_reminders.name, tasks.send_reminder.name} == OLD_NAMES
    assert settings.CELERY_BEAT_SCHEDULE["sweep-reminders"]["task"] == tasks.sweep_reminders.name


def test_a_starting_worker_registers_them_under_those_names():
    started = subprocess.run([sys.executable, "-c", WORKER_START], cwd=ROOT, capture_output=True, text=True,
                             timeout=120, env={**os.environ, "DJANGO_SETTINGS_MODULE": "mentoring.settings_test"})
    assert started.returncode == 0, started.stderr
    registered = json.loads(started.stdout.strip().splitlines()[-1])
    assert registered == dict.fromkeys(OLD_NAMES, "programmes.visits.reminders.tasks")
