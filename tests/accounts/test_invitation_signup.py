from allauth.account.models import EmailAddress
from django.urls import reverse
from django_scopes import scope

from programmes.accounts.models import User
from programmes.tenancy.models import Membership
from tests.factories import PASSWORD, UserFactory, make_invitation

NEW_PASSWORD = "choose-a-strong-one-2026"


def test_signing_up_without_an_invitation_is_not_possible(client, db):
    response = client.get(reverse("account_signup"))
    assert "Sign-up is by invitation only" in response.content.decode()
    response = client.post(
        reverse("account_signup"), {"email": "x@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert not User.objects.filter(email="x@example.org").exists()


def test_invited_person_sets_a_password_and_lands_on_the_network(client, network_a):
    invitation, token = make_invitation(network_a, email="newcomer@example.org", role="coordinator")
    response = client.get(reverse("invitation_accept", kwargs={"token": token}), follow=True)
    page = response.content.decode()
    assert "Accept your invitation" in page
    assert 'value="newcomer@example.org"' in page
    assert "readonly" in page

    response = client.post(
        reverse("account_signup"),
        {"full_name": "Nadia Newcomer", "email": "newcomer@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/network-a/"
    assert "Welcome, Nadia Newcomer." in response.content.decode()
    user = User.objects.get(email="newcomer@example.org")
    assert EmailAddress.objects.get(user=user).verified  # the mailed link proved the address
    with scope(network=network_a):
        assert Membership.objects.get(user=user).role == "coordinator"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user

    client.logout()
    again = client.get(reverse("invitation_accept", kwargs={"token": token}))
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_signup_keeps_typed_values_when_passwords_differ(client, network_a):
    _invitation, token = make_invitation(network_a, email="newcomer@example.org")
    client.get(reverse("invitation_accept", kwargs={"token": token}))
    response = client.post(
        reverse("account_signup"),
        {"full_name": "Nadia Newcomer", "email": "newcomer@example.org", "password1": NEW_PASSWORD, "password2": "other"},
    )
    page = response.content.decode()
    assert "You must type the same password each time." in page
    assert 'value="Nadia Newcomer"' in page
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_signup_cannot_switch_to_another_address(client, network_a):
    _invitation, token = make_invitation(network_a, email="newcomer@example.org")
    client.get(reverse("invitation_accept", kwargs={"token": token}))
    response = client.post(
        reverse("account_signup"), {"email": "intruder@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert "Use the e-mail address the invitation was sent to." in response.content.decode()
    assert not User.objects.filter(email="intruder@example.org").exists()


def test_wrong_token_gets_a_clear_page(client, db):
    response = client.get(reverse("invitation_accept", kwargs={"token": "not-a-real-token"}))
    assert response.status_code == 404
    assert "This invitation link cannot be used" in response.content.decode()


def test_expired_invitation_gets_a_clear_page(client, network_a):
    _invitation, token = make_invitation(network_a, expires_in_days=-1)
    response = client.get(reverse("invitation_accept", kwargs={"token": token}))
    assert response.status_code == 410
    assert "The invitation has expired." in response.content.decode()


def test_existing_account_signs_in_then_joins_a_second_network(client, network_a, network_b, member_a):
    _invitation, token = make_invitation(network_b, email=member_a.email, role="facilitator")
    url = reverse("invitation_accept", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.post(response["Location"], {"login": member_a.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == url
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == "/network-b/"
    with scope(network=network_b):
        assert Membership.objects.get(user=member_a).role == "facilitator"


def test_invitation_opened_while_signed_in_as_someone_else(client, network_a, member_a):
    _invitation, token = make_invitation(network_a, email="someone-else@example.org")
    client.force_login(member_a)
    response = client.get(reverse("invitation_accept", kwargs={"token": token}))
    assert response.status_code == 403
    assert "someone-else@example.org" in response.content.decode()


def test_unverified_address_is_asked_to_verify(client, network_a, mailoutbox):
    user = UserFactory(email="unverified@example.org", verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)
    assert "Verify Your Email Address" in response.content.decode()
    assert mailoutbox
    assert "/accounts/confirm-email/" in mailoutbox[-1].body
