"""@mentions: what is a mention, the completion list's people (JSON) and who may read it, and the
comment boxes that offer it."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django_scopes import scope

from programmes.notifications.mentions import find
from programmes.questionnaires import services as questionnaires
from tests.factories import CityFactory, MembershipFactory, MentorshipFactory, ParticipantFactory, UserFactory


def _people(*names):
    return [SimpleNamespace(pk=index, display_name=name) for index, name in enumerate(names)]


def _found(text, people):
    return [person.display_name for person in find(text, people)]


def test_a_mention_is_a_full_name_case_insensitive_longest_first():
    people = _people("Anna Maria", "Anna Maria Rossi", "Giulia Rossi", "Jean-Luc Ørsted")
    assert _found("@anna maria rossi and @Anna Maria, please", people) == ["Anna Maria Rossi", "Anna Maria"]
    assert _found("Thanks @GIULIA ROSSI!", people) == ["Giulia Rossi"]
    assert _found("(@Jean-Luc Ørsted)", people) == ["Jean-Luc Ørsted"]
    assert _found("@Giulia  Rossi\nand again @Giulia Rossi", people) == ["Giulia Rossi"]


def test_an_at_inside_a_word_or_an_address_or_a_longer_name_is_no_mention():
    people = _people("Anna Maria", "Giulia Rossi")
    assert _found("write to giulia@Giulia Rossi.example", people) == []
    assert _found("mail x.@Anna Maria", people) == []
    assert _found("@Anna Mariangela", people) == []
    assert _found("@Giulia", people) == []
    assert _found("no mention at all", people) == []


@pytest.fixture
def mentorship(network_a):
    return MentorshipFactory(network=network_a, title="Capaci – Mechelen", mentee=CityFactory(network=network_a),
                             mentor=CityFactory(network=network_a))


def _participant(network, mentorship, name, role):
    user = UserFactory(full_name=name)
    MembershipFactory(network=network, user=user)
    ParticipantFactory(network=network, mentorship=mentorship, user=user, role=role)
    return user


def _candidates_url(mentorship, network="network-a"):
    return reverse("mentorship_mention_candidates", kwargs={"network": network, "pk": mentorship.pk})


def test_the_candidates_are_the_participants_with_their_role(client, network_a, mentorship):
    mentee = _participant(network_a, mentorship, "Eleni Papadopoulou", "mentee_team")
    _participant(network_a, mentorship, "Giulia Rossi", "mentor_team")
    _participant(network_a, mentorship, "Sam Support", "support_group")
    client.force_login(mentee)
    response = client.get(_candidates_url(mentorship))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert [(p["name"], p["role"]) for p in response.json()["people"]] == [
        ("Giulia Rossi", "Mentor team"), ("Sam Support", "Support group member")]


def test_the_candidates_are_refused_to_a_coordinator_and_unknown_in_another_network(
        client, network_a, network_b, admin_b, mentorship):
    _participant(network_a, mentorship, "Eleni Papadopoulou", "mentee_team")
    coordinator = UserFactory()
    MembershipFactory(network=network_a, user=coordinator, role="coordinator")
    client.force_login(coordinator)
    assert client.get(_candidates_url(mentorship)).status_code == 403
    client.force_login(admin_b)
    assert client.get(_candidates_url(mentorship, network="network-b")).status_code == 404


def test_comment_boxes_offer_mentions_only_where_one_may_comment(client, network_a, mentorship):
    mentee = _participant(network_a, mentorship, "Eleni Papadopoulou", "mentee_team")
    observer = _participant(network_a, mentorship, "Otto Observer", "observer")
    with scope(network=network_a):
        response = questionnaires.start_response(mentorship, kind="annex2", language="en", by=mentee)
        question = response.template.sections.first().questions.first()
        questionnaires.comment(response, question, text="A first remark", by=mentee)
    page_url = reverse("needs_analysis", kwargs={"network": "network-a", "pk": mentorship.pk})
    client.force_login(mentee)
    page = client.get(page_url).content.decode()
    assert f'data-mention-url="{_candidates_url(mentorship)}"' in page
    assert "js/mentions.js" in page
    assert 'id="answer-comment-' in page
    client.force_login(observer)
    page = client.get(page_url).content.decode()
    assert "data-mention-url" not in page
    assert "js/mentions.js" not in page

