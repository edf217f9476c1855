from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def test_wrong_password_keeps_the_address_and_explains(client, member_a):
    response = client.post(reverse("account_login"), {"login": member_a.email, "password": "wrong"})
    page = response.content.decode()
    assert "The email address and/or password you specified are not correct." in page
    assert f'value="{member_a.email}"' in page


def test_too_many_failed_sign_ins_are_stopped_with_a_message(client, member_a):
    for _ in range(12):
        response = client.post(reverse("account_login"), {"login": member_a.email, "password": "wrong"})
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()


def test_wrong_totp_code_is_refused_with_a_message(client, member_a):
    secret = generate_totp_secret()
    TOTP.activate(member_a, secret)
    response = client.post(reverse("account_login"), {"login": member_a.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Incorrect code." in response.content.decode()
    assert Authenticator.objects.filter(user=member_a).exists()


def test_language_choice_sticks_to_the_account(client, network_a, member_a):
    client.force_login(member_a)
    client.post(reverse("set_language"), {"language": "it", "next": "/network-a/"})
    member_a.refresh_from_db()
    assert member_a.language == "it"
    client.cookies.clear()
    client.force_login(member_a)  # a new session, another browser: still Italian
    page = client.get("/network-a/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="it">' in page
    assert "Le mie collaborazioni di mentoring" in page


def test_unknown_language_is_ignored(client, member_a):
    client.force_login(member_a)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    member_a.refresh_from_db()
    assert member_a.language == "en"


def test_profile_saves_name_and_language(client, member_a):
    client.force_login(member_a)
    response = client.post(reverse("profile"), {"full_name": "Maria Rossi", "language": "it"}, follow=True)
    assert "Il tuo profilo è stato salvato." in response.content.decode()


def test_email_is_written_in_the_recipients_language(client, db, mailoutbox):
    UserFactory(email="italiana@example.org", language="it")
    client.post(reverse("account_reset_password"), {"email": "italiana@example.org"})
    assert mailoutbox
    assert mailoutbox[-1].subject == "Email per reimpostare la password"


def test_password_reset_for_an_unknown_address_sends_nothing(client, db, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True)
    assert response.status_code == 200
    assert mailoutbox == []


def test_signing_in_switches_to_the_persons_language_at_once(client, network_a):
    from tests.factories import MembershipFactory

    italian = UserFactory(email="italiana@example.org", language="it")
    MembershipFactory(network=network_a, user=italian)
    response = client.post(reverse("account_login"), {"login": italian.email, "password": PASSWORD},
                           HTTP_ACCEPT_LANGUAGE="en", follow=True)
    page = response.content.decode()
    assert '<html lang="it">' in page
    assert "Ti sei collegato con successo come" in page  # the sign-in message too, not only the next page


def test_a_code_from_the_previous_30_seconds_is_still_accepted(client, member_a):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    secret = generate_totp_secret()
    TOTP.activate(member_a, secret)
    client.post(reverse("account_login"), {"login": member_a.email, "password": PASSWORD})
    previous_step = int(time.time()) // 30 - 1
    response = client.post(reverse("mfa_authenticate"), {"code": format_hotp_value(hotp_value(secret, previous_step))},
                           follow=True)
    assert "Incorrect code." not in response.content.decode()
    assert response.redirect_chain
    assert response.redirect_chain[-1][0] != reverse("mfa_authenticate")
