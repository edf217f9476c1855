"""The page where a person chooses how they are told: a select per kind (at once, daily digest,
never), their time zone for the digest, and the e-mails that could not be sent, in plain words;
reached from the profile page."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from programmes.accounts.models import User
from programmes.notifications import selectors
from programmes.notifications.kinds import DEFAULT_DELIVERY, Delivery, Kind
from programmes.notifications.models import Digest, MailStatus, Notification, Preference
from tests.factories import NetworkFactory
from tests.notifications.helpers import tell

PAGE = "/accounts/notifications/"


def choices(**chosen):
    data = {f"kind_{kind.value}": chosen.get(kind.value, DEFAULT_DELIVERY[kind]) for kind in Kind}
    data["time_zone"] = chosen.get("time_zone", "Europe/Brussels")
    return data


def test_the_page_needs_a_signed_in_person(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_profile_page_links_to_it(client, pieter):
    client.force_login(pieter)
    assert f'href="{PAGE}"' in client.get(reverse("profile")).content.decode()


def test_every_kind_has_a_labelled_select_with_the_three_deliveries(client, pieter):
    client.force_login(pieter)
    response = client.get(PAGE)
    assert response.status_code == 200
    text = response.content.decode()
    for kind in Kind:
        assert re.search(rf'<label\s+for="id_kind_{kind.value}"', text)
        assert f'name="kind_{kind.value}"' in text
    assert re.search(r'<label\s+for="id_time_zone"', text)
    form = response.context["form"]
    assert [value for value, _label in form.fields["kind_comment"].choices] == Delivery.values
    assert form["kind_submission"].value() == Delivery.DIGEST  # the kind's default
    assert "Europe/Rome" in dict(form.fields["time_zone"].choices)
    names = [value for value, _label in form.fields["time_zone"].choices]
    assert names == sorted(names)


def test_saving_records_each_choice_and_the_time_zone(client, pieter):
    client.force_login(pieter)
    response = client.post(PAGE, choices(comment=Delivery.DIGEST, mention=Delivery.NEVER, time_zone="America/Bogota"))
    assert response.status_code == 302
    chosen = dict(Preference.objects.filter(user=pieter).values_list("kind", "delivery"))
    assert chosen["comment"] == Delivery.DIGEST
    assert chosen["mention"] == Delivery.NEVER
    assert chosen["submission"] == Delivery.DIGEST
    assert User.objects.get(pk=pieter.pk).time_zone == "America/Bogota"
    page = client.get(PAGE)
    assert page.context["form"]["kind_comment"].value() == Delivery.DIGEST
    assert page.context["form"]["time_zone"].value() == "America/Bogota"
    # Saving again changes the rows, it does not add others.
    client.post(PAGE, choices(comment=Delivery.IMMEDIATE))
    assert Preference.objects.filter(user=pieter).count() == len(Kind)
    assert Preference.objects.get(user=pieter, kind="comment").delivery == Delivery.IMMEDIATE


def test_an_unknown_time_zone_or_delivery_is_refused_and_nothing_changes(client, pieter):
    client.force_login(pieter)
    for data in (choices(time_zone="Mars/Olympus_Mons"), choices(comment="hourly")):
        response = client.post(PAGE, data)
        assert response.status_code == 400
        assert response.context["form"].errors
    assert not Preference.objects.exists()
    assert User.objects.get(pk=pieter.pk).time_zone == "Europe/Brussels"


def test_the_model_refuses_an_unknown_time_zone(pieter):
    pieter.time_zone = "Europe/Atlantis"
    with pytest.raises(ValidationError):
        pieter.full_clean()


def test_a_new_person_has_the_sites_time_zone(db, settings):
    assert User.objects.create_user("new@example.org").time_zone == settings.TIME_ZONE


def test_choosing_never_stops_what_was_still_waiting(client, mentorship, pieter):
    [row] = tell(mentorship, [pieter])
    client.force_login(pieter)
    client.post(PAGE, choices(comment=Delivery.NEVER))
    with scopes_disabled():
        row.refresh_from_db()
    assert (row.delivery, row.mail_status) == (Delivery.NEVER, MailStatus.NONE)


def test_failed_emails_are_listed_in_plain_words_newest_first(client, mentorship, giulia, pieter):
    rows = tell(mentorship, [pieter], by=giulia)
    with scopes_disabled():
        Notification.objects.filter(pk=rows[0].pk).update(
            mail_status=MailStatus.FAILED, attempts=5, last_error="SMTPRecipientsRefused: {'pieter@…': (550, …)}")
        Digest.objects.create(network=mentorship.network, recipient=pieter, day="2026-12-10",
                              status=MailStatus.FAILED, attempts=1, last_error="KeyError: 'title'")
    client.force_login(pieter)
    text = client.get(PAGE).content.decode()
    assert "Giulia commented on “Housing needs”" in text
    assert "The mail server refused your e-mail address." in text
    assert "Daily digest of" in text
    assert "The e-mail could not be written from what was stored." in text
    assert "550" not in text  # the server's words stay in the log
    assert "Tried once." in text


def test_failures_of_other_people_or_of_networks_left_are_not_listed(client, mentorship, giulia, pieter):
    tell(mentorship, [giulia, pieter], by=None)
    other = NetworkFactory(slug="left", name="Network left")
    with scopes_disabled():
        Notification.objects.update(mail_status=MailStatus.FAILED, last_error="OSError: x")
        Digest.objects.create(network=other, recipient=pieter, day="2026-12-10", status=MailStatus.FAILED)
    client.force_login(pieter)
    failures = client.get(PAGE).context["failures"]
    assert len(failures) == 1
    assert failures[0]["network"] == mentorship.network


@pytest.mark.parametrize(("error", "words"), [
    ("ConnectionRefusedError: [Errno 111] refused", "could not be reached"),
    ("SMTPServerDisconnected: gone", "could not be reached"),
    ("SMTPDataError: (554, b'spam')", "refused the message"),
    ("ValueError: bad header", "could not be written"),
    ("Whatever: odd", "could not be sent"),
    ("", "could not be sent"),
])
def test_errors_are_said_in_plain_words(error, words):
    assert words in selectors.reason_in_plain_words(error)
