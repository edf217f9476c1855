"""The navigation bar is on every page: what it shows follows the person's networks, name, page
and language at once, with their own CSRF token."""

import re

from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory, NetworkFactory


def _navbar(html):
    return html[html.index("<nav class=\"navbar"):html.index("</nav>")]


def test_the_navbar_follows_networks_names_pages_and_language(client, network_a, member_a):
    client.force_login(member_a)
    home = reverse("network_home", kwargs={"network": "network-a"})
    first = _navbar(client.get(home).content.decode())
    assert "Network A" in first
    assert 'name="next" value="/network-a/"' in first
    network_a.name = "Réseau A"
    network_a.save()
    MembershipFactory(network=NetworkFactory(slug="network-c", name="Network C"), user=member_a)
    member_a.full_name = "Ilze Ozola"
    member_a.save()
    again = _navbar(client.get(home).content.decode())
    assert "Réseau A" in again
    assert "Network C" in again
    assert "Ilze Ozola" in again
    members = reverse("network_members", kwargs={"network": "network-a"})
    assert 'name="next" value="/network-a/members/"' in _navbar(client.get(members).content.decode())
    member_a.language = "it"
    member_a.save()
    assert "Esci" in _navbar(client.get(home).content.decode())


def test_each_reader_gets_their_own_token_in_the_navbar(network_a, member_a, admin_a):
    home = reverse("network_home", kwargs={"network": "network-a"})
    for account in (member_a, member_a, admin_a):
        reader = Client(enforce_csrf_checks=True)
        reader.force_login(account)
        navbar = _navbar(reader.get(home).content.decode())
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', navbar).group(1)
        signed_out = reader.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
        assert signed_out.status_code == 302, "the token in the navbar must be the reader's own"
