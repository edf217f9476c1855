"""Holes the hostile-input walk found (tests/hostile/test_every_form.py), each pinned by a test."""

import pytest
from django.urls import reverse

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


def test_a_city_of_more_inhabitants_than_a_profile_holds_is_refused(client, people, objects_of_a):
    """A population of 99999999999999999999 with "update the profile" ticked was a 500 (OverflowError)."""
    from django_scopes import scopes_disabled

    from programmes.directory.models import City
    from programmes.questionnaires.models import Question

    with scopes_disabled():
        question = Question.objects.get(section__template=objects_of_a["city_question"].section.template,
                                        kind="city_figures")
    client.force_login(people["admin"])
    address = reverse("mentor_strengths_answer",
                      kwargs={"network": "network-a", "pk": objects_of_a["city"].pk, "question_pk": question.pk})
    response = client.post(address, {"population": "99999999999999999999", "migrant_residents": "",
                                     "update_profile": "on", "rows": "0", "version": "0"})
    assert response.status_code == 400
    assert "cannot be more than 2,147,483,647" in response.content.decode()
    with scopes_disabled():
        assert City.objects.get(pk=objects_of_a["city"].pk).population == objects_of_a["city"].population


def test_a_version_name_with_a_nul_is_refused(client, people, objects_of_a):
    """PostgreSQL cannot store NUL in text: the version's name is refused with a reason, as a form field would be."""
    from django.contrib.messages import get_messages
    from django_scopes import scopes_disabled

    from programmes.questionnaires.models import Submission

    client.force_login(people["mentee team"])
    client.post(_url("needs_analysis_answer", "network-a", objects_of_a), {"text": "Our needs", "version": "0"})
    response = client.post(_url("needs_analysis_submit", "network-a", objects_of_a), {"label": "First\x00draft"})
    assert response.status_code == 302
    assert any(str(m).startswith("The version was not frozen:") for m in get_messages(response.wsgi_request))
    with scopes_disabled():
        assert not Submission.objects.exists()
