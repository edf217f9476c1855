"""People allowed to use each form, around network A's objects of the isolation test."""

import pytest

from tests.factories import MembershipFactory, ParticipantFactory, UserFactory
from tests.isolation.test_every_url import objects_of_a  # noqa: F401  (a fixture, used by name)


@pytest.fixture
def people(network_a, admin_a, objects_of_a):  # noqa: F811
    """{role: user}: the admin, a coordinator and the leading mentee team of the mentorship."""
    coordinator, mentee = UserFactory(email="coordinator@hostile.example"), UserFactory(email="mentee@hostile.example")
    MembershipFactory(network=network_a, user=coordinator, role="coordinator")
    MembershipFactory(network=network_a, user=mentee)
    ParticipantFactory(network=network_a, mentorship=objects_of_a["mentorship"], user=mentee, role="mentee_team",
                       is_lead=True)
    return {"mentee team": mentee, "coordinator": coordinator, "admin": admin_a}
