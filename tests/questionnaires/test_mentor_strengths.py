"""A candidate mentor city documents its strengths (Annex 3) before any mentorship exists."""

import pytest
from django.urls import reverse
from django_scopes import scope

from programmes.directory.models import CityRepresentative
from programmes.questionnaires import services
from programmes.questionnaires.models import Answer, Question
from tests.factories import CityFactory, MembershipFactory, MentorshipFactory, ParticipantFactory, UserFactory


@pytest.fixture
def mechelen(network_a):
    return CityFactory(network=network_a, name="Mechelen", country="BE")


@pytest.fixture
def strengths(network_a, mechelen):
    with scope(network=network_a):
        return services.start_city_response(mechelen, kind="annex3", language="en", by=None)


def _member(network, role="member"):
    user = UserFactory()
    MembershipFactory(network=network, user=user, role=role)
    return user


def _speaker(network, city, speaks_for):
    user = _member(network)
    CityRepresentative.objects.create(network=network, city=city, user=user, speaks_for=speaks_for)
    return user


def _question(response, number):
    return Question.objects.get(section__template=response.template, number=number)


def _url(city, name="mentor_strengths", **kwargs):
    return reverse(name, kwargs={"network": "network-a", "pk": city.pk, **kwargs})


def test_the_shipped_annex_3_has_three_strength_questions_and_both_contexts(network_a, strengths):
    with scope(network=network_a):
        sections = list(strengths.template.sections.all())
        assert [s.answered_by for s in sections] == ["mentor_city", "mentor_city", "mentor_association"]
        assert [s.questions.count() for s in sections] == [3, 5, 6]
        assert _question(strengths, 1).kind == "choices"
        assert "mentor city's political and migration context" in _question(strengths, 9).text


def test_the_italian_annex_3_is_in_italian(network_a, mechelen):
    with scope(network=network_a):
        template = services.shipped_template(network_a, kind="annex3", language="it")
        assert template.title == "Punti di forza del mentor (Allegato 3)"


def test_the_city_team_answers_its_sections_and_the_association_the_national_one(client, network_a, mechelen,
                                                                                strengths):
    team, association = _speaker(network_a, mechelen, "city"), _speaker(network_a, mechelen, "association")
    with scope(network=network_a):
        areas, national = _question(strengths, 1), _question(strengths, 9)
    client.force_login(team)
    reply = client.post(_url(mechelen, "mentor_strengths_answer", question_pk=areas.pk),
                        {"version": "0", "choice": ["volunteering", "language_learning"]})
    assert reply.status_code == 302
    assert client.post(_url(mechelen, "mentor_strengths_answer", question_pk=national.pk),
                       {"version": "0", "text": "Not ours"}).status_code == 403
    client.force_login(association)
    assert client.post(_url(mechelen, "mentor_strengths_answer", question_pk=national.pk),
                       {"version": "0", "text": "Flemish cities share it"}).status_code == 302
    with scope(network=network_a):
        assert Answer.objects.get(question=areas).data == ["volunteering", "language_learning"]
    page = client.get(_url(mechelen)).content.decode()
    assert "Volunteering and buddy schemes" in page
    assert "Flemish cities share it" in page


def test_the_mentor_team_of_a_mentorship_speaks_for_its_city(client, network_a, mechelen, strengths):
    mentorship = MentorshipFactory(network=network_a, mentee=CityFactory(network=network_a), mentor=mechelen)
    mentor = _member(network_a)
    ParticipantFactory(network=network_a, mentorship=mentorship, user=mentor, role="mentor_team")
    with scope(network=network_a):
        question = _question(strengths, 2)
    client.force_login(mentor)
    assert client.post(_url(mechelen, "mentor_strengths_answer", question_pk=question.pk),
                       {"version": "0", "text": "The buddy scheme"}).status_code == 302


def test_facilitators_read_and_comment_but_do_not_answer(client, network_a, mechelen, strengths):
    facilitator = _member(network_a, "facilitator")
    with scope(network=network_a):
        question = _question(strengths, 2)
    client.force_login(facilitator)
    page = client.get(_url(mechelen)).content.decode()
    assert f'id="answer-{question.pk}"' not in page
    assert f'id="comment-{question.pk}"' in page
    assert client.post(_url(mechelen, "mentor_strengths_answer", question_pk=question.pk),
                       {"version": "0", "text": "x"}).status_code == 403
    assert client.post(_url(mechelen, "mentor_strengths_comment", question_pk=question.pk),
                       {"text": "Which results?"}).status_code == 302


def test_other_members_do_not_see_a_citys_strengths(client, network_a, mechelen, strengths):
    client.force_login(_member(network_a))
    assert client.get(_url(mechelen)).status_code == 403


def test_coordinators_fill_in_for_the_city_and_name_its_representatives(client, network_a, mechelen):
    coordinator, colleague = _member(network_a, "coordinator"), _member(network_a)
    client.force_login(coordinator)
    assert client.post(_url(mechelen, "mentor_strengths_start")).status_code == 302
    page = client.get(_url(mechelen)).content.decode()
    assert page.count("yours to answer") == 3
    reply = client.post(_url(mechelen, "directory_city_representative_add"),
                        {"user": colleague.pk, "speaks_for": "association"}, follow=True)
    assert f"{colleague.display_name} now speaks for Mechelen" in reply.content.decode()
    with scope(network=network_a):
        representative = CityRepresentative.objects.get(city=mechelen)
    assert representative.user == colleague
    assert representative.speaks_for == "association"
    client.post(_url(mechelen, "directory_city_representative_remove", representative_pk=representative.pk))
    with scope(network=network_a):
        assert not CityRepresentative.objects.filter(pk=representative.pk).exists()


def test_only_members_of_the_network_can_be_named(client, network_a, network_b, mechelen):
    client.force_login(_member(network_a, "coordinator"))
    outsider = _member(network_b)
    reply = client.post(_url(mechelen, "directory_city_representative_add"),
                        {"user": outsider.pk, "speaks_for": "city"}, follow=True)
    assert "Select a valid choice" in reply.content.decode()
    with scope(network=network_a):
        assert not CityRepresentative.objects.exists()


def test_the_page_reads_a_fixed_number_of_queries(client, network_a, mechelen, strengths,
                                                  django_assert_max_num_queries):
    team = _speaker(network_a, mechelen, "city")
    facilitator = _member(network_a, "facilitator")
    with scope(network=network_a):
        questions = list(Question.objects.filter(section__template=strengths.template))
        for question in questions:
            if question.kind == "long_text":
                services.save_answer(strengths, question, text="An answer", based_on_version=0, by=team)
        for index in range(40):
            services.comment(strengths, questions[index % len(questions)], text=f"Remark {index}", by=facilitator)
        services.submit_version(strengths, label="Offer", by=team)
    client.force_login(team)
    with django_assert_max_num_queries(17):  # 16 and the bell's unread count, on every network page
        page = client.get(_url(mechelen)).content.decode()
    assert "Remark 39" in page


@pytest.fixture
def capaci_and_mechelen(network_a, mechelen):
    """Capaci (mentee, with AICCRE) mentored by Mechelen (with VVSG), one person in each role."""
    capaci = CityFactory(network=network_a, name="Capaci", country="IT", population=5000)
    mentorship = MentorshipFactory(network=network_a, mentee=capaci, mentor=mechelen)
    people = {}
    for role in ("mentee_team", "mentor_team", "mentee_association", "mentor_association"):
        people[role] = _member(network_a)
        ParticipantFactory(network=network_a, mentorship=mentorship, user=people[role], role=role)
    return capaci, people


def _figures_question(response):
    return Question.objects.get(section__template=response.template, kind="city_figures")


def test_each_team_speaks_only_for_its_own_city(client, network_a, mechelen, strengths, capaci_and_mechelen):
    capaci, people = capaci_and_mechelen
    mechelen.population = 86000
    mechelen.save()
    with scope(network=network_a):
        areas, figures, national = _question(strengths, 2), _figures_question(strengths), _question(strengths, 9)
        answers_before = Answer.objects.count()

    client.force_login(people["mentee_team"])  # Capaci's team, in Mechelen's Annex 3
    assert client.post(_url(mechelen, "mentor_strengths_answer", question_pk=areas.pk),
                       {"version": "0", "text": "Written by the mentee"}).status_code == 403
    assert client.post(_url(mechelen, "mentor_strengths_answer", question_pk=figures.pk),
                       {"version": "0", "population": "1", "migrant_residents": "1", "rows": "0",
                        "update_profile": "on"}).status_code == 403
    assert client.post(_url(mechelen, "mentor_strengths_submit"), {"label": "Mine"}).status_code == 403
    client.force_login(people["mentee_association"])  # AICCRE, in VVSG's section
    assert client.post(_url(mechelen, "mentor_strengths_answer", question_pk=national.pk),
                       {"version": "0", "text": "Written by AICCRE"}).status_code == 403
    client.force_login(people["mentor_team"])  # Mechelen's team may not start Capaci's Annex 3
    assert client.post(_url(capaci, "mentor_strengths_start")).status_code == 403
    with scope(network=network_a):
        assert Answer.objects.count() == answers_before
        assert not strengths.submissions.exists()
    mechelen.refresh_from_db()
    capaci.refresh_from_db()
    assert mechelen.population == 86000
    assert client.get(_url(capaci)).status_code == 403


def test_each_party_answers_for_its_own_city_and_association(client, network_a, mechelen, strengths,
                                                             capaci_and_mechelen):
    capaci, people = capaci_and_mechelen
    with scope(network=network_a):
        areas, national = _question(strengths, 2), _question(strengths, 9)
    client.force_login(people["mentor_team"])
    assert client.post(_url(mechelen, "mentor_strengths_answer", question_pk=areas.pk),
                       {"version": "0", "text": "The buddy scheme"}).status_code == 302
    client.force_login(people["mentor_association"])
    assert client.post(_url(mechelen, "mentor_strengths_answer", question_pk=national.pk),
                       {"version": "0", "text": "Flemish cities share it"}).status_code == 302
    client.force_login(people["mentee_team"])  # Capaci may document its own strengths
    assert client.post(_url(capaci, "mentor_strengths_start")).status_code == 302
