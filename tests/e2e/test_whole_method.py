"""The whole method in one journey, as the people of a programme live it, in Debian's Chromium
with accessible locators only — and every page each of them loads checked with axe-core against
the WCAG 2.1 A and AA rules.

A coordinator adds the guide's benchmark, sets up a programme and a mentorship and invites both
teams and both associations; the mentee team self-assesses and picks its focus factors, fills
in Annex 2 with its association and registers its local support group; the coordinator reviews
the pair in the matching view; the teams plan the three visits and a reminder reaches the
mentor; the mentee drafts the action plan on its focus factors and marks it final; the
coordinator records the approval; the mentor association downloads the PDF and finds the
actions in it."""

import datetime
import io
import re
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect
from pypdf import PdfReader

from programmes.visits.models import Visit
from programmes.visits.reminders import sweeping, tasks
from tests.e2e.accessibility import Audits
from tests.e2e.helpers import PASSWORD_FIELD, sign_in
from tests.factories import AssociationFactory, CityFactory, MembershipFactory, NetworkFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REQUIRED = r"\*?\s*$"
PEOPLE = {  # e-mail: (full name, role in the programme)
    "giulia@capaci.example": ("Giulia Verdi", "mentee_team"),
    "marco@aiccre.example": ("Marco Bianchi", "mentee_association"),
    "pieter@mechelen.example": ("Pieter Peeters", "mentor_team"),
    "els@vvsg.example": ("Els Janssens", "mentor_association"),
}
VISITS = [("setup", "Set-up visit in Capaci", "2027-01-12", "Europe/Rome"),
          ("inspiration", "Inspiration visit in Mechelen", "2027-03-09", "Europe/Brussels"),
          ("consolidation", "Consolidation visit in Capaci", "2027-05-11", "Europe/Rome")]
NEW_PASSWORD = "a-sunny-day-in-capaci-2027"
ACTIONS = ["Recruit language volunteers with the parish and the library",
           "Open a weekly language café in the town hall"]


@pytest.fixture
def network(live_server, settings):
    settings.SITE_URL = live_server.url
    network = NetworkFactory(slug="inclucities", name="IncluCities (CEMR)", languages=["en"])
    MembershipFactory(network=network, role="coordinator",
                      user=UserFactory(email="coordinator@inclucities.example", full_name="Carla Coordinator"))
    CityFactory(network=network, name="Capaci", population=11_200,
                association=AssociationFactory(network=network, acronym="AICCRE"))
    CityFactory(network=network, name="Mechelen", country="BE", population=87_000,
                association=AssociationFactory(network=network, acronym="VVSG", country="BE"))
    CityFactory(network=network, name="Schaerbeek", country="BE", population=133_000,
                association=AssociationFactory(network=network, acronym="Brulocalis", country="BE"))
    return network


@pytest.fixture
def audits():
    return Audits()


@pytest.fixture
def person(browser, live_server, audits):
    """A browser tab for one person, signed in, whose every page load is audited."""
    contexts = []

    def open_tab(email, *, sign=True, password=None):
        """Signs in (with the factories' password, or the one chosen on joining) and checks the
        home page the person lands on."""
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        audit = audits.follow(page, email)
        if sign:
            sign_in(page, live_server, email, **({"password": password} if password else {}))
            audit.check("home after signing in")
        return page, audit

    yield open_tab
    for context in contexts:
        context.close()


def test_the_whole_method_end_to_end(live_server, network, person, audits):
    # --- The coordinator: benchmark, programme, mentorship, invitations ----------------------
    coordinator, audit = person("coordinator@inclucities.example", sign=False)
    coordinator.goto(f"{live_server.url}/accounts/login/")
    audit.check("sign-in form")
    sign_in(coordinator, live_server, "coordinator@inclucities.example")
    audit.check("network home")

    coordinator.get_by_role("link", name="Benchmarks", exact=True).click()
    audit.check()
    coordinator.get_by_role("button", name="Add it in English").click()
    expect(coordinator.get_by_text("The guide's example benchmark was added as a draft.")).to_be_visible()
    audit.check("draft benchmark")
    coordinator.get_by_role("button", name="Publish this version").click()
    expect(coordinator.get_by_text("Version 1 is published")).to_be_visible()
    audit.check("published benchmark")

    coordinator.get_by_role("link", name="Programmes", exact=True).click()
    audit.check()
    coordinator.get_by_role("link", name="Create a programme").click()
    audit.check("empty programme form")
    coordinator.get_by_label(re.compile(r"^\s*Title" + REQUIRED)).fill("IncluCities 2027")
    coordinator.get_by_label("Theme or policy area").fill("Integration of third-country nationals")
    coordinator.get_by_label("Start date").fill("2026-09-01")
    coordinator.get_by_label("End date").fill("2027-12-31")
    coordinator.get_by_label("Uses a thematic benchmark").check()
    coordinator.get_by_label("Benchmark", exact=True).select_option(
        label="Formal and informal language learning opportunities for migrants (version 1)")
    coordinator.get_by_label("Status").select_option("running")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_role("heading", name="IncluCities 2027", level=1)).to_be_visible()
    audit.check("programme dashboard, empty")

    coordinator.get_by_role("link", name="Add a mentorship").click()
    audit.check()
    coordinator.get_by_label(re.compile(r"^\s*Title" + REQUIRED)).fill("Capaci – Mechelen")
    coordinator.get_by_label("Focus").fill("Language learning for newcomers through volunteering")
    coordinator.get_by_label("Mentee city").select_option(label="Capaci (IT)")
    coordinator.get_by_label("Mentor city").select_option(label="Mechelen (BE)")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("The mentorship was saved.")).to_be_visible()
    audit.check("mentorship page")
    mentorship_url = coordinator.url

    for email, (_name, role) in PEOPLE.items():
        coordinator.get_by_role("link", name="Invite a participant").click()
        audit.check("invitation form")
        coordinator.get_by_label("E-mail address").fill(email)
        coordinator.get_by_label("Role in the programme").select_option(role)
        coordinator.get_by_role("button", name="Invite").click()
        expect(coordinator.get_by_text(f"An invitation was sent to {email}.")).to_be_visible()
    audit.check("mentorship with four invitations")

    # --- Each invited person joins -------------------------------------------------------------
    for email, (name, _role) in PEOPLE.items():
        message = next(m for m in mail.outbox if m.to == [email])
        link = re.search(r"http://\S+/accounts/invitations/\S+/", message.body).group(0)
        newcomer, audit = person(email, sign=False)
        newcomer.goto(link)
        audit.check("accept the invitation")
        newcomer.get_by_label("Full name").fill(name)
        newcomer.get_by_label(PASSWORD_FIELD).fill(NEW_PASSWORD)
        newcomer.get_by_label("Password (again)").fill(NEW_PASSWORD)
        newcomer.get_by_role("button", name="Create my account").click()
        expect(newcomer.get_by_role("region", name="My mentorships").get_by_role(
            "link", name="Capaci – Mechelen")).to_be_visible()
        audit.check("home after joining")
        newcomer.context.close()

    # --- The mentee team self-assesses and picks focus factors ---------------------------------
    mentee, audit = person("giulia@capaci.example", password=NEW_PASSWORD)
    mentee.get_by_role("region", name="My mentorships").get_by_role("link", name="Capaci – Mechelen").click()
    audit.check("mentorship page for the mentee")
    mentee.get_by_role("link", name="Self-assessment against the benchmark").click()
    audit.check("self-assessment not started")
    mentee.get_by_role("button", name="Start the self-assessment").click()
    audit.check("self-assessment started")
    for number, level, focus in ((1, "Starting", False), (8, "Not in place", True)):
        mentee.get_by_role("row", name=re.compile(rf"^{number}\. ")).get_by_role("link").click()
        audit.check(f"rating key factor {number}")
        mentee.get_by_label(level, exact=True).check()
        mentee.get_by_label("Evidence").fill(f"What Capaci has for key factor {number}.")
        if focus:
            mentee.get_by_label("Make this key factor a focus of the mentoring").check()
        mentee.get_by_role("button", name="Save", exact=True).click()
        expect(mentee.get_by_text("were saved")).to_be_visible()
    audit.check("self-assessment with a focus factor")
    expect(mentee.get_by_role("row", name=re.compile(r"^8\. .*Focus"))).to_be_visible()

    # --- Annex 2, with the association ----------------------------------------------------------
    mentee.goto(f"{mentorship_url}needs-analysis/")
    audit.check("needs analysis not started")
    mentee.get_by_role("button", name="Start the needs analysis").click()
    audit.check("needs analysis started")
    for number, text in ((1, "Newcomers who cannot attend evening classes do not learn Italian."),
                         (8, "Volunteers of the parish, the library and the migrant council.")):
        box = mentee.get_by_label(re.compile(rf"^{number}\. "))
        box.fill(text)
        expect(mentee.locator(f"#status-{box.get_attribute('id').split('-')[1]}")).to_contain_text("Saved at")
    audit.check("needs analysis with answers saved")

    association, association_audit = person("marco@aiccre.example", password=NEW_PASSWORD)
    association.goto(f"{mentorship_url}needs-analysis/")
    association_audit.check("needs analysis for the association")
    box = association.get_by_label(re.compile(r"^17\. "))
    box.fill("Capaci is typical of small Sicilian towns with seasonal workers.")
    expect(association.locator(f"#status-{box.get_attribute('id').split('-')[1]}")).to_contain_text("Saved at")
    association_audit.check("association answer saved")

    mentee.reload()
    audit.check("needs analysis with the association's answer")
    mentee.get_by_label("Name of this version").fill("First draft before matching")
    mentee.get_by_role("button", name="Submit a version").click()
    expect(mentee.get_by_text("Version 1, “First draft before matching”, is frozen.")).to_be_visible()
    audit.check("needs analysis version submitted")

    # --- The local support group (Annex 5) ------------------------------------------------------
    mentee.get_by_role("link", name="Directory", exact=True).click()
    audit.check("directory")
    mentee.get_by_role("link", name="Capaci", exact=True).click()
    audit.check("Capaci's page")
    mentee.get_by_role("link", name="Local support group").click()
    audit.check("support group, empty")
    mentee.get_by_label(re.compile(r"^\s*Name" + REQUIRED)).fill("Amina Haddad")
    mentee.get_by_label("Organisation").fill("Migrant council of Capaci")
    mentee.get_by_label("Stakeholder type").select_option(label="Migrant representative")
    mentee.get_by_label("This person agreed that their data is stored here").check()
    mentee.get_by_label("Consent given on").fill("2026-11-20")
    mentee.get_by_role("button", name="Save").click()
    expect(mentee.get_by_text("Amina Haddad was saved in the support group.")).to_be_visible()
    expect(mentee.get_by_text("the group has no migrant representative yet")).to_have_count(0)
    audit.check("support group with a migrant representative")

    # --- The coordinator reviews the pair in the matching view ----------------------------------
    coordinator, audit = person("coordinator@inclucities.example")
    coordinator.get_by_role("link", name="Programmes", exact=True).click()
    audit.check()
    coordinator.get_by_role("link", name="IncluCities 2027", exact=True).click()
    audit.check("programme dashboard with a mentorship")
    coordinator.get_by_role("link", name="Matching", exact=True).click()
    audit.check("matching overview")
    coordinator.get_by_role("link", name="Review the match").click()
    audit.check("matching candidates")
    mechelen = coordinator.get_by_role("listitem", name=re.compile(r"Mechelen \(Belgium, VVSG\)"))
    expect(mechelen.get_by_text("Current mentor city")).to_be_visible()
    expect(mechelen.get_by_text("Population 11,200 and 87,000.")).to_be_visible()
    expect(coordinator.get_by_role("button", name="Choose Schaerbeek as mentor city")).to_be_visible()

    # --- The teams plan three visits; a reminder reaches the mentor -----------------------------
    mentee.goto(mentorship_url)
    audit = next(a for a in audits.audits if a.page is mentee)
    audit.check("mentorship page before the visits")
    for kind, title, day, zone in VISITS:
        mentee.get_by_role("link", name="Visits and meetings").click()
        audit.check("visits list")
        mentee.get_by_role("link", name="Plan a visit or meeting").click()
        audit.check("visit form")
        mentee.get_by_label(re.compile(r"^\s*Kind")).select_option(kind)
        mentee.get_by_label("Title").fill(title)
        mentee.get_by_label(re.compile(r"^\s*Start date")).fill(day)
        mentee.get_by_label(re.compile(r"^\s*Start time")).fill("09:30")
        mentee.get_by_label(re.compile(r"^\s*End date")).fill(day)
        mentee.get_by_label(re.compile(r"^\s*End time")).fill("17:00")
        mentee.get_by_label(re.compile(r"^\s*Time zone")).select_option(zone)
        mentee.get_by_label("Venue address").fill("Town hall")
        mentee.get_by_role("button", name="Save").click()
        expect(mentee.get_by_text(f"“{title}” is planned.")).to_be_visible()
        mentee.get_by_role("checkbox", name="Pieter Peeters").check()
        mentee.get_by_role("checkbox", name="Giulia Verdi").check()
        mentee.get_by_role("button", name="Save the participants").click()
        expect(mentee.get_by_text("The list of participants is saved.")).to_be_visible()
        audit.check(f"{title} with its agenda and participants")
        mentee.goto(mentorship_url)
        audit.check("mentorship page")
    with scopes_disabled():
        setup = Visit.objects.get(kind="setup")
    with time_machine.travel(setup.starts_at - datetime.timedelta(days=2, minutes=-1), tick=False):
        sweeping.sweep(enqueue=tasks.queue_reminder)
    reminder = [m for m in mail.outbox if m.to == ["pieter@mechelen.example"] and "Reminder" in m.subject]
    assert len(reminder) == 1
    assert reminder[0].subject.startswith("Reminder: Set-up visit in Capaci, 12 January 2027")

    # --- The action plan on the focus factors, final, approved ----------------------------------
    mentee.goto(f"{mentorship_url}action-plan/")
    audit.check("empty action plan")
    for text in ACTIONS:
        mentee.get_by_label(re.compile(r"^\s*Action" + REQUIRED)).fill(text)
        mentee.get_by_label("Who leads").fill("Social services")
        add_form = mentee.locator("form", has=mentee.get_by_role("button", name="Add the action"))
        add_form.get_by_text("Benchmark key factors", exact=True).first.click()  # the <summary> opens the list
        add_form.get_by_label(re.compile(r"^\s*8\. Support non-formal language learning")).check()
        mentee.get_by_role("button", name="Add the action").click()
        expect(mentee.locator("#actions-body")).to_contain_text(text)
    expect(mentee.locator("#actions-body").get_by_text("Key factors: 8")).to_have_count(2)
    audit.check("action plan with two actions on key factor 8")
    mentee.get_by_role("button", name="Mark the plan as final").click()
    expect(mentee.get_by_text("The plan is now “Final”; this version is kept.")).to_be_visible()
    audit.check("final action plan")

    coordinator.goto(f"{mentorship_url}action-plan/")
    audit = next(a for a in audits.audits if a.page is coordinator)
    audit.check("final plan for the coordinator")
    coordinator.get_by_label("Approving body").fill("Capaci town council")
    coordinator.get_by_label("Approved on").fill("2027-06-20")
    coordinator.get_by_label("Reference").fill("Decision 45/2027")
    coordinator.get_by_role("button", name="Record the approval").click()
    expect(coordinator.get_by_text("The plan is now “Approved”; this version is kept.")).to_be_visible()
    audit.check("approved action plan")

    # --- The mentor association downloads the PDF -----------------------------------------------
    vvsg, audit = person("els@vvsg.example", password=NEW_PASSWORD)
    vvsg.goto(f"{mentorship_url}action-plan/")
    audit.check("approved plan for the mentor association")
    expect(vvsg.get_by_text("approved by Capaci town council")).to_be_visible()
    vvsg.get_by_role("button", name="Download PDF").first.click()
    link = vvsg.get_by_role("link", name=re.compile(r"Download the PDF \(1 page\)"))
    audit.check("PDF ready")
    with vvsg.expect_download() as download:
        link.click()
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "Action plan – IncluCities 2027" in text
    assert "Approved by Capaci town council" in text
    assert all(action in text for action in ACTIONS)
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in pdf.trailer["/Root"]

    audits.assert_clean()
    assert audits.pages_checked >= 30
