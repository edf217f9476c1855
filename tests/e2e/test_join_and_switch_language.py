"""A person invited to a network joins, signs in, protects the account and works in Italian."""

import re
import time

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from tests.e2e.helpers import PASSWORD_FIELD
from tests.factories import MembershipFactory, NetworkFactory, UserFactory, make_invitation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-good-password-for-lucia"


@pytest.fixture
def invitation_link(live_server):
    network = NetworkFactory(slug="inclucities", name="IncluCities (CEMR)")
    MembershipFactory(network=network, user=UserFactory(email="admin@inclucities.example"), role="admin")
    _invitation, token = make_invitation(network, email="lucia@comune.example", role="coordinator")
    return f"{live_server.url}/accounts/invitations/{token}/"


def _current_totp(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def test_invited_person_joins_signs_in_and_switches_to_italian(page, live_server, invitation_link):
    # Accept the invitation: the address is fixed, the person chooses a password.
    page.goto(invitation_link)
    expect(page.get_by_role("heading", name="Accept your invitation")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("lucia@comune.example")
    page.get_by_label("Full name").fill("Lucia Bianchi")
    page.get_by_label(PASSWORD_FIELD).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(f"{live_server.url}/inclucities/")
    expect(page.get_by_role("heading", name="IncluCities (CEMR)", level=1)).to_be_visible()
    expect(page.get_by_text("Your role in this network: Coordinator.")).to_be_visible()

    # Sign out, and back in with the new password.
    page.get_by_role("button", name="Lucia Bianchi").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Email").fill("lucia@comune.example")
    page.get_by_label(PASSWORD_FIELD).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/inclucities/")

    # Switch the interface to Italian: the choice sticks to the account.
    page.get_by_label("Language").select_option("it")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.get_by_role("heading", name="Le mie collaborazioni di mentoring")).to_be_visible()
    expect(page.get_by_text("Il tuo ruolo in questa rete: Coordinatore.")).to_be_visible()
    page.screenshot(path="test-results/network-home-it.png", full_page=True)


def test_member_turns_on_two_factor_authentication(page, live_server, invitation_link):
    page.goto(invitation_link)
    page.get_by_label(PASSWORD_FIELD).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(f"{live_server.url}/inclucities/")

    page.get_by_role("link", name="Two-factor authentication for your account").click()
    page.get_by_role("link", name=re.compile("Activate")).click()
    if page.get_by_label(PASSWORD_FIELD).count():  # allauth asks to confirm the password first
        page.get_by_label(PASSWORD_FIELD).fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill("000000")
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Incorrect code.", exact=True)).to_be_visible()
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(_current_totp(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Authenticator app activated.")).to_be_visible()
