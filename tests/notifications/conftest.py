import pytest

from tests.factories import CityFactory, MentorshipFactory, ProgrammeFactory
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
