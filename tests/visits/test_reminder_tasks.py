"""The reminder tasks live in `visits/reminders/tasks.py` but keep the names they had in
`visits/tasks.py`: beat's schedule and the messages already queued find them by those names."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import time_machine
from django.conf import settings
from django.core import mail

from programmes.visits.reminders import tasks
from tests.visits import test_reminders
from tests.visits.test_reminders import VISIT_START, _visit

mentorship = test_reminders.mentorship  # Capaci – Mechelen in network A, with the default rules
people = test_reminders.people

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


def test_beats_sweep_task_queues_each_send_with_its_network(network_a, mentorship, people):
    """Through `delay`, as beat's sweep queues them: Celery checks the arguments against the task's
    signature before the message is sent (eager or not), which `.apply()` in the other tests skips."""
    _visit(mentorship)
    with time_machine.travel(VISIT_START - datetime.timedelta(days=1), tick=False):
        assert tasks.sweep_reminders.delay().get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["giulia@capaci.example", "pieter@mechelen.example"]
