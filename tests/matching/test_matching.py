"""The matching assistant ranks candidate mentor cities on the guide's three criteria, shows why, and
changes nothing until the coordinator chooses."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scope, scopes_disabled

from programmes.benchmarks.models import Rating, SelfAssessment
from programmes.matching import ranking
from programmes.mentorships import services
from programmes.mentorships.errors import NotAPairError
from programmes.mentorships.models import MentorshipCity
from programmes.questionnaires import services as questionnaires
from programmes.questionnaires.answer_kinds import Posted
from programmes.questionnaires.models import GoodPractice, GoodPracticeKeyFactor, Question
from tests.factories import (
    AssociationFactory,
    BenchmarkFactory,
    CityFactory,
    KeyFactorFactory,
    MembershipFactory,
    MentorshipFactory,
    ProgrammeFactory,
    UserFactory,
)

NEEDS = "Newcomers cannot attend language classes; we want volunteers to offer conversation tables and tandems."


@pytest.fixture
def world(network_a):
    """Capaci (small Italian town) looks for a mentor; three candidates differ on each criterion."""
    benchmark = BenchmarkFactory(network=network_a, status="published")
    volunteering = KeyFactorFactory(network=network_a, benchmark=benchmark, number=8,
                                    title="Support non-formal language learning through volunteering")
    programme = ProgrammeFactory(network=network_a, benchmark=benchmark, theme="Language learning")
    capaci = CityFactory(network=network_a, name="Capaci", country="IT", population=11_500, migrant_residents=480)
    schaerbeek = CityFactory(network=network_a, name="Schaerbeek", country="BE", population=133_000,
                             migrant_share="30.00", association=AssociationFactory(network=network_a, acronym="Bru"))
    fuenlabrada = CityFactory(network=network_a, name="Fuenlabrada", country="ES", population=190_000,
                              migrant_share="12.00")
    palermo = CityFactory(network=network_a, name="Palermo", country="IT", population=12_000, migrant_share="4.50",
                          governance_level="metropolitan")
    mentorship = MentorshipFactory(network=network_a, programme=programme, title="Capaci", mentee=capaci)
    with scope(network=network_a):
        response = questionnaires.start_response(mentorship, kind="annex2", language="en", by=None)
        questionnaires.save_answer(response, Question.objects.get(section__template=response.template, number=1),
                                   text=NEEDS, based_on_version=0, by=None)
        questionnaires.submit_version(response, label="First draft before matching", by=None)
        assessment = SelfAssessment.objects.create(network=network_a, mentorship=mentorship, benchmark=benchmark,
                                                   round="initial")
        Rating.objects.create(network=network_a, self_assessment=assessment, key_factor=volunteering, is_focus=True)
        practice = GoodPractice.objects.create(network=network_a, title="Volunteering platform", city=schaerbeek,
                                               policy_area="Language learning",
                                               description="Volunteers run conversation tables and tandems.")
        GoodPracticeKeyFactor.objects.create(network=network_a, good_practice=practice, key_factor=volunteering)
        strengths = questionnaires.start_city_response(fuenlabrada, kind="annex3", language="en", by=None)
        questionnaires.save_answer(
            strengths, Question.objects.get(section__template=strengths.template, number=1),
            posted=Posted(["employment", "housing"]), based_on_version=0, by=None)
    return {"mentorship": mentorship, "capaci": capaci, "schaerbeek": schaerbeek, "fuenlabrada": fuenlabrada,
            "palermo": palermo, "programme": programme}


def _ranked(network, world):
    with scope(network=network):
        mentorship = world["mentorship"]
        return ranking.candidates(mentorship, mentee_city=world["capaci"],
                                  submission=ranking.latest_submission(mentorship))


def test_topic_match_comes_first_and_says_why(network_a, world):
    ranked = _ranked(network_a, world)
    assert [c.city.name for c in ranked][0] == "Schaerbeek"
    topic = ranked[0].topic
    assert topic.strength == "strong"
    assert "8. Support non-formal language learning through volunteering" in topic.reasons[0]
    assert "conversation" in topic.reasons[1]
    assert "volunteering" in topic.reasons[1]


def test_profile_and_governance_reasons_name_the_figures(network_a, world):
    palermo = next(c for c in _ranked(network_a, world) if c.city.name == "Palermo")
    assert palermo.profile.strength == "strong"
    assert "Population 11,500 and 12,000." in palermo.profile.reasons
    assert "Residents of migrant origin: 4.2 % and 4.5 %." in palermo.profile.reasons
    assert palermo.governance.reasons == [
        "Different levels of government: Municipality and Metropolitan city or city region.",
        "Same country (Italy): the same national framework.",
    ]
    assert palermo.topic.reasons == ["No mentor strengths or good practices documented yet."]


def test_mentor_strengths_show_the_policy_areas(network_a, world):
    fuenlabrada = next(c for c in _ranked(network_a, world) if c.city.name == "Fuenlabrada")
    assert fuenlabrada.areas == ["Employment and entrepreneurship", "Housing"]
    assert fuenlabrada.topic.reasons == ["No shared themes found."]


def test_ranking_reads_a_fixed_number_of_queries(network_a, world, django_assert_max_num_queries):
    for index in range(30):
        city = CityFactory(network=network_a, name=f"Town {index}")
        with scopes_disabled():
            GoodPractice.objects.create(network=network_a, title=f"Practice {index}", city=city, policy_area="x")
    with django_assert_max_num_queries(8):
        assert len(_ranked(network_a, world)) == 33


def _coordinator(network):
    user = UserFactory()
    MembershipFactory(network=network, user=user, role="coordinator")
    return user


def test_the_coordinator_chooses_and_the_mentorship_gets_its_mentor(client, network_a, world):
    client.force_login(_coordinator(network_a))
    mentorship, schaerbeek = world["mentorship"], world["schaerbeek"]
    page = client.get(reverse("mentorship_matching", kwargs={"network": "network-a", "pk": mentorship.pk}))
    html = page.content.decode()
    assert "1. <a" in html
    assert "Choose Schaerbeek as mentor city" in html
    with scopes_disabled():
        assert not MentorshipCity.objects.filter(mentorship=mentorship, side="mentor").exists()  # nothing automatic
    reply = client.post(reverse("mentorship_choose_mentor", kwargs={"network": "network-a", "pk": mentorship.pk,
                                                                    "city_pk": schaerbeek.pk}), follow=True)
    assert "Schaerbeek is now the mentor city" in reply.content.decode()
    with scopes_disabled():
        place = MentorshipCity.objects.get(mentorship=mentorship, side="mentor")
    assert place.city == schaerbeek
    assert place.association == schaerbeek.association


def test_choosing_another_mentor_replaces_the_first(network_a, world):
    with scope(network=network_a):
        services.choose_mentor(world["mentorship"], world["schaerbeek"], by=None)
        services.choose_mentor(world["mentorship"], world["palermo"], by=None)
        assert [p.city.name for p in world["mentorship"].cities.filter(side="mentor")] == ["Palermo"]
        with pytest.raises(NotAPairError):
            services.choose_mentor(world["mentorship"], world["capaci"], by=None)


def test_the_programme_page_lists_who_is_ready_for_matching(client, network_a, world):
    MentorshipFactory(network=network_a, programme=world["programme"], title="Jelgava",
                      mentee=CityFactory(network=network_a, name="Jelgava"))
    client.force_login(_coordinator(network_a))
    page = client.get(reverse("programme_matching", kwargs={"network": "network-a",
                                                            "pk": world["programme"].pk})).content.decode()
    assert "First draft before matching" in page
    assert "No version submitted yet" in page
    assert page.count("Find a mentor city<span") == 1


def test_a_mentee_without_a_submitted_draft_is_not_ranked(client, network_a, world):
    waiting = MentorshipFactory(network=network_a, programme=world["programme"], mentee=CityFactory(network=network_a))
    client.force_login(_coordinator(network_a))
    page = client.get(reverse("mentorship_matching", kwargs={"network": "network-a", "pk": waiting.pk}))
    assert "has not submitted a version of its needs analysis yet" in page.content.decode()


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_only_coordinators_match(client, network_a, world, role):
    user = UserFactory()
    MembershipFactory(network=network_a, user=user, role=role)
    client.force_login(user)
    url = reverse("mentorship_matching", kwargs={"network": "network-a", "pk": world["mentorship"].pk})
    assert client.get(url).status_code == 403


def test_policy_areas_read_in_the_readers_language(network_a, world):
    with translation.override("it"):
        fuenlabrada = next(c for c in _ranked(network_a, world) if c.city.name == "Fuenlabrada")
    assert fuenlabrada.areas == ["Lavoro e imprenditorialità", "Casa e abitare"]


def test_words_every_text_shares_are_no_theme():
    assert ranking._stems("Migrants and integration in our cities: newcomers cannot attend") == {}


def test_the_matching_page_reads_a_fixed_number_of_queries(client, network_a, world, django_assert_max_num_queries):
    for index in range(30):
        CityFactory(network=network_a, name=f"Town {index}")
    client.force_login(_coordinator(network_a))
    url = reverse("mentorship_matching", kwargs={"network": "network-a", "pk": world["mentorship"].pk})
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("text", "themes"), [
    ("Nous voulons que leurs bénévoles accueillent les personnes migrantes dans nos villes", {"bénévo", "accuei"}),
    ("Θέλουμε οι εθελοντές να υποδέχονται τους μετανάστες στις πόλεις μας", {"εθελον", "υποδέχ"}),
    ("Mēs vēlamies, lai brīvprātīgie mūsu pilsētās uzņemtu migrantus", {"brīvpr", "uzņemt"}),
    ("Queremos que nuestras personas voluntarias acojan a las personas migrantes", {"volunt", "acojan"}),
    ("Wij willen dat vrijwilligers de nieuwkomers in onze steden onthalen", {"vrijwi", "onthal"}),
])
def test_themes_in_every_interface_language_skip_its_function_and_field_words(text, themes):
    assert set(ranking._stems(text)) == themes
