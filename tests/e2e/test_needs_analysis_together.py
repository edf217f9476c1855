"""The mentee team and its association fill in Annex 2 together, the mentor comments, a version
is submitted, and a second window saving over the same answer gets the merge screen."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.e2e.helpers import sign_in
from tests.factories import (
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    NetworkFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



@pytest.fixture
def mentorship(live_server):
    network = NetworkFactory(slug="inclucities", name="IncluCities (CEMR)")
    mentorship = MentorshipFactory(network=network, title="Capaci – Mechelen",
                                   mentee=CityFactory(network=network, name="Capaci"),
                                   mentor=CityFactory(network=network, name="Mechelen", country="BE"))
    for email, name, role in (("mentee@capaci.example", "Giulia Mentee", "mentee_team"),
                              ("aiccre@capaci.example", "Marco Association", "mentee_association"),
                              ("mentor@mechelen.example", "Pieter Mentor", "mentor_team")):
        user = UserFactory(email=email, full_name=name)
        MembershipFactory(network=network, user=user)
        ParticipantFactory(network=network, mentorship=mentorship, user=user, role=role)
    return mentorship


def _open_needs_analysis(browser, live_server, mentorship, email):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server, email)
    page.goto(f"{live_server.url}/inclucities/mentorships/{mentorship.pk}/needs-analysis/")
    return page


def _answer(page, number, text):
    box = page.get_by_label(re.compile(rf"^{number}\. "))
    box.fill(text)
    status = page.locator(f"#status-{box.get_attribute('id').split('-')[1]}")
    expect(status).to_contain_text("Saved at")


def test_annex_2_is_filled_in_together(browser, live_server, mentorship):
    mentee = _open_needs_analysis(browser, live_server, mentorship, "mentee@capaci.example")
    mentee.get_by_role("button", name="Start the needs analysis").click()
    _answer(mentee, 1, "A city for all: a buddy scheme pairing newcomers with residents.")
    _answer(mentee, 8, "Volunteers of the parish and the migrant council.")
    _answer(mentee, 12, "More families from Tunisia and Romania since 2019.")
    mentee.reload()
    expect(mentee.get_by_text("2 of 11 answered").first).to_be_visible()
    expect(mentee.get_by_text("1 of 5 answered").first).to_be_visible()

    association = _open_needs_analysis(browser, live_server, mentorship, "aiccre@capaci.example")
    expect(association.get_by_label(re.compile(r"^1\. "))).to_have_count(0)  # not theirs to answer
    _answer(association, 17, "Typical of small Sicilian towns.")

    mentor = _open_needs_analysis(browser, live_server, mentorship, "mentor@mechelen.example")
    mentor.get_by_text("0 comments").first.click()
    mentor.get_by_label("Comment on question 1", exact=True).fill("Who exactly are the newcomers you want to reach?")
    mentor.get_by_role("button", name="Add a comment").first.click()
    expect(mentor.get_by_text("Your comment on question 1 was added.")).to_be_visible()

    mentee.reload()
    expect(mentee.get_by_text("Who exactly are the newcomers you want to reach?")).to_be_visible()
    mentee.get_by_label("Name of this version").fill("First draft before matching")
    mentee.get_by_role("button", name="Submit a version").click()
    expect(mentee.get_by_text("Version 1, “First draft before matching”, is frozen.")).to_be_visible()

    # A colleague's window opened before the latest change saves over the same answer.
    colleague = _open_needs_analysis(browser, live_server, mentorship, "mentee@capaci.example")
    _answer(mentee, 1, "A buddy scheme, and training for council staff.")
    colleague.get_by_label(re.compile(r"^1\. ")).fill("Our version from the second window.")
    expect(colleague.get_by_text("saved this answer while you were writing")).to_be_visible()
    expect(colleague.get_by_text("A buddy scheme, and training for council staff.")).to_be_visible()
    colleague.get_by_label("Merged answer").fill("A buddy scheme, training for council staff, and our version.")
    colleague.get_by_role("button", name="Save the merged answer").click()
    expect(colleague.get_by_text("Your answer to question 1 was saved.")).to_be_visible()
    colleague.screenshot(path="test-results/needs-analysis-after-merge.png", full_page=True)


def test_city_figures_start_from_the_profile_grow_row_by_row_and_update_it(browser, live_server, mentorship):
    mentee = _open_needs_analysis(browser, live_server, mentorship, "mentee@capaci.example")
    mentee.get_by_role("button", name="Start the needs analysis").click()
    expect(mentee.get_by_label("Number of inhabitants")).to_have_value("50000")  # from the city profile
    mentee.get_by_label("Number of inhabitants").fill("11 200")
    mentee.get_by_label("Residents of immigrant origin").fill("560")
    mentee.get_by_label("Nationality or group, row 1").fill("Romanian")
    mentee.get_by_label("Nationality or group, row 2").fill("Tunisian")
    mentee.get_by_role("button", name="Add a row").click()
    mentee.get_by_label("Nationality or group, row 3").fill("Ukrainian")
    mentee.get_by_label("Residents, row 3").fill("many")
    status = mentee.locator("[id^=status-]").filter(has_text="Not saved")
    expect(status).to_contain_text("Row 3: “Residents” must be a number.")
    mentee.get_by_label("Residents, row 3").fill("45")
    mentee.get_by_label("Also update the profile of Capaci with these figures").check()
    mentee.get_by_role("button", name="Save answer 13").click()
    expect(mentee.get_by_text("Your answer to question 13 was saved.")).to_be_visible()
    expect(mentee.get_by_label("Nationality or group, row 3")).to_have_value("Ukrainian")
    with scopes_disabled():
        capaci = mentorship.cities.get(side="mentee").city
    mentee.goto(f"{live_server.url}/inclucities/directory/cities/{capaci.pk}/")
    expect(mentee.get_by_text("Romanian, Tunisian, Ukrainian")).to_be_visible()
    expect(mentee.get_by_text("11,200")).to_be_visible()
