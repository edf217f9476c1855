import pytest
from django.urls import reverse
from django_scopes import scope

from programmes.questionnaires import services
from programmes.questionnaires.answer_kinds import Posted
from programmes.questionnaires.diffs import word_diff
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
        assert merged.version == 2
        assert Answer.objects.get(pk=merged.pk).text == "Housing and language"


def test_each_party_answers_its_own_sections(client, network_a, mentorship, response):
    mentee, association = _person(network_a, mentorship, "mentee_team"), _person(network_a, mentorship,
                                                                                   "mentee_association")
    with scope(network=network_a):
        q1, q17 = _question(response, 1), _question(response, 17)
    client.force_login(mentee)
    page = client.get(_url(mentorship)).content.decode()
    assert f'id="answer-{q1.pk}"' in page
    assert f'id="answer-{q17.pk}"' not in page
    assert client.post(_url(mentorship, q17), {"text": "Not mine", "version": "0"}).status_code == 403
    client.force_login(association)
    response_ = client.post(_url(mentorship, q17), {"text": "Typical of small towns", "version": "0"},
                            HTTP_HX_REQUEST="true")
    assert "Saved at" in response_.content.decode()
    assert 'hx-swap-oob="true"' in response_.content.decode()
    page = client.get(_url(mentorship)).content.decode()
    assert "Typical of small towns" in page
    assert "1 of 6 answered" in page


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
    assert "Evidence from the migrant council" in page
    assert "Evidence from our survey" in page
    plain = client.post(_url(mentorship, question), {"text": "Evidence from our survey", "version": "0"})
    assert plain.status_code == 409
    assert "Two versions of one answer" in plain.content.decode()


def test_too_long_or_scripted_answers(client, network_a, mentorship, response):
    mentee = _person(network_a, mentorship, "mentee_team")
    with scope(network=network_a):
        question = _question(response, 2)
    client.force_login(mentee)
    long_text = "x" * 5001
    reply = client.post(_url(mentorship, question), {"text": long_text, "version": "0"})
    page = reply.content.decode()
    assert reply.status_code == 400
    assert "the limit is 5000" in page
    assert long_text in page
    client.post(_url(mentorship, question), {"text": "<script>alert(1)</script>", "version": "0"})
    page = client.get(_url(mentorship)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_save_after_the_session_ended_says_so_and_keeps_the_page(client, network_a, mentorship, response):
    with scope(network=network_a):
        question = _question(response, 1)
    reply = client.post(_url(mentorship, question), {"text": "Typed before lunch", "version": "0"},
                        HTTP_HX_REQUEST="true")
    assert reply.status_code == 200
    assert "your session has ended" in reply.content.decode()


def test_coordinators_do_not_read_the_needs_analysis(client, network_a, mentorship, response):
    coordinator = UserFactory()
    MembershipFactory(network=network_a, user=coordinator, role="coordinator")
    client.force_login(coordinator)
    assert client.get(_url(mentorship)).status_code == 403


def test_page_queries_stay_constant(client, network_a, mentorship, response, django_assert_max_num_queries):
    mentee = _person(network_a, mentorship, "mentee_team")
    with scope(network=network_a):
        for question in Question.objects.filter(section__template=response.template).exclude(kind="city_figures"):
            services.save_answer(response, question, text="An answer", based_on_version=0, by=mentee)
        services.save_answer(response, _question(response, 13), based_on_version=0, by=mentee, posted=Posted(
            {"population": "5600", "migrant_residents": "420", "nationalities": [["Romanian", "120", ""]] * 5}))
    client.force_login(mentee)
    # 18: the same bound as with 40 comments and a version below (one of them: the person's PDF jobs).
    with django_assert_max_num_queries(18):
        assert client.get(_url(mentorship)).status_code == 200


def test_submitted_versions_are_frozen_and_compared_word_by_word(client, network_a, mentorship, response):
    mentee = _person(network_a, mentorship, "mentee_team")
    with scope(network=network_a):
        question = _question(response, 1)
        services.save_answer(response, question, text="Housing for newcomers", based_on_version=0, by=mentee)
        first = services.submit_version(response, label="First draft before matching", by=mentee)
        services.save_answer(response, question, text="Housing and language for newcomers", based_on_version=1,
                             by=mentee)
        second = services.submit_version(response, label="Refined with mentor", by=mentee)
        assert first.answers[str(question.pk)] == "Housing for newcomers"  # frozen
        assert (first.number, second.number) == (1, 2)
    client.force_login(mentee)
    page = client.get(reverse("needs_analysis_compare", kwargs={"network": "network-a", "pk": mentorship.pk}),
                      {"from": 1, "to": 2}).content.decode()
    assert "added: </span>and language</ins>" in page
    assert word_diff("a b c", "a c d") == [("same", "a"), ("removed", "b"), ("same", "c"), ("added", "d")]


def test_nothing_to_submit_is_explained(client, network_a, mentorship, response):
    mentee = _person(network_a, mentorship, "mentee_team")
    client.force_login(mentee)
    reply = client.post(reverse("needs_analysis_submit", kwargs={"network": "network-a", "pk": mentorship.pk}),
                        {"label": "Empty"}, follow=True)
    assert "Answer at least one question before submitting a version." in reply.content.decode()


def test_mentor_comments_mentee_replies_and_resolves(client, network_a, mentorship, response):
    mentee, mentor = _person(network_a, mentorship, "mentee_team"), _person(network_a, mentorship, "mentor_team")
    with scope(network=network_a):
        question = _question(response, 1)
    url = reverse("needs_analysis_comment", kwargs={"network": "network-a", "pk": mentorship.pk,
                                                    "question_pk": question.pk})
    client.force_login(mentor)
    client.post(url, {"text": "Could you be more precise about the target group?"})
    with scope(network=network_a):
        comment = response.comments.get()
    resolve = reverse("needs_analysis_resolve", kwargs={"network": "network-a", "pk": mentorship.pk,
                                                        "comment_pk": comment.pk})
    assert client.post(resolve).status_code == 403  # the mentee decides when it is resolved
    client.force_login(mentee)
    client.post(url, {"text": "Newly arrived families.", "parent": comment.pk})
    client.post(resolve)
    page = client.get(_url(mentorship)).content.decode()
    assert "more precise about the target group" in page
    assert "Newly arrived families." in page
    assert "resolved" in page


def test_page_with_many_comments_stays_constant(client, network_a, mentorship, response,
                                                django_assert_max_num_queries):
    mentee, mentor = _person(network_a, mentorship, "mentee_team"), _person(network_a, mentorship, "mentor_team")
    with scope(network=network_a):
        questions = list(Question.objects.filter(section__template=response.template))
        for question in questions:
            if question.kind == "city_figures":
                services.save_answer(response, question, based_on_version=0, by=mentee,
                                     posted=Posted({"population": "5600", "migrant_residents": "420",
                                                    "nationalities": [["Romanian", "120", ""]]}))
            else:
                services.save_answer(response, question, text="An answer", based_on_version=0, by=mentee)
        for index in range(40):
            first = services.comment(response, questions[index % 22], text=f"Remark {index}", by=mentor)
            services.comment(response, questions[index % 22], text="Reply", by=mentee, parent=first)
        services.submit_version(response, label="v1", by=mentee)
    client.force_login(mentee)
    with django_assert_max_num_queries(18):
        page = client.get(_url(mentorship)).content.decode()
    assert "Remark 39" in page


def test_the_support_group_reads_and_comments_but_does_not_answer(client, network_a, mentorship, response):
    adviser = _person(network_a, mentorship, "support_group")
    with scope(network=network_a):
        question = _question(response, 1)
    client.force_login(adviser)
    page = client.get(_url(mentorship)).content.decode()
    assert f'id="answer-{question.pk}"' not in page
    assert f'id="comment-{question.pk}"' in page
    comment_url = reverse("needs_analysis_comment", kwargs={"network": "network-a", "pk": mentorship.pk,
                                                            "question_pk": question.pk})
    assert client.post(comment_url, {"text": "Ask the migrant council too."}).status_code == 302
    assert client.post(_url(mentorship, question), {"text": "x", "version": "0"}).status_code == 403


def test_observers_read_without_commenting(client, network_a, mentorship, response):
    client.force_login(_person(network_a, mentorship, "observer"))
    with scope(network=network_a):
        question = _question(response, 1)
    page = client.get(_url(mentorship)).content.decode()
    assert "1. Which challenge" in page
    assert f'id="comment-{question.pk}"' not in page
