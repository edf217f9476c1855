"""Check-ins after approval (actionplans/checkins.py): recorded when the plan is approved, told once
to the mentee team when due, shown due, done or overdue on the plan page and the dashboard."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from programmes.actionplans import checkins, services
from programmes.actionplans.models import CheckIn
from programmes.actionplans.tasks import send_due_check_ins
from programmes.notifications.models import Notification
from tests.factories import (
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    ParticipantFactory,
    ProgrammeFactory,
    UserFactory,
)

ZONE = datetime.timezone(datetime.timedelta(hours=1))
APPROVED_ON = datetime.date(2026, 1, 15)


def _at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZONE)


def _person(network, mentorship=None, role=None, *, network_role="member", **user):
    account = UserFactory(**user)
    MembershipFactory(network=network, user=account, role=network_role)
    if mentorship is not None:
        ParticipantFactory(network=network, mentorship=mentorship, user=account, role=role)
    return account


def _approved_pair(network, programme, title, *, actions=("Buddy scheme",)):
    mentorship = MentorshipFactory(network=network, programme=programme, title=title,
                                   mentee=CityFactory(network=network), mentor=CityFactory(network=network))
    mentee = _person(network, mentorship, "mentee_team")
    _person(network, mentorship, "mentor_team")
    with time_machine.travel(_at(APPROVED_ON), tick=False), scope(network=network):
        plan = services.plan_for(mentorship)
        for text in actions:
            services.add_action(plan, values={"action": text}, by=mentee)
        services.transition(plan, "final", by=mentee)
        services.transition(plan, "approved", by=mentee, approving_body="City council", approved_on=APPROVED_ON)
    plan.refresh_from_db()
    mentorship.mentee, mentorship.plan = mentee, plan
    return mentorship


@pytest.fixture
def programme(network_a):
    return ProgrammeFactory(network=network_a, title="IncluCities", start_date=datetime.date(2025, 6, 1),
                            end_date=datetime.date(2027, 12, 31), check_in_months=[6, 12])


@pytest.fixture
def pairing(network_a, programme):
    return _approved_pair(network_a, programme, "Levadia – Jelgava")


@pytest.fixture
def coordinator(network_a):
    return _person(network_a, network_role="coordinator", email="coord@a.example")


def _told(event="plan.check_in", user=None):
    with scopes_disabled():
        rows = Notification.objects.filter(event=event)
        return list(rows.filter(recipient=user) if user else rows)


def _sweep(day, hour=9):
    with time_machine.travel(_at(day, hour), tick=False):
        return send_due_check_ins()


def _page(client, user, name, day, **kwargs):
    client.force_login(user)
    with time_machine.travel(_at(day, 10), tick=False):
        return client.get(reverse(name, kwargs={"network": "network-a", **kwargs})).content.decode()


def test_approval_records_a_check_in_at_each_of_the_programmes_months(pairing):
    with scopes_disabled():
        rows = list(CheckIn.objects.filter(plan=pairing.plan).values_list("months", "opens_on", "due_on"))
    assert rows == [(6, datetime.date(2026, 7, 1), datetime.date(2026, 7, 15)),
                    (12, datetime.date(2027, 1, 1), datetime.date(2027, 1, 15))]


def test_no_check_ins_before_approval_and_each_recorded_once(network_a, programme):
    mentorship = MentorshipFactory(network=network_a, programme=programme)
    with scope(network=network_a):
        plan = services.plan_for(mentorship)
        services.add_action(plan, values={"action": "A"}, by=None)
        services.transition(plan, "final", by=None)
        assert not CheckIn.objects.filter(plan=plan).exists()
        services.transition(plan, "approved", by=None, approving_body="Council", approved_on=APPROVED_ON)
        checkins.schedule(plan)
        assert CheckIn.objects.filter(plan=plan).count() == 2
        services.transition(plan, "implementation", by=None)
        assert CheckIn.objects.filter(plan=plan).count() == 2


def test_months_are_added_as_calendar_months():
    assert checkins.add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert checkins.add_months(datetime.date(2026, 1, 15), 12) == datetime.date(2027, 1, 15)


def test_the_mentee_team_is_told_once_when_a_check_in_is_due(pairing):
    assert _sweep(datetime.date(2026, 7, 14)) == 0
    assert _sweep(datetime.date(2026, 7, 15)) == 1
    assert _sweep(datetime.date(2026, 7, 16)) == 0
    told = _told()
    assert [n.recipient_id for n in told] == [pairing.mentee.pk]  # not the mentor team
    with scopes_disabled():
        check_in = CheckIn.objects.get(plan=pairing.plan, months=6)
    assert told[0].event_key == f"check_in:{check_in.pk}"
    assert told[0].perm == "actionplans.record_progress"
    assert told[0].link == reverse("action_plan", kwargs={"network": "network-a", "pk": pairing.pk}) + "#actions"
    assert told[0].text == "Check-in due: update the progress of each action (Levadia – Jelgava)"


def test_a_check_in_done_before_its_date_is_not_told(pairing):
    with time_machine.travel(_at(datetime.date(2026, 7, 5)), tick=False), scope(network=pairing.network):
        for action in pairing.plan.actions.all():
            services.record_progress(action, progress="on_track", note="", by=pairing.mentee)
    assert _sweep(datetime.date(2026, 7, 15)) == 0
    assert _told() == []


def test_the_plan_page_shows_due_done_and_overdue(client, pairing):
    page = _page(client, pairing.mentee, "action_plan", datetime.date(2026, 6, 1), pk=pairing.pk)
    assert 'id="check-ins"' in page
    assert "6 months after approval" in page
    assert "Coming" in page
    page = _page(client, pairing.mentee, "action_plan", datetime.date(2026, 7, 20), pk=pairing.pk)
    assert '<span class="badge text-bg-warning">Due</span>' in page
    page = _page(client, pairing.mentee, "action_plan", datetime.date(2026, 8, 15), pk=pairing.pk)
    assert '<span class="badge text-bg-danger">Overdue</span>' in page
    with time_machine.travel(_at(datetime.date(2026, 8, 16)), tick=False), scope(network=pairing.network):
        for action in pairing.plan.actions.all():
            services.record_progress(action, progress="delayed", note="Budget late", by=pairing.mentee)
    page = _page(client, pairing.mentee, "action_plan", datetime.date(2026, 8, 17), pk=pairing.pk)
    assert '<span class="badge text-bg-success">Done</span>' in page


def test_a_draft_plan_shows_no_check_ins(client, network_a, programme):
    mentorship = MentorshipFactory(network=network_a, programme=programme)
    mentee = _person(network_a, mentorship, "mentee_team")
    with scope(network=network_a):
        services.plan_for(mentorship)
    assert 'id="check-ins"' not in _page(client, mentee, "action_plan", datetime.date(2026, 7, 20), pk=mentorship.pk)


def test_the_dashboard_shows_the_check_in_to_look_at_first(client, network_a, programme, pairing, coordinator):
    done = _approved_pair(network_a, programme, "Capaci – Mechelen")
    with time_machine.travel(_at(datetime.date(2026, 7, 10)), tick=False), scope(network=network_a):
        for action in done.plan.actions.all():
            services.record_progress(action, progress="on_track", note="", by=done.mentee)
    page = _page(client, coordinator, "programme_detail", datetime.date(2026, 7, 20), pk=programme.pk)
    assert "Check-in of 15/07/2026: Due" in page or "Check-in of 7/15/26: Due" in page
    assert page.count("text-bg-success") == 1
    page = _page(client, coordinator, "programme_detail", datetime.date(2026, 8, 20), pk=programme.pk)
    assert "Overdue</span>" in page
    assert page.count("badge text-bg-danger") == 1
    page = _page(client, coordinator, "programme_detail", datetime.date(2026, 5, 1), pk=programme.pk)
    assert page.count("badge text-bg-light border") == 2  # both coming


def test_the_dashboard_reads_a_fixed_number_of_queries_with_check_ins(client, network_a, programme, coordinator,
                                                                      django_assert_max_num_queries):
    for number in range(12):
        _approved_pair(network_a, programme, f"Pair {number:02d}", actions=("A", "B", "C"))
    client.force_login(coordinator)
    url = reverse("programme_detail", kwargs={"network": "network-a", "pk": programme.pk})
    # 18: the pin of tests/overview/test_programme_dashboard.py
    with time_machine.travel(_at(datetime.date(2026, 7, 20), 10), tick=False), django_assert_max_num_queries(18):
        page = client.get(url).content.decode()
    assert page.count("badge text-bg-warning") == 12


def test_the_plan_page_with_check_ins_keeps_its_pin(client, pairing, django_assert_max_num_queries):
    client.force_login(pairing.mentee)
    url = reverse("action_plan", kwargs={"network": "network-a", "pk": pairing.pk})
    # 20: the pin of tests/actionplans/test_pages.py
    with time_machine.travel(_at(datetime.date(2026, 7, 20), 10), tick=False), django_assert_max_num_queries(20):
        assert 'id="check-ins"' in client.get(url).content.decode()


def test_one_networks_bad_data_does_not_stop_another_networks_check_ins(pairing, network_b, monkeypatch, caplog):
    programme_b = ProgrammeFactory(network=network_b, start_date=datetime.date(2025, 6, 1),
                                   end_date=datetime.date(2027, 12, 31))
    other = _approved_pair(network_b, programme_b, "Riga – Porto")
    real = checkins.tell

    def broken_in_network_a(check_in, now):
        if check_in.network_id == pairing.network_id:
            raise ValueError("broken")
        return real(check_in, now)

    monkeypatch.setattr(checkins, "tell", broken_in_network_a)
    assert _sweep(datetime.date(2026, 7, 15)) == 1
    assert [n.recipient_id for n in _told()] == [other.mentee.pk]
    assert "Check-ins of network network-a: check-in" in caplog.text
    monkeypatch.setattr(checkins, "tell", real)
    assert _sweep(datetime.date(2026, 7, 16)) == 1  # the next sweep tells what failed
    assert len(_told()) == 2


def test_months_stored_past_the_form_are_skipped(network_a, programme, caplog):
    with scopes_disabled():
        type(programme).objects.filter(pk=programme.pk).update(check_in_months={"six": 6})
    mentorship = _approved_pair(network_a, programme, "Broken months")
    with scopes_disabled():
        assert not CheckIn.objects.filter(plan=mentorship.plan).exists()
    assert "cannot be used" in caplog.text
