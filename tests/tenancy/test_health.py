import pytest

from mentoring.celery import app
from programmes.tenancy import health
from tests.factories import UserFactory


def test_health_reports_every_dependency(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok", "cache": "ok",
                                                          "storage": "ok"}}


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


def test_deep_health_reports_a_silent_worker(client, db, monkeypatch, through_the_broker, settings):
    settings.HEALTHZ_TOKEN = "monitor-secret"
    monkeypatch.setattr(health, "WORKER_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(health.ping, "delay", lambda token: health.ping.AsyncResult("never-answered"))
    response = client.get("/healthz?deep=1", HTTP_X_HEALTH_TOKEN="monitor-secret")
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
        assert f"{tmp_path}/mail" == project_settings.EMAIL_FILE_PATH
        assert os.path.isabs(project_settings.EMAIL_FILE_PATH)
    finally:
        monkeypatch.delenv("EMAIL_URL")
        importlib.reload(project_settings)


def test_the_deep_check_answers_only_staff_and_the_monitoring_token(client, db, monkeypatch, settings):
    """Anyone may poll /healthz; the deep check holds a web worker for a Celery answer, so a stranger
    calling it in a loop could tie up the site."""
    settings.HEALTHZ_TOKEN = "monitor-secret"
    monkeypatch.setattr(health, "_worker", lambda: None)
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz?deep=1").status_code == 403
    assert client.get("/healthz?deep=1", HTTP_X_HEALTH_TOKEN="guess").status_code == 403
    assert client.get("/healthz?deep=1", HTTP_X_HEALTH_TOKEN="monitor-secret").json()["checks"]["worker"] == "ok"
    client.force_login(UserFactory())
    assert client.get("/healthz?deep=1").status_code == 403
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/healthz?deep=1").json()["checks"]["worker"] == "ok"


def test_without_a_token_set_no_header_opens_the_deep_check(client, db, settings):
    settings.HEALTHZ_TOKEN = ""
    assert client.get("/healthz?deep=1", HTTP_X_HEALTH_TOKEN="").status_code == 403
