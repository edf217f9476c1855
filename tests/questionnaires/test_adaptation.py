"""A coordinator copies the shipped needs analysis for a programme and adapts it; responses keep the
version they were written against."""

import pytest
from django.urls import reverse
from django_scopes import scope

from programmes.questionnaires import services
from programmes.questionnaires.adaptation import selectors as adaptation_selectors
from programmes.questionnaires.adaptation import services as adaptation
from programmes.questionnaires.models import Question
from tests.factories import CityFactory, MembershipFactory, MentorshipFactory, ProgrammeFactory, UserFactory


@pytest.fixture
def programme(network_a):
    return ProgrammeFactory(network=network_a)


@pytest.fixture
def coordinator(network_a):
    user = UserFactory()
    MembershipFactory(network=network_a, user=user, role="coordinator")
    return user


def _url(name, programme, **kwargs):
    return reverse(name, kwargs={"network": "network-a", "pk": programme.pk, **kwargs})


def _numbers_and_texts(template):
    return [(q.number, q.text) for q in Question.objects.filter(section__template=template)
            .order_by("number")]


def test_a_coordinator_adds_removes_and_rewords_questions(client, network_a, programme, coordinator):
    client.force_login(coordinator)
    client.post(_url("programme_template_adapt", programme))
    with scope(network=network_a):
        template = adaptation_selectors.programme_template(programme)
        first_section = template.sections.get(order=1)
        question_2 = Question.objects.get(section__template=template, number=2)
    assert template.based_on.programme is None
    assert template.version == 1

    reply = client.post(_url("programme_template_question_add", programme, section_pk=first_section.pk), {
        "text": "Which languages do the newcomers speak?", "help_text": "", "kind": "choices",
        "options_lines": "Arabic\nUkrainian\nRomanian", "max_length": "",
    })
    assert reply.status_code == 302
    client.post(_url("programme_template_question_delete", programme, question_pk=question_2.pk))
    with scope(network=network_a):
        question_1 = Question.objects.get(section__template=template, number=1)
    client.post(_url("programme_template_question_edit", programme, question_pk=question_1.pk), {
        "text": "Which challenge of language learning do you want to address?", "help_text": "",
        "kind": "long_text", "max_length": "3000", "options_lines": "",
    })
    with scope(network=network_a):
        questions = _numbers_and_texts(template)
        added = Question.objects.get(section__template=template, number=11)
    assert len(questions) == 22
    assert [n for n, _text in questions] == list(range(1, 23))
    assert questions[0][1] == "Which challenge of language learning do you want to address?"
    assert questions[10][1] == "Which languages do the newcomers speak?"  # the end of the first section
    assert added.options["choices"][1] == {"value": "ukrainian", "label": "Ukrainian"}
    page = client.get(_url("programme_template", programme)).content.decode()
    assert "11.</span> Which languages do the newcomers speak?" in page


def test_a_choice_question_needs_its_choices(client, network_a, programme, coordinator):
    client.force_login(coordinator)
    client.post(_url("programme_template_adapt", programme))
    with scope(network=network_a):
        section = adaptation_selectors.programme_template(programme).sections.get(order=1)
    reply = client.post(_url("programme_template_question_add", programme, section_pk=section.pk), {
        "text": "Which area?", "kind": "choice", "options_lines": "Housing", "max_length": "",
    })
    page = reply.content.decode()
    assert reply.status_code == 400
    assert "Give at least two choices, one per line." in page
    assert "Which area?" in page


def test_mentorships_use_the_adapted_version_and_keep_it(network_a, programme):
    mentorship = MentorshipFactory(network=network_a, programme=programme, mentee=CityFactory(network=network_a))
    later = MentorshipFactory(network=network_a, programme=programme, mentee=CityFactory(network=network_a))
    with scope(network=network_a):
        template = adaptation.adapt_for_programme(programme, language="en", by=None)
        response = services.start_response(mentorship, kind="annex2", language="it", by=None)
        assert response.template == template
        question = Question.objects.get(section__template=template, number=3)
        with pytest.raises(adaptation.TemplateInUseError):
            adaptation.delete_question(template, question, by=None)
        second = adaptation.new_version(template, by=None)
        adaptation.delete_question(second, Question.objects.get(section__template=second, number=3), by=None)
        assert services.start_response(later, kind="annex2", language="en", by=None).template == second
        assert Question.objects.filter(section__template=template).count() == 22  # the first one is untouched
        assert Question.objects.filter(section__template=second).count() == 21


def test_the_last_question_of_a_section_stays(network_a, programme):
    with scope(network=network_a):
        template = adaptation.adapt_for_programme(programme, language="en", by=None)
        section = template.sections.get(order=3)
        for question in list(section.questions.order_by("number"))[:-1]:
            adaptation.delete_question(template, question, by=None)
        with pytest.raises(adaptation.LastQuestionError):
            adaptation.delete_question(template, section.questions.get(), by=None)


def test_members_and_facilitators_do_not_adapt(client, network_a, programme):
    for role in ("member", "facilitator"):
        user = UserFactory()
        MembershipFactory(network=network_a, user=user, role=role)
        client.force_login(user)
        assert client.get(_url("programme_template", programme)).status_code == 403
        assert client.post(_url("programme_template_adapt", programme)).status_code == 403


def test_questions_are_added_and_reworded_with_values_alone(network_a, programme, coordinator):
    with scope(network=network_a):
        template = adaptation.adapt_for_programme(programme, language="en", by=coordinator)
        first, second = template.sections.order_by("order")[:2]
        last_of_first = first.questions.order_by("number").last().number
        added = adaptation.save_question(template, first, by=coordinator, text="Which languages?", kind="choices",
                                         options_lines="Arabic\nUkrainian")
        assert added.number == last_of_first + 1
        assert [c["label"] for c in added.options["choices"]] == ["Arabic", "Ukrainian"]
        adaptation.save_question(template, first, question=added, by=coordinator, text="Which languages, mostly?",
                                 kind="long_text")
        added.refresh_from_db()
        assert (added.text, added.kind, added.options) == ("Which languages, mostly?", "long_text", {})
        assert [n for n, _text in _numbers_and_texts(template)] == list(range(1, 24))
        services.start_response(MentorshipFactory(network=network_a, programme=programme), kind="annex2",
                                language="en", by=None)
        with pytest.raises(adaptation.TemplateInUseError):
            adaptation.save_question(template, second, by=coordinator, text="Too late?", kind="long_text")
