"""The daily digest: one e-mail a morning per person and network, at 08:00 in the person's own time
zone, made once and sent once even when two sweeps race, listing only what the person may still
read, grouped by mentorship, in their language, with an unsubscribe; one network's broken data
stops no other's digest; the sweep's queries do not grow with the number of people."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from programmes.notifications import delivery, digests, emails, tasks
from programmes.notifications.kinds import Delivery
from programmes.notifications.models import Digest, MailStatus, Notification
from tests.concurrency.threads import require_postgresql
from tests.factories import (
    MembershipFactory,
    MentorshipFactory,
    NetworkFactory,
    ParticipantFactory,
    ProgrammeFactory,
)
from tests.notifications.helpers import participant, tell

ROME = ZoneInfo("Europe/Rome")
NEW_YORK = ZoneInfo("America/New_York")
EVENING = datetime.datetime(2026, 12, 9, 19, 0, tzinfo=ROME)  # when things happened
MORNING = datetime.date(2026, 12, 10)


@pytest.fixture
def ana(mentorship):
    return participant(mentorship, "ana@bogota.example", role="mentor_team", language="en",
                       time_zone="America/New_York")


def planned(mentorship, people, n=1, title="Study visit"):
    """A visit planned: a kind that goes in the daily digest by default."""
    return tell(mentorship, people, event="visit.planned", key=f"planned:{mentorship.pk}:{n}",
                title=f"{title} {n}")


def queued_by_sweep(at, time_machine):
    time_machine.move_to(at, tick=False)
    queued = []
    digests.sweep(enqueue=lambda digest_id, network_id: queued.append((digest_id, network_id)))
    return queued


def run(queued):
    for digest_id, network_id in queued:
        tasks.send_digest_email.apply(args=[digest_id], kwargs={"network_id": network_id})


def sweep_and_send(at, time_machine):
    queued = queued_by_sweep(at, time_machine)
    run(queued)
    return queued


def test_the_digest_goes_at_08_00_in_each_persons_time_zone(mentorship, giulia, ana, time_machine):
    time_machine.move_to(EVENING, tick=False)
    rows = planned(mentorship, [giulia, ana])
    assert {row.delivery for row in rows} == {Delivery.DIGEST}
    assert mail.outbox == []  # nothing at once

    assert sweep_and_send(datetime.datetime(2026, 12, 10, 7, 55, tzinfo=ROME), time_machine) == []
    assert len(sweep_and_send(datetime.datetime(2026, 12, 10, 8, 0, tzinfo=ROME), time_machine)) == 1
    assert [m.to for m in mail.outbox] == [["giulia@capaci.example"]]  # Ana's morning has not come
    assert sweep_and_send(datetime.datetime(2026, 12, 10, 7, 59, tzinfo=NEW_YORK), time_machine) == []
    assert len(sweep_and_send(datetime.datetime(2026, 12, 10, 8, 1, tzinfo=NEW_YORK), time_machine)) == 1
    assert [m.to for m in mail.outbox] == [["giulia@capaci.example"], ["ana@bogota.example"]]
    with scopes_disabled():
        assert sorted(Digest.objects.values_list("recipient__email", "day", "status")) == [
            ("ana@bogota.example", MORNING, MailStatus.SENT), ("giulia@capaci.example", MORNING, MailStatus.SENT)]
        assert set(Notification.objects.values_list("mail_status", flat=True)) == {MailStatus.SENT}
    assert sweep_and_send(datetime.datetime(2026, 12, 10, 23, 0, tzinfo=NEW_YORK), time_machine) == []
    assert len(mail.outbox) == 2


def test_the_digest_lists_the_notifications_by_mentorship_in_the_recipients_language(
        network_a, mentorship, giulia, time_machine):
    other = MentorshipFactory(network=network_a, programme=mentorship.programme, title="Capaci – Gdańsk")
    participant(other, "giulia2@capaci.example")  # someone else there
    ParticipantFactory(network=network_a, mentorship=other, user=giulia, role="mentee_team")
    time_machine.move_to(EVENING, tick=False)
    planned(mentorship, [giulia], 1)
    planned(mentorship, [giulia], 2)
    planned(other, [giulia], 3)
    sweep_and_send(datetime.datetime(2026, 12, 10, 8, 15, tzinfo=ROME), time_machine)
    [message] = mail.outbox
    assert "Network A" in message.subject
    assert "3" in message.subject
    assert "Buongiorno," in message.body
    body = message.body
    assert body.index("Capaci – Mechelen") < body.index("Study visit 1") < body.index("Capaci – Gdańsk")
    assert body.index("Capaci – Gdańsk") < body.index("Study visit 3")
    assert f"/network-a/mentorships/{mentorship.pk}/" in body
    assert f"/network-a/mentorships/{other.pk}/" in body
    html = message.alternatives[0][0]
    assert "Study visit 2" in html
    assert 'lang="it"' in html
    assert "/accounts/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].strip("<>") in body


def test_a_second_sweep_finds_nothing_more_to_make(mentorship, giulia, time_machine):
    time_machine.move_to(EVENING, tick=False)
    planned(mentorship, [giulia])
    at = datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME)
    assert len(queued_by_sweep(at, time_machine)) == 1
    assert queued_by_sweep(at, time_machine) == []


def test_two_sweeps_that_read_at_the_same_moment_make_one_digest_and_send_one_email(
        mentorship, giulia, time_machine, monkeypatch):
    time_machine.move_to(EVENING, tick=False)
    planned(mentorship, [giulia])
    at = datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME)
    time_machine.move_to(at, tick=False)
    with scopes_disabled():
        seen = digests.due_people(at)  # both sweeps read before either writes
    monkeypatch.setattr(digests, "due_people", lambda now: seen)
    first = queued_by_sweep(at, time_machine)
    second = queued_by_sweep(at, time_machine)
    assert first == second
    assert len(first) == 1
    run(first + second)  # both sweeps' tasks run; the claim lets one send
    assert len(mail.outbox) == 1
    with scopes_disabled():
        digest = Digest.objects.get()
        assert Notification.objects.get().mail_status == MailStatus.SENT
    assert (digest.status, digest.attempts) == (MailStatus.SENT, 1)


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_racing_on_two_connections_send_one_email(mentorship, giulia, time_machine):
    require_postgresql()
    time_machine.move_to(EVENING, tick=False)
    planned(mentorship, [giulia])
    time_machine.move_to(datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME), tick=False)
    barrier = threading.Barrier(2)
    errors = []

    def one_sweep():
        try:
            barrier.wait(timeout=30)
            digests.sweep(enqueue=lambda pk, network_id: tasks.send_digest_email.apply(
                args=[pk], kwargs={"network_id": network_id}))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(mail.outbox) == 1
    with scopes_disabled():
        assert Digest.objects.count() == 1
    connection.close()


def test_a_row_that_comes_after_the_mornings_digest_waits_for_the_next_morning(mentorship, giulia, time_machine):
    time_machine.move_to(EVENING, tick=False)
    planned(mentorship, [giulia], 1)
    sweep_and_send(datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME), time_machine)
    time_machine.move_to(datetime.datetime(2026, 12, 10, 10, 0, tzinfo=ROME), tick=False)
    planned(mentorship, [giulia], 2)
    assert sweep_and_send(datetime.datetime(2026, 12, 10, 10, 15, tzinfo=ROME), time_machine) == []
    assert len(mail.outbox) == 1
    assert len(sweep_and_send(datetime.datetime(2026, 12, 11, 8, 0, tzinfo=ROME), time_machine)) == 1
    assert len(mail.outbox) == 2
    assert "Study visit 2" in mail.outbox[1].body
    assert "Study visit 1" not in mail.outbox[1].body


def test_rows_no_longer_readable_are_left_out_and_an_empty_digest_is_not_sent(mentorship, giulia, ana,
                                                                              time_machine):
    time_machine.move_to(EVENING, tick=False)
    planned(mentorship, [giulia, ana], 1)
    with scopes_disabled():
        mentorship.participants.filter(user=giulia).delete()  # Giulia left the mentorship
    sweep_and_send(datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME), time_machine)
    assert mail.outbox == []
    with scopes_disabled():
        digest = Digest.objects.get(recipient=giulia)
        assert digest.status == MailStatus.SKIPPED
        assert Notification.objects.get(recipient=giulia).mail_status == MailStatus.SKIPPED


def test_one_networks_broken_digest_stops_no_other(mentorship, giulia, time_machine, monkeypatch):
    network_b = NetworkFactory(slug="network-b", name="Network B")
    programme_b = ProgrammeFactory(network=network_b, title="Other programme")
    mentorship_b = MentorshipFactory(network=network_b, programme=programme_b, title="Riga – Porto")
    MembershipFactory(network=network_b, user=giulia)
    ParticipantFactory(network=network_b, mentorship=mentorship_b, user=giulia, role="mentee_team")
    time_machine.move_to(EVENING, tick=False)
    planned(mentorship, [giulia], 1)
    planned(mentorship_b, [giulia], 2)
    real_build = delivery.build_digest_message

    def broken_in_a(digest, rows):
        if digest.network_id == mentorship.network_id:
            raise KeyError("a broken stored row")
        return real_build(digest, rows)

    monkeypatch.setattr(delivery, "build_digest_message", broken_in_a)
    assert len(sweep_and_send(datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME), time_machine)) == 2
    assert [m.subject for m in mail.outbox]
    assert "Network B" in mail.outbox[0].subject
    assert len(mail.outbox) == 1
    with scopes_disabled():
        broken = Digest.objects.get(network=mentorship.network)
        assert (broken.status, broken.last_error) == (MailStatus.FAILED, "KeyError: 'a broken stored row'")
        assert Notification.objects.get(network=mentorship.network).mail_status == MailStatus.FAILED


def test_a_lost_send_task_is_queued_again_by_a_later_sweep(mentorship, giulia, time_machine):
    time_machine.move_to(EVENING, tick=False)
    planned(mentorship, [giulia])
    assert len(queued_by_sweep(datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME), time_machine)) == 1  # lost
    assert sweep_and_send(datetime.datetime(2026, 12, 10, 8, 10, tzinfo=ROME), time_machine) == []  # too soon
    assert len(sweep_and_send(datetime.datetime(2026, 12, 10, 8, 30, tzinfo=ROME), time_machine)) == 1
    assert len(mail.outbox) == 1


def test_the_beat_task_sweeps_and_sends(mentorship, giulia, time_machine):
    time_machine.move_to(EVENING, tick=False)
    planned(mentorship, [giulia])
    time_machine.move_to(datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME), tick=False)
    assert tasks.sweep_digests.apply().get() == 1
    assert len(mail.outbox) == 1


def test_the_sweeps_queries_do_not_grow_with_the_number_of_people(network_a, mentorship, time_machine):
    time_machine.move_to(EVENING, tick=False)
    people = [participant(mentorship, f"person{n}@example.org", time_zone="Europe/Rome") for n in range(12)]
    for n in range(3):
        planned(mentorship, people, n)
    time_machine.move_to(datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME), tick=False)

    def counted(batch_size):
        with scopes_disabled():
            Digest.objects.all().delete()
            Notification.objects.update(digest=None, mail_status=MailStatus.PENDING)
        with CaptureQueriesContext(connection) as queries:
            queued = digests.sweep(enqueue=lambda *args: None, batch_size=batch_size)
        return len(queued), len(queries)

    everyone_at_once = counted(100)
    three_at_a_time = counted(3)
    assert everyone_at_once[0] == three_at_a_time[0] == 12
    per_batch = (three_at_a_time[1] - everyone_at_once[1]) / 3  # 4 batches instead of 1
    assert per_batch == everyone_at_once[1] - 2  # the same queries per batch, plus two per sweep


def test_a_morning_with_very_many_notifications_lists_the_newest_and_counts_the_others(
        mentorship, giulia, time_machine, monkeypatch):
    monkeypatch.setattr(emails, "DIGEST_LISTED", 2)
    for n in range(1, 5):
        time_machine.move_to(EVENING + datetime.timedelta(minutes=n), tick=False)
        planned(mentorship, [giulia], n)
    sweep_and_send(datetime.datetime(2026, 12, 10, 8, 5, tzinfo=ROME), time_machine)
    [message] = mail.outbox
    assert "Study visit 4" in message.body
    assert "Study visit 3" in message.body
    assert "Study visit 1" not in message.body
    assert "/network-a/notifications/" in message.body  # the other two, under the bell
    with scopes_disabled():
        assert set(Notification.objects.values_list("mail_status", flat=True)) == {MailStatus.SENT}
