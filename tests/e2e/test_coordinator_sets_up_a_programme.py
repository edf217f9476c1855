"""A coordinator sets up a programme with a mentorship and invites the mentee team; the invited
person joins and finds the mentorship under "My mentorships"."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.helpers import PASSWORD_FIELD, sign_in
from tests.factories import AssociationFactory, CityFactory, MembershipFactory, NetworkFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def network(live_server, settings):
    settings.SITE_URL = live_server.url
    network = NetworkFactory(slug="inclucities", name="IncluCities (CEMR)")
    MembershipFactory(network=network, role="coordinator",
                      user=UserFactory(email="coordinator@inclucities.example", full_name="Carla Coordinator"))
    CityFactory(network=network, name="Capaci", association=AssociationFactory(network=network, acronym="AICCRE"))
    CityFactory(network=network, name="Mechelen", country="BE",
                association=AssociationFactory(network=network, acronym="VVSG", country="BE"))
    return network


def test_coordinator_sets_up_a_mentorship_and_the_mentee_finds_it(page, live_server, network):
    sign_in(page, live_server, "coordinator@inclucities.example")

    page.get_by_role("link", name="Programmes", exact=True).click()
    page.get_by_role("link", name="Create a programme").click()
    page.get_by_label("Title").fill("IncluCities 2027")
    page.get_by_label("Theme or policy area").fill("Integration of third-country nationals")
    page.get_by_label("Start date").fill("2027-01-01")
    page.get_by_label("End date").fill("2028-06-30")
    page.get_by_label("Status").select_option("running")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="IncluCities 2027", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="Mentoring visit 3", exact=True)).to_be_visible()

    page.get_by_role("link", name="Add a mentorship").click()
    page.get_by_label("Title").fill("Capaci – Mechelen")
    page.get_by_label("Mentee city").select_option(label="Capaci (IT)")
    page.get_by_label("Mentor city").select_option(label="Mechelen (BE)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The mentorship was saved.")).to_be_visible()
    expect(page.get_by_text("with AICCRE")).to_be_visible()

    page.get_by_role("link", name="Invite a participant").click()
    page.get_by_label("E-mail address").fill("giulia@capaci.example")
    page.get_by_label("Role in the programme").select_option("mentee_team")
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("An invitation was sent to giulia@capaci.example.")).to_be_visible()
    expect(page.get_by_text("giulia@capaci.example (Mentee team)")).to_be_visible()

    link = re.search(r"http://\S+/accounts/invitations/\S+/", mail.outbox[-1].body).group(0)
    page.get_by_role("button", name="Carla Coordinator").click()
    page.get_by_role("button", name="Sign out").click()

    page.goto(link)
    page.get_by_label("Full name").fill("Giulia Verdi")
    page.get_by_label(PASSWORD_FIELD).fill("capaci-mentee-password")
    page.get_by_label("Password (again)").fill("capaci-mentee-password")
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(f"{live_server.url}/inclucities/")
    my_mentorships = page.get_by_role("region", name="My mentorships")
    expect(my_mentorships.get_by_role("link", name="Capaci – Mechelen")).to_be_visible()
    expect(my_mentorships.get_by_text("Mentee team")).to_be_visible()
    my_mentorships.get_by_role("link", name="Capaci – Mechelen").click()
    expect(page.get_by_role("heading", name="Capaci – Mechelen", level=1)).to_be_visible()
