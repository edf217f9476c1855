"""Questions of a questionnaire are kept rendered between readings (programmes.tenancy.fragments):
an answer saved by someone else, a comment, a reply, a resolution, a new city figure and another
reader's rights all show at the next reading."""

import re

from django.urls import reverse
from django_scopes import scope

from programmes.questionnaires import services
from programmes.questionnaires.models import Question, QuestionKind

from .test_needs_analysis import _person, _question, _url, mentorship, response  # noqa: F401  (fixtures)


def _questions_rendered(reply):
    return sum(1 for template in reply.templates if template.name == "questionnaires/_question.html")


def _without_tokens(html):
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]*"', "", html)


def test_a_page_read_again_renders_no_question_and_reads_the_same(client, network_a, mentorship, response):  # noqa: F811
    client.force_login(_person(network_a, mentorship, "mentee_team"))
    first, again = client.get(_url(mentorship)), client.get(_url(mentorship))
    assert _questions_rendered(first) == 22 and _questions_rendered(again) == 0
    assert _without_tokens(again.content.decode()) == _without_tokens(first.content.decode())


def test_what_others_did_shows_at_the_next_reading(client, network_a, mentorship, response):  # noqa: F811
    mentee, mentor = _person(network_a, mentorship, "mentee_team"), _person(network_a, mentorship, "mentor_team")
    colleague = _person(network_a, mentorship, "mentee_team")
    client.force_login(mentee)
    client.get(_url(mentorship))
    with scope(network=network_a):
        first, second = _question(response, 1), _question(response, 2)
        services.save_answer(response, first, text="Housing for newcomers", based_on_version=0, by=colleague)
        asked = services.comment(response, second, text="Which districts?", by=mentor)
    reply = client.get(_url(mentorship))
    page = reply.content.decode()
    assert _questions_rendered(reply) == 2
    assert "Housing for newcomers" in page and "Which districts?" in page and "1 open" in page
    with scope(network=network_a):
        services.comment(response, second, text="The old town.", by=mentee, parent=asked)
        services.resolve_comment(asked, by=mentee)
    page = client.get(_url(mentorship)).content.decode()
    assert "The old town." in page and "1 open" not in page and "resolved" in page


def test_each_reader_sees_their_own_sections_as_forms(client, network_a, mentorship, response):  # noqa: F811
    mentee = _person(network_a, mentorship, "mentee_team")
    association = _person(network_a, mentorship, "mentee_association")
    with scope(network=network_a):
        q1, q17 = _question(response, 1), _question(response, 17)
    for reader, editable, read_only in ((mentee, q1, q17), (association, q17, q1), (mentee, q1, q17)):
        client.force_login(reader)
        page = client.get(_url(mentorship)).content.decode()
        assert f'id="answer-{editable.pk}"' in page and f'id="answer-{read_only.pk}"' not in page


def test_new_city_figures_reach_the_prefilled_question(client, network_a, mentorship, response):  # noqa: F811
    client.force_login(_person(network_a, mentorship, "mentee_team"))
    with scope(network=network_a):
        figures = Question.objects.get(section__template=response.template, kind=QuestionKind.CITY_FIGURES)
        city = mentorship.cities.get(side="mentee").city
    client.get(_url(mentorship))
    city.population = 48213
    city.save()
    page = client.get(_url(mentorship)).content.decode()
    assert 'value="48213"' in page, f"question {figures.number} must offer the new figure"


def test_a_refused_answer_keeps_what_was_typed(client, network_a, mentorship, response):  # noqa: F811
    client.force_login(_person(network_a, mentorship, "mentee_team"))
    with scope(network=network_a):
        question = _question(response, 1)
    client.get(_url(mentorship))
    url = reverse("needs_analysis_answer", kwargs={"network": "network-a", "pk": mentorship.pk,
                                                   "question_pk": question.pk})
    refused = client.post(url, {"text": "x" * 20_000, "version": "0"})
    assert refused.status_code == 400 and "x" * 200 in refused.content.decode()
