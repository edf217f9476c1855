"""A coordinator imports the guide's benchmark and attaches it to a programme; the mentee team
rates three key factors, picks two focus factors and sees its profile."""

import re

import pytest
from playwright.sync_api import expect

from programmes.benchmarks import exchange
from tests.e2e.helpers import sign_in
from tests.factories import (
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    NetworkFactory,
    ParticipantFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def setting(live_server):
    network = NetworkFactory(slug="inclucities", name="IncluCities (CEMR)")
    coordinator = UserFactory(email="coordinator@inclucities.example", full_name="Carla Coordinator")
    MembershipFactory(network=network, user=coordinator, role="coordinator")
    programme = ProgrammeFactory(network=network, title="IncluCities", status="running")
    mentorship = MentorshipFactory(network=network, programme=programme, title="Jelgava – Schaerbeek",
                                   mentee=CityFactory(network=network, name="Jelgava", country="LV"),
                                   mentor=CityFactory(network=network, name="Schaerbeek", country="BE"))
    mentee = UserFactory(email="mentee@jelgava.example", full_name="Ilze Mentee")
    MembershipFactory(network=network, user=mentee)
    ParticipantFactory(network=network, mentorship=mentorship, user=mentee, role="mentee_team")
    return programme


def test_benchmark_goes_from_import_to_the_mentees_profile(page, live_server, setting):
    sign_in(page, live_server, "coordinator@inclucities.example")
    page.get_by_role("link", name="Benchmarks", exact=True).click()
    page.get_by_label("Benchmark file (JSON)").set_input_files(str(exchange.shipped_files()["en"]))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("The benchmark was imported as a draft.")).to_be_visible()
    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text("Version 1 is published")).to_be_visible()

    page.get_by_role("link", name="Programmes", exact=True).click()
    page.get_by_role("link", name="IncluCities", exact=True).click()
    page.get_by_role("link", name="Edit the programme").click()
    page.get_by_label("Uses a thematic benchmark").check()
    page.get_by_label("Benchmark", exact=True).select_option(
        label="Formal and informal language learning opportunities for migrants (version 1)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name=re.compile("Formal and informal language learning"))).to_be_visible()
    page.get_by_role("button", name="Carla Coordinator").click()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, "mentee@jelgava.example")
    page.get_by_role("region", name="My mentorships").get_by_role("link", name="Jelgava – Schaerbeek").click()
    page.get_by_role("link", name="Self-assessment against the benchmark").click()
    page.get_by_role("button", name="Start the self-assessment").click()

    for number, level, focus in ((1, "Starting", False), (5, "Partly in place", True), (8, "Not in place", True)):
        page.get_by_role("row", name=re.compile(rf"^{number}\. ")).get_by_role("link").click()
        page.get_by_label(level, exact=True).check()
        page.get_by_label("Evidence").fill(f"Evidence for factor {number}")
        if focus:
            page.get_by_label("Make this key factor a focus of the mentoring").check()
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("were saved")).to_be_visible()

    chart = page.get_by_role("img", name="Self-assessment profile")
    expect(chart).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^5\. ")).get_by_text("Partly in place")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^8\. .*Focus"))).to_be_visible()
    expect(page.get_by_role("cell", name="Focus", exact=True)).to_have_count(2)
    page.screenshot(path="test-results/self-assessment-chart.png", full_page=True)
