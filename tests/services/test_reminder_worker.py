"""Real Celery beat and worker processes on Redis deliver a reminder into a mailbox (CI's second
stage, against PostgreSQL): beat runs the sweep on its schedule, the worker sends the e-mail."""

import datetime
import email
import email.policy
import os
import subprocess
import sys
import time

import pytest
from django.utils import timezone
from django_scopes import scope

from programmes.visits import services
from tests.actionplans.conftest import person
from tests.factories import CityFactory, MentorshipFactory, ProgrammeFactory
from tests.services.test_pdf_worker import _database_url
from tests.services.test_real_worker import ROOT, _require_redis, _start_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_and_beat(through_the_broker, tmp_path):
    _require_redis()
    env = {"DATABASE_URL": _database_url(), "VAR_DIR": str(tmp_path / "var"),
           "EMAIL_URL": f"filemail://{tmp_path / 'mail'}", "REMINDER_SWEEP_SECONDS": "2"}
    (tmp_path / "var").mkdir()
    worker = _start_worker(**env)
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "mentoring", "beat", "--loglevel=WARNING",
         "--schedule", str(tmp_path / "var" / "beat-schedule")],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "mentoring.settings_test",
                       "CELERY_TASK_ALWAYS_EAGER": "false", **env},
    )
    yield tmp_path / "mail"
    for process in (beat, worker):
        process.terminate()
        process.wait(timeout=30)


def test_beat_and_a_worker_deliver_a_reminder(network_a, worker_and_beat):
    programme = ProgrammeFactory(network=network_a, title="IncluCities")
    mentorship = MentorshipFactory(network=network_a, programme=programme, title="Capaci – Mechelen",
                                   mentee=CityFactory(network=network_a, name="Capaci"))
    person(network_a, mentorship, "mentor_team", email="pieter@mechelen.example", language="en")
    starts = timezone.now() + datetime.timedelta(days=1)
    with scope(network=network_a):
        services.ensure_default_rules(programme)
        services.plan_visit(programme=programme, mentorship=mentorship, by=None, values={
            "kind": "setup", "title": "Set-up in Capaci", "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=8), "time_zone": "Europe/Rome"})
    deadline = time.monotonic() + 120
    messages = []
    while time.monotonic() < deadline and not messages:
        time.sleep(1)
        if worker_and_beat.exists():
            messages = [p.read_text(errors="replace") for p in worker_and_beat.iterdir()]
    assert len(messages) == 1, "no reminder reached the mailbox within two minutes"
    message = email.message_from_string(messages[0].split("\n" + "-" * 79)[0], policy=email.policy.default)
    assert message["Subject"].strip().startswith("Reminder: Set-up in Capaci")
    assert message["To"] == "pieter@mechelen.example"
    assert any(part.get_content_type() == "text/calendar" for part in message.walk())
    time.sleep(5)  # more sweeps run meanwhile: still one message
    assert len(list(worker_and_beat.iterdir())) == 1
