"""PDFs go through Django's default storage, so that web and worker in different containers share
them: with an S3 bucket configured, the task stores the PDF in the bucket, the download view
streams it from there after the same permission checks, retention and deletion remove it from
the bucket, a plan version's kept PDF is read from it, and nothing touches a local disk. The
embedded folder storage writes atomically and keeps names."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.actionplans import services as plans
from programmes.reports import storage, tasks
from programmes.reports.models import FrozenPdf, PdfJob
from programmes.reports.storage import AtomicFileSystemStorage
from tests.actionplans.conftest import add, person
from tests.reports.s3 import LOCATION


def _ask(client, mentorship, django_capture_on_commit_callbacks, **data):
    url = reverse("action_plan_pdf", kwargs={"network": "network-a", "pk": mentorship.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 200
    with scopes_disabled():
        return PdfJob.objects.select_related("frozen").latest("pk")


def _download_url(job):
    return reverse("pdf_download", kwargs={"network": "network-a", "pk": job.pk})


def _download(client, job):
    reply = client.get(_download_url(job))
    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/pdf"
    return b"".join(reply.streaming_content)


def _nothing_on_disk():
    media = django_settings.MEDIA_ROOT
    return not os.path.exists(media) or not any(files for _root, _dirs, files in os.walk(media))


def test_the_task_stores_the_pdf_in_the_bucket_and_the_view_streams_it(client, network_a, admin_b, mentorship,
                                                                       mentee, plan, s3_storage,
                                                                       django_capture_on_commit_callbacks):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    job = _ask(client, mentorship, django_capture_on_commit_callbacks)
    assert job.status == "done", job.error
    assert s3_storage.keys() == [f"{LOCATION}/{job.file}"]
    pdf = _download(client, job)
    assert pdf.startswith(b"%PDF")
    assert pdf == s3_storage.read(f"{LOCATION}/{job.file}")
    # The same permission checks as ever: no part in the mentorship, or another network, is a 404.
    client.force_login(person(network_a, mentorship, None))
    assert client.get(_download_url(job)).status_code == 404
    client.force_login(admin_b)
    assert client.get(_download_url(job)).status_code == 404
    assert _nothing_on_disk()


def test_another_process_downloads_what_the_worker_stored(client, mentorship, mentee, plan, s3_storage, settings,
                                                         tmp_path, django_capture_on_commit_callbacks):
    """The web container is another process with its own disk: a fresh storage (its own S3
    client) and another MEDIA_ROOT still serve the file, because only the bucket is shared."""
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    job = _ask(client, mentorship, django_capture_on_commit_callbacks)
    worker_storage = default_storage._wrapped
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage.storage()}  # Django builds a new one
    settings.MEDIA_ROOT = tmp_path / "the-web-containers-own-disk"
    assert _download(client, job).startswith(b"%PDF")
    assert default_storage._wrapped is not worker_storage
    assert _nothing_on_disk()


def test_the_retention_sweep_deletes_the_pdf_from_the_bucket(client, mentorship, mentee, plan, s3_storage,
                                                            django_capture_on_commit_callbacks):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    job = _ask(client, mentorship, django_capture_on_commit_callbacks)
    assert s3_storage.keys() == [f"{LOCATION}/{job.file}"]
    with scopes_disabled():
        PdfJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert tasks.delete_expired_pdfs() == 1
    assert s3_storage.keys() == []
    assert client.get(_download_url(job)).status_code == 404


@pytest.fixture
def version(network_a, plan):
    add(plan, "Buddy scheme")
    with scope(network=network_a):
        plan = plans.transition(plan, "final", by=None)
        plan = plans.transition(plan, "draft", by=None)
        return plan.versions.get(number=1)


def test_a_versions_kept_pdf_is_read_from_the_bucket(client, mentorship, mentee, version, s3_storage, monkeypatch,
                                                    django_capture_on_commit_callbacks):
    client.force_login(mentee)
    first = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    key = f"{LOCATION}/{first.frozen.file}"
    assert s3_storage.keys() == [key]
    renders = []
    monkeypatch.setattr("programmes.reports.rendering.render", lambda job: renders.append(job) or (b"", 0))
    second = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    assert second.status == "done"
    assert renders == []  # ready at once: the bucket has it
    assert _download(client, second) == s3_storage.read(key)
    # The version goes (here with its mentorship): so does its object, once that is committed.
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        mentorship.delete()
        assert not FrozenPdf.objects.exists()
    assert s3_storage.keys() == []
    assert _nothing_on_disk()


def test_a_kept_pdf_missing_from_the_bucket_is_rendered_again(client, mentorship, mentee, version, s3_storage,
                                                             django_capture_on_commit_callbacks):
    client.force_login(mentee)
    first = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    key = f"{LOCATION}/{first.frozen.file}"
    s3_storage.client.delete_object(Bucket=s3_storage.name, Key=key)  # a bucket restored without it
    assert client.get(_download_url(first)).status_code == 404
    second = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    assert second.status == "done"
    assert s3_storage.keys() == [key]
    assert _download(client, second).startswith(b"%PDF")


def test_the_settings_build_the_s3_storage_from_the_environment(tmp_path):
    """mentoring/settings.py read in a process of its own, with the variables of a deployment."""
    code = ("import json, mentoring.settings as s; "
            "print(json.dumps({'default': s.STORAGES['default'], 'static': s.STORAGES['staticfiles']}))")
    base = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    base.update(DJANGO_ENV="test", VAR_DIR=str(tmp_path))

    def storages(**variables):
        result = subprocess.run([sys.executable, "-c", code], env={**base, **variables}, check=True,
                                capture_output=True, text=True, cwd=django_settings.BASE_DIR)
        return json.loads(result.stdout.strip().splitlines()[-1])

    assert storages()["default"] == {"BACKEND": "programmes.reports.storage.AtomicFileSystemStorage"}
    configured = storages(AWS_STORAGE_BUCKET_NAME="mentoring-pdfs", AWS_S3_ENDPOINT_URL="http://minio:9000",
                          AWS_S3_REGION_NAME="eu-west-1", AWS_ACCESS_KEY_ID="key", AWS_SECRET_ACCESS_KEY="secret",
                          AWS_LOCATION="/pdfs/")
    assert configured["default"] == {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": "mentoring-pdfs", "endpoint_url": "http://minio:9000", "region_name": "eu-west-1",
        "access_key": "key", "secret_key": "secret", "addressing_style": "path", "location": "pdfs",
        "file_overwrite": True, "default_acl": None, "querystring_auth": True}}
    assert configured["static"] == storages()["static"]  # static files are not the bucket's
    on_aws = storages(AWS_STORAGE_BUCKET_NAME="mentoring-pdfs")["default"]["OPTIONS"]
    assert on_aws == {"bucket_name": "mentoring-pdfs", "file_overwrite": True, "default_acl": None,
                      "querystring_auth": True}  # boto3's own credentials (a role), AWS's addressing


def test_every_option_is_one_django_storages_knows(s3_bucket):
    """django-storages refuses an unknown option when the storage is built: build it."""
    from storages.backends.s3 import S3Storage

    built = S3Storage(**s3_bucket.storage()["OPTIONS"])
    assert (built.bucket_name, built.location, built.file_overwrite) == (s3_bucket.name, LOCATION, True)


class Exploding(ContentFile):
    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 half"
        raise OSError("disk full")


def test_the_folder_storage_replaces_a_file_whole_and_keeps_its_name(tmp_path):
    folder = AtomicFileSystemStorage(location=tmp_path)
    assert folder.save("pdfs/1/a.pdf", ContentFile(b"%PDF-1.7 first")) == "pdfs/1/a.pdf"
    assert folder.save("pdfs/1/a.pdf", ContentFile(b"%PDF-1.7 second")) == "pdfs/1/a.pdf"  # no a_x1y2.pdf
    with pytest.raises(OSError, match="disk full"):
        folder.save("pdfs/1/a.pdf", Exploding(b""))
    assert (tmp_path / "pdfs/1/a.pdf").read_bytes() == b"%PDF-1.7 second"  # never the half-written one
    assert sorted(path.name for path in (tmp_path / "pdfs/1").iterdir()) == ["a.pdf"]  # no temporary left


def test_the_folder_storage_follows_media_root(settings, tmp_path):
    """Tests (and the benchmark) point MEDIA_ROOT elsewhere: the default storage follows."""
    settings.MEDIA_ROOT = tmp_path / "one"
    storage.save_pdf("pdfs/x.pdf", b"%PDF one")
    settings.MEDIA_ROOT = tmp_path / "two"
    assert not storage.exists("pdfs/x.pdf")
    storage.save_pdf("pdfs/x.pdf", b"%PDF two")
    assert (tmp_path / "one/pdfs/x.pdf").read_bytes() == b"%PDF one"
    with storage.open_pdf("pdfs/x.pdf") as pdf:
        assert pdf.read() == b"%PDF two"
    storage.delete("pdfs/x.pdf")
    storage.delete("pdfs/x.pdf")  # already gone: nothing happens
    assert not storage.exists("pdfs/x.pdf")
    with pytest.raises(FileNotFoundError):
        storage.open_pdf("pdfs/x.pdf")
