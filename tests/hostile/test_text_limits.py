"""A megabyte typed into a free-text field is refused with a reason, and nothing of it is stored.

Issue 17, finding 8: private notes, action rows and comments accepted 1 MiB. Each field below now
has a maximum (programmes.core.limits), said in its help text where a form renders it.
"""

import pytest
from django.contrib.messages import get_messages
from django_scopes import scopes_disabled

from programmes.actionplans.models import Action, ActionComment
from programmes.benchmarks.models import ContextWeight, Rating, RatingComment
from programmes.core.limits import COMMENT, LONG_TEXT
from programmes.mentorships.models import Mentorship, Programme
from programmes.questionnaires.models import Answer, AnswerComment, GoodPractice
from tests.isolation.test_every_url import _url

MEGABYTE = "x" * 2**20


@pytest.fixture
def objects(objects_of_a):
    return objects_of_a


def url(name, objects):
    return _url(name, "network-a", objects)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_help_texts_say_the_limits(client, people, objects):
    client.force_login(people["mentee team"])
    page = client.get(url("mentorship_content", objects)).content.decode()
    assert page.count("At most 20,000 characters.") == 2


@pytest.mark.parametrize("field", ["private_notes", "shared_summary"])
def test_a_megabyte_of_notes_is_refused(client, people, objects, field):
    client.force_login(people["mentee team"])
    data = {"private_notes": "Kept", "shared_summary": "Kept too", field: MEGABYTE}
    response = client.post(url("mentorship_content", objects), data)
    assert response.status_code == 400
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    with scopes_disabled():
        mentorship = Mentorship.objects.get(pk=objects["mentorship"].pk)
    assert mentorship.private_notes == ""
    assert mentorship.shared_summary == ""


def test_notes_up_to_the_limit_are_kept(client, people, objects):
    client.force_login(people["mentee team"])
    response = client.post(url("mentorship_content", objects),
                           {"private_notes": "n" * LONG_TEXT, "shared_summary": ""})
    assert response.status_code == 302
    with scopes_disabled():
        assert len(Mentorship.objects.get(pk=objects["mentorship"].pk).private_notes) == LONG_TEXT


def test_the_database_refuses_longer_notes_too(objects):
    from django.db import IntegrityError, transaction

    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Mentorship.objects.filter(pk=objects["mentorship"].pk).update(private_notes="n" * (LONG_TEXT + 1))


def test_a_megabyte_of_focus_or_description_is_refused(client, people, objects):
    client.force_login(people["admin"])
    mentorship, programme = objects["mentorship"], objects["programme"]
    with scopes_disabled():
        mentor_city = mentorship.cities.exclude(city=objects["city"]).get().city_id
    response = client.post(url("mentorship_edit", objects), {
        "title": "Renamed", "focus": MEGABYTE, "phase": "visits", "mentee_city": objects["city"].pk,
        "mentor_city": mentor_city,
    })
    assert response.status_code == 400
    response = client.post(url("programme_edit", objects), {
        "title": "Renamed", "theme": programme.theme, "description": MEGABYTE, "start_date": programme.start_date,
        "end_date": programme.end_date, "format": programme.format, "max_focus_factors": 3, "planned_visits": 3,
        "status": programme.status,
    })
    assert response.status_code == 400
    with scopes_disabled():
        assert Mentorship.objects.get(pk=mentorship.pk).title == mentorship.title
        assert Programme.objects.get(pk=programme.pk).description == programme.description


@pytest.mark.parametrize("text", [MEGABYTE, "A remark\x00 with a NUL"])
def test_a_megabyte_comment_on_a_question_is_refused(client, people, objects, text):
    client.force_login(people["mentee team"])
    with scopes_disabled():
        before = AnswerComment.objects.count()
    response = client.post(url("needs_analysis_comment", objects), {"text": text})
    assert response.status_code == 302
    assert any(m.startswith("The comment was not added:") for m in _messages(response))
    with scopes_disabled():
        assert AnswerComment.objects.count() == before


def test_a_reply_to_an_id_that_is_not_one_is_a_404(client, people, objects):
    client.force_login(people["mentee team"])
    for parent in ("²", "99999999999999999999", "-1"):
        assert client.post(url("needs_analysis_comment", objects), {"text": "Hi", "parent": parent}).status_code == 404


def test_a_megabyte_answer_is_refused_when_its_question_sets_no_limit(client, people, objects):
    with scopes_disabled():
        type(objects["question"]).objects.filter(pk=objects["question"].pk).update(max_length=None)
    client.force_login(people["mentee team"])
    response = client.post(url("needs_analysis_answer", objects), {"text": MEGABYTE, "version": "0"})
    assert response.status_code == 400
    assert "the limit is 20000" in response.content.decode()
    with scopes_disabled():
        assert not Answer.objects.filter(question=objects["question"]).exclude(text="").exists()


@pytest.mark.parametrize("text", [MEGABYTE, "x" * (COMMENT + 1)])
def test_a_megabyte_comment_on_an_action_is_refused(client, people, objects, text):
    client.force_login(people["mentee team"])
    response = client.post(url("action_comment", objects), {"text": text})
    assert response.status_code == 400  # the reason beside the field, and the text kept to shorten
    assert "Write at most 5,000 characters" in response.content.decode()
    with scopes_disabled():
        assert not ActionComment.objects.exists()


@pytest.mark.parametrize("field", ["action", "results", "resources", "success_measure"])
def test_a_megabyte_in_an_action_row_is_refused(client, people, objects, field):
    client.force_login(people["mentee team"])
    with scopes_disabled():
        rows = Action.objects.count()
    data = {"action": "A welcome desk", field: MEGABYTE}
    response = client.post(url("action_add", objects), data)
    assert response.status_code == 400
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    response = client.post(url("action_edit", objects), {**data, "version": objects["action"].version})
    assert response.status_code == 400
    with scopes_disabled():
        assert Action.objects.count() == rows
        assert Action.objects.get(pk=objects["action"].pk).action == "A buddy scheme"


def test_the_action_form_says_its_limits(client, people, objects):
    client.force_login(people["mentee team"])
    page = client.get(url("action_edit", objects)).content.decode()
    assert page.count("At most 20,000 characters.") == 4


def test_a_megabyte_comment_on_a_self_assessment_is_refused_and_says_why(client, people, objects):
    client.force_login(people["mentee team"])
    response = client.post(url("self_assessment_comment", objects), {"text": MEGABYTE})
    assert response.status_code == 302
    assert any("at most 5000 characters" in m for m in _messages(response)), _messages(response)
    with scopes_disabled():
        assert not RatingComment.objects.exists()


def test_a_megabyte_of_evidence_is_refused(client, people, objects):
    client.force_login(people["mentee team"])
    response = client.post(url("self_assessment_rate", objects), {"level": "", "evidence": MEGABYTE})
    assert response.status_code == 400
    assert "At most 20,000 characters." in response.content.decode()
    with scopes_disabled():
        assert not Rating.objects.exclude(evidence="").exists()


def test_a_megabyte_context_note_is_refused(client, people, objects):
    with scopes_disabled():
        assessment = Rating.objects.get(key_factor=objects["key_factor"]).self_assessment
        weight = ContextWeight.objects.create(network=assessment.network, self_assessment=assessment,
                                              context_factor=objects["context_factor"])
    client.force_login(people["mentee team"])
    response = client.post(url("self_assessment_context", objects), {f"note_{weight.pk}": MEGABYTE})
    assert response.status_code == 302
    assert any(m.startswith("The context factors were not saved:") for m in _messages(response))
    with scopes_disabled():
        assert ContextWeight.objects.get(pk=weight.pk).note == ""


def test_a_megabyte_good_practice_is_refused(client, people, objects):
    client.force_login(people["admin"])
    response = client.post(url("good_practice_create", objects),
                           {"title": "Buddies", "policy_area": "Inclusion", "description": MEGABYTE})
    assert response.status_code == 400
    with scopes_disabled():
        assert not GoodPractice.objects.filter(title="Buddies").exists()
