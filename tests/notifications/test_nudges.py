"""The daily nudges (overview/nudges.py): a quiet mentorship is nudged once per quiet spell, a
follow-up or a milestone once when it becomes late, and one network's bad data never stops
another network's nudges."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from programmes.actionplans import services as plan_services
from programmes.mentorships.forms import ProgrammeForm
from programmes.mentorships.models import MilestoneDone, Programme
from programmes.notifications.models import Notification
from programmes.overview import nudges
from programmes.overview.tasks import send_nudges
from programmes.visits import services as visit_services
from tests.factories import (
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    MilestoneFactory,
    ParticipantFactory,
    ProgrammeFacilitatorFactory,
    ProgrammeFactory,
    UserFactory,
)

ZONE = datetime.timezone(datetime.timedelta(hours=1))
START = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=ZONE)


def _person(network, mentorship=None, role=None, *, network_role="member", **user):
    account = UserFactory(**user)
    MembershipFactory(network=network, user=account, role=network_role)
    if mentorship is not None:
        ParticipantFactory(network=network, mentorship=mentorship, user=account, role=role)
    return account


@pytest.fixture
def pairing(network_a):
    """A running programme's mentorship with its two teams, a facilitator and a coordinator, all
    created at START."""
    with time_machine.travel(START, tick=False):
        programme = ProgrammeFactory(network=network_a, title="IncluCities", start_date=datetime.date(2026, 1, 1),
                                     end_date=datetime.date(2027, 12, 31))
        mentorship = MentorshipFactory(network=network_a, programme=programme, title="Capaci – Mechelen",
                                       mentee=CityFactory(network=network_a, name="Capaci"),
                                       mentor=CityFactory(network=network_a, name="Mechelen"))
        people = {
            "mentee": _person(network_a, mentorship, "mentee_team", email="giulia@capaci.example",
                              full_name="Giulia Rossi"),
            "mentor": _person(network_a, mentorship, "mentor_team", email="an@mechelen.example"),
            "association": _person(network_a, mentorship, "mentee_association", email="aiccre@example.org"),
            "facilitator": _person(network_a, network_role="facilitator", email="fac@a.example"),
            "coordinator": _person(network_a, network_role="coordinator", email="coord@a.example"),
        }
        ProgrammeFacilitatorFactory(network=network_a, programme=programme, user=people["facilitator"])
    mentorship.people = people
    return mentorship


def _told(event, user=None):
    with scopes_disabled():
        rows = Notification.objects.filter(event=event)
        if user is not None:
            rows = rows.filter(recipient=user)
        return list(rows)


def _sweep(at):
    with time_machine.travel(at, tick=False):
        return nudges.sweep()


def test_a_quiet_mentorship_is_nudged_once_per_quiet_spell(pairing):
    people = pairing.people
    assert _sweep(START + datetime.timedelta(weeks=3, days=6)).quiet == 0
    assert _told("mentorship.quiet") == []

    outcome = _sweep(START + datetime.timedelta(weeks=4, hours=1))
    assert outcome.quiet == 1
    told = {n.recipient_id for n in _told("mentorship.quiet")}
    assert told == {people["mentee"].pk, people["mentor"].pk, people["facilitator"].pk}
    notification = _told("mentorship.quiet", people["mentee"])[0]
    assert notification.text == "Nothing has happened in “Capaci – Mechelen” for 4 weeks"
    assert notification.link == reverse("mentorship_detail", kwargs={"network": "network-a", "pk": pairing.pk})
    assert notification.perm == "mentorships.view_mentorship"

    _sweep(START + datetime.timedelta(weeks=4, days=1))  # the same spell: nobody is told again
    assert len(_told("mentorship.quiet")) == 3

    with time_machine.travel(START + datetime.timedelta(weeks=5), tick=False), scope(network=pairing.network):
        plan = plan_services.plan_for(pairing)
        plan_services.add_action(plan, values={"action": "Buddy scheme"}, by=people["mentee"])
    _sweep(START + datetime.timedelta(weeks=8, days=6))  # 3 weeks and 6 days since the new activity
    assert len(_told("mentorship.quiet")) == 3
    _sweep(START + datetime.timedelta(weeks=9, hours=1))  # a new spell
    assert len(_told("mentorship.quiet", people["mentee"])) == 2
    assert len(_told("mentorship.quiet")) == 6


def test_the_nudge_itself_is_no_activity_and_the_programme_sets_the_weeks(pairing):
    with scopes_disabled():
        Programme.objects.filter(pk=pairing.programme_id).update(quiet_weeks=2)
    _sweep(START + datetime.timedelta(weeks=2, hours=1))
    assert len(_told("mentorship.quiet", pairing.people["mentee"])) == 1
    # Four weeks later nothing new happened: still the first spell, told once.
    _sweep(START + datetime.timedelta(weeks=6, hours=1))
    assert len(_told("mentorship.quiet", pairing.people["mentee"])) == 1


def test_a_comment_or_a_visit_ends_the_silence(pairing):
    people = pairing.people
    with time_machine.travel(START + datetime.timedelta(weeks=3), tick=False), scope(network=pairing.network):
        visit_services.plan_visit(programme=pairing.programme, mentorship=pairing, by=people["mentee"], values={
            "kind": "setup", "starts_at": START + datetime.timedelta(weeks=10),
            "ends_at": START + datetime.timedelta(weeks=10, hours=3)})
    _sweep(START + datetime.timedelta(weeks=4, hours=1))
    assert _told("mentorship.quiet") == []


@pytest.mark.parametrize("status", ["closed", "draft", "open"])
def test_a_programme_that_is_not_running_is_not_nudged(pairing, status):
    with scopes_disabled():
        Programme.objects.filter(pk=pairing.programme_id).update(status=status)
    _sweep(START + datetime.timedelta(weeks=10))
    assert _told("mentorship.quiet") == []


def test_a_closed_mentorship_is_not_nudged(pairing):
    with scopes_disabled():
        type(pairing).objects.filter(pk=pairing.pk).update(phase="closed")
    _sweep(START + datetime.timedelta(weeks=10))
    assert _told("mentorship.quiet") == []


def test_an_overdue_follow_up_tells_its_owner_once(pairing):
    people = pairing.people
    with time_machine.travel(START, tick=False), scope(network=pairing.network):
        visit = visit_services.plan_visit(programme=pairing.programme, mentorship=pairing, by=people["mentor"],
                                          values={"kind": "setup", "starts_at": START + datetime.timedelta(days=2),
                                                  "ends_at": START + datetime.timedelta(days=2, hours=3)})
        follow_up = visit_services.add_follow_up(visit, text="Ask the mayor for a buddy-scheme coordinator",
                                                 owner="Giulia Rossi", due_on=datetime.date(2026, 3, 20),
                                                 by=people["mentor"])
        visit_services.add_follow_up(visit, text="Done in time", owner="Giulia Rossi",
                                     due_on=datetime.date(2026, 3, 20), by=people["mentor"])
        done = visit.follow_ups.get(text="Done in time")
        visit_services.complete_follow_up(done, by=people["mentee"])
    _sweep(datetime.datetime(2026, 3, 20, 12, 0, tzinfo=ZONE))  # due today: not late yet
    assert _told("follow_up.overdue") == []
    _sweep(datetime.datetime(2026, 3, 21, 7, 0, tzinfo=ZONE))
    _sweep(datetime.datetime(2026, 3, 22, 7, 0, tzinfo=ZONE))
    told = _told("follow_up.overdue")
    assert [n.recipient_id for n in told] == [people["mentee"].pk]
    assert told[0].event_key == f"follow_up_overdue:{follow_up.pk}"
    assert told[0].text == "Your follow-up “Ask the mayor for a buddy-scheme coordinator” is overdue"
    assert told[0].link.endswith(f"/visits/{visit.pk}/#follow-up-{follow_up.pk}")


def test_an_overdue_milestone_tells_the_teams_and_the_coordinators_once(pairing, network_a):
    people = pairing.people
    with scopes_disabled():
        matching = MilestoneFactory(network=network_a, programme=pairing.programme, kind="matching",
                                    due_date=datetime.date(2026, 4, 1))
        reached = MentorshipFactory(network=network_a, programme=pairing.programme, title="Reached it")
        ParticipantFactory(network=network_a, mentorship=reached, role="mentee_team")
        MilestoneDone.objects.create(network=network_a, mentorship=reached, milestone=matching,
                                     done_on=datetime.date(2026, 3, 30))
    _sweep(datetime.datetime(2026, 4, 1, 12, 0, tzinfo=ZONE))
    assert _told("milestone.overdue") == []
    _sweep(datetime.datetime(2026, 4, 2, 7, 0, tzinfo=ZONE))
    _sweep(datetime.datetime(2026, 4, 3, 7, 0, tzinfo=ZONE))
    told = _told("milestone.overdue")
    assert {n.recipient_id for n in told} == {people["mentee"].pk, people["mentor"].pk, people["coordinator"].pk}
    assert {n.mentorship_id for n in told} == {pairing.pk}
    assert all(n.event_key == f"milestone_overdue:{matching.pk}:{pairing.pk}" for n in told)
    assert told[0].text == "The milestone “Matching” is overdue"


def test_one_networks_bad_data_does_not_stop_another_networks_nudges(pairing, network_b, monkeypatch, caplog):
    with time_machine.travel(START, tick=False):
        other_programme = ProgrammeFactory(network=network_b, start_date=datetime.date(2026, 1, 1),
                                           end_date=datetime.date(2027, 12, 31))
        other = MentorshipFactory(network=network_b, programme=other_programme, title="Riga – Porto")
        ilze = _person(network_b, other, "mentee_team", email="ilze@riga.example")
    real = nudges.last_activity

    def broken_for_network_a(mentorship, now):
        if mentorship.network_id == pairing.network_id:
            raise ValueError("unreadable activity")
        return real(mentorship, now)

    monkeypatch.setattr(nudges, "last_activity", broken_for_network_a)
    with time_machine.travel(START + datetime.timedelta(weeks=5), tick=False):
        result = send_nudges()
    assert result["failed"] == [("network-a", "nudge_quiet")]
    assert "Nudges of network network-a: nudge_quiet failed" in caplog.text
    assert [n.recipient_id for n in _told("mentorship.quiet")] == [ilze.pk]


def test_the_sweep_reads_a_fixed_number_of_queries_for_the_activity(pairing, network_a,
                                                                    django_assert_max_num_queries):
    with time_machine.travel(START, tick=False):
        for number in range(15):
            mentorship = MentorshipFactory(network=network_a, programme=pairing.programme, title=f"Pair {number}")
            ParticipantFactory(network=network_a, mentorship=mentorship, role="mentee_team")
    # Nobody is quiet yet: reading the activity of 16 mentorships is one query, with four
    # prefetches (participants, their users, facilitators, their users), and nothing is told.
    with (time_machine.travel(START + datetime.timedelta(weeks=1), tick=False), scope(network=network_a),
          django_assert_max_num_queries(5)):
        assert nudges.quiet_mentorships(START + datetime.timedelta(weeks=1)) == []


def test_the_programme_form_takes_quiet_weeks_and_check_in_months(network_a):
    values = {"title": "P", "theme": "T", "start_date": "2026-01-01", "end_date": "2026-12-31", "format": "pairs",
              "uses_benchmark": "", "max_focus_factors": "3", "planned_visits": "3", "status": "running"}
    with scope(network=network_a):
        form = ProgrammeForm({**values, "quiet_weeks": "6", "check_in_months": "12, 6;18"}, network=network_a)
        assert form.is_valid(), form.errors
        assert form.values["quiet_weeks"] == 6
        assert form.values["check_in_months"] == [6, 12, 18]
        for typed in ("0", "61", "six", "1 2 3 4 5 6 7"):
            form = ProgrammeForm({**values, "quiet_weeks": "4", "check_in_months": typed}, network=network_a)
            assert not form.is_valid()
            assert "for example “6, 12”" in form.errors["check_in_months"][0]
        form = ProgrammeForm({**values, "quiet_weeks": "53", "check_in_months": ""}, network=network_a)
        assert not form.is_valid()
        assert form.errors["quiet_weeks"]
        edit = ProgrammeForm(instance=ProgrammeFactory(network=network_a, check_in_months=[6, 12]),
                             network=network_a)
        assert 'value="6, 12"' in str(edit["check_in_months"])
