"""The "your PDFs" panel on the action plan, needs analysis and programme pages ({% pdf_jobs %}):
each page lists the reader's own jobs for its subject, and only those."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from programmes.questionnaires import services as questionnaires
from programmes.reports.models import PdfJob
from tests.actionplans.conftest import add, person


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name, pk):
    return reverse(name, kwargs={"network": "network-a", "pk": pk})


def _ask(client, url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, HTTP_HX_REQUEST="true").status_code == 200
    with scopes_disabled():
        return PdfJob.objects.latest("pk")


def test_each_page_lists_the_readers_own_pdfs_of_its_subject(client, network_a, mentorship, mentee, plan,
                                                             django_capture_on_commit_callbacks):
    add(plan, "Buddy scheme")
    with scope(network=network_a):
        questionnaires.start_response(mentorship, kind="annex2", language="en", by=None)
    client.force_login(mentee)
    plan_job = _ask(client, _url("action_plan_pdf", mentorship.pk), django_capture_on_commit_callbacks)
    analysis_job = _ask(client, _url("needs_analysis_pdf", mentorship.pk), django_capture_on_commit_callbacks)

    plan_page = client.get(_url("action_plan", mentorship.pk)).content.decode()
    assert f'id="pdf-job-{plan_job.pk}"' in plan_page
    assert f'id="pdf-job-{analysis_job.pk}"' not in plan_page
    assert "Download the PDF" in plan_page
    analysis_page = client.get(_url("needs_analysis", mentorship.pk)).content.decode()
    assert f'id="pdf-job-{analysis_job.pk}"' in analysis_page
    assert f'id="pdf-job-{plan_job.pk}"' not in analysis_page

    teammate = person(network_a, mentorship, "mentee_team")
    client.force_login(teammate)
    assert "pdf-job-" not in client.get(_url("action_plan", mentorship.pk)).content.decode()

    coordinator = person(network_a, mentorship, None, network_role="coordinator")
    client.force_login(coordinator)
    report = _ask(client, _url("programme_report_pdf", mentorship.programme_id), django_capture_on_commit_callbacks)
    programme_page = client.get(_url("programme_detail", mentorship.programme_id)).content.decode()
    assert f'id="pdf-job-{report.pk}"' in programme_page
