"""A delivery is sent by the one task copy that claims it: a redelivered message while the first
copy still runs sends nothing, a worker that died mid-send leaves its claim to be taken over,
and a mail server that fails is tried again (issue 17, finding 9)."""

import datetime
import time

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.visits.models import DeliveryStatus, FailureKind, ReminderDelivery
from programmes.visits.reminders import sending, sweeping, tasks
from tests.concurrency.threads import run_together
from tests.visits import test_reminders
from tests.visits.test_reminders import VISIT_START, _nowhere, _sweep, _visit

mentorship = test_reminders.mentorship
people = test_reminders.people
DAY_BEFORE = VISIT_START - datetime.timedelta(days=1)


def _queue():
    """Record and queue what is due the day before the visit, without running any task."""
    with time_machine.travel(DAY_BEFORE, tick=False):
        return sweeping.sweep(enqueue=_nowhere)


def _slow_mail_server(monkeypatch, seconds=0.5):
    """A mail server that takes its time, so that a second copy of the task starts while the first
    is still sending."""
    real_send = EmailMultiAlternatives.send

    def slow_send(self, *args, **kwargs):
        time.sleep(seconds)
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", slow_send)


@pytest.mark.django_db(transaction=True)
def test_two_copies_of_one_send_task_send_one_email(network_a, mentorship, people, monkeypatch):
    _visit(mentorship)
    delivery_id = next(pk for pk in _queue())
    _slow_mail_server(monkeypatch)
    def copy_of_the_task():
        tasks.send_reminder.apply(args=[delivery_id], kwargs={"network_id": network_a.pk}, throw=True)

    # Both copies start the send at the same moment, each on its own connection.
    assert run_together(network_a, [copy_of_the_task, copy_of_the_task]) == []
    with scopes_disabled():
        delivery = ReminderDelivery.objects.select_related("recipient").get(pk=delivery_id)
    assert [m.to for m in mail.outbox] == [[delivery.recipient.email]]
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


def test_a_copy_that_arrives_while_another_sends_does_nothing(network_a, mentorship, people):
    _visit(mentorship)
    delivery_id = _queue()[0]
    with scopes_disabled():  # another copy holds the claim, taken a minute ago, and is still sending
        ReminderDelivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.SENDING, claimed_by="other-worker",
            claimed_at=timezone.now() - datetime.timedelta(minutes=1))
    tasks.send_reminder.apply(args=[delivery_id], kwargs={"network_id": network_a.pk})
    assert mail.outbox == []
    with scopes_disabled():
        assert ReminderDelivery.objects.get(pk=delivery_id).claimed_by == "other-worker"


def test_a_claim_left_by_a_worker_killed_mid_send_is_taken_over_by_the_next_sweep(network_a, mentorship, people):
    _visit(mentorship)
    first, second = _queue()
    with scopes_disabled():
        ReminderDelivery.objects.filter(pk=first).update(
            status=DeliveryStatus.SENDING, claimed_by="dead-worker", attempts=1,
            claimed_at=DAY_BEFORE - sending.STALE_CLAIM - datetime.timedelta(minutes=1))
        ReminderDelivery.objects.filter(pk=second).update(
            status=DeliveryStatus.SENDING, claimed_by="slow-worker", attempts=1,
            claimed_at=DAY_BEFORE - datetime.timedelta(minutes=1))
    assert _sweep(DAY_BEFORE) == [first]  # the fresh claim is left to its worker
    with scopes_disabled():
        taken_over = ReminderDelivery.objects.get(pk=first)
    assert (taken_over.status, taken_over.attempts) == (DeliveryStatus.SENT, 2)
    assert len(mail.outbox) == 1


def test_a_delivery_whose_workers_keep_dying_is_failed_not_retried_for_ever(network_a, mentorship, people):
    _visit(mentorship)
    first = _queue()[0]
    with scopes_disabled():
        ReminderDelivery.objects.filter(pk=first).update(
            status=DeliveryStatus.SENDING, claimed_by="dead-worker", attempts=sending.MAX_ATTEMPTS,
            claimed_at=DAY_BEFORE - sending.STALE_CLAIM - datetime.timedelta(minutes=1))
    assert first not in _sweep(DAY_BEFORE)
    with scopes_disabled():
        delivery = ReminderDelivery.objects.get(pk=first)
    assert (delivery.status, delivery.failure) == (DeliveryStatus.FAILED, FailureKind.SENDING)


def test_a_claimed_send_that_fails_waits_for_its_retry_instead_of_holding_the_claim(network_a, mentorship, people,
                                                                                   monkeypatch):
    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    _visit(mentorship)
    delivery_id = _queue()[0]
    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    with scope(network=network_a):  # as the task runs it
        retry = sending.send_delivery(delivery_id)
        delivery = ReminderDelivery.objects.get(pk=delivery_id)
    assert retry is not None
    assert retry.countdown == 120
    assert (delivery.status, delivery.attempts, delivery.last_error) == (
        DeliveryStatus.PENDING, 1, "ConnectionRefusedError: smtp down")
    assert delivery.claimed_at > timezone.now()  # counts as queued until its retry is due
    monkeypatch.undo()
    tasks.send_reminder.apply(args=[delivery_id], kwargs={"network_id": network_a.pk})  # the retry
    with scopes_disabled():
        delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 2, "")
    assert len(mail.outbox) == 1
