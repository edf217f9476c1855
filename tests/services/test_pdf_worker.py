"""A real Celery worker process renders an action plan PDF sent through Redis (CI's second stage),
into a folder the web process shares, or into an S3 bucket (moto) when web and worker have no
disk in common, as in docker compose."""

import time

import pytest
from django.db import connection
from django.urls import reverse
from django_scopes import scopes_disabled

from programmes.reports.models import PdfJob
from tests.actionplans.conftest import add
from tests.reports.s3 import LOCATION, moto_server, new_bucket
from tests.services.test_real_worker import _require_redis, _start_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the worker shares the test database through PostgreSQL")
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def pdf_worker(through_the_broker, tmp_path, settings):
    _require_redis()
    settings.MEDIA_ROOT = tmp_path
    worker = _start_worker(DATABASE_URL=_database_url(), MEDIA_ROOT=str(tmp_path))
    yield worker
    worker.terminate()
    worker.wait(timeout=30)


@pytest.fixture
def bucket():
    with moto_server() as endpoint:
        yield new_bucket(endpoint)


@pytest.fixture
def worker_with_a_bucket(through_the_broker, bucket, tmp_path, settings):
    """A worker whose only link to this (web) process is the bucket: each has its own MEDIA_ROOT."""
    _require_redis()
    settings.STORAGES = {**settings.STORAGES, "default": bucket.storage()}
    settings.MEDIA_ROOT = tmp_path / "web"
    worker = _start_worker(DATABASE_URL=_database_url(), MEDIA_ROOT=str(tmp_path / "worker"), **bucket.environment())
    yield worker
    worker.terminate()
    worker.wait(timeout=30)


def _wait_for(job):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in {"done", "failed"}:
            break
        time.sleep(0.5)
    assert job.status == "done", job.error


def test_a_worker_renders_the_pdf_and_the_page_offers_it(client, network_a, mentorship, mentee, plan, pdf_worker):
    add(plan, "Δημιουργία γραφείου υποδοχής")
    client.force_login(mentee)
    reply = client.post(reverse("action_plan_pdf", kwargs={"network": "network-a", "pk": mentorship.pk}),
                        HTTP_HX_REQUEST="true")
    assert "Waiting for its turn" in reply.content.decode()
    with scopes_disabled():
        job = PdfJob.objects.get()
    _wait_for(job)
    status = client.get(reverse("pdf_job", kwargs={"network": "network-a", "pk": job.pk}), HTTP_HX_REQUEST="true")
    assert "Download the PDF (1 page)" in status.content.decode()
    assert "hx-trigger" not in status.content.decode()
    download = client.get(reverse("pdf_download", kwargs={"network": "network-a", "pk": job.pk}))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_worker_in_another_container_stores_the_pdf_in_the_bucket(client, network_a, mentorship, mentee, plan,
                                                                    worker_with_a_bucket, bucket, tmp_path):
    add(plan, "Δημιουργία γραφείου υποδοχής")
    client.force_login(mentee)
    client.post(reverse("action_plan_pdf", kwargs={"network": "network-a", "pk": mentorship.pk}),
                HTTP_HX_REQUEST="true")
    with scopes_disabled():
        job = PdfJob.objects.get()
    _wait_for(job)
    assert bucket.keys() == [f"{LOCATION}/{job.file}"]
    download = client.get(reverse("pdf_download", kwargs={"network": "network-a", "pk": job.pk}))
    assert b"".join(download.streaming_content) == bucket.read(f"{LOCATION}/{job.file}")
    assert not any(path.is_file() for path in tmp_path.rglob("*"))  # neither process wrote to a disk
