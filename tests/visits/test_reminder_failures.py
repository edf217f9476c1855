"""One network's bad data never stops another's reminders: a rule, visit or person that cannot be
used fails its own deliveries, with the reason shown to the programme's coordinators, and the
sweep goes on for everything else (issue 17, finding 5)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from programmes.accounts.models import User
from programmes.visits import services
from programmes.visits.models import DeliveryStatus, FailureKind, ReminderDelivery, ReminderRule, Visit
from programmes.visits.reminders import offsets
from tests.actionplans.conftest import person
from tests.factories import CityFactory, MentorshipFactory, ProgrammeFactory
from tests.visits import test_reminders
from tests.visits.test_reminders import VISIT_START, _sweep, _visit

mentorship = test_reminders.mentorship  # Capaci – Mechelen in network A, with the default rules
people = test_reminders.people
A_YEAR_IN_MINUTES = 365 * 24 * 60


@pytest.fixture
def other_network(network_b):
    """Network B's own programme, mentorship, default rules and one person to remind."""
    programme = ProgrammeFactory(network=network_b, title="Scambi", start_date=datetime.date(2026, 1, 1),
                                 end_date=datetime.date(2027, 12, 31))
    with scope(network=network_b):
        services.ensure_default_rules(programme)
    pairing = MentorshipFactory(network=network_b, programme=programme, title="Riga – Porto",
                                mentee=CityFactory(network=network_b, name="Riga"),
                                mentor=CityFactory(network=network_b, name="Porto"))
    person(network_b, pairing, "mentee_team", email="ilze@riga.example")
    return pairing


def _rules_page(client, network, programme):
    coordinator = person(network, None, None, network_role="coordinator")
    client.force_login(coordinator)
    return client.get(reverse("reminder_rules", kwargs={"network": network.slug, "pk": programme.pk}))


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_a_rule_a_year_ahead_at_most_is_asked_for_at_input(client, network_a, mentorship):
    coordinator = person(network_a, mentorship, None, network_role="coordinator")
    client.force_login(coordinator)
    url = reverse("reminder_rules", kwargs={"network": "network-a", "pk": mentorship.programme_id})
    for typed in ("99999999999999999999d", "14d, 366d", "53w", "8761h"):
        reply = client.post(url, {"target": "visits", "milestone_kind": "", "offsets": typed})
        page = reply.content.decode()
        assert reply.status_code == 400, typed
        assert "is more than a year before the event" in page
        assert f'value="{typed}"' in page
    reply = client.post(url, {"target": "visits", "milestone_kind": "", "offsets": "365d, 52w, 8760h"})
    assert reply.status_code == 302
    with scopes_disabled():
        assert ReminderRule.objects.filter(programme=mentorship.programme).last().offsets == [A_YEAR_IN_MINUTES,
                                                                                             52 * 7 * 24 * 60]


def test_the_service_refuses_offsets_beyond_a_year_too(network_a, mentorship):
    with scope(network=network_a), pytest.raises(ValidationError):
        services.save_rule(mentorship.programme, target="visits", milestone_kind="",
                           offsets=[99999999999999999999 * 24 * 60], by=None)
    with scope(network=network_a), pytest.raises(ValidationError):
        services.save_rule(mentorship.programme, target="visits", milestone_kind="", offsets=["14d"], by=None)


def test_a_broken_rule_of_one_network_stops_no_other_reminder(client, network_a, network_b, mentorship, people,
                                                             other_network):
    with scopes_disabled():  # forced into the database, as the form once let it in
        broken = ReminderRule.objects.create(network=network_a, programme=mentorship.programme, target="visits",
                                             offsets=[99999999999999999999 * 24 * 60])
    _visit(mentorship)
    _visit(other_network, title="Riga meets Porto")
    _sweep(VISIT_START - datetime.timedelta(days=1))
    assert len(_to("ilze@riga.example")) == 1  # network B is reminded
    assert len(_to("giulia@capaci.example")) == 1  # and so is A, by its default rule
    with scopes_disabled():
        failed = list(ReminderDelivery.objects.filter(rule=broken))
    assert {d.recipient.email for d in failed} == {"giulia@capaci.example", "pieter@mechelen.example"}
    assert {(d.status, d.failure) for d in failed} == {(DeliveryStatus.FAILED, FailureKind.RULE)}
    assert failed[0].last_error == "ValueError: offset=143999999999999999998560 > 525600"
    assert _sweep(VISIT_START - datetime.timedelta(hours=20)) == []  # failed once, not again at every sweep
    page = _rules_page(client, network_a, mentorship.programme).content.decode()
    assert "Reminders that could not be sent" in page
    assert "The durations of its rule cannot be used" in page
    assert "Set-up in Capaci" in page
    assert people["mentor"].display_name in page
    assert "This rule cannot be used" in page  # beside the rule itself
    other_page = _rules_page(client, network_b, other_network.programme).content.decode()
    assert "Reminders that could not be sent" not in other_page
    assert "Capaci" not in other_page


@pytest.mark.parametrize("offsets", ["14d", [None], [], {"days": 14}, [-60]])
def test_a_rule_whose_offsets_are_not_minutes_fails_the_same_way(client, network_a, mentorship, people, offsets):
    with scopes_disabled():
        broken = ReminderRule.objects.create(network=network_a, programme=mentorship.programme, target="visits",
                                             offsets=offsets)
    _visit(mentorship)
    _sweep(VISIT_START - datetime.timedelta(days=1))
    assert len(_to("giulia@capaci.example")) == 1
    with scopes_disabled():
        assert {d.failure for d in ReminderDelivery.objects.filter(rule=broken)} == {FailureKind.RULE}
    reply = _rules_page(client, network_a, mentorship.programme)
    assert reply.status_code == 200
    assert "This rule cannot be used" in reply.content.decode()


def test_a_visit_with_an_unknown_time_zone_is_still_reminded_in_utc(network_a, mentorship, people):
    """The stored zone name once made the e-mail unwritable; the visit's moment is told in UTC."""
    visit = _visit(mentorship, title="Online check-in")
    with scopes_disabled():
        Visit.objects.filter(pk=visit.pk).update(time_zone="Mars/Olympus")
    _sweep(VISIT_START - datetime.timedelta(days=1))
    with scopes_disabled():
        assert {d.status for d in ReminderDelivery.objects.filter(event_id=visit.pk)} == {DeliveryStatus.SENT}
    assert "(UTC)" in _to("giulia@capaci.example")[0].body


def test_a_person_whose_address_cannot_be_written_fails_alone_and_at_once(client, network_a, mentorship, people):
    with scopes_disabled():
        User.objects.filter(pk=people["mentor"].pk).update(email="pieter@mechelen.example\nBcc: x@evil.example")
    _visit(mentorship, title="Online check-in")
    _sweep(VISIT_START - datetime.timedelta(days=1))
    assert len(_to("giulia@capaci.example")) == 1
    assert len(mail.outbox) == 1
    with scopes_disabled():
        failed = ReminderDelivery.objects.get(recipient=people["mentor"])
    # Retrying would not help: no mail server was asked.
    assert (failed.status, failed.failure, failed.attempts) == (DeliveryStatus.FAILED, FailureKind.MESSAGE, 1)
    page = _rules_page(client, network_a, mentorship.programme).content.decode()
    assert "Online check-in" in page
    assert "The e-mail could not be written" in page


def test_a_duration_too_long_to_read_is_more_than_a_year_too():
    with pytest.raises(offsets.OffsetTooLong):
        offsets.parse_offsets("9" * 5000 + "d")  # more digits than Python turns into a number
