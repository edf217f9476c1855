import pytest
from django_scopes import scope

from programmes.actionplans import services
from tests.factories import (
    AssociationFactory,
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    ParticipantFactory,
    ProgrammeFactory,
    UserFactory,
)


@pytest.fixture
def mentorship(network_a):
    programme = ProgrammeFactory(network=network_a, title="IncluCities")
    levadia = CityFactory(network=network_a, name="Levadia", country="GR",
                          association=AssociationFactory(network=network_a, acronym="KEDE", country="GR"))
    jelgava = CityFactory(network=network_a, name="Jelgava", country="LV",
                          association=AssociationFactory(network=network_a, acronym="LALRG", country="LV"))
    return MentorshipFactory(network=network_a, programme=programme, title="Levadia – Jelgava", mentee=levadia,
                             mentor=jelgava)


def person(network, mentorship, role, *, network_role="member", **user):
    account = UserFactory(**user)
    MembershipFactory(network=network, user=account, role=network_role)
    if role:
        ParticipantFactory(network=network, mentorship=mentorship, user=account, role=role)
    return account


@pytest.fixture
def mentee(network_a, mentorship):
    return person(network_a, mentorship, "mentee_team", full_name="Eleni Mentee")


@pytest.fixture
def plan(network_a, mentorship):
    with scope(network=network_a):
        return services.plan_for(mentorship)


def add(plan, text, **values):
    with scope(network=plan.network):
        return services.add_action(plan, values={"action": text, **values}, by=None)
