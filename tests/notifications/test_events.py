"""Every event told by the document apps: who hears of it (the page's own permission decides:
Annex 1's confidentiality), once per person, with mentions, and nothing after leaving."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from programmes.actionplans import services as plans
from programmes.benchmarks.self_assessment import services as ratings
from programmes.mentorships import services as mentorships
from programmes.notifications.models import Notification
from programmes.questionnaires import services as questionnaires
from programmes.questionnaires.models import Question
from programmes.tenancy import services as tenancy
from programmes.visits import services as visits
from programmes.visits.models import DeliveryKind, DeliveryStatus, ReminderDelivery, ReminderRule
from tests.factories import (
    BenchmarkFactory,
    CityFactory,
    KeyFactorFactory,
    MembershipFactory,
    MentorshipFactory,
    ParticipantFactory,
    ProgrammeFacilitatorFactory,
    ProgrammeFactory,
    UserFactory,
    make_invitation,
)


def _member(network, name, role="member"):
    user = UserFactory(full_name=name)
    MembershipFactory(network=network, user=user, role=role)
    return user


def _participant(network, mentorship, name, role):
    user = _member(network, name)
    ParticipantFactory(network=network, mentorship=mentorship, user=user, role=role)
    return user


@pytest.fixture
def world(network_a):
    benchmark = BenchmarkFactory(network=network_a, status="published")
    KeyFactorFactory(network=network_a, benchmark=benchmark, number=1, title="Language courses for all")
    programme = ProgrammeFactory(network=network_a, benchmark=benchmark, title="IncluCities")
    mentorship = MentorshipFactory(network=network_a, programme=programme, title="Capaci – Mechelen",
                                   mentee=CityFactory(network=network_a), mentor=CityFactory(network=network_a))
    people = {
        "mentee": _participant(network_a, mentorship, "Eleni Papadopoulou", "mentee_team"),
        "mentor": _participant(network_a, mentorship, "Giulia Rossi", "mentor_team"),
        "association": _participant(network_a, mentorship, "Anna Maria", "mentee_association"),
        "association2": _participant(network_a, mentorship, "Anna Maria Rossi", "mentor_association"),
        "support": _participant(network_a, mentorship, "Sam Support", "support_group"),
        "observer": _participant(network_a, mentorship, "Otto Observer", "observer"),
        "coordinator": _member(network_a, "Cora Coordinator", "coordinator"),
        "facilitator": _member(network_a, "Fabio Facilitator", "facilitator"),
        "outsider": _member(network_a, "Mia Member"),
    }
    ProgrammeFacilitatorFactory(network=network_a, programme=programme, user=people["facilitator"])
    other = MentorshipFactory(network=network_a, programme=programme, title="Another pair")
    people["other"] = _participant(network_a, other, "Olga Otherpair", "support_group")
    return mentorship, people


def told(event=None, **filters):
    """{recipient's full name: event} of the notifications stored."""
    with scopes_disabled():
        rows = Notification.objects.filter(**filters)
        if event:
            rows = rows.filter(event=event)
        return {row.recipient.full_name: row.event for row in rows.select_related("recipient")}


def names(people, *keys):
    return {people[key].full_name for key in keys}


@pytest.fixture
def answered(network_a, world):
    mentorship, people = world
    with scope(network=network_a):
        response = questionnaires.start_response(mentorship, kind="annex2", language="en", by=people["mentee"])
        question = Question.objects.filter(section__template=response.template, section__answered_by="mentee_city",
                                           kind="long_text").first()
        questionnaires.save_answer(response, question, text="We lack interpreters.", based_on_version=0,
                                   by=people["mentee"])
    return response, question


# --- Comments on answers --------------------------------------------------------------------

def test_a_comment_on_an_answer_tells_its_writer_and_never_a_coordinator(network_a, world, answered):
    mentorship, people = world
    response, question = answered
    with scope(network=network_a):
        comment = questionnaires.comment(response, question, text="Which languages?", by=people["mentor"])
    assert told() == {people["mentee"].full_name: "comment.answer"}
    with scopes_disabled():
        row = Notification.objects.get()
    assert row.link == reverse("needs_analysis", kwargs={"network": "network-a", "pk": mentorship.pk}) \
        + f"#answer-comment-{comment.pk}"
    assert row.params["excerpt"] == "Which languages?"
    assert row.params["title"].startswith(f"{question.number}. ")
    assert row.mentorship_id == mentorship.pk
    assert row.perm == "questionnaires.view_response"


def test_a_reply_tells_the_thread_and_a_mentioned_replier_once(network_a, world, answered):
    mentorship, people = world
    response, question = answered
    with scope(network=network_a):
        first = questionnaires.comment(response, question, text="Which languages?", by=people["mentor"])
        questionnaires.comment(response, question, text="Arabic and Tigrinya.", by=people["support"], parent=first)
        Notification.objects.all().delete()
        questionnaires.comment(response, question, text="@sam support, and Urdu? @Giulia Rossi.",
                               by=people["association"], parent=first)
    assert told() == {people["mentee"].full_name: "comment.reply", people["mentor"].full_name: "mention",
                      people["support"].full_name: "mention"}


def test_a_mentioned_coordinator_who_cannot_read_is_not_told_and_the_writer_hears_why(client, network_a, world,
                                                                                       answered):
    mentorship, people = world
    response, question = answered
    client.force_login(people["mentor"])
    url = reverse("needs_analysis_comment", kwargs={"network": "network-a", "pk": mentorship.pk,
                                                    "question_pk": question.pk})
    page = client.post(url, {"text": "@Cora Coordinator please read this"}, follow=True).content.decode()
    assert "Cora Coordinator cannot read this answer, so was not told." in page
    assert people["coordinator"].full_name not in told()


# --- Other comments -------------------------------------------------------------------------

def test_a_comment_on_an_action_tells_its_writer_commenters_and_the_mentee_team(network_a, world):
    mentorship, people = world
    with scope(network=network_a):
        plan = plans.plan_for(mentorship)
        action = plans.add_action(plan, values={"action": "Open a language café"}, by=people["mentee"])
        plans.comment(action, text="Good idea", by=people["support"])
        Notification.objects.all().delete()
        comment = plans.comment(action, text="Where? @Otto Observer", by=people["mentor"])
    assert told() == {people["mentee"].full_name: "comment.action", people["support"].full_name: "comment.action",
                      people["observer"].full_name: "mention"}
    assert comment.told.cannot_read == []
    with scopes_disabled():
        assert Notification.objects.filter(event="comment.action").first().link.endswith(f"#action-{action.pk}")


def test_a_comment_on_a_rating_tells_the_mentee_team(network_a, world):
    mentorship, people = world
    with scope(network=network_a):
        assessment = ratings.start(mentorship, round="initial", by=people["mentee"])
        rating = assessment.ratings.select_related("key_factor", "self_assessment").get()
        ratings.rate(rating, level=1, evidence="", answers={}, is_focus=False, by=people["mentee"])
        comment = ratings.comment(rating, text="Evening courses count too", by=people["mentor"])
    assert told() == {people["mentee"].full_name: "comment.rating"}
    with scopes_disabled():
        row = Notification.objects.get()
    assert row.params["title"] == "Language courses for all"
    assert row.link.endswith(f"/factors/{rating.key_factor_id}/#rating-comment-{comment.pk}")


# --- Submissions, plan, visits --------------------------------------------------------------

def test_a_submitted_version_reaches_the_participants_not_the_coordinators(network_a, world, answered):
    mentorship, people = world
    response, _question = answered
    with scope(network=network_a):
        questionnaires.submit_version(response, label="first draft", by=people["mentee"])
    # The support group reads the needs analysis (Annex 5); coordinators, facilitators and the
    # support group of another pair do not.
    assert set(told("questionnaire.submitted")) == names(people, "mentor", "association", "association2",
                                                         "support", "observer")
    with scopes_disabled():
        row = Notification.objects.first()
    assert row.params["number"] == 1
    with translation.override("it"):  # named in the reader's language, whoever submitted it
        assert row.text == "Eleni Papadopoulou ha inviato la versione 1 dell'analisi dei bisogni (Allegato 2)"
    assert row.link.endswith("#submission-1")


def test_each_step_of_the_plan_reaches_who_reads_the_plan(network_a, world):
    mentorship, people = world
    readers = names(people, "mentor", "association", "association2", "support", "observer", "coordinator",
                    "facilitator")
    with scope(network=network_a):
        plan = plans.plan_for(mentorship)
        plans.add_action(plan, values={"action": "Open a language café"}, by=people["mentee"])
        plans.transition(plan, "final", by=people["mentee"])
        plans.transition(plan, "draft", by=people["mentee"])
        plans.transition(plan, "final", by=people["mentee"])
        plans.transition(plan, "approved", by=people["mentee"], approving_body="Council",
                         approved_on=datetime.date(2026, 5, 1))
        plans.transition(plan, "implementation", by=people["mentee"])
    for event in ("plan.final", "plan.draft", "plan.approved", "plan.implementation"):
        assert set(told(event)) == readers, event
    with scopes_disabled():
        assert Notification.objects.filter(event="plan.final").count() == 2 * len(readers)  # final twice


def _plan_visit(mentorship, by, days=30):
    starts = timezone.now() + datetime.timedelta(days=days)
    with scope(network=mentorship.network):
        return visits.plan_visit(programme=mentorship.programme, mentorship=mentorship, by=by, values={
            "kind": "setup", "starts_at": starts, "ends_at": starts + datetime.timedelta(hours=8),
            "time_zone": "Europe/Rome"})


def test_a_visit_planned_changed_and_cancelled_reaches_who_reads_the_visits(network_a, world):
    mentorship, people = world
    readers = names(people, "mentor", "association", "association2", "support", "observer", "coordinator",
                    "facilitator")
    visit = _plan_visit(mentorship, people["mentee"])
    with scope(network=network_a):
        visits.update_visit(visit, values={"venue": "Town hall"}, by=people["mentee"])
        visits.set_status(visit, "cancelled", by=people["mentee"])
    for event in ("visit.planned", "visit.changed", "visit.cancelled"):
        assert set(told(event)) == readers, event
    assert people["outsider"].full_name not in told()
    assert people["other"].full_name not in told()


def test_who_was_reminded_gets_the_reminders_update_notice_and_no_second_email(network_a, world):
    mentorship, people = world
    visit = _plan_visit(mentorship, people["mentee"])
    with scope(network=network_a):
        visits.ensure_default_rules(mentorship.programme)
        rule = ReminderRule.objects.filter(programme=mentorship.programme).first()
        ReminderDelivery.objects.create(network=network_a, rule=rule, event_type="visit", event_id=visit.pk,
                                        recipient=people["mentor"], offset=20160, kind=DeliveryKind.REMINDER,
                                        sequence=visit.sequence, due_at=timezone.now(), status=DeliveryStatus.SENT)
        visits.update_visit(visit, values={"venue": "Town hall"}, by=people["mentee"])
    with scopes_disabled():
        rows = {row.recipient_id: row for row in Notification.objects.filter(event="visit.changed")}
    assert rows[people["mentor"].pk].delivery == "never"
    assert rows[people["mentor"].pk].mail_status == "none"
    assert rows[people["support"].pk].delivery == "digest"
    assert rows[people["support"].pk].mail_status == "pending"


def test_a_follow_up_is_told_to_its_owner(network_a, world):
    mentorship, people = world
    visit = _plan_visit(mentorship, people["mentee"])
    with scope(network=network_a):
        Notification.objects.all().delete()
        follow_up = visits.add_follow_up(visit, text="Send the agenda", owner="giulia  rossi", due_on=None,
                                         by=people["mentee"])
    assert told() == {people["mentor"].full_name: "follow_up.assigned"}
    with scopes_disabled():
        assert Notification.objects.get().link.endswith(f"#follow-up-{follow_up.pk}")


def test_a_follow_up_given_to_a_coordinator_is_not_told_to_them(network_a, world):
    """A mentorship's follow-ups are part of its private report: a coordinator, who sees the
    visit's dates, does not read them, so is not told of one under their name."""
    mentorship, people = world
    visit = _plan_visit(mentorship, people["mentee"])
    with scope(network=network_a):
        Notification.objects.all().delete()
        visits.add_follow_up(visit, text="Ask the mayor about the budget", owner="Cora Coordinator", due_on=None,
                             by=people["mentee"])
    assert told() == {}


# --- Invitations and leaving ------------------------------------------------------------------

def test_an_accepted_invitation_is_told_to_whoever_sent_it(network_a, world):
    _mentorship, people = world
    invitation, _token = make_invitation(network_a, email="new@example.org", invited_by=people["coordinator"])
    newcomer = UserFactory(email="new@example.org", full_name="Nina Newcomer")
    with scope(network=network_a):
        tenancy.accept_invitation(invitation, user=newcomer)
    assert told() == {people["coordinator"].full_name: "invitation.accepted"}
    with scopes_disabled():
        row = Notification.objects.get()
    assert row.network_id == network_a.pk
    assert row.params["actor"] == "Nina Newcomer"


def test_someone_removed_loses_their_unread_notifications_and_hears_nothing_more(network_a, world, answered):
    mentorship, people = world
    response, question = answered
    with scope(network=network_a):
        questionnaires.comment(response, question, text="Which languages?", by=people["mentor"])
        assert people["mentee"].full_name in told()
        participant = mentorship.participants.get(user=people["mentee"])
        mentorships.remove_participant(participant, by=people["coordinator"])
        assert people["mentee"].full_name not in told()
        questionnaires.comment(response, question, text="@Eleni Papadopoulou still there?", by=people["mentor"])
        questionnaires.submit_version(response, label="v1", by=people["mentor"])
    assert people["mentee"].full_name not in told()


# --- Cost --------------------------------------------------------------------------------------

def test_telling_costs_the_same_queries_for_many_people(network_a, world):
    mentorship, people = world

    def queries():
        with scope(network=network_a):
            plan = plans.plan_for(mentorship)
            if not plan.actions.exists():
                plans.add_action(plan, values={"action": "Open a language café"}, by=people["mentee"])
            with CaptureQueriesContext(connection) as captured:
                plans.transition(plan, "final", by=people["mentee"])
            plans.transition(plan, "draft", by=people["mentee"])
        return len(captured)

    few = queries()
    for index in range(15):
        _participant(network_a, mentorship, f"Extra Person {index}", "support_group")
        _member(network_a, f"Extra Coordinator {index}", "coordinator")
    assert queries() == few
