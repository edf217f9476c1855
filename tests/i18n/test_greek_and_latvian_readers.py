"""A Greek and a Latvian official work in their own language end to end: the pages, the dates
on them, the reminder e-mails and the action plan PDF."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scope

from tests.actionplans.conftest import add, person
from tests.reports.test_pdfs import _ask, _pdf, _url
from tests.visits import test_reminders
from tests.visits.test_reminders import VISIT_START, _sweep, _visit

mentorship = test_reminders.mentorship  # the reminders' Capaci – Mechelen, with the default reminder rules

READERS = {
    "el": {"home": "Οι σχέσεις καθοδήγησής μου", "plan": "Σχέδιο δράσης", "page": "Σελίδα 1 από 1",
           "column": "Αναμενόμενα αποτελέσματα", "reminder": "Υπενθύμιση: Set-up in Capaci",
           "in_days": "είναι σε 2 ημέρες", "date": "10/12/2026"},
    "lv": {"home": "Manas mentoringa sadarbības", "plan": "Rīcības plāns", "page": "1. lapa no 1",
           "column": "Gaidāmie rezultāti", "reminder": "Atgādinājums: Set-up in Capaci",
           "in_days": "vēl 2 dienas", "date": "2026. gada 10. decembris"},
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("language", READERS)
def test_pages_speak_the_readers_language(client, network_a, mentorship, language):
    reader = person(network_a, mentorship, "mentee_team", language=language)
    client.force_login(reader)
    page = client.get(reverse("network_home", kwargs={"network": "network-a"})).content.decode()
    assert f'<html lang="{language}">' in page
    assert READERS[language]["home"] in page


@pytest.mark.parametrize("language", READERS)
def test_reminders_arrive_in_the_readers_language_with_local_dates(network_a, mentorship, language):
    person(network_a, mentorship, "mentee_team", language=language, email=f"reader@{language}.example")
    _visit(mentorship)
    _sweep(VISIT_START - datetime.timedelta(days=2) + datetime.timedelta(minutes=1))
    message = next(m for m in mail.outbox if m.to == [f"reader@{language}.example"])
    expected = READERS[language]
    assert message.subject.startswith(expected["reminder"])
    assert expected["in_days"] in message.body
    assert expected["date"] in message.body


@pytest.mark.parametrize("language", READERS)
def test_the_action_plan_pdf_is_in_the_readers_language(client, network_a, mentorship, language,
                                                       django_capture_on_commit_callbacks):
    from programmes.actionplans import services as plans

    with scope(network=network_a):
        add(plans.plan_for(mentorship), "Buddy scheme")
    reader = person(network_a, mentorship, "mentor_association", language=language)
    client.force_login(reader)
    job = _ask(client, _url(mentorship, "action_plan_pdf"), django_capture_on_commit_callbacks)
    pdf = _pdf(client, job)
    text = " ".join(pdf.pages[0].extract_text().split())
    expected = READERS[language]
    assert expected["plan"] in text
    assert expected["page"] in text
    assert expected["column"] in text
    assert pdf.trailer["/Root"]["/Lang"] == language
