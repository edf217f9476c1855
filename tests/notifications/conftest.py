import pytest

from tests.factories import CityFactory, MembershipFactory, MentorshipFactory, ProgrammeFactory, UserFactory
from tests.notifications.helpers import participant


@pytest.fixture
def mentorship(network_a):
    """Capaci – Mechelen, in a programme of network A."""
    programme = ProgrammeFactory(network=network_a, title="IncluCities")
    return MentorshipFactory(network=network_a, programme=programme, title="Capaci – Mechelen",
                             mentee=CityFactory(network=network_a, name="Capaci"),
                             mentor=CityFactory(network=network_a, name="Mechelen"))


@pytest.fixture
def giulia(mentorship):
    """The mentee team, reading Italian in Rome."""
    return participant(mentorship, "giulia@capaci.example", language="it", time_zone="Europe/Rome")


@pytest.fixture
def pieter(mentorship):
    """The mentor team, reading English in Brussels."""
    return participant(mentorship, "pieter@mechelen.example", role="mentor_team", language="en",
                       time_zone="Europe/Brussels")


@pytest.fixture
def coordinator_a(network_a):
    """A coordinator of network A, in no mentorship."""
    user = UserFactory(email="carla@a.example", full_name="Carla Coordinator")
    MembershipFactory(network=network_a, user=user, role="coordinator")
    return user
