"""A plan version never changes, so its PDF is rendered once per language and kept with it: a
later request is ready at once and served from storage, the retention sweep leaves the file
alone, two requests at the same moment render once, and the live plan still renders each time."""

import threading
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.actionplans import services as plans
from programmes.reports import frozen, services, tasks
from programmes.reports.models import FrozenPdf, PdfJob
from tests.actionplans.conftest import add, person
from tests.concurrency.threads import require_postgresql, run_together


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def version(network_a, plan):
    """Version 1 (final) of a plan that has gone back to draft and changed since."""
    add(plan, "Buddy scheme")
    with scope(network=network_a):
        plan = plans.transition(plan, "final", by=None)
        plan = plans.transition(plan, "draft", by=None)
    add(plan, "Added after the final version")
    with scope(network=network_a):
        return plan.versions.get(number=1)


def _ask(client, mentorship, django_capture_on_commit_callbacks, **data):
    url = reverse("action_plan_pdf", kwargs={"network": "network-a", "pk": mentorship.pk})
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(url, data, HTTP_HX_REQUEST="true")
    assert reply.status_code == 200
    with scopes_disabled():
        return PdfJob.objects.select_related("frozen").latest("pk"), reply.content.decode()


def _download(client, job):
    reply = client.get(reverse("pdf_download", kwargs={"network": "network-a", "pk": job.pk}))
    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/pdf"
    return b"".join(reply.streaming_content)


def test_a_second_request_for_a_version_is_ready_at_once_from_storage(client, network_a, admin_b, mentorship,
                                                                      mentee, version, renders,
                                                                      django_capture_on_commit_callbacks):
    client.force_login(mentee)
    first, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    assert first.status == "done"
    assert renders == [first.pk]
    url = reverse("action_plan_pdf", kwargs={"network": "network-a", "pk": mentorship.pk})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reply = client.post(url, {"version": "1"}, HTTP_HX_REQUEST="true")
    assert callbacks == []  # no task is queued: nothing to wait for
    with scopes_disabled():
        second = PdfJob.objects.latest("pk")
    assert second.pk != first.pk
    assert second.status == "done"
    assert second.pages == first.pages
    assert "Download the PDF" in reply.content.decode()  # the reply already offers the file
    assert renders == [first.pk]
    assert _download(client, second) == _download(client, first)
    kept = second.frozen
    assert kept == first.frozen
    assert kept.file.startswith(f"pdfs/{network_a.pk}/")
    client.force_login(admin_b)  # another network's member never gets the kept file
    assert client.get(reverse("pdf_download", kwargs={"network": "network-a", "pk": second.pk})).status_code == 404


def test_without_javascript_the_reader_is_told_the_pdf_is_ready(client, mentorship, mentee, version,
                                                                django_capture_on_commit_callbacks):
    client.force_login(mentee)
    _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    url = reverse("action_plan_pdf", kwargs={"network": "network-a", "pk": mentorship.pk})
    page = client.post(url, {"version": "1"}, follow=True).content.decode()
    assert "The PDF is ready: download it below." in page


def test_another_language_is_rendered_once_more_and_then_kept_too(client, network_a, mentorship, mentee, version,
                                                                  renders, django_capture_on_commit_callbacks):
    client.force_login(mentee)
    english, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    client.force_login(person(network_a, mentorship, "mentor_association", language="it"))
    italian, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    again, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    assert renders == [english.pk, italian.pk]
    assert (italian.language, again.language, again.status) == ("it", "it", "done")
    assert again.frozen == italian.frozen != english.frozen
    assert _download(client, again) == _download(client, italian)


def test_the_retention_sweep_keeps_the_versions_pdf(client, mentorship, mentee, version, media, renders,
                                                    django_capture_on_commit_callbacks):
    client.force_login(mentee)
    first, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    pdf = _download(client, first)
    with scopes_disabled():
        PdfJob.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    tasks.delete_expired_pdfs()
    assert _download(client, first) == pdf  # the file is the version's, not the job's
    second, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    assert second.status == "done"
    assert _download(client, second) == pdf
    assert renders == [first.pk]


def test_the_live_plan_is_rendered_every_time(client, mentorship, mentee, version, renders,
                                              django_capture_on_commit_callbacks):
    client.force_login(mentee)
    kept, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    live = [_ask(client, mentorship, django_capture_on_commit_callbacks)[0] for _ in range(2)]
    again, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    assert renders == [kept.pk, live[0].pk, live[1].pk]  # the version once, the live plan each time
    assert again.status == "done"
    assert [job.frozen for job in live] == [None, None]
    assert live[0].file != live[1].file


def test_two_jobs_queued_together_render_the_version_once(network_a, mentorship, version, renders):
    """The race as it reaches the workers: both requests found nothing rendered and queued a job."""
    with scope(network=network_a):
        first, second = (services.request_pdf(network=network_a, kind="action_plan", by=None,
                                              mentorship=mentorship, plan_version=version, language="en")
                         for _ in range(2))
    tasks.render_pdf(second.pk)
    tasks.render_pdf(first.pk)
    assert renders == [second.pk]
    assert first.frozen_id == second.frozen_id
    with scopes_disabled():
        (status, pages), = set(PdfJob.objects.values_list("status", "pages"))
        assert status == "done"
        assert pages
        assert FrozenPdf.objects.count() == 1


def test_a_job_waiting_on_another_workers_render_is_completed_by_it(network_a, mentorship, version, renders):
    with scope(network=network_a):
        rendering, waiting = (services.request_pdf(network=network_a, kind="action_plan", by=None,
                                                   mentorship=mentorship, plan_version=version, language="en")
                              for _ in range(2))
        assert frozen.claim(rendering.frozen, job=rendering)  # a worker has started on it
    tasks.render_pdf(waiting.pk)
    assert renders == []  # the second worker does not render it too ...
    tasks.render_pdf(rendering.pk)
    with scopes_disabled():
        assert PdfJob.objects.get(pk=waiting.pk).status == "done"  # ... and is completed by the first
    assert renders == [rendering.pk]


def test_a_failed_render_fails_its_waiting_jobs_and_can_be_retried(network_a, mentorship, version, monkeypatch):
    with scope(network=network_a):
        rendering, waiting = (services.request_pdf(network=network_a, kind="action_plan", by=None,
                                                   mentorship=mentorship, plan_version=version, language="en")
                              for _ in range(2))
        assert frozen.claim(rendering.frozen, job=rendering)

    def broken(job):
        raise OSError("font file missing")

    monkeypatch.setattr("programmes.reports.rendering.render", broken)
    tasks.render_pdf(rendering.pk)
    with scopes_disabled():
        assert set(PdfJob.objects.values_list("status", flat=True)) == {"failed"}  # nobody waits forever
        assert PdfJob.objects.get(pk=waiting.pk).error.startswith("The PDF could not be rendered (OSError)")
    monkeypatch.undo()
    with scope(network=network_a):
        retried = services.retry(waiting, by=None)
    tasks.render_pdf(retried.pk)
    with scopes_disabled():
        assert PdfJob.objects.get(pk=retried.pk).status == "done"


def test_a_lost_file_is_rendered_again(client, mentorship, mentee, version, media, renders,
                                       django_capture_on_commit_callbacks):
    client.force_login(mentee)
    first, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    (media / first.frozen.file).unlink()  # a restore without the media folder
    second, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    assert second.status == "done"
    assert _download(client, second).startswith(b"%PDF")
    assert renders == [first.pk, second.pk]


def test_deleting_the_mentorship_deletes_its_kept_pdfs(client, mentorship, mentee, version, media,
                                                       django_capture_on_commit_callbacks):
    client.force_login(mentee)
    job, _html = _ask(client, mentorship, django_capture_on_commit_callbacks, version="1")
    path = media / job.frozen.file
    assert path.is_file()
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        mentorship.delete()
        assert not FrozenPdf.objects.exists()
        assert not PdfJob.objects.exists()
    assert not path.exists()


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_the_same_moment_render_the_version_once(network_a, mentorship, version, monkeypatch):
    require_postgresql()
    calls, lock = [], threading.Lock()

    def slow(job):  # long enough for the other request to arrive while this one renders
        with lock:
            calls.append(job.pk)
        time.sleep(0.5)
        return b"%PDF-1.7 kept", 1

    monkeypatch.setattr("programmes.reports.rendering.render", slow)

    def ask():
        services.request_pdf(network=network_a, kind="action_plan", by=None, mentorship=mentorship,
                             plan_version=version, language="en")

    assert run_together(network_a, [ask, ask]) == []
    assert len(calls) == 1
    with scopes_disabled():
        assert list(PdfJob.objects.values_list("status", flat=True)) == ["done", "done"]
        assert FrozenPdf.objects.count() == 1
