import pytest
from django.urls import reverse
from django_scopes import scope

from programmes.tenancy import services
from programmes.tenancy.errors import LastAdminError
from programmes.tenancy.models import Membership
from tests.factories import MembershipFactory, UserFactory


def test_last_admin_cannot_step_down_or_leave(network_a, admin_a):
    membership = _membership(network_a, admin_a)
    with scope(network=network_a):
        with pytest.raises(LastAdminError):
            services.change_role(membership, role="member", by=admin_a)
        with pytest.raises(LastAdminError):
            services.remove_member(membership, by=admin_a)


def test_an_admin_can_leave_when_another_admin_remains(network_a, admin_a):
    other = UserFactory()
    MembershipFactory(network=network_a, user=other, role="admin")
    with scope(network=network_a):
        services.remove_member(_membership(network_a, admin_a), by=admin_a)
        assert not Membership.objects.filter(user=admin_a).exists()


def test_last_admin_sees_why_they_cannot_remove_themselves(client, network_a, admin_a):
    client.force_login(admin_a)
    membership = _membership(network_a, admin_a)
    url = reverse("network_remove_member", kwargs={"network": "network-a", "pk": membership.pk})
    response = client.post(url, follow=True)
    assert "at least one admin" in response.content.decode()
    with scope(network=network_a):
        assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_changes_a_role_in_the_browser(client, network_a, admin_a, member_a):
    client.force_login(admin_a)
    membership = _membership(network_a, member_a)
    url = reverse("network_change_role", kwargs={"network": "network-a", "pk": membership.pk})
    response = client.post(url, {f"m{membership.pk}-role": "coordinator"}, follow=True)
    assert "is now Coordinator" in response.content.decode()
    with scope(network=network_a):
        assert Membership.objects.get(pk=membership.pk).role == "coordinator"


def test_admin_invites_from_the_members_page(client, network_a, admin_a, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(admin_a)
    url = reverse("network_invite", kwargs={"network": "network-a"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "new@example.org", "role": "coordinator", "language": "en"}, follow=True)
    assert "Invitation sent to new@example.org" in response.content.decode()
    assert mailoutbox[0].to == ["new@example.org"]


def test_bad_invitation_input_shows_errors_and_keeps_what_was_typed(client, network_a, admin_a):
    client.force_login(admin_a)
    url = reverse("network_invite", kwargs={"network": "network-a"})
    response = client.post(url, {"email": "not-an-address", "role": "coordinator", "language": "it"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in page
    assert 'value="not-an-address"' in page
    assert '<option value="coordinator" selected>' in page
    assert 'href="#id_email"' in page  # the error summary links to the field


def test_inviting_an_existing_member_is_a_field_error(client, network_a, admin_a, member_a):
    client.force_login(admin_a)
    url = reverse("network_invite", kwargs={"network": "network-a"})
    response = client.post(url, {"email": member_a.email, "role": "member", "language": "en"})
    assert response.status_code == 400
    assert "already a member" in response.content.decode()


def test_a_member_cannot_manage_members(client, network_a, admin_a, member_a):
    client.force_login(member_a)
    response = client.get(reverse("network_members", kwargs={"network": "network-a"}))
    assert response.status_code == 200
    assert "Invite a member" not in response.content.decode()
    response = client.post(
        reverse("network_invite", kwargs={"network": "network-a"}),
        {"email": "x@example.org", "role": "admin", "language": "en"},
    )
    assert response.status_code == 403


def test_members_page_queries_do_not_grow_with_members(client, network_a, admin_a, django_assert_max_num_queries):
    for _ in range(30):
        MembershipFactory(network=network_a, user=UserFactory())
    client.force_login(admin_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("network_members", kwargs={"network": "network-a"}))
    assert response.status_code == 200


def _membership(network, user):
    with scope(network=network):
        return Membership.objects.get(user=user)


def test_admin_who_leaves_is_taken_to_their_networks(client, network_a, admin_a):
    MembershipFactory(network=network_a, user=UserFactory(), role="admin")
    client.force_login(admin_a)
    url = reverse("network_remove_member", kwargs={"network": "network-a", "pk": _membership(network_a, admin_a).pk})
    assert "Remove" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == reverse("start")
    assert client.get("/network-a/").status_code == 404
