"""The mentee team plans the set-up visit (the guide's agenda is already there), invites the mentor
team and downloads the .ics; when the clock reaches two days before, the mentor gets the reminder
in their own language."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django_scopes import scopes_disabled
from icalendar import Calendar
from playwright.sync_api import expect

from programmes.visits import services
from programmes.visits.models import Visit
from programmes.visits.reminders import sweeping, tasks
from tests.e2e.helpers import sign_in
from tests.factories import (
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    NetworkFactory,
    ParticipantFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mentorship(live_server):
    network = NetworkFactory(slug="inclucities", name="IncluCities (CEMR)")
    programme = ProgrammeFactory(network=network, title="IncluCities", start_date=datetime.date(2026, 1, 1),
                                 end_date=datetime.date(2027, 12, 31))
    with scopes_disabled():
        services.ensure_default_rules(programme)
    mentorship = MentorshipFactory(network=network, programme=programme, title="Capaci – Mechelen",
                                   mentee=CityFactory(network=network, name="Capaci"),
                                   mentor=CityFactory(network=network, name="Mechelen", country="BE"))
    for email, name, role, language in (("mentee@capaci.example", "Giulia Mentee", "mentee_team", "en"),
                                        ("mentor@mechelen.example", "Pieter Mentor", "mentor_team", "it")):
        user = UserFactory(email=email, full_name=name, language=language)
        MembershipFactory(network=network, user=user)
        ParticipantFactory(network=network, mentorship=mentorship, user=user, role=role)
    return mentorship


def test_plan_the_set_up_visit_invite_download_and_get_reminded(page, live_server, mentorship):
    sign_in(page, live_server, "mentee@capaci.example")
    page.goto(f"{live_server.url}/inclucities/mentorships/{mentorship.pk}/")
    page.get_by_role("link", name="Visits and meetings").click()
    page.get_by_role("link", name="Plan a visit or meeting").click()
    page.get_by_label(re.compile(r"^\s*Kind")).select_option("setup")
    page.get_by_label("Title").fill("Set-up in Capaci")
    page.get_by_label(re.compile(r"^\s*Start date")).fill("2026-12-10")
    page.get_by_label(re.compile(r"^\s*Start time")).fill("09:30")
    page.get_by_label(re.compile(r"^\s*End date")).fill("2026-12-11")
    page.get_by_label(re.compile(r"^\s*End time")).fill("13:00")
    page.get_by_label(re.compile(r"^\s*Time zone")).select_option("Europe/Rome")
    page.get_by_label("Venue address").fill("Town hall, Piazza Municipio 1, Capaci")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“Set-up in Capaci” is planned.")).to_be_visible()
    agenda = page.get_by_role("region", name="Agenda")
    expect(agenda.locator("strong", has_text="Key issues of the needs analysis")).to_be_visible()  # the guide's agenda
    expect(agenda.locator("strong", has_text="Action-planning workshop")).to_be_visible()

    page.get_by_role("checkbox", name="Pieter Mentor").check()
    page.get_by_role("checkbox", name="Giulia Mentee").check()
    page.get_by_role("button", name="Save the participants").click()
    expect(page.get_by_text("The list of participants is saved.")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    event = next(c for c in Calendar.from_ical(Path(download.value.path()).read_bytes()).walk() if c.name == "VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Rome"
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime.datetime(2026, 12, 10, 9, 30)

    with scopes_disabled():
        visit = Visit.objects.get()
    with time_machine.travel(visit.starts_at - datetime.timedelta(days=2, minutes=-1), tick=False):
        sweeping.sweep(enqueue=tasks.queue_reminder)
    to_mentor = [m for m in mail.outbox if m.to == ["mentor@mechelen.example"]]
    assert len(to_mentor) == 1
    assert to_mentor[0].subject == "Promemoria: Set-up in Capaci, 10 Dicembre 2026 – Capaci – Mechelen"
    assert "è tra 2 giorni" in to_mentor[0].body
