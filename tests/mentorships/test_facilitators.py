"""A programme's facilitators: what being attached gives, and what it stops giving."""

import pytest
from django.urls import reverse
from django_scopes import scope

from programmes.tenancy.models import Membership
from tests.factories import MembershipFactory, ProgrammeFacilitatorFactory, UserFactory


def _url(name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", **kwargs})


@pytest.fixture
def facilitator(network_a, mentorship):
    user = UserFactory(email="facilitator@a.example")
    MembershipFactory(network=network_a, user=user, role="facilitator")
    ProgrammeFacilitatorFactory(network=network_a, programme=mentorship.programme, user=user)
    return user


def _facilitator_pages(mentorship):
    programme = mentorship.programme_id
    return {
        "dashboard CSV": _url("programme_dashboard_csv", pk=programme),
        "action plans CSV": _url("programme_action_plans_export", pk=programme, fmt="csv"),
        "action plans XLSX": _url("programme_action_plans_export", pk=programme, fmt="xlsx"),
        "mentorship": _url("mentorship_detail", pk=mentorship.pk),
        "action plan": _url("action_plan", pk=mentorship.pk),
        "programme focus": _url("programme_focus", pk=programme),
    }


def test_facilitator_moved_down_to_member_loses_facilitator_access(client, network_a, admin_a, mentorship,
                                                                     facilitator):
    client.force_login(facilitator)
    for page, url in _facilitator_pages(mentorship).items():
        assert client.get(url).status_code == 200, page
    dashboard = client.get(_url("programme_detail", pk=mentorship.programme_id)).content.decode()
    assert 'id="dashboard"' in dashboard or "dashboard.csv" in dashboard

    with scope(network=network_a):
        membership = Membership.objects.get(user=facilitator)
    client.force_login(admin_a)
    response = client.post(_url("network_change_role", pk=membership.pk), {f"m{membership.pk}-role": "member"})
    assert response.status_code == 302
    with scope(network=network_a):
        assert Membership.objects.get(user=facilitator).role == "member"

    client.force_login(facilitator)
    for page, url in _facilitator_pages(mentorship).items():
        assert client.get(url).status_code == 403, page
    dashboard = client.get(_url("programme_detail", pk=mentorship.programme_id)).content.decode()
    assert "dashboard.csv" not in dashboard
