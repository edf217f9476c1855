"""Nobody misses their turn: the mentor association mentions the mentee in a comment on an Annex 2
answer (choosing her from the completion list); the mentee, whose interface is Italian, sees the
bell's count, opens the notification and lands on that comment, and her e-mail (sent at once) is
in Italian; she replies; the association, who chose a daily digest for comments, gets the reply in
the next morning's digest at 08:00 in her time zone."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django_scopes import scope
from playwright.sync_api import expect

from programmes.notifications import tasks
from programmes.questionnaires.models import Question
from programmes.questionnaires.services import save_answer, start_response
from tests.e2e.accessibility import Audits
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

MENTION = "Could you say which newcomers the buddy scheme reached first?"
REPLY = "Soprattutto famiglie arrivate dalla Tunisia nel 2023."


@pytest.fixture
def mentorship(live_server):
    network = NetworkFactory(slug="inclucities", name="IncluCities (CEMR)", languages=["en", "it"])
    mentorship = MentorshipFactory(network=network, title="Capaci – Mechelen",
                                   mentee=CityFactory(network=network, name="Capaci"),
                                   mentor=CityFactory(network=network, name="Mechelen", country="BE"))
    people = {}
    for key, email, name, role, language in (
            ("mentee", "mentee@capaci.example", "Giulia Mentee", "mentee_team", "it"),
            ("association", "vvsg@mechelen.example", "Hanne Association", "mentor_association", "en")):
        user = UserFactory(email=email, full_name=name, language=language, time_zone="Europe/Brussels")
        MembershipFactory(network=network, user=user)
        ParticipantFactory(network=network, mentorship=mentorship, user=user, role=role)
        people[key] = user
    with scope(network=network):
        response = start_response(mentorship, kind="annex2", language="en", by=people["mentee"])
        question = Question.objects.filter(section__template=response.template, number=1).get()
        save_answer(response, question, based_on_version=0, by=people["mentee"],
                    text="A city for all: a buddy scheme pairing newcomers with residents.")
    return mentorship


def _tab(browser, live_server, audits, email, locale):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    audit = audits.follow(page, email)
    page.goto(f"{live_server.url}/accounts/login/")
    audit.check("the sign-in page")
    sign_in(page, live_server, email)
    audit.check()
    return page, audit


def test_a_mention_reaches_the_mentee_and_her_reply_the_associations_digest(browser, live_server, mentorship):
    audits = Audits()
    association, seen_by_association = _tab(browser, live_server, audits, "vvsg@mechelen.example", "en-GB")
    # The association prefers one e-mail a morning for comments and replies.
    association.goto(f"{live_server.url}/accounts/notifications/")
    seen_by_association.check()
    association.get_by_label("Comments and replies").select_option(label="In a daily digest at 08:00")
    association.get_by_role("button", name="Save").click()
    expect(association.get_by_label("Comments and replies")).to_have_value("digest")

    seen_by_association.check("saved")
    association.goto(f"{live_server.url}/inclucities/mentorships/{mentorship.pk}/needs-analysis/")
    association.get_by_text("0 comments").first.click()
    box = association.get_by_label("Comment on question 1", exact=True)
    box.press_sequentially("@Giu")
    option = association.get_by_role("option", name=re.compile("Giulia Mentee"))
    expect(option).to_be_visible()
    seen_by_association.check("the completion list open")
    box.press("Enter")
    expect(box).to_have_value(re.compile(r"^@Giulia Mentee\s$"))
    box.press_sequentially(MENTION)
    association.get_by_role("button", name="Add a comment").first.click()
    expect(association.get_by_text("Your comment on question 1 was added.")).to_be_visible()
    seen_by_association.check("commented")

    # Her e-mail, sent at once, is in Italian.
    [email] = [message for message in mail.outbox if message.to == ["mentee@capaci.example"]]
    assert "Hanne Association ti ha menzionato" in email.subject
    assert MENTION in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    mentee, seen_by_mentee = _tab(browser, live_server, audits, "mentee@capaci.example", "en-GB")  # profile: Italian
    bell = mentee.get_by_role("link", name="Notifiche: 1 da leggere")
    expect(bell).to_be_visible()
    bell.click()
    expect(mentee.get_by_role("heading", name="Capaci – Mechelen")).to_be_visible()
    seen_by_mentee.check()
    mentee.get_by_role("button", name=re.compile("^Hanne Association ti ha menzionato")).click()
    expect(mentee).to_have_url(re.compile(r"/needs-analysis/#answer-comment-\d+$"))
    comment = mentee.locator(mentee.url[mentee.url.index("#"):])
    expect(comment).to_be_visible()
    expect(comment).to_contain_text(MENTION)
    expect(mentee.get_by_role("link", name="Notifiche: 0 da leggere")).to_be_visible()
    seen_by_mentee.check()

    reply_form = comment.locator("form").filter(has=mentee.locator("input[name=parent]"))
    reply_form.get_by_role("textbox").fill(REPLY)
    reply_form.get_by_role("button").click()
    expect(mentee.get_by_text(REPLY)).to_be_visible()
    seen_by_mentee.check("replied")
    audits.assert_clean()
    assert not [message for message in mail.outbox if message.to == ["vvsg@mechelen.example"]]  # not at once

    # The next morning at 08:05 in Brussels, beat's sweep sends her digest.
    morning = datetime.datetime.combine(datetime.date.today() + datetime.timedelta(days=1), datetime.time(8, 5),
                                        tzinfo=ZoneInfo("Europe/Brussels"))
    with time_machine.travel(morning, tick=False):
        tasks.sweep_digests()
    [digest] = [message for message in mail.outbox if message.to == ["vvsg@mechelen.example"]]
    assert "digest" in digest.subject.lower()
    assert REPLY in digest.body
    assert "Giulia Mentee replied" in digest.body
