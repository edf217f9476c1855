"""Visits and meetings as the teams plan them, and as calendars receive them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from icalendar import Calendar

from programmes.visits import services
from programmes.visits.models import CalendarFeed, Visit, VisitReport
from tests.actionplans.conftest import person
from tests.factories import CityFactory, MentorshipFactory, ProgrammeFactory

ROME = ZoneInfo("Europe/Rome")


@pytest.fixture
def mentorship(network_a):
    programme = ProgrammeFactory(network=network_a, title="IncluCities", start_date=datetime.date(2026, 1, 1),
                                 end_date=datetime.date(2027, 12, 31))
    return MentorshipFactory(network=network_a, programme=programme, title="Capaci – Mechelen",
                             mentee=CityFactory(network=network_a, name="Capaci"),
                             mentor=CityFactory(network=network_a, name="Mechelen", country="BE"))


@pytest.fixture
def mentee(network_a, mentorship):
    return person(network_a, mentorship, "mentee_team", full_name="Giulia")


def _url(mentorship, name="visit_list", **kwargs):
    return reverse(name, kwargs={"network": "network-a", "pk": mentorship.pk, **kwargs})


def _form(**values):
    return {"kind": "setup", "title": "", "host_city": "", "mode": "physical", "starts_on": "2026-10-12",
            "starts_time": "09:30", "ends_on": "2026-10-13", "ends_time": "17:00", "time_zone": "Europe/Rome",
            "venue": "Town hall, Piazza Municipio 1, Capaci", "meeting_link": "", "objectives": "", "questions": "",
            **values}


def _visit(mentorship, **values):
    starts = datetime.datetime(2026, 10, 12, 9, 30, tzinfo=ROME)
    with scope(network=mentorship.network):
        return services.plan_visit(programme=mentorship.programme, mentorship=mentorship, by=None, values={
            "kind": "setup", "starts_at": starts, "ends_at": starts + datetime.timedelta(hours=30),
            "time_zone": "Europe/Rome", **values})


def test_a_set_up_visit_starts_with_the_guides_agenda_in_the_hosts_time(client, network_a, mentorship, mentee):
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "visit_create"), _form())
    assert reply.status_code == 302
    with scopes_disabled():
        visit = Visit.objects.get()
        titles = list(visit.agenda.values_list("title", flat=True))
    assert visit.starts_at == datetime.datetime(2026, 10, 12, 7, 30, tzinfo=datetime.UTC)  # 09:30 in Rome
    assert titles[0] == "Key issues of the needs analysis"
    assert "Action-planning workshop" in titles
    page = client.get(reply["Location"]).content.decode()
    assert "12 October 2026, 09:30 – 13 October 2026, 17:00 (Europe/Rome)" in page
    assert "Good-practice presentation by the mentor" in page


def test_bad_dates_and_links_are_explained_and_nothing_typed_is_lost(client, mentorship, mentee):
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "visit_create"),
                        _form(ends_on="2026-10-12", ends_time="08:00", mode="online", meeting_link="not a link",
                              objectives="Agree the first list of actions"))
    page = reply.content.decode()
    assert reply.status_code == 400
    assert "The end must be after the start." in page
    assert "Enter a valid URL." in page
    assert "Agree the first list of actions" in page


def test_a_visit_outside_the_programme_is_saved_with_a_warning(client, mentorship, mentee):
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "visit_create"), _form(starts_on="2028-03-01", ends_on="2028-03-02"),
                        follow=True)
    assert "It is outside the programme" in reply.content.decode()


def test_the_ics_keeps_its_uid_raises_its_sequence_and_cancels(client, network_a, mentorship, mentee):
    visit = _visit(mentorship, venue="Town hall")
    client.force_login(mentee)

    def event():
        ics = client.get(_url(mentorship, "visit_ics", visit_pk=visit.pk))
        assert ics["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(ics.content)
        assert [c.name for c in calendar.walk() if c.name == "VTIMEZONE"] == ["VTIMEZONE"]
        return next(c for c in calendar.walk() if c.name == "VEVENT")

    first = event()
    assert first["DTSTART"].dt == datetime.datetime(2026, 10, 12, 9, 30, tzinfo=ROME)
    assert first["DTSTART"].params["TZID"] == "Europe/Rome"
    assert int(first["SEQUENCE"]) == 0
    assert "Key issues of the needs analysis" in str(first["DESCRIPTION"])
    client.post(_url(mentorship, "visit_edit", visit_pk=visit.pk), _form(starts_time="10:00"))
    changed = event()
    assert str(changed["UID"]) == str(first["UID"])
    assert int(changed["SEQUENCE"]) == 1
    client.post(_url(mentorship, "visit_status", visit_pk=visit.pk, status="cancelled"))
    cancelled = event()
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 2


def test_teams_plan_associations_read(client, network_a, mentorship):
    visit = _visit(mentorship)
    mentor = person(network_a, mentorship, "mentor_team")
    association = person(network_a, mentorship, "mentee_association")
    client.force_login(mentor)
    assert client.post(_url(mentorship, "visit_create"), _form(kind="inspiration")).status_code == 302
    client.force_login(association)
    assert client.get(_url(mentorship, "visit_detail", visit_pk=visit.pk)).status_code == 200
    assert client.post(_url(mentorship, "visit_create"), _form()).status_code == 403
    client.force_login(person(network_a, mentorship, None))  # a member of the network without a part
    assert client.get(_url(mentorship)).status_code == 403


def test_participants_attendance_report_and_follow_ups(client, network_a, mentorship, mentee):
    mentor = person(network_a, mentorship, "mentor_team", full_name="Pieter")
    starts = timezone.now() - datetime.timedelta(days=2)
    visit = _visit(mentorship, starts_at=starts, ends_at=starts + datetime.timedelta(hours=8))
    client.force_login(mentee)
    client.post(_url(mentorship, "visit_participants", visit_pk=visit.pk), {"user": [mentee.pk, mentor.pk]})
    client.post(_url(mentorship, "visit_attendance", visit_pk=visit.pk), {"attended": [mentor.pk]})
    client.post(_url(mentorship, "visit_report", visit_pk=visit.pk), {"learned": "Buddies need a coordinator."})
    client.post(_url(mentorship, "visit_follow_up_add", visit_pk=visit.pk),
                {"text": "Ask the mayor for a coordinator", "owner": "Giulia", "due_on": "2026-12-01"})
    with scopes_disabled():
        visit.refresh_from_db()
        attended = {p.user_id: p.attended for p in visit.participants.all()}
    assert visit.status == "held"
    assert attended == {mentee.pk: False, mentor.pk: True}
    listing = client.get(_url(mentorship)).content.decode()
    assert "Open follow-ups" in listing
    assert "Ask the mayor for a coordinator" in listing
    coordinator = person(network_a, mentorship, None, network_role="coordinator")
    client.force_login(coordinator)
    page = client.get(_url(mentorship, "visit_detail", visit_pk=visit.pk)).content.decode()
    assert "Buddies need a coordinator." not in page  # private unless shared
    client.force_login(mentee)
    client.post(_url(mentorship, "visit_report", visit_pk=visit.pk), {"learned": "Buddies need a coordinator.",
                                                                       "shared": "on"})
    client.force_login(coordinator)
    assert "Buddies need a coordinator." in client.get(_url(mentorship, "visit_detail", visit_pk=visit.pk)).content.decode()


def test_training_sessions_reach_every_mentorship_of_the_programme(client, network_a, mentorship, mentee):
    coordinator = person(network_a, mentorship, None, network_role="coordinator")
    client.force_login(coordinator)
    programme_url = reverse("training_create", kwargs={"network": "network-a", "pk": mentorship.programme_id})
    reply = client.post(programme_url, _form(kind="training", title="What city mentoring is", mode="online",
                                             meeting_link="https://meet.example.org/inclucities", venue=""))
    assert reply.status_code == 302
    client.force_login(mentee)
    listing = client.get(_url(mentorship)).content.decode()
    assert "What city mentoring is" in listing
    assert client.post(programme_url, _form(kind="training")).status_code == 403


def test_the_personal_feed_lists_visits_and_milestones_and_can_be_replaced(client, network_a, mentorship, mentee):
    _visit(mentorship, title="Set-up in Capaci")
    client.force_login(mentee)
    client.post(reverse("calendar_settings"), {"action": "regenerate"})
    with scopes_disabled():
        token = mentee.calendar_feed.token
    client.logout()  # calendar programs do not sign in: the token is the key
    feed = Calendar.from_ical(client.get(reverse("calendar_feed", kwargs={"token": token})).content)
    summaries = [str(e["SUMMARY"]) for e in feed.walk() if e.name == "VEVENT"]
    assert "Set-up in Capaci – Capaci – Mechelen" in summaries
    client.force_login(mentee)
    client.post(reverse("calendar_settings"), {"action": "regenerate"})
    assert client.get(reverse("calendar_feed", kwargs={"token": token})).status_code == 404
    client.post(reverse("calendar_settings"), {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=mentee).exists()


def test_the_home_page_shows_whats_coming(client, network_a, mentorship, mentee):
    starts = timezone.now() + datetime.timedelta(days=3)
    _visit(mentorship, title="Inspiration in Mechelen", starts_at=starts, ends_at=starts + datetime.timedelta(hours=5))
    with scopes_disabled():
        mentorship.programme.milestones.create(network=network_a, kind="action_plan",
                                               due_date=timezone.localdate() + datetime.timedelta(days=20))
    client.force_login(mentee)
    page = client.get(reverse("network_home", kwargs={"network": "network-a"})).content.decode()
    assert "Inspiration in Mechelen" in page
    assert "Final action plan" in page


def test_visit_pages_read_a_fixed_number_of_queries(client, network_a, mentorship, mentee,
                                                    django_assert_max_num_queries):
    from programmes.questionnaires.models import GoodPractice

    people = [person(network_a, mentorship, "support_group") for _ in range(15)]
    with scopes_disabled():
        practices = [GoodPractice.objects.create(network=network_a, title=f"Practice {n}", policy_area="x")
                     for n in range(5)]
    visits = [_visit(mentorship, title=f"Visit {n}") for n in range(20)]
    with scope(network=network_a):
        for number in range(20):
            services.save_agenda_item(visits[0], values={"title": f"Item {number}"}, good_practices=practices, by=None)
            services.add_follow_up(visits[0], text=f"Follow-up {number}", owner="Giulia", due_on=None, by=None)
        services.invite(visits[0], people, by=None)
    client.force_login(mentee)
    with django_assert_max_num_queries(20):
        assert client.get(_url(mentorship)).status_code == 200
    with django_assert_max_num_queries(20):
        page = client.get(_url(mentorship, "visit_detail", visit_pk=visits[0].pk)).content.decode()
    assert "Item 19" in page
    assert "Practice 4" in page


def test_agenda_items_link_good_practices_and_key_factors(client, network_a, mentorship, mentee):
    from programmes.questionnaires.models import GoodPractice
    from tests.factories import BenchmarkFactory, KeyFactorFactory

    benchmark = BenchmarkFactory(network=network_a, status="published")
    factor = KeyFactorFactory(network=network_a, benchmark=benchmark, number=8, title="Volunteering")
    with scopes_disabled():
        mentorship.programme.benchmark = benchmark
        mentorship.programme.save()
        practice = GoodPractice.objects.create(network=network_a, title="Buddy scheme", policy_area="Inclusion")
    visit = _visit(mentorship)
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "visit_agenda_add", visit_pk=visit.pk),
                        {"day": "2", "time": "10:00", "title": "Meet the buddies", "description": "", "place": "",
                         "lead": "Mechelen", "good_practices": [practice.pk], "key_factors": [factor.pk]})
    assert reply.status_code == 302
    page = client.get(_url(mentorship, "visit_detail", visit_pk=visit.pk)).content.decode()
    assert "Meet the buddies" in page
    assert "8. Volunteering" in page
    assert "Buddy scheme" in page


def test_the_mentorship_page_and_the_dashboard_show_visits(client, network_a, mentorship, mentee):
    starts = timezone.now() + datetime.timedelta(days=3)
    visit = _visit(mentorship, title="Inspiration in Mechelen", starts_at=starts,
                   ends_at=starts + datetime.timedelta(hours=5))
    with scope(network=network_a):
        services.add_follow_up(visit, text="Ask the mayor for a coordinator", owner="Giulia", due_on=None, by=None)
    client.force_login(mentee)
    page = client.get(reverse("mentorship_detail", kwargs={"network": "network-a", "pk": mentorship.pk}))
    assert "Inspiration in Mechelen" in page.content.decode()
    assert "Open follow-ups" in page.content.decode()
    assert "Ask the mayor for a coordinator" in page.content.decode()
    client.force_login(person(network_a, mentorship, None, network_role="coordinator"))
    dashboard = client.get(reverse("programme_detail", kwargs={"network": "network-a", "pk": mentorship.programme_id}))
    assert "0 held, 1 planned" in dashboard.content.decode()


def test_a_training_report_reaches_the_programme_once_shared(client, network_a, mentorship, mentee):
    with scope(network=network_a):
        starts = timezone.now() - datetime.timedelta(days=3)
        training = services.plan_visit(programme=mentorship.programme, by=None, values={
            "kind": "training", "title": "What city mentoring is", "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=3), "time_zone": "Europe/Brussels"})
        services.save_report(training, learned="Mentors listen first.", shared=False, by=None)
    url = reverse("training_detail", kwargs={"network": "network-a", "pk": mentorship.programme_id,
                                             "visit_pk": training.pk})
    client.force_login(mentee)
    assert "Mentors listen first." not in client.get(url).content.decode()
    with scope(network=network_a):
        services.save_report(training, learned="Mentors listen first.", shared=True, by=None)
    assert "Mentors listen first." in client.get(url).content.decode()


def test_odd_ids_and_unstorable_reports_are_refused_not_a_server_error(client, network_a, mentorship, mentee):
    """'²' is a digit to str.isdigit() but no int(); PostgreSQL refuses a NUL; a report has a limit."""
    mentor = person(network_a, mentorship, "mentor_team", full_name="Pieter")
    visit = _visit(mentorship)
    client.force_login(mentee)
    response = client.post(_url(mentorship, "visit_participants", visit_pk=visit.pk),
                           {"user": ["²", "99999999999999999999", str(mentor.pk)]})
    assert response.status_code == 302
    assert client.post(_url(mentorship, "visit_attendance", visit_pk=visit.pk),
                       {"attended": ["²", str(mentor.pk)]}).status_code == 302
    with scopes_disabled():
        assert {p.user_id: p.attended for p in visit.participants.all()} == {mentor.pk: True}
    for learned in ("Buddies\x00 need a coordinator.", "x" * 20_001):
        page = client.post(_url(mentorship, "visit_report", visit_pk=visit.pk), {"learned": learned}, follow=True)
        assert page.status_code == 200
        assert "The visit report was not saved" in page.content.decode()
    with scopes_disabled():
        assert not VisitReport.objects.filter(visit=visit).exclude(learned="").exists()


def test_a_visit_with_an_unknown_stored_time_zone_still_opens_in_utc(client, network_a, mentorship, mentee):
    """A zone name the server does not know (written outside the form) was a 500 on every page of
    the visit and on its calendar file; the moment is shown in UTC instead, and says so."""
    visit = _visit(mentorship)
    with scopes_disabled():
        Visit.objects.filter(pk=visit.pk).update(time_zone="Mars/Olympus_Mons")
    client.force_login(mentee)
    for name in ("visit_detail", "visit_ics", "visit_edit"):
        assert client.get(_url(mentorship, name, visit_pk=visit.pk)).status_code == 200, name
    page = client.get(_url(mentorship, "visit_detail", visit_pk=visit.pk)).content.decode()
    assert "(UTC)" in page
    assert client.get(_url(mentorship)).status_code == 200
    calendar = Calendar.from_ical(client.get(_url(mentorship, "visit_ics", visit_pk=visit.pk)).content)
    event = next(component for component in calendar.walk("VEVENT"))
    assert event.decoded("dtstart") == visit.starts_at
