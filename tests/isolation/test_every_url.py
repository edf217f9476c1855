"""Tenant isolation, URL by URL.

Every URL pattern of the project is listed below. Tenant URLs are requested with network A's
objects by people of network B (and anonymously); each must answer 404 (or send an anonymous
visitor to sign in). A new URL pattern that is not in these tables fails `test_every_url_is_listed`.
"""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.actionplans.services import add_action, plan_for
from programmes.benchmarks.models import Rating, SelfAssessment
from programmes.directory.models import CityRepresentative
from programmes.questionnaires.adaptation.services import adapt_for_programme
from programmes.questionnaires.models import GoodPractice, Question
from programmes.questionnaires.services import comment as questionnaire_comment
from programmes.questionnaires.services import start_city_response, start_response
from programmes.reports.models import PdfJob
from programmes.supportgroups.models import SupportGroupMember
from programmes.visits.models import AgendaItem, ReminderRule
from programmes.visits.services import add_follow_up, plan_visit
from tests.factories import (
    AssociationFactory,
    BenchmarkFactory,
    CityFactory,
    ContactPersonFactory,
    ContextFactorFactory,
    KeyFactorFactory,
    MembershipFactory,
    MentorshipFactory,
    MilestoneFactory,
    ParticipantFactory,
    ProgrammeFacilitatorFactory,
    ProgrammeFactory,
    UserFactory,
    make_invitation,
)
from tests.notifications.helpers import notification_for

# name -> which object of network A fills the URL's <pk> (None: the URL has only <network>), or,
# for URLs with several ids, {URL argument: object} (a value that names no object is used as it is).
TENANT_URLS = {
    "network_home": None,
    "network_members": None,
    "network_invite": None,
    "network_settings": None,
    "network_change_role": "membership",
    "network_remove_member": "membership",
    "network_resend_invitation": "invitation",
    "network_revoke_invitation": "invitation",
    "directory_associations": None,
    "directory_association_new": None,
    "directory_association": "association",
    "directory_association_edit": "association",
    "directory_association_delete": "association",
    "directory_association_contact_new": "association",
    "directory_cities": None,
    "directory_city_new": None,
    "directory_city": "city",
    "directory_city_edit": "city",
    "directory_city_delete": "city",
    "directory_city_contact_new": "city",
    "directory_contact_edit": "contact",
    "directory_contact_delete": "contact",
    "programme_list": None,
    "programme_create": None,
    "programme_detail": "programme",
    "programme_edit": "programme",
    "programme_dashboard_csv": "programme",
    "milestone_create": {"programme_pk": "programme"},
    "milestone_edit": {"programme_pk": "programme", "pk": "milestone"},
    "milestone_delete": {"programme_pk": "programme", "pk": "milestone"},
    "facilitator_add": "programme",
    "facilitator_remove": {"programme_pk": "programme", "pk": "facilitator"},
    "mentorship_create": {"programme_pk": "programme"},
    "mentorship_detail": "mentorship",
    "programme_matching": "programme",
    "mentorship_matching": "mentorship",
    "mentorship_choose_mentor": {"pk": "mentorship", "city_pk": "city"},
    "mentorship_edit": "mentorship",
    "mentorship_content": "mentorship",
    "milestone_record": {"pk": "mentorship", "milestone_pk": "milestone"},
    "participant_invite": "mentorship",
    "participant_remove": {"pk": "mentorship", "participant_pk": "participant"},
    "benchmark_list": None,
    "benchmark_create": None,
    "benchmark_import": None,
    "benchmark_install_shipped": None,
    "benchmark_detail": "benchmark",
    "benchmark_edit": "benchmark",
    "benchmark_publish": "benchmark",
    "benchmark_new_draft": "benchmark",
    "benchmark_export": "benchmark",
    "key_factor_create": {"benchmark_pk": "benchmark"},
    "key_factor_edit": {"benchmark_pk": "benchmark", "pk": "key_factor"},
    "key_factor_delete": {"benchmark_pk": "benchmark", "pk": "key_factor"},
    "key_factor_move": {"benchmark_pk": "benchmark", "pk": "key_factor"},
    "context_factor_create": {"benchmark_pk": "benchmark"},
    "context_factor_edit": {"benchmark_pk": "benchmark", "pk": "context_factor"},
    "context_factor_delete": {"benchmark_pk": "benchmark", "pk": "context_factor"},
    "self_assessment": "mentorship",
    "self_assessment_start": "mentorship",
    "self_assessment_rate": {"pk": "mentorship", "round": "initial", "factor_pk": "key_factor"},
    "self_assessment_comment": {"pk": "mentorship", "round": "initial", "factor_pk": "key_factor"},
    "self_assessment_context": {"pk": "mentorship", "round": "initial"},
    "self_assessment_complete": {"pk": "mentorship", "round": "initial"},
    "programme_focus": "programme",
    "support_group": "city",
    "support_group_member_edit": {"pk": "city", "member_pk": "support_group_member"},
    "support_group_member_remove": {"pk": "city", "member_pk": "support_group_member"},
    "needs_analysis": "mentorship",
    "needs_analysis_start": "mentorship",
    "needs_analysis_answer": {"pk": "mentorship", "question_pk": "question"},
    "needs_analysis_comment": {"pk": "mentorship", "question_pk": "question"},
    "needs_analysis_resolve": {"pk": "mentorship", "comment_pk": "answer_comment"},
    "needs_analysis_submit": "mentorship",
    "needs_analysis_compare": "mentorship",
    "mentor_strengths": "city",
    "mentor_strengths_start": "city",
    "mentor_strengths_answer": {"pk": "city", "question_pk": "city_question"},
    "mentor_strengths_comment": {"pk": "city", "question_pk": "city_question"},
    "mentor_strengths_resolve": {"pk": "city", "comment_pk": "city_comment"},
    "mentor_strengths_submit": "city",
    "mentor_strengths_compare": "city",
    "directory_city_representative_add": "city",
    "directory_city_representative_remove": {"pk": "city", "representative_pk": "representative"},
    "programme_template": "programme",
    "programme_template_adapt": "programme",
    "programme_template_new_version": "programme",
    "programme_template_question_add": {"pk": "programme", "section_pk": "programme_section"},
    "programme_template_question_edit": {"pk": "programme", "question_pk": "programme_question"},
    "programme_template_question_delete": {"pk": "programme", "question_pk": "programme_question"},
    "action_plan": "mentorship",
    "action_add": "mentorship",
    "action_row": {"pk": "mentorship", "action_pk": "action"},
    "action_edit": {"pk": "mentorship", "action_pk": "action"},
    "action_delete": {"pk": "mentorship", "action_pk": "action"},
    "action_move": {"pk": "mentorship", "action_pk": "action", "direction": "up"},
    "action_progress": {"pk": "mentorship", "action_pk": "action"},
    "action_comment": {"pk": "mentorship", "action_pk": "action"},
    "action_plan_transition": {"pk": "mentorship", "status": "final"},
    "action_plan_compare": "mentorship",
    "action_plan_export": {"pk": "mentorship", "fmt": "xlsx"},
    "programme_action_plans_export": {"pk": "programme", "fmt": "csv"},
    "action_plan_pdf": "mentorship",
    "needs_analysis_pdf": "mentorship",
    "programme_report_pdf": "programme",
    "pdf_job": "pdf_job",
    "pdf_download": "pdf_job",
    "pdf_retry": "pdf_job",
    "visit_list": "mentorship",
    "visit_create": "mentorship",
    "visit_detail": {"pk": "mentorship", "visit_pk": "visit"},
    "visit_edit": {"pk": "mentorship", "visit_pk": "visit"},
    "visit_status": {"pk": "mentorship", "visit_pk": "visit", "status": "cancelled"},
    "visit_ics": {"pk": "mentorship", "visit_pk": "visit"},
    "visit_agenda_add": {"pk": "mentorship", "visit_pk": "visit"},
    "visit_agenda_edit": {"pk": "mentorship", "visit_pk": "visit", "item_pk": "agenda_item"},
    "visit_agenda_delete": {"pk": "mentorship", "visit_pk": "visit", "item_pk": "agenda_item"},
    "visit_participants": {"pk": "mentorship", "visit_pk": "visit"},
    "visit_attendance": {"pk": "mentorship", "visit_pk": "visit"},
    "visit_report": {"pk": "mentorship", "visit_pk": "visit"},
    "visit_follow_up_add": {"pk": "mentorship", "visit_pk": "visit"},
    "visit_follow_up_done": {"pk": "mentorship", "visit_pk": "visit", "follow_up_pk": "follow_up"},
    "training_list": "programme",
    "training_create": "programme",
    "training_detail": {"pk": "programme", "visit_pk": "training"},
    "training_edit": {"pk": "programme", "visit_pk": "training"},
    "training_status": {"pk": "programme", "visit_pk": "training", "status": "cancelled"},
    "training_ics": {"pk": "programme", "visit_pk": "training"},
    "training_agenda_add": {"pk": "programme", "visit_pk": "training"},
    "training_agenda_edit": {"pk": "programme", "visit_pk": "training", "item_pk": "training_item"},
    "training_agenda_delete": {"pk": "programme", "visit_pk": "training", "item_pk": "training_item"},
    "training_participants": {"pk": "programme", "visit_pk": "training"},
    "training_attendance": {"pk": "programme", "visit_pk": "training"},
    "training_report": {"pk": "programme", "visit_pk": "training"},
    "training_follow_up_add": {"pk": "programme", "visit_pk": "training"},
    "training_follow_up_done": {"pk": "programme", "visit_pk": "training", "follow_up_pk": "training_follow_up"},
    "reminder_rules": "programme",
    "reminder_rule_delete": {"pk": "programme", "rule_pk": "reminder_rule"},
    "good_practice_list": None,
    "good_practice_create": None,
    "good_practice_detail": "good_practice",
    "good_practice_edit": "good_practice",
    "notification_list": None,
    "notifications_all_read": None,
    "notification_open": "notification",
    "notification_read": "notification",
    "mentorship_mention_candidates": "mentorship",
}

# Actions that only accept POST answer GET with 405 before looking anything up, so that answer
# is the same for every id and reveals nothing.
POST_ONLY = {
    "network_change_role", "network_resend_invitation", "network_revoke_invitation",
    "milestone_delete", "facilitator_add", "facilitator_remove", "milestone_record",
    "benchmark_import", "benchmark_install_shipped", "benchmark_publish", "benchmark_new_draft",
    "key_factor_delete", "key_factor_move", "context_factor_delete",
    "self_assessment_start", "self_assessment_comment", "self_assessment_context", "self_assessment_complete",
    "needs_analysis_start", "needs_analysis_answer", "needs_analysis_comment", "needs_analysis_resolve",
    "needs_analysis_submit", "mentor_strengths_start", "mentor_strengths_answer", "mentor_strengths_comment",
    "mentor_strengths_resolve", "mentor_strengths_submit", "directory_city_representative_add",
    "directory_city_representative_remove", "mentorship_choose_mentor", "programme_template_adapt",
    "programme_template_new_version", "programme_template_question_delete", "action_delete",
    "action_move", "action_plan_transition", "action_plan_pdf",
    "needs_analysis_pdf", "programme_report_pdf", "pdf_retry", "reminder_rule_delete",
    "visit_status", "visit_agenda_delete", "visit_participants", "visit_attendance", "visit_report", "visit_follow_up_add", "visit_follow_up_done", "training_status", "training_agenda_delete", "training_participants", "training_attendance", "training_report", "training_follow_up_add", "training_follow_up_done",
    "notifications_all_read", "notification_open", "notification_read",
}

# URLs outside any network, with the reason they hold no network's data.
NON_TENANT_URLS = {
    "start": "lists the signed-in person's own networks only",
    "healthz": "database, broker, cache and storage status, no data",
    "set_language": "the signed-in person's own preference",
    "profile": "the signed-in person's own profile",
    "invitation_accept": "reached by a secret token; shows only the invitation it names",
    "devmail_list": "development only, staff only",
    "devmail_detail": "development only, staff only",
    "calendar_feed": "reached by a secret token; lists only its owner's own visits",
    "calendar_settings": "the signed-in person's own calendar address",
    "notification_preferences": "the signed-in person's own choices of how they are told",
    "notification_unsubscribe": "reached by a signed token; changes only its owner's own choice for one kind",
}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, namespace, entry.lookup_str


def _all_patterns():
    return list(_walk(get_resolver().url_patterns))


def test_every_url_is_listed():
    unlisted = []
    for route, name, namespace, callback in _all_patterns():
        if "<slug:network>" in route:
            if name not in TENANT_URLS:
                unlisted.append(f"tenant URL {route} ({name}): add it to TENANT_URLS")
        elif namespace == "admin" or callback.startswith(("allauth.", "django.contrib.admin")):
            continue  # staff admin (unscoped by design, staff only) and allauth's own account pages
        elif name not in NON_TENANT_URLS:
            unlisted.append(f"URL {route} ({name}): add it to NON_TENANT_URLS or TENANT_URLS")
    assert not unlisted, "\n".join(unlisted)


def test_tables_name_only_existing_urls():
    names = {name for _route, name, _ns, _cb in _all_patterns()}
    assert set(TENANT_URLS) <= names
    assert set(NON_TENANT_URLS) <= names


def _visit_values(kind):
    starts = timezone.now() + timedelta(days=30)
    return {"kind": kind, "starts_at": starts, "ends_at": starts + timedelta(hours=6), "time_zone": "Europe/Rome"}


@pytest.fixture
def objects_of_a(network_a, admin_a):
    member = UserFactory(email="member-of-a@example.org")
    invitation, _token = make_invitation(network_a, email="invited-to-a@example.org")
    association = AssociationFactory(network=network_a)
    city = CityFactory(network=network_a, association=association)
    programme = ProgrammeFactory(network=network_a)
    mentorship = MentorshipFactory(network=network_a, programme=programme, mentee=city, mentor=CityFactory(network=network_a))
    benchmark = BenchmarkFactory(network=network_a, status="published")
    key_factor = KeyFactorFactory(network=network_a, benchmark=benchmark)
    programme.benchmark = benchmark
    with scopes_disabled():
        programme.save()
        assessment = SelfAssessment.objects.create(network=network_a, mentorship=mentorship, benchmark=benchmark,
                                                   round="initial")
        Rating.objects.create(network=network_a, self_assessment=assessment, key_factor=key_factor)
    with scopes_disabled():
        support_group_member = SupportGroupMember.objects.create(network=network_a, city=city, name="Amina",
                                                   stakeholder_type="migrant_representative",
                                                   consent_given_on="2026-01-01")
    with scope(network=network_a):
        response = start_response(mentorship, kind="annex2", language="en", by=None)
        question = Question.objects.filter(section__template=response.template).first()
        answer_comment = questionnaire_comment(response, question, text="A remark", by=None)
        good_practice = GoodPractice.objects.create(network=network_a, title="Buddy scheme", policy_area="Inclusion")
        strengths = start_city_response(city, kind="annex3", language="en", by=None)
        city_question = Question.objects.filter(section__template=strengths.template).first()
        city_comment = questionnaire_comment(strengths, city_question, text="A remark", by=None)
        representative = CityRepresentative.objects.create(network=network_a, city=city, user=member)
        adapted = adapt_for_programme(programme, language="en", by=None)
        action = add_action(plan_for(mentorship), values={"action": "A buddy scheme"}, by=None)
        visit = plan_visit(programme=programme, mentorship=mentorship, by=None, values=_visit_values("setup"))
        training = plan_visit(programme=programme, by=None, values=_visit_values("training"))
        training_item = AgendaItem.objects.create(network=network_a, visit=training, title="Welcome")
        reminder_rule = ReminderRule.objects.create(network=network_a, programme=programme, target="visits",
                                                    offsets=[60])
        agenda_item = visit.agenda.first()
        follow_up = add_follow_up(visit, text="Send the minutes", owner="Giulia", due_on=None, by=None)
        training_follow_up = add_follow_up(training, text="Share slides", owner="Fabio", due_on=None, by=None)
        pdf_job = PdfJob.objects.create(network=network_a, kind="action_plan", mentorship=mentorship, language="en",
                                        status="done", file="pdfs/none.pdf")
        programme_question = Question.objects.filter(section__template=adapted).first()
        notification = notification_for(admin_a, mentorship)
    return {
        "notification": notification,
        "reminder_rule": reminder_rule,
        "visit": visit,
        "agenda_item": agenda_item,
        "follow_up": follow_up,
        "training": training,
        "training_item": training_item,
        "training_follow_up": training_follow_up,
        "action": action,
        "pdf_job": pdf_job,
        "programme_section": programme_question.section,
        "programme_question": programme_question,
        "city_question": city_question,
        "city_comment": city_comment,
        "representative": representative,
        "good_practice": good_practice,
        "question": question,
        "answer_comment": answer_comment,
        "support_group_member": support_group_member,
        "benchmark": benchmark,
        "key_factor": key_factor,
        "context_factor": ContextFactorFactory(network=network_a, benchmark=benchmark),
        "programme": programme,
        "milestone": MilestoneFactory(network=network_a, programme=programme),
        "facilitator": ProgrammeFacilitatorFactory(network=network_a, programme=programme, user=member),
        "mentorship": mentorship,
        "participant": ParticipantFactory(network=network_a, mentorship=mentorship, user=member),
        "membership": MembershipFactory(network=network_a, user=member),
        "invitation": invitation,
        "association": association,
        "city": city,
        "contact": ContactPersonFactory(network=network_a, city=city),
    }


def _url(name, network_slug, objects):
    kwargs = {"network": network_slug}
    fills = TENANT_URLS[name] or {}
    if isinstance(fills, str):
        fills = {"pk": fills}
    kwargs.update({argument: objects[key].pk if key in objects else key for argument, key in fills.items()})
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(TENANT_URLS))
@pytest.mark.parametrize("method", ["get", "post"])
def test_member_of_another_network_gets_404(client, network_b, admin_b, objects_of_a, name, method):
    client.force_login(admin_b)  # an admin: the strongest role in network B
    response = getattr(client, method)(_url(name, "network-a", objects_of_a))
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(name for name, obj in TENANT_URLS.items() if obj))
@pytest.mark.parametrize("method", ["get", "post"])
def test_objects_of_another_network_are_404_under_ones_own_network(client, network_b, admin_b, objects_of_a, name, method):
    client.force_login(admin_b)
    response = getattr(client, method)(_url(name, "network-b", objects_of_a))
    assert response.status_code == (405 if method == "get" and name in POST_ONLY else 404)


@pytest.mark.parametrize("name", sorted(TENANT_URLS))
def test_anonymous_visitor_is_sent_to_sign_in(client, objects_of_a, name):
    response = client.get(_url(name, "network-a", objects_of_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
