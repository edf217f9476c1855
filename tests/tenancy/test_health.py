import pytest

from mentoring.celery import app
from programmes.tenancy import health


def test_health_reports_database_and_broker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


def test_health_names_the_failing_part(client, db, monkeypatch):
    def broken():
        raise ConnectionRefusedError

    monkeypatch.setattr(health, "_broker", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]
    assert response.json()["checks"]["broker"] == "error: ConnectionRefusedError"


@pytest.fixture
def through_the_broker(settings):
    """A broker round trip, as in production (tests otherwise run tasks inline)."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


def test_deep_health_reports_a_silent_worker(client, db, monkeypatch, through_the_broker):
    monkeypatch.setattr(health, "WORKER_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(health.ping, "delay", lambda token: health.ping.AsyncResult("never-answered"))
    response = client.get("/healthz?deep=1")
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]


def test_the_file_mail_backend_writes_where_the_url_says(monkeypatch, tmp_path):
    """filemail:///abs/path must stay absolute (django-environ dropped the slash: mail landed in the checkout)."""
    import importlib
    import os

    monkeypatch.setenv("EMAIL_URL", f"filemail://{tmp_path}/mail")
    import mentoring.settings as project_settings

    try:
        importlib.reload(project_settings)
        assert project_settings.EMAIL_FILE_PATH == f"{tmp_path}/mail" and os.path.isabs(project_settings.EMAIL_FILE_PATH)
    finally:
        monkeypatch.delenv("EMAIL_URL")
        importlib.reload(project_settings)
