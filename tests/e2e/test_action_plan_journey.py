"""The mentee team writes the action plan and reorders it without a reload, marks it final, the
coordinator records the council's approval, and a member of the mentee's association downloads
the PDF, which holds the actions."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.helpers import sign_in
from tests.factories import (
    AssociationFactory,
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    NetworkFactory,
    ParticipantFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTIONS = ["Start a buddy scheme with residents", "Train front-desk staff", "Open a one-stop information desk"]


@pytest.fixture
def mentorship(live_server):
    network = NetworkFactory(slug="inclucities", name="IncluCities (CEMR)")
    levadia = CityFactory(network=network, name="Levadia", country="GR",
                          association=AssociationFactory(network=network, acronym="KEDE", country="GR"))
    mentorship = MentorshipFactory(network=network, title="Levadia – Fuenlabrada",
                                   programme=ProgrammeFactory(network=network, title="IncluCities"), mentee=levadia,
                                   mentor=CityFactory(network=network, name="Fuenlabrada", country="ES"))
    for email, role in (("mentee@levadia.example", "mentee_team"), ("kede@levadia.example", "mentee_association")):
        user = UserFactory(email=email)
        MembershipFactory(network=network, user=user)
        ParticipantFactory(network=network, mentorship=mentorship, user=user, role=role)
    MembershipFactory(network=network, user=UserFactory(email="coordinator@inclucities.example"), role="coordinator")
    return mentorship


def _open(browser, live_server, mentorship, email):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server, email)
    page.goto(f"{live_server.url}/inclucities/mentorships/{mentorship.pk}/action-plan/")
    return page


def _rows(page):
    return page.locator("#actions-body tr th[scope=row] + td span.fw-semibold")


def test_from_draft_to_an_approved_plan_and_its_pdf(browser, live_server, mentorship):
    mentee = _open(browser, live_server, mentorship, "mentee@levadia.example")
    for text in ACTIONS:
        mentee.get_by_label(re.compile(r"^\s*Action\*?\s*$")).fill(text)
        mentee.get_by_label("Who leads").fill("Social services")
        mentee.get_by_role("button", name="Add the action").click()
        expect(_rows(mentee).last).to_have_text(text)
    url = mentee.url
    mentee.get_by_role("link", name="Edit action 3").click()  # the row's form also moves and removes it
    mentee.get_by_role("button", name="Move up action 3").click()
    expect(_rows(mentee)).to_have_text([ACTIONS[0], ACTIONS[2], ACTIONS[1]])
    assert mentee.url == url  # reordered in place, no page load
    mentee.get_by_role("link", name="Edit action 1").click()  # inline: the row becomes a form
    row = mentee.locator("#actions-body tr").first
    row.get_by_label("Who leads").fill("Mayor's office")
    row.get_by_role("button", name="Save the action").click()
    expect(mentee.locator("#actions-body tr").first).to_contain_text("Mayor's office")
    assert mentee.url == url
    mentee.get_by_role("button", name="Mark the plan as final").click()
    expect(mentee.get_by_text("The plan is now “Final”; this version is kept.")).to_be_visible()
    expect(mentee.get_by_role("button", name="Add the action")).to_have_count(0)

    coordinator = _open(browser, live_server, mentorship, "coordinator@inclucities.example")
    coordinator.get_by_label("Approving body").fill("Levadia city council")
    coordinator.get_by_label("Approved on").fill("2026-11-20")
    coordinator.get_by_label("Reference").fill("Decision 45/2026")
    coordinator.get_by_role("button", name="Record the approval").click()
    expect(coordinator.get_by_text("The plan is now “Approved”; this version is kept.")).to_be_visible()

    association = _open(browser, live_server, mentorship, "kede@levadia.example")
    expect(association.get_by_text("approved by Levadia city council")).to_be_visible()
    association.get_by_role("button", name="Download PDF").first.click()
    link = association.get_by_role("link", name=re.compile(r"Download the PDF \(1 page\)"))
    with association.expect_download() as download:
        link.click()
    text = " ".join(PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages[0].extract_text().split())
    assert "Action plan – IncluCities" in text
    assert "Approved by Levadia city council" in text
    assert all(action in text for action in ACTIONS)
    assert text.index(ACTIONS[2]) < text.index(ACTIONS[1])
