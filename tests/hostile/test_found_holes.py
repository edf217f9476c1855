"""Holes the hostile-input walk found (tests/hostile/test_every_form.py), each pinned by a test."""

import pytest

from tests.isolation.test_every_url import _url

MEGABYTE = "x" * 2**20


@pytest.mark.parametrize("name", ["directory_cities", "directory_associations", "good_practice_list"])
def test_a_megabyte_search_is_refused_not_a_server_error(client, people, objects_of_a, name):
    """SQLite refuses a LIKE pattern over 50,000 bytes ("LIKE or GLOB pattern too complex")."""
    client.force_login(people["mentee team"])
    response = client.get(_url(name, "network-a", objects_of_a), {"q": MEGABYTE})
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_a_plan_version_written_in_other_digits_is_a_404(client, people, objects_of_a):
    """'²'.isdigit() is true, and int('²') raises: the PDF of version '²' was a 500."""
    client.force_login(people["mentee team"])
    response = client.post(_url("action_plan_pdf", "network-a", objects_of_a), {"version": "²"})
    assert response.status_code == 404
