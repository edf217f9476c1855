"""One-click unsubscribe (RFC 8058): the link of an e-mail asks first (a GET changes nothing), its
button or a mail client's one-click POST (no session, no CSRF token) stops that kind; a second use
says the e-mails had already stopped; a tampered or unknown token changes nothing and says so."""

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from programmes.notifications import tokens
from programmes.notifications.kinds import Delivery, Kind
from programmes.notifications.models import MailStatus, Notification, Preference
from tests.notifications.helpers import tell

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def url(user, kind=Kind.COMMENT):
    return reverse("notification_unsubscribe", kwargs={"token": tokens.make_token(user, kind)})


def delivery_of(user, kind=Kind.COMMENT):
    row = Preference.objects.filter(user=user, kind=kind).first()
    return row.delivery if row else None


@pytest.fixture
def mail_client():
    """A mail client: no session, and Django's CSRF check enforced as in production."""
    return Client(enforce_csrf_checks=True)


def test_the_link_in_the_email_is_the_one_of_the_header(mentorship, giulia, pieter,
                                                        django_capture_on_commit_callbacks):
    tell(mentorship, [giulia], by=pieter, commit=django_capture_on_commit_callbacks)
    [message] = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    assert link.endswith(url(giulia))


def test_one_click_post_without_session_or_csrf_token_stops_the_kind(mentorship, giulia, mail_client):
    response = mail_client.post(url(giulia), ONE_CLICK)
    assert response.status_code == 200
    assert delivery_of(giulia) == Delivery.NEVER
    assert delivery_of(giulia, Kind.MENTION) is None  # only that kind


def test_one_click_post_sent_as_multipart_works_too(mentorship, giulia, mail_client):
    response = mail_client.post(url(giulia), {"List-Unsubscribe": "One-Click"})  # the test client's multipart
    assert response.status_code == 200
    assert delivery_of(giulia) == Delivery.NEVER


def test_the_link_asks_first_in_the_persons_language(mentorship, giulia, mail_client):
    response = mail_client.get(url(giulia))
    assert response.status_code == 200
    assert response.context["state"] == "confirm"
    with translation.override("it"):  # Giulia reads Italian
        assert response.context["kind_name"] == str(Kind.COMMENT.label)
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert delivery_of(giulia) is None  # a GET (a mail scanner) changes nothing


def test_the_button_needs_its_csrf_token(mentorship, giulia, mail_client):
    assert mail_client.post(url(giulia), {}).status_code == 403
    assert delivery_of(giulia) is None
    page = mail_client.get(url(giulia))
    token = page.context["csrf_token"]
    response = mail_client.post(url(giulia), {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 200
    assert response.context["state"] == "stopped"
    assert delivery_of(giulia) == Delivery.NEVER


def test_a_used_link_says_the_emails_had_already_stopped(mentorship, giulia, mail_client):
    mail_client.post(url(giulia), ONE_CLICK)
    again = mail_client.post(url(giulia), ONE_CLICK)
    assert again.status_code == 200
    assert again.context["state"] == "already"
    assert "Avevi già interrotto queste e-mail" in again.content.decode()  # Giulia reads Italian
    assert mail_client.get(url(giulia)).context["state"] == "already"


@pytest.mark.parametrize("token", ["nonsense", "WzEsImNvbW1lbnQiXQ:1tX:forged"])
def test_a_bad_token_changes_nothing_and_says_so(mentorship, giulia, mail_client, token):
    for response in (mail_client.get(f"/accounts/notifications/unsubscribe/{token}/"),
                     mail_client.post(f"/accounts/notifications/unsubscribe/{token}/", ONE_CLICK)):
        assert response.status_code == 400
        text = response.content.decode()
        assert "This unsubscribe link is not valid" in text
        assert reverse("notification_preferences") in text
    assert not Preference.objects.exists()


def test_a_tampered_token_of_a_real_person_is_refused(mentorship, giulia, pieter, mail_client):
    real = tokens.make_token(giulia, Kind.COMMENT)
    forged = real[:-3] + ("AAA" if not real.endswith("AAA") else "BBB")
    assert mail_client.post(f"/accounts/notifications/unsubscribe/{forged}/", ONE_CLICK).status_code == 400
    assert not Preference.objects.exists()


def test_a_token_is_bound_to_its_salt(giulia):
    other_use = signing.Signer(salt="something.else").sign_object([giulia.pk, "comment"])
    assert tokens.read_token(other_use) is None
    assert tokens.read_token(tokens.make_token(giulia, "comment")) == (giulia, "comment")


def test_stopping_a_kind_also_stops_what_was_waiting_to_be_sent(mentorship, giulia, mail_client):
    [row] = tell(mentorship, [giulia])  # an immediate e-mail, not sent yet
    mail_client.post(url(giulia), ONE_CLICK)
    with scopes_disabled():
        row.refresh_from_db()
    assert (row.delivery, row.mail_status) == (Delivery.NEVER, MailStatus.NONE)
    with scopes_disabled():
        assert Notification.objects.get().pk == row.pk  # still under the bell


def test_the_digest_link_stops_every_kind_of_the_digest(mentorship, giulia, mail_client):
    Preference.objects.create(user=giulia, kind=Kind.COMMENT, delivery=Delivery.DIGEST)
    response = mail_client.post(url(giulia, tokens.DIGEST), ONE_CLICK)
    assert response.status_code == 200
    assert response.context["state"] == "stopped"
    stopped = dict(Preference.objects.filter(user=giulia).values_list("kind", "delivery"))
    assert stopped[Kind.COMMENT] == Delivery.NEVER
    assert stopped[Kind.SUBMISSION] == Delivery.NEVER  # a kind in the digest by default
    assert Kind.MENTION not in stopped  # e-mailed at once: not part of the digest
    assert mail_client.post(url(giulia, tokens.DIGEST), ONE_CLICK).context["state"] == "already"
