import pytest

from tests.factories import (
    AssociationFactory,
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    ProgrammeFactory,
    UserFactory,
)


@pytest.fixture
def coordinator_a(network_a):
    user = UserFactory(email="coordinator@a.example", full_name="Carla Coordinator")
    MembershipFactory(network=network_a, user=user, role="coordinator")
    return user


@pytest.fixture
def capaci(network_a):
    return CityFactory(network=network_a, name="Capaci", association=AssociationFactory(network=network_a, acronym="AICCRE"))


@pytest.fixture
def mechelen(network_a):
    return CityFactory(network=network_a, name="Mechelen", country="BE",
                       association=AssociationFactory(network=network_a, acronym="VVSG", country="BE"))


@pytest.fixture
def programme(network_a):
    return ProgrammeFactory(network=network_a, title="IncluCities")


@pytest.fixture
def mentorship(network_a, programme, capaci, mechelen):
    return MentorshipFactory(network=network_a, programme=programme, title="Capaci – Mechelen",
                             mentee=capaci, mentor=mechelen)
