"""Reminders reach people at the right moment, in their language, once — even with two sweeps at
the same time — and follow the visit when it changes or is cancelled."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from icalendar import Calendar

from programmes.visits import services
from programmes.visits.models import DeliveryStatus, ReminderDelivery, ReminderRule
from programmes.visits.reminders import sweeping, tasks
from tests.actionplans.conftest import person
from tests.factories import CityFactory, MentorshipFactory, ProgrammeFactory

ROME = ZoneInfo("Europe/Rome")
VISIT_START = datetime.datetime(2026, 12, 10, 9, 30, tzinfo=ROME)


@pytest.fixture
def mentorship(network_a):
    programme = ProgrammeFactory(network=network_a, title="IncluCities", start_date=datetime.date(2026, 1, 1),
                                 end_date=datetime.date(2027, 12, 31))
    with scope(network=network_a):
        services.ensure_default_rules(programme)
    return MentorshipFactory(network=network_a, programme=programme, title="Capaci – Mechelen",
                             mentee=CityFactory(network=network_a, name="Capaci"),
                             mentor=CityFactory(network=network_a, name="Mechelen", country="BE"))


@pytest.fixture
def people(network_a, mentorship):
    return {
        "mentee": person(network_a, mentorship, "mentee_team", email="giulia@capaci.example", language="it"),
        "mentor": person(network_a, mentorship, "mentor_team", email="pieter@mechelen.example", language="en"),
    }


def _visit(mentorship, starts=VISIT_START, **values):
    with scope(network=mentorship.network):
        return services.plan_visit(programme=mentorship.programme, mentorship=mentorship, by=None, values={
            "kind": "setup", "title": "Set-up in Capaci", "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=8), "time_zone": "Europe/Rome", "venue": "Town hall",
            **values})


def _sweep(now):
    """Sweep at `now` and run each queued send task as a worker would; returns the queued ids."""
    queued = []
    with time_machine.travel(now, tick=False):
        sweeping.sweep(enqueue=lambda delivery_id, network_id: queued.append((delivery_id, network_id)))
        for delivery_id, network_id in queued:
            tasks.send_reminder.apply(args=[delivery_id], kwargs={"network_id": network_id})
    return [delivery_id for delivery_id, _network_id in queued]


def _nowhere(delivery_id, network_id):
    """An `enqueue` that queues nothing: the tests that only count claims."""


def _visit_mails():
    return [m for m in mail.outbox if "Set-up in Capaci" in m.subject]


def test_reminders_go_out_14_and_2_days_before_and_only_once(network_a, mentorship, people):
    _visit(mentorship)
    day = datetime.timedelta(days=1)
    assert _sweep(VISIT_START - 14 * day - datetime.timedelta(minutes=5)) == []  # not yet
    assert len(_sweep(VISIT_START - 14 * day + datetime.timedelta(minutes=1))) == 2  # one per person
    assert _sweep(VISIT_START - 2 * day - datetime.timedelta(minutes=5)) == []  # nothing new in between
    assert len(_sweep(VISIT_START - 2 * day + datetime.timedelta(minutes=1))) == 2
    assert _sweep(VISIT_START - datetime.timedelta(hours=2)) == []  # later sweeps find nothing new
    assert len(_visit_mails()) == 4


def test_a_visit_planned_late_gets_only_its_latest_reminder(network_a, mentorship, people):
    _visit(mentorship)
    _sweep(VISIT_START - datetime.timedelta(days=1))  # both 14 and 2 days have passed
    with scopes_disabled():
        assert set(ReminderDelivery.objects.values_list("offset", flat=True)) == {2 * 24 * 60}


def test_each_person_reads_it_in_their_language_with_the_calendar_file(network_a, mentorship, people):
    _visit(mentorship)
    _sweep(VISIT_START - datetime.timedelta(days=13, hours=23))
    italian = next(m for m in mail.outbox if m.to == ["giulia@capaci.example"])
    english = next(m for m in mail.outbox if m.to == ["pieter@mechelen.example"])
    assert italian.subject == "Promemoria: Set-up in Capaci, 10 Dicembre 2026 – Capaci – Mechelen"
    assert "“Set-up in Capaci” è tra 14 giorni." in italian.body
    assert english.subject == "Reminder: Set-up in Capaci, 10 December 2026 – Capaci – Mechelen"
    assert "10 December 2026, 09:30 – 10 December 2026, 17:30 (Europe/Rome)" in english.body
    name, content, mimetype = english.attachments[0]
    event = next(c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT")
    assert name == "visit.ics"
    assert mimetype.startswith("text/calendar")
    assert event["DTSTART"].dt == VISIT_START
    assert "Key issues of the needs analysis" in english.alternatives[0][0]


def test_a_change_after_the_reminder_sends_one_update_and_a_cancellation_stops_the_next(network_a, mentorship,
                                                                                           people):
    visit = _visit(mentorship)
    _sweep(VISIT_START - datetime.timedelta(days=13))
    with scope(network=network_a):
        services.update_visit(visit, values={"venue": "Library, Via Roma 3"}, by=None)
    _sweep(VISIT_START - datetime.timedelta(days=12))
    _sweep(VISIT_START - datetime.timedelta(days=11))
    updates = [m for m in _visit_mails() if m.subject.startswith(("Changed", "Modificato"))]
    assert len(updates) == 2
    assert "Library, Via Roma 3" in updates[0].body
    with scope(network=network_a):
        services.set_status(visit, "cancelled", by=None)
    _sweep(VISIT_START - datetime.timedelta(days=1))  # the 2-day reminder is not sent; a cancellation is
    subjects = [m.subject for m in _visit_mails()]
    assert sum(s.startswith(("Cancelled", "Annullato")) for s in subjects) == 2
    assert sum(s.startswith(("Reminder", "Promemoria")) for s in subjects) == 2  # only the 14-day ones


def test_people_who_switched_reminders_off_get_none(network_a, mentorship, people):
    people["mentor"].wants_reminders = False
    people["mentor"].save()
    _visit(mentorship)
    _sweep(VISIT_START - datetime.timedelta(days=1))
    assert [m.to for m in _visit_mails()] == [["giulia@capaci.example"]]


def test_milestones_are_reminded_too(network_a, mentorship, people):
    with scopes_disabled():
        milestone = mentorship.programme.milestones.create(network=network_a, kind="action_plan",
                                                           due_date=datetime.date(2026, 12, 20))
    _sweep(datetime.datetime(2026, 12, 18, 12, 0, tzinfo=ROME))
    subjects = [m.subject for m in mail.outbox if "IncluCities" in m.subject]
    assert "Due 20 December 2026: Final action plan – IncluCities" in subjects
    assert milestone.pk


def test_a_failing_mail_server_is_retried_then_shown_as_failed(network_a, mentorship, people, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    _visit(mentorship)
    _sweep(VISIT_START - datetime.timedelta(days=1))
    with scopes_disabled():
        delivery = ReminderDelivery.objects.first()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == tasks.MAX_ATTEMPTS
    assert delivery.last_error == "ConnectionRefusedError: smtp down"


def test_the_sweep_reads_the_same_number_of_queries_for_10_or_1000_reminders(network_a, mentorship, monkeypatch):
    claims = []  # queries of each claim, counted apart: claiming goes batch by batch
    real_claim = sweeping._claim_due_across_networks

    def counted_claim(now):
        with CaptureQueriesContext(connection) as inside:
            claimed = real_claim(now)
        claims.append(len(inside))
        return claimed

    monkeypatch.setattr(sweeping, "_claim_due_across_networks", counted_claim)
    for count in (10, 1000):
        with scopes_disabled():
            ReminderDelivery.objects.all().delete()
        users = [person(network_a, mentorship, "mentee_team") for _ in range(count - len(_participants(mentorship)))]
        assert users is not None
        visit = _visit(mentorship, starts=VISIT_START + datetime.timedelta(days=count))
        now = visit.starts_at - datetime.timedelta(days=1)
        claims.clear()
        with CaptureQueriesContext(connection) as queries, time_machine.travel(now, tick=False):
            claimed = sweeping.sweep(enqueue=_nowhere)
        others = [q for q in queries if not q["sql"].lstrip().upper().startswith("INSERT")]
        inserts = len(queries) - len(others)
        reads = len(others) - sum(claims)
        if count == 10:
            ten = reads
            assert len(claims) == 1  # fewer than a batch: one claim ends the sweep
        else:
            assert reads == ten  # reading what is due and cancelling: the same queries for 1,000 as for 10
            assert len(claims) == 3  # two full batches of 500, then an empty claim ends the sweep
        fields = [f for f in ReminderDelivery._meta.concrete_fields if not f.primary_key]
        per_insert = min(sweeping.BATCH, connection.ops.bulk_batch_size(fields, [None] * count) or count)
        assert inserts <= -(-count // per_insert)  # one insert per batch the database accepts
    assert len(claimed) == 1000  # one sweep claims all that is due
    with time_machine.travel(now, tick=False), CaptureQueriesContext(connection) as again:
        assert sweeping.sweep(enqueue=_nowhere) == []
    assert not [q for q in again if q["sql"].lstrip().upper().startswith("INSERT")]  # nothing re-recorded


def _participants(mentorship):
    with scopes_disabled():
        return list(mentorship.participants.all())


def test_offsets_that_are_not_durations_are_explained(client, network_a, mentorship):
    coordinator = person(network_a, mentorship, None, network_role="coordinator")
    client.force_login(coordinator)
    url = reverse("reminder_rules", kwargs={"network": "network-a", "pk": mentorship.programme_id})
    reply = client.post(url, {"target": "visits", "milestone_kind": "", "offsets": "14d, soon"})
    assert reply.status_code == 400
    assert "“soon” is not a duration before the event" in reply.content.decode()
    assert "14d, soon" in reply.content.decode()
    client.post(url, {"target": "visits", "milestone_kind": "", "offsets": "3w, 1d, 2h"})
    with scopes_disabled():
        assert ReminderRule.objects.filter(programme=mentorship.programme).last().offsets == [30240, 1440, 120]
    client.post(url, {"target": "milestones", "milestone_kind": "action_plan", "offsets": "7d"})
    page = client.get(url).content.decode()
    assert "21 days, 1 day, 2 hours" in page
    assert "Milestones of the programme (Final action plan)" in page


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_time_never_send_twice(network_a, mentorship, people):
    for day in range(5):
        _visit(mentorship, starts=VISIT_START + datetime.timedelta(hours=day))
    now = VISIT_START - datetime.timedelta(days=1)
    claimed, errors = [], []

    def run():
        try:
            with time_machine.travel(now, tick=False):
                claimed.extend(sweeping.sweep(enqueue=_nowhere))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with scopes_disabled():
        total = ReminderDelivery.objects.count()
    assert total == 10
    assert sorted(claimed) == sorted(set(claimed))
    assert len(claimed) == total


def test_a_late_reminder_tells_the_real_time_left(network_a, mentorship, people):
    _visit(mentorship)
    _sweep(VISIT_START - datetime.timedelta(days=12))  # planned too late for "14 days before"
    english = next(m for m in mail.outbox if m.to == ["pieter@mechelen.example"])
    assert "“Set-up in Capaci” is in 12 days." in english.body
