"""The e-mail of one notification: sent at once in the recipient's language, with a link to the
object, a one-click unsubscribe (RFC 8058 headers and a link in the body) and a link to the
person's settings; sent once by two copies of its task; retried when the mail server fails, then
failed and shown on the settings page; never sent to someone who chose "never"."""

import datetime
import time

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from programmes.notifications import delivery, tasks
from programmes.notifications.kinds import Delivery, Kind
from programmes.notifications.models import MailStatus, Notification, Preference
from tests.concurrency.threads import require_postgresql, run_together
from tests.notifications.helpers import tell


def test_immediate_email_is_in_the_recipients_language_with_both_unsubscribe_headers(
        mentorship, giulia, pieter, django_capture_on_commit_callbacks):
    tell(mentorship, [giulia], by=pieter, commit=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["giulia@capaci.example"]
    assert "Pieter" in message.subject
    assert "Housing needs" in message.subject
    assert "Buongiorno," in message.body  # Italian, as Giulia reads
    link = f"/network-a/mentorships/{mentorship.pk}/"
    assert link in message.body
    html = message.alternatives[0][0]
    assert link in html
    assert 'lang="it"' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http")
    assert "/accounts/notifications/unsubscribe/" in unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.body
    assert unsubscribe.strip("<>") in html
    assert reverse("notification_preferences") in message.body
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with scopes_disabled():
        row = Notification.objects.get(recipient=giulia)
    assert (row.mail_status, row.attempts, row.last_error) == (MailStatus.SENT, 1, "")
    assert row.mailed_at is not None


def test_a_title_with_a_line_break_stays_on_the_subject_line(mentorship, giulia, django_capture_on_commit_callbacks):
    tell(mentorship, [giulia], title="Housing\r\nBcc: someone@evil.example", commit=django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "\n" not in message.subject
    assert "\r" not in message.subject
    assert message.message()["Bcc"] is None


def test_two_copies_of_the_task_send_one_email(mentorship, giulia):
    [row] = tell(mentorship, [giulia])  # not committed in this test: nothing was queued
    for _copy in range(2):
        tasks.send_notification_email.apply(args=[row.pk], kwargs={"network_id": mentorship.network_id})
    assert [m.to for m in mail.outbox] == [["giulia@capaci.example"]]
    with scopes_disabled():
        row.refresh_from_db()
    assert (row.mail_status, row.attempts) == (MailStatus.SENT, 1)


@pytest.mark.django_db(transaction=True)
def test_two_copies_started_together_send_one_email(mentorship, giulia, monkeypatch):
    require_postgresql()
    [row] = tell(mentorship, [giulia])
    real_send = EmailMultiAlternatives.send

    def slow_send(self, *args, **kwargs):
        time.sleep(0.5)
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", slow_send)

    def copy():
        tasks.send_notification_email.apply(args=[row.pk], kwargs={"network_id": mentorship.network_id}, throw=True)

    assert run_together(mentorship.network, [copy, copy]) == []
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_is_retried_with_backoff_then_failed_and_shown(mentorship, giulia, pieter, client,
                                                                          monkeypatch):
    [row] = tell(mentorship, [pieter], by=giulia)

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    with scope(network=mentorship.network):  # as the task runs it
        retry = delivery.send_notification(row.pk)
        row.refresh_from_db()
    assert retry.countdown == 120
    assert (row.mail_status, row.attempts, row.last_error) == (
        MailStatus.PENDING, 1, "ConnectionRefusedError: smtp down")
    # The task retries (at once here, as Celery runs eagerly in tests) until the last attempt fails.
    tasks.send_notification_email.apply(args=[row.pk], kwargs={"network_id": mentorship.network_id})
    with scopes_disabled():
        row.refresh_from_db()
    assert (row.mail_status, row.attempts) == (MailStatus.FAILED, delivery.MAX_ATTEMPTS)
    assert row.last_error == "ConnectionRefusedError: smtp down"
    assert mail.outbox == []

    client.force_login(pieter)
    page = client.get(reverse("notification_preferences"))
    assert page.status_code == 200
    failures = page.context["failures"]
    assert [(f["what"], f["attempts"]) for f in failures] == [("Giulia commented on “Housing needs”", 5)]
    text = page.content.decode()
    assert "Our mail server could not be reached" in text
    assert "Tried 5 times." in text
    assert "smtp down" not in text  # said in plain words, not as the server's error


def test_an_email_that_cannot_be_written_fails_at_once(mentorship, giulia, monkeypatch):
    [row] = tell(mentorship, [giulia])

    def broken(notification):
        raise ValueError("a broken template")

    monkeypatch.setattr(delivery, "build_notification_message", broken)
    tasks.send_notification_email.apply(args=[row.pk], kwargs={"network_id": mentorship.network_id})
    with scopes_disabled():
        row.refresh_from_db()
    assert (row.mail_status, row.attempts, row.last_error) == (MailStatus.FAILED, 1, "ValueError: a broken template")


def test_preference_never_means_no_email(mentorship, giulia, pieter, django_capture_on_commit_callbacks):
    Preference.objects.create(user=giulia, kind=Kind.COMMENT, delivery=Delivery.NEVER)
    rows = tell(mentorship, [giulia, pieter], commit=django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["pieter@mechelen.example"]]
    never = next(row for row in rows if row.recipient_id == giulia.pk)
    assert (never.delivery, never.mail_status) == (Delivery.NEVER, MailStatus.NONE)
    tasks.send_notification_email.apply(args=[never.pk], kwargs={"network_id": mentorship.network_id})
    assert len(mail.outbox) == 1  # a stray task sends nothing either


def test_someone_removed_from_the_mentorship_before_sending_is_told_nothing(mentorship, giulia):
    [row] = tell(mentorship, [giulia])
    with scopes_disabled():
        mentorship.participants.filter(user=giulia).delete()
    tasks.send_notification_email.apply(args=[row.pk], kwargs={"network_id": mentorship.network_id})
    assert mail.outbox == []
    with scopes_disabled():
        row.refresh_from_db()
    assert row.mail_status == MailStatus.SKIPPED


def test_a_digest_row_is_not_sent_by_the_immediate_task(mentorship, giulia):
    [row] = tell(mentorship, [giulia], event="questionnaire.submitted", key="submitted:1")
    assert row.delivery == Delivery.DIGEST
    tasks.send_notification_email.apply(args=[row.pk], kwargs={"network_id": mentorship.network_id})
    assert mail.outbox == []
    with scopes_disabled():
        row.refresh_from_db()
    assert row.mail_status == MailStatus.PENDING


def test_an_email_whose_task_was_lost_is_sent_by_a_later_sweep(mentorship, giulia, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 10, 9, 0, tzinfo=datetime.UTC), tick=False)
    tell(mentorship, [giulia])  # committed, but the broker lost its task
    time_machine.move_to(datetime.datetime(2026, 12, 10, 9, 5, tzinfo=datetime.UTC), tick=False)
    tasks.sweep_digests.apply()
    assert mail.outbox == []  # too soon to call it lost: its task may be on its way
    time_machine.move_to(datetime.datetime(2026, 12, 10, 9, 30, tzinfo=datetime.UTC), tick=False)
    tasks.sweep_digests.apply()
    assert [m.to for m in mail.outbox] == [["giulia@capaci.example"]]


def test_an_email_is_queued_when_the_transaction_commits_after_the_writers_scope_closed(
        mentorship, giulia, pieter, django_capture_on_commit_callbacks):
    """seed_demo (a command) writes inside a scope within an outer transaction that commits after
    the scope has closed: the queueing opens the network's scope itself (it raised ScopeError)."""
    with django_capture_on_commit_callbacks(execute=True):
        tell(mentorship, [giulia], by=pieter)
    assert [message.to for message in mail.outbox] == [["giulia@capaci.example"]]
