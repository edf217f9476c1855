"""PDFs as their readers get them: rendered by the task, in the reader's language, with the
header on every page, page numbers, Greek and Latvian text, served only to whoever may read
what they print."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from programmes.reports import tasks
from programmes.reports.models import PdfJob
from tests.actionplans.conftest import add, person

GREEK = "Δημιουργία γραφείου υποδοχής μεταναστών"
LATVIAN = "Valodu kafejnīca Jelgavas pilsētas bibliotēkā"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _url(mentorship, name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", "pk": mentorship.pk, **kwargs})


def _ask(client, url, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(url, data, HTTP_HX_REQUEST="true")
    assert reply.status_code == 200
    with scopes_disabled():
        return PdfJob.objects.latest("pk")


def _pdf(client, job):
    reply = client.get(reverse("pdf_download", kwargs={"network": "network-a", "pk": job.pk}))
    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(reply.streaming_content)))


def _pages(client, job):
    # Words as a reader sees them: extract_text breaks lines where the table cell wraps.
    return [" ".join(page.extract_text().split()) for page in _pdf(client, job).pages]


def test_the_action_plan_pdf_has_its_header_on_every_page(client, network_a, mentorship, mentee, plan,
                                                           django_capture_on_commit_callbacks):
    add(plan, GREEK, lead="Δήμος Λεβαδέων")
    add(plan, LATVIAN, lead="Jelgavas pilsēta")
    for number in range(40):
        add(plan, f"Action {number}: " + "a long description of what the city will do " * 6)
    client.force_login(mentee)
    job = _ask(client, _url(mentorship, "action_plan_pdf"), django_capture_on_commit_callbacks)
    assert job.status == "done"
    assert job.pages > 2
    pages = _pages(client, job)
    assert len(pages) == job.pages
    assert GREEK in pages[0]
    assert "Δήμος Λεβαδέων" in pages[0]
    assert LATVIAN in pages[0]
    for number, text in enumerate(pages, start=1):
        assert "Action plan – IncluCities" in text  # the running header
        assert "Mentee: Levadia (KEDE)" in text
        assert "Expected results" in text
        assert "Measure of success" in text
        assert f"Page {number} of {len(pages)}" in text


def test_the_reader_gets_the_pdf_in_their_language(client, network_a, mentorship, plan,
                                                   django_capture_on_commit_callbacks):
    add(plan, "Buddy scheme")
    reader = person(network_a, mentorship, "mentor_association", language="it")
    client.force_login(reader)
    job = _ask(client, _url(mentorship, "action_plan_pdf"), django_capture_on_commit_callbacks)
    text = _pages(client, job)[0]
    assert job.language == "it"
    assert "Piano d'azione – IncluCities" in text
    assert "Pagina 1 di 1" in text
    assert "Risultati attesi" in text


def test_the_pdf_is_tagged_for_screen_readers_in_the_readers_language(client, network_a, mentorship, plan,
                                                                       django_capture_on_commit_callbacks):
    add(plan, "Buddy scheme")
    reader = person(network_a, mentorship, "mentor_association", language="it")
    client.force_login(reader)
    job = _ask(client, _url(mentorship, "action_plan_pdf"), django_capture_on_commit_callbacks)
    catalog = _pdf(client, job).trailer["/Root"]
    assert catalog["/Lang"] == "it"
    assert bool(catalog["/MarkInfo"]["/Marked"])  # a tagged PDF ...
    structure = catalog["/StructTreeRoot"].get_object()
    assert structure["/K"]  # ... whose structure tree has content
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()  # declared PDF/UA


def test_a_frozen_version_prints_as_it_was(client, network_a, mentorship, mentee, plan,
                                           django_capture_on_commit_callbacks):
    from programmes.actionplans import services

    add(plan, "Buddy scheme")
    with scope(network=network_a):
        plan = services.transition(plan, "final", by=None)
        plan = services.transition(plan, "draft", by=None)
    add(plan, "Added after the final version")
    client.force_login(mentee)
    job = _ask(client, _url(mentorship, "action_plan_pdf"), django_capture_on_commit_callbacks, version="1")
    text = _pages(client, job)[0]
    assert "Version 1 – Final" in text
    assert "Buddy scheme" in text
    assert "Added after" not in text


def test_a_failed_render_says_why_and_can_be_retried(client, network_a, mentorship, mentee, plan, monkeypatch,
                                                     django_capture_on_commit_callbacks, caplog):
    add(plan, "Buddy scheme")

    def broken(job):
        raise OSError("font file missing")

    monkeypatch.setattr("programmes.reports.rendering.render", broken)
    client.force_login(mentee)
    job = _ask(client, _url(mentorship, "action_plan_pdf"), django_capture_on_commit_callbacks)
    assert job.status == "failed"
    assert job.error.startswith("The PDF could not be rendered (OSError). Try again")
    assert "font file missing" in caplog.text  # the whole error is in the log, not on the page
    page = client.get(reverse("pdf_job", kwargs={"network": "network-a", "pk": job.pk})).content.decode()
    assert "Try again" in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pdf_retry", kwargs={"network": "network-a", "pk": job.pk}))
    with scopes_disabled():
        assert PdfJob.objects.latest("pk").status == "done"


def test_a_redelivered_job_is_not_rendered_twice(network_a, mentorship, plan, monkeypatch):
    add(plan, "Buddy scheme")
    with scopes_disabled():
        job = PdfJob.objects.create(network=network_a, kind="action_plan", mentorship=mentorship, language="en")
    tasks.render_pdf(job.pk)
    calls = []
    monkeypatch.setattr("programmes.reports.rendering.render", lambda job: calls.append(job))
    tasks.render_pdf(job.pk)
    assert calls == []


def test_the_download_is_404_for_anyone_who_may_not_read_the_plan(client, network_a, network_b, admin_b, mentorship,
                                                                  mentee, plan, django_capture_on_commit_callbacks):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    job = _ask(client, _url(mentorship, "action_plan_pdf"), django_capture_on_commit_callbacks)
    url = reverse("pdf_download", kwargs={"network": "network-a", "pk": job.pk})
    client.force_login(person(network_a, mentorship, None))  # a member of the network without a part
    assert client.get(url).status_code == 404
    client.force_login(admin_b)
    assert client.get(url).status_code == 404
    coordinator = person(network_a, mentorship, None, network_role="coordinator")
    client.force_login(coordinator)  # coordinators read action plans (not needs analyses)
    assert client.get(url).status_code == 200


def test_expired_pdfs_are_deleted(client, network_a, mentorship, mentee, plan, media,
                                  django_capture_on_commit_callbacks):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    job = _ask(client, _url(mentorship, "action_plan_pdf"), django_capture_on_commit_callbacks)
    assert (media / job.file).is_file()
    with scopes_disabled():
        PdfJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert tasks.delete_expired_pdfs() == 1
    assert not (media / job.file).exists()
    assert client.get(reverse("pdf_download", kwargs={"network": "network-a", "pk": job.pk})).status_code == 404


def test_needs_analysis_and_programme_report_use_the_same_machinery(client, network_a, mentorship, mentee, plan,
                                                                    django_capture_on_commit_callbacks):
    from programmes.questionnaires import services as questionnaires
    from programmes.questionnaires.models import Question

    with scope(network=network_a):
        response = questionnaires.start_response(mentorship, kind="annex2", language="en", by=None)
        questionnaires.save_answer(response, Question.objects.get(section__template=response.template, number=1),
                                   text=GREEK, based_on_version=0, by=mentee)
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    job = _ask(client, _url(mentorship, "needs_analysis_pdf"), django_capture_on_commit_callbacks)
    text = "".join(_pages(client, job))
    assert "Needs analysis – IncluCities" in text
    assert GREEK in text
    assert "1. Which challenge" in text
    coordinator = person(network_a, mentorship, None, network_role="coordinator")
    client.force_login(coordinator)
    report = _ask(client, reverse("programme_report_pdf", kwargs={"network": "network-a",
                                                                  "pk": mentorship.programme_id}),
                  django_capture_on_commit_callbacks)
    text = "".join(_pages(client, report))
    assert "Programme report – IncluCities" in text
    assert "Levadia – Jelgava" in text
    assert "Draft" in text
    assert client.post(_url(mentorship, "needs_analysis_pdf")).status_code == 403  # confidential: not theirs
