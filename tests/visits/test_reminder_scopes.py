"""Reminders run inside their network's scope, as a request does: each network's part of the sweep
and each send read that network's rows only, and the one step outside any scope is the claim
that takes due deliveries of every network at once (reminders.sweeping._claim_due_across_networks)."""

import datetime
import functools
import re
from contextlib import contextmanager

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django_scopes import get_scope, scopes_disabled

from programmes.visits.models import DeliveryStatus, ReminderDelivery
from programmes.visits.reminders import sweeping, tasks
from tests.visits import test_reminder_failures, test_reminders
from tests.visits.test_reminders import VISIT_START, _nowhere, _sweep, _visit

mentorship = test_reminders.mentorship  # Capaci – Mechelen in network A, with the default rules
people = test_reminders.people
other_network = test_reminder_failures.other_network  # Riga – Porto in network B, with the default rules
DAY_BEFORE = VISIT_START - datetime.timedelta(days=1)
TABLE = re.compile(r'(?:FROM|JOIN|UPDATE|INTO)\s+"(\w+)"', re.IGNORECASE)


@contextmanager
def _queries_with_their_scope(monkeypatch=None):
    """Every query run inside the block, with the scope active when it ran and whether it ran
    inside the claim across networks."""
    seen, in_claim = [], []
    if monkeypatch is not None:
        real_claim = sweeping._claim_due_across_networks

        def watched_claim(*args, **kwargs):
            in_claim.append(True)
            try:
                return real_claim(*args, **kwargs)
            finally:
                in_claim.pop()

        monkeypatch.setattr(sweeping, "_claim_due_across_networks", watched_claim)

    def record(execute, sql, params, many, context):
        seen.append({"sql": sql, "scope": dict(get_scope()), "in_claim": bool(in_claim),
                     "tables": set(TABLE.findall(sql))})
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def _network_of(query):
    network = query["scope"].get("network")
    return None if network is None or not query["scope"].get("_enabled", True) else network.pk


def test_each_network_is_swept_inside_its_scope_and_only_the_claim_spans_networks(
        network_a, network_b, mentorship, people, other_network, monkeypatch):
    _visit(mentorship)
    _visit(other_network, title="Riga meets Porto")
    with time_machine.travel(DAY_BEFORE, tick=False), _queries_with_their_scope(monkeypatch) as queries:
        claimed = sweeping.sweep(enqueue=_nowhere)
    assert len(claimed) == 3  # Giulia and Pieter in A, Ilze in B

    claim = [q for q in queries if q["in_claim"]]
    assert claim
    assert all(q["scope"].get("_enabled") is False for q in claim)  # the claim alone leaves the scope
    assert set().union(*(q["tables"] for q in claim)) == {"visits_reminderdelivery"}  # and reads deliveries only

    rest = [q for q in queries if not q["in_claim"]]
    outside = [q for q in rest if _network_of(q) is None]
    assert outside
    assert all(q["tables"] == {"tenancy_network"} for q in outside)  # the list of networks to sweep
    inside = [q for q in rest if _network_of(q) is not None]
    assert {_network_of(q) for q in inside} == {network_a.pk, network_b.pk}
    tables = set().union(*(q["tables"] for q in inside))
    assert {"visits_reminderrule", "visits_visit", "visits_reminderdelivery"} <= tables


def test_a_send_task_runs_inside_its_deliverys_network(network_a, network_b, mentorship, people, other_network):
    _visit(mentorship)
    _visit(other_network, title="Riga meets Porto")
    queued = []
    with time_machine.travel(DAY_BEFORE, tick=False):
        sweeping.sweep(enqueue=lambda delivery_id, network_id: queued.append((delivery_id, network_id)))
    delivery_id = next(pk for pk, network_id in queued if network_id == network_b.pk)
    with _queries_with_their_scope() as queries:
        tasks.send_reminder.apply(args=[delivery_id], kwargs={"network_id": network_b.pk}, throw=True)
    assert [m.to for m in mail.outbox] == [["ilze@riga.example"]]
    scoped = [q for q in queries if _network_of(q) is not None]
    assert {_network_of(q) for q in scoped} == {network_b.pk}
    assert {"visits_reminderdelivery", "visits_visit"} <= set().union(*(q["tables"] for q in scoped))
    assert all(q["tables"] == {"tenancy_network"} for q in queries if _network_of(q) is None)  # loading B


def test_a_send_task_handed_another_networks_id_sends_nothing(network_a, network_b, mentorship, people):
    _visit(mentorship)
    with time_machine.travel(DAY_BEFORE, tick=False):
        delivery_id = sweeping.sweep(enqueue=_nowhere)[0]
    tasks.send_reminder.apply(args=[delivery_id], kwargs={"network_id": network_b.pk}, throw=True)
    assert mail.outbox == []
    with scopes_disabled():
        delivery = ReminderDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)  # still A's, still to send


@pytest.mark.parametrize("step", ["due_reminders", "_cancel_pending_of_gone_visits", "_give_up_lost_sends"])
def test_a_network_whose_sweep_fails_stops_no_other_network(network_a, network_b, mentorship, people, other_network,
                                                           monkeypatch, caplog, step):
    """Network A is swept first; whichever of its steps raises, B is reminded, and A's other steps
    still run (A's people are reminded unless it is finding what is due that failed)."""
    real_step = getattr(sweeping, step)

    @functools.wraps(real_step)
    def fails_in_network_a(*args, **kwargs):
        if get_scope()["network"].pk == network_a.pk:
            raise RuntimeError("bad data in network A")
        return real_step(*args, **kwargs)

    monkeypatch.setattr(sweeping, step, fails_in_network_a)
    assert network_a.pk < network_b.pk
    _visit(mentorship)
    _visit(other_network, title="Riga meets Porto")
    _sweep(DAY_BEFORE)
    assert [m.to for m in mail.outbox if m.to == ["ilze@riga.example"]] == [["ilze@riga.example"]]
    reminded_in_a = [m for m in mail.outbox if m.to == ["giulia@capaci.example"]]
    assert len(reminded_in_a) == (0 if step == "due_reminders" else 1)
    assert "Reminders of network network-a" in caplog.text
    assert "bad data in network A" in caplog.text


def test_a_send_message_without_its_network_sends_nothing_and_is_queued_again_once_stale(network_a, mentorship,
                                                                                        people):
    """A message queued before deliveries travelled with their network cannot open a scope: it
    fails before claiming, and the sweep queues its delivery again, with its network, once stale."""
    _visit(mentorship)
    with time_machine.travel(DAY_BEFORE, tick=False):
        queued = sweeping.sweep(enqueue=_nowhere)
        assert tasks.send_reminder.apply(args=[queued[0]]).failed()
    assert mail.outbox == []
    assert _sweep(DAY_BEFORE + datetime.timedelta(minutes=5)) == []  # its claim still counts
    assert sorted(_sweep(DAY_BEFORE + sweeping.STALE_CLAIM + datetime.timedelta(minutes=1))) == sorted(queued)
    assert sorted(m.to[0] for m in mail.outbox) == ["giulia@capaci.example", "pieter@mechelen.example"]
