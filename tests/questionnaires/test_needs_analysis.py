import pytest
from django.urls import reverse
from django_scopes import scope

from programmes.questionnaires import services
from programmes.questionnaires.models import Answer, Question
from tests.factories import CityFactory, MembershipFactory, MentorshipFactory, ParticipantFactory, UserFactory


@pytest.fixture
def mentorship(network_a):
    return MentorshipFactory(network=network_a, title="Capaci – Mechelen", mentee=CityFactory(network=network_a),
                             mentor=CityFactory(network=network_a))


def _person(network, mentorship, role):
    user = UserFactory()
    MembershipFactory(network=network, user=user)
    ParticipantFactory(network=network, mentorship=mentorship, user=user, role=role)
    return user


@pytest.fixture
def response(network_a, mentorship):
    with scope(network=network_a):
        return services.start_response(mentorship, kind="annex2", language="en", by=None)


def _question(response, number):
    return Question.objects.get(section__template=response.template, number=number)


def _url(mentorship, question=None):
    if question is None:
        return reverse("needs_analysis", kwargs={"network": "network-a", "pk": mentorship.pk})
    return reverse("needs_analysis_answer", kwargs={"network": "network-a", "pk": mentorship.pk,
                                                    "question_pk": question.pk})


def test_the_shipped_annex_2_has_22_questions_in_three_sections(network_a, response):
    with scope(network=network_a):
        sections = list(response.template.sections.all())
        assert [s.answered_by for s in sections] == ["mentee_city", "mentee_city", "mentee_association"]
        assert Question.objects.filter(section__template=response.template).count() == 22
        assert _question(response, 17).section == sections[2]


def test_two_saves_of_one_version_never_silently_overwrite(network_a, response):
    alice, bob = UserFactory(), UserFactory()
    with scope(network=network_a):
        question = _question(response, 1)
        first = services.save_answer(response, question, text="Housing for newcomers", based_on_version=0, by=alice)
        assert first.version == 1
        with pytest.raises(services.AnswerConflict) as conflict:
            services.save_answer(response, question, text="Language courses", based_on_version=0, by=bob)
        assert conflict.value.current.text == "Housing for newcomers"
        merged = services.save_answer(response, question, text="Housing and language", based_on_version=1, by=bob)
        assert merged.version == 2 and Answer.objects.get(pk=merged.pk).text == "Housing and language"


def test_each_party_answers_its_own_sections(client, network_a, mentorship, response):
    mentee, association = _person(network_a, mentorship, "mentee_team"), _person(network_a, mentorship,
                                                                                   "mentee_association")
    with scope(network=network_a):
        q1, q17 = _question(response, 1), _question(response, 17)
    client.force_login(mentee)
    page = client.get(_url(mentorship)).content.decode()
    assert f'id="answer-{q1.pk}"' in page and f'id="answer-{q17.pk}"' not in page
    assert client.post(_url(mentorship, q17), {"text": "Not mine", "version": "0"}).status_code == 403
    client.force_login(association)
    response_ = client.post(_url(mentorship, q17), {"text": "Typical of small towns", "version": "0"},
                            HTTP_HX_REQUEST="true")
    assert "Saved at" in response_.content.decode() and 'hx-swap-oob="true"' in response_.content.decode()
    page = client.get(_url(mentorship)).content.decode()
    assert "Typical of small towns" in page and "1 of 6 answered" in page


def test_conflict_screen_shows_both_texts(client, network_a, mentorship, response):
    mentee, colleague = _person(network_a, mentorship, "mentee_team"), _person(network_a, mentorship, "mentee_team")
    with scope(network=network_a):
        question = _question(response, 3)
        services.save_answer(response, question, text="Evidence from the migrant council", based_on_version=0,
                             by=colleague)
    client.force_login(mentee)
    reply = client.post(_url(mentorship, question), {"text": "Evidence from our survey", "version": "0"},
                        HTTP_HX_REQUEST="true")
    page = reply.content.decode()
    assert reply["HX-Retarget"] == f"#question-{question.pk}"
    assert "Evidence from the migrant council" in page and "Evidence from our survey" in page
    plain = client.post(_url(mentorship, question), {"text": "Evidence from our survey", "version": "0"})
    assert plain.status_code == 409 and "Two versions of one answer" in plain.content.decode()


def test_too_long_or_scripted_answers(client, network_a, mentorship, response):
    mentee = _person(network_a, mentorship, "mentee_team")
    with scope(network=network_a):
        question = _question(response, 2)
    client.force_login(mentee)
    long_text = "x" * 5001
    reply = client.post(_url(mentorship, question), {"text": long_text, "version": "0"})
    page = reply.content.decode()
    assert reply.status_code == 400 and "the limit is 5000" in page and long_text in page
    client.post(_url(mentorship, question), {"text": "<script>alert(1)</script>", "version": "0"})
    page = client.get(_url(mentorship)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_save_after_the_session_ended_says_so_and_keeps_the_page(client, network_a, mentorship, response):
    with scope(network=network_a):
        question = _question(response, 1)
    reply = client.post(_url(mentorship, question), {"text": "Typed before lunch", "version": "0"},
                        HTTP_HX_REQUEST="true")
    assert reply.status_code == 200 and "your session has ended" in reply.content.decode()


def test_coordinators_do_not_read_the_needs_analysis(client, network_a, mentorship, response):
    coordinator = UserFactory()
    MembershipFactory(network=network_a, user=coordinator, role="coordinator")
    client.force_login(coordinator)
    assert client.get(_url(mentorship)).status_code == 403


def test_page_queries_stay_constant(client, network_a, mentorship, response, django_assert_max_num_queries):
    mentee = _person(network_a, mentorship, "mentee_team")
    with scope(network=network_a):
        for question in Question.objects.filter(section__template=response.template):
            services.save_answer(response, question, text="An answer", based_on_version=0, by=mentee)
    client.force_login(mentee)
    with django_assert_max_num_queries(15):
        assert client.get(_url(mentorship)).status_code == 200
