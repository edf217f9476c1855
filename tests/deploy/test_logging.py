"""Operator logs: one line per event on stdout, a JSON object per line with LOG_FORMAT=json, from
the apps, Django's own loggers and the Celery worker alike. Each test starts a fresh interpreter,
as the image does, since logging is configured once at start-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

EVENTS = """
import logging, django
django.setup()
from django.test import Client
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("programmes.reports.tasks").exception("PDF job %s failed", 7)
Client().get("/healthz", HTTP_HOST="evil.example")  # django.security: an error with a traceback
"""

WORKER = """
import logging, django
django.setup()
from mentoring.celery import app
app.log.setup_logging_subsystem(loglevel="INFO")  # what `celery worker` does at start
logging.getLogger("celery.worker.consumer.connection").info("Connected to %s", "redis://redis:6379/0")
"""


def _run(script_or_args, tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LOG_"))}
    environment.update(DJANGO_SETTINGS_MODULE="mentoring.settings", VAR_DIR=str(tmp_path), **env)
    args = ["-c", script_or_args] if isinstance(script_or_args, str) else script_or_args
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True)


def test_json_logs_put_each_event_and_its_traceback_on_one_line(tmp_path):
    result = _run(EVENTS, tmp_path, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout
    failed, disallowed = (json.loads(line) for line in lines)
    assert {"timestamp", "level", "logger", "message", "exc_info"} <= failed.keys()
    assert (failed["level"], failed["logger"], failed["message"]) == ("ERROR", "programmes.reports.tasks",
                                                                      "PDF job 7 failed")
    assert failed["exc_info"].startswith("Traceback")
    assert "ZeroDivisionError: division by zero" in failed["exc_info"]
    assert failed["timestamp"].endswith("+00:00")
    assert disallowed["logger"] == "django.security.DisallowedHost"
    assert "DisallowedHost" in disallowed["exc_info"]


def test_text_logs_are_one_line_per_event_on_stdout_by_default(tmp_path):
    script = "import logging, django; django.setup(); logging.getLogger('mentoring.cache').warning('Redis down')"
    result = _run(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    [line] = result.stdout.splitlines()
    assert line.endswith(" WARNING mentoring.cache Redis down")


def test_the_worker_logs_through_the_same_handler(tmp_path):
    """Celery replaces the root logger's handler with its own (stderr, its format) unless told not to."""
    result = _run(WORKER, tmp_path, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    [line] = result.stdout.splitlines()
    assert json.loads(line)["message"] == "Connected to redis://redis:6379/0"


def test_an_unknown_log_format_stops_with_one_clear_line(tmp_path):
    result = _run(["manage.py", "check"], tmp_path, LOG_FORMAT="bogus")
    assert result.returncode != 0
    assert result.stderr.strip() == "LOG_FORMAT must be text or json, not 'bogus'."
