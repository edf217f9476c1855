import re

from django.urls import reverse

from programmes.tenancy.models import Network


def test_member_lands_on_network_home(client, network_a, member_a):
    client.force_login(member_a)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/network-a/"
    assert "Network A" in response.content.decode()


def test_user_of_several_networks_chooses_from_a_switcher(client, network_a, network_b, member_a):
    from tests.factories import MembershipFactory

    MembershipFactory(network=network_b, user=member_a)
    client.force_login(member_a)
    page = client.get("/").content.decode()
    assert 'href="/network-a/"' in page
    assert 'href="/network-b/"' in page
    home = client.get("/network-b/").content.decode()
    assert 'aria-current="page"' in home


def test_other_networks_home_is_not_found(client, network_a, network_b, admin_b, member_a):
    client.force_login(member_a)
    assert client.get("/network-b/").status_code == 404


def test_unknown_network_is_not_found_with_a_helpful_page(client, member_a):
    client.force_login(member_a)
    response = client.get("/no-such-network/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(client, network_a):
    response = client.get("/network-a/members/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_network_requiring_mfa_sends_members_to_set_it_up(client, network_a, member_a):
    Network.objects.filter(pk=network_a.pk).update(mfa_required=True)
    client.force_login(member_a)
    response = client.get("/network-a/", follow=True)
    assert response.redirect_chain[0][0] == reverse("mfa_activate_totp")
    assert "requires two-factor authentication" in response.content.decode()


def test_admin_changes_settings_and_bad_input_keeps_typed_values(client, network_a, admin_a):
    client.force_login(admin_a)
    url = reverse("network_settings", kwargs={"network": "network-a"})
    response = client.post(url, {"name": "", "languages": ["it"], "mfa_required": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert re.search(r'value="it"\s+id="id_languages_\d+" checked', page)
    assert 'id="id_mfa_required" checked' in page
    response = client.post(url, {"name": "Rete A", "languages": ["it"], "mfa_required": ""}, follow=True)
    assert "The network settings were saved." in response.content.decode()
    network_a.refresh_from_db()
    assert network_a.name == "Rete A"
    assert network_a.languages == ["it"]


def test_member_without_the_role_gets_a_friendly_403(client, network_a, member_a):
    client.force_login(member_a)
    response = client.get(reverse("network_settings", kwargs={"network": "network-a"}))
    assert response.status_code == 403
    assert "Your role does not allow this action" in response.content.decode()


def test_pages_use_a_constant_number_of_queries(client, network_a, member_a, django_assert_max_num_queries):
    from tests.factories import MembershipFactory, NetworkFactory

    for _ in range(20):
        MembershipFactory(network=NetworkFactory(), user=member_a)
    client.force_login(member_a)
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/network-a/").status_code == 200


def test_pages_forbid_loading_anything_from_other_hosts(client, network_a, member_a):
    client.force_login(member_a)
    response = client.get("/network-a/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "http" not in policy


def test_only_those_who_may_change_the_network_are_offered_its_settings(client, network_a, admin_a, member_a):
    from django.urls import reverse

    home = reverse("network_home", kwargs={"network": "network-a"})
    client.force_login(admin_a)
    assert "Network settings" in client.get(home).content.decode()
    client.force_login(member_a)
    assert "Network settings" not in client.get(home).content.decode()
