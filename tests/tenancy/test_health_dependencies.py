"""/healthz answers 503 naming the dependency a request could not be served without, and never
hangs: each dependency in turn is pointed at a closed port, a server that never answers, or fails."""

import os
import socket
import time

import pytest
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError

from programmes.tenancy import health
from tests.tenancy.test_cache_outage import CLOSED, unreachable_cache  # noqa: F401 (fixture)


@pytest.fixture
def silent_server():
    """A port that accepts connections (the kernel's backlog) and never answers: a hung server."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


def _failing(client):
    response = client.get("/healthz")
    assert response.status_code == 503, response.content
    return response.json()


def test_a_cache_at_a_closed_port_answers_503_although_the_fallback_still_answers(client, db,
                                                                                  unreachable_cache):  # noqa: F811
    caches["default"].set("anything", 1)
    assert caches["default"].get("anything") == 1  # pages and sign-in go on, from process memory
    body = _failing(client)
    assert body["failing"] == ["cache"]
    assert body["checks"]["cache"] == "error: ConnectionError"
    assert body["checks"]["database"] == body["checks"]["storage"] == "ok"


def test_a_cache_that_never_answers_is_reported_within_its_socket_timeout(client, db, settings, silent_server):
    settings.CACHES = {"default": {
        "BACKEND": "mentoring.cache.RedisOrProcessMemory",
        "LOCATION": f"redis://127.0.0.1:{silent_server}/1",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }}
    started = time.monotonic()
    body = _failing(client)
    assert time.monotonic() - started < health.CHECK_TIMEOUT_SECONDS
    assert body["failing"] == ["cache"]
    assert body["checks"]["cache"] == "error: TimeoutError"
    for cache in caches.all():
        cache.close()


@pytest.mark.skipif(not os.environ.get("CACHE_URL", "").startswith("redis"),
                    reason="CACHE_URL=redis://… (CI's second stage) checks the round trip through the real Redis")
def test_the_cache_check_goes_to_the_real_redis(client, db):
    assert type(caches["default"]).__name__ == "RedisOrProcessMemory"
    assert client.get("/healthz").json()["checks"]["cache"] == "ok"


class RefusingStorage(FileSystemStorage):
    def _save(self, name, content):
        raise PermissionError(13, "Permission denied", "/srv/secret-bucket/health/probe.txt")


def test_a_storage_that_refuses_to_save_answers_503(client, db, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.RefusingStorage"}}
    body = _failing(client)
    assert body["failing"] == ["storage"]
    assert body["checks"]["storage"] == "error: PermissionError"


def test_the_storage_probe_leaves_nothing_behind(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.get("/healthz").json()["checks"]["storage"] == "ok"
    assert list((tmp_path / "health").iterdir()) == []


def test_a_broker_at_a_closed_port_answers_503_at_once(client, db, monkeypatch):
    # The app reads CELERY_BROKER_URL from the environment before its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")
    started = time.monotonic()
    body = _failing(client)
    assert time.monotonic() - started < 1.5, "one attempt: kombu would sleep 2 s before retrying"
    assert body["failing"] == ["broker"]
    assert body["checks"]["broker"] == "error: OperationalError"


def test_a_broker_that_never_answers_is_reported_within_the_deadline(client, db, monkeypatch, silent_server):
    """It held the health check for minutes: kombu's Redis transport has no socket timeout."""
    monkeypatch.setenv("CELERY_BROKER_URL", f"redis://127.0.0.1:{silent_server}/0")
    started = time.monotonic()
    body = _failing(client)
    assert time.monotonic() - started < health.CHECK_TIMEOUT_SECONDS
    assert body["failing"] == ["broker"]
    assert body["checks"]["broker"].startswith("error: ")


class _UnreachableDatabase:
    def cursor(self):
        raise OperationalError('connection to server at "db.internal" (10.0.0.5), port 5432 failed: '
                               'password authentication failed for user "mentoring"')


def test_a_database_failure_answers_503_naming_the_class_never_the_message(client, db, monkeypatch):
    monkeypatch.setattr(health, "connection", _UnreachableDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]
    assert response.json()["checks"]["database"] == "error: OperationalError"
    assert b"db.internal" not in response.content
    assert b"password" not in response.content


def test_a_check_that_hangs_is_cut_short_at_its_deadline(client, db, monkeypatch):
    monkeypatch.setattr(health, "CHECK_TIMEOUT_SECONDS", 0.3)
    monkeypatch.setattr(health, "_database", lambda: time.sleep(5))
    monkeypatch.setattr(health, "_storage", lambda: time.sleep(5))
    started = time.monotonic()
    body = _failing(client)
    assert time.monotonic() - started < 1, "the checks share one deadline, they do not add up"
    assert body["failing"] == ["database", "storage"]
    assert body["checks"]["database"] == "error: TimeoutError"
    assert body["checks"]["broker"] == body["checks"]["cache"] == "ok"
