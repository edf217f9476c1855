"""The two forms officials spend their time in — the needs analysis (Annex 2) and the action plan
(Annex 6) — filled in with the keyboard alone: every control is reached with Tab, shows where
the focus is, works with Enter or Space, and the focus stays where the person was working when
part of the page is replaced."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import Audits
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

# What a keyboard user hears as the focused control's name, and whether the focus is visible.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) { return {name: "", visible: false, tag: "body"}; }
  const label = (e.labels && e.labels.length ? e.labels[0].innerText : "") || e.getAttribute("aria-label")
    || e.innerText || e.value || "";
  const style = getComputedStyle(e);
  const visible = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  return {name: label.replace(/\\s+/g, " ").trim(), visible: visible, tag: e.tagName.toLowerCase(), id: e.id};
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab_to(page, name, *, most=400):
    """Press Tab until the focused control's name matches; each stop must show its focus."""
    pattern = re.compile(name)
    for _ in range(most):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["tag"] == "body" or now["visible"], f"focus is invisible on {now}"
        if pattern.search(now["name"]):
            return now
    raise AssertionError(f"no control named {name!r} reached with Tab")


@pytest.fixture
def mentorship(live_server):
    network = NetworkFactory(slug="inclucities", name="IncluCities (CEMR)")
    mentorship = MentorshipFactory(network=network, programme=ProgrammeFactory(network=network, title="IncluCities"),
                                   title="Capaci – Mechelen", mentee=CityFactory(network=network, name="Capaci"),
                                   mentor=CityFactory(network=network, name="Mechelen", country="BE"))
    user = UserFactory(email="mentee@capaci.example", full_name="Giulia Mentee")
    MembershipFactory(network=network, user=user)
    ParticipantFactory(network=network, mentorship=mentorship, user=user, role="mentee_team")
    return mentorship


def _open(page, live_server, mentorship, path):
    """The mentee team's page, signed in (with the mouse: the forms are what is walked by keyboard)."""
    audits = Audits()
    audit = audits.follow(page, "mentee")
    sign_in(page, live_server, "mentee@capaci.example")
    page.goto(f"{live_server.url}/inclucities/mentorships/{mentorship.pk}/{path}/")
    audit.check("as opened")
    return audits, audit


def test_annex_2_with_the_keyboard_alone(page, live_server, mentorship):
    audits, audit = _open(page, live_server, mentorship, "needs-analysis")
    tab_to(page, r"^Start the needs analysis$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your city's needs")).to_be_visible()
    audit.check("started")

    first = tab_to(page, r"^1\. Which challenge")
    assert first["tag"] == "textarea"
    page.keyboard.type("Newcomers who cannot attend evening classes do not learn Italian.")
    expect(page.locator(f"#status-{first['id'].split('-')[1]}")).to_contain_text("Saved at")
    assert focused(page)["id"] == first["id"]  # saving as one types never takes the focus away

    tab_to(page, r"^\d+ comments?$")  # the question's comment thread opens with Enter
    page.keyboard.press("Enter")
    tab_to(page, r"^Comment on question 1$")
    page.keyboard.type("The parish volunteers could help here.")
    tab_to(page, r"^Add a comment$")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your comment on question 1 was added.")).to_be_visible()

    tab_to(page, r"^Name of this version")
    page.keyboard.type("First draft")
    tab_to(page, r"^Submit a version$")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Version 1, “First draft”, is frozen.")).to_be_visible()
    audit.check("submitted")
    audits.assert_no_violations()


def test_the_action_plan_with_the_keyboard_alone(page, live_server, mentorship):
    audits, audit = _open(page, live_server, mentorship, "action-plan")
    rows = page.locator("#actions-body tr th[scope=row] + td span.fw-semibold")
    for text in ("Recruit language volunteers", "Open a language café"):
        tab_to(page, r"^Action\*?$")
        page.keyboard.type(text)
        tab_to(page, r"^Who leads")
        page.keyboard.type("Social services")
        tab_to(page, r"^Add the action$")
        page.keyboard.press("Enter")
        expect(rows.last).to_have_text(text)
        # The fresh form takes the focus back, ready for the next action.
        expect(page.get_by_label(re.compile(r"^\s*Action\*?\s*$"))).to_be_focused()
    audit.check("two actions")

    page.keyboard.press("Shift+Tab")  # from the form, back up into the table
    tab_to(page, r"^Edit action 2$")  # the row's form also moves and removes it
    page.keyboard.press("Enter")
    tab_to(page, r"^Move up action 2$")
    page.keyboard.press("Enter")
    expect(rows).to_have_text(["Open a language café", "Recruit language volunteers"])
    # The moved row is back as a plain row, now first: the focus goes to its "Edit".
    expect(page.get_by_role("link", name="Edit action 1")).to_be_focused()

    page.keyboard.press("Enter")  # on "Edit action 1", inline: the row becomes a form and takes the focus
    expect(page.locator("#actions-body tr").first.get_by_label(re.compile(r"^\s*Action\*?\s*$"))).to_be_focused()
    tab_to(page, r"^Who leads")
    page.keyboard.press("Control+A")
    page.keyboard.type("Mayor's office")
    tab_to(page, r"^Save the action$")
    page.keyboard.press("Enter")
    expect(page.locator("#actions-body tr").first).to_contain_text("Mayor's office")
    expect(page.get_by_role("link", name="Edit action 1")).to_be_focused()
    audit.check("edited")

    tab_to(page, r"^Mark the plan as final$")
    page.keyboard.press("Enter")
    expect(page.get_by_text("The plan is now “Final”; this version is kept.")).to_be_visible()
    audit.check("final")
    audits.assert_no_violations()
