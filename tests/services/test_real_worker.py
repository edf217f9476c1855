"""Against the real services of CI: a Celery worker process executes tasks sent through Redis.

Runs when CELERY_BROKER_URL points at Redis; .ci/run's second stage sets that and
REQUIRE_SERVICES=true, which turns a skip into a failure.
"""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from mentoring.celery import app
from programmes.tenancy.tasks import ping

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services


def _require_redis():
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        if os.environ.get("REQUIRE_SERVICES") == "true":
            pytest.fail("REQUIRE_SERVICES=true but CELERY_BROKER_URL is not redis://…")
        pytest.skip("needs CELERY_BROKER_URL=redis://… (CI runs it against the machine's Redis)")


@pytest.fixture(scope="module")
def through_the_broker():
    """Tests run tasks inline by default; these send them to the broker for a worker process."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


def _start_worker(**env_overrides):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mentoring.settings_test", "CELERY_TASK_ALWAYS_EAGER": "false",
           **env_overrides}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "mentoring", "worker", "--pool=solo", f"--loglevel={os.environ.get('WORKER_LOG_LEVEL', 'WARNING')}",
         "--hostname", f"ci-{secrets.token_hex(4)}@%h", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env,
    )


@pytest.fixture(scope="module")
def redis_worker(through_the_broker):
    _require_redis()
    worker = _start_worker()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                ping.delay("warm-up").get(timeout=5)
                break
            except Exception:
                if time.monotonic() > deadline or worker.poll() is not None:
                    raise
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_a_worker_process_executes_a_task_through_redis(redis_worker):
    token = secrets.token_hex(8)
    assert ping.delay(token).get(timeout=20)["pong"] == token


def test_deep_health_check_sees_the_worker(client, db, redis_worker, settings):
    settings.HEALTHZ_TOKEN = "ci-monitor"
    response = client.get("/healthz?deep=1", HTTP_X_HEALTH_TOKEN="ci-monitor")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "broker": "ok", "cache": "ok", "storage": "ok", "worker": "ok"}
