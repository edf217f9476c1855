"""The "Changes to …" panels of programme and mentorship pages, after every tracked field changed.

History rows do not carry the fields a model keeps out of its history (a mentorship's private
notes): the panels must compare only what the history tracks, and never show what it leaves out.
"""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from programmes.mentorships import services
from programmes.mentorships.models import Mentorship, Participant, Programme
from tests.factories import MembershipFactory, ParticipantFactory, ProgrammeFacilitatorFactory, UserFactory
from tests.history import change_every_field


def _url(name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", **kwargs})


@pytest.fixture
def readers(network_a, coordinator_a, mentorship):
    mentee, facilitator = UserFactory(), UserFactory()
    MembershipFactory(network=network_a, user=mentee)
    ParticipantFactory(network=network_a, mentorship=mentorship, user=mentee, role="mentee_team", is_lead=True)
    MembershipFactory(network=network_a, user=facilitator, role="facilitator")
    ProgrammeFacilitatorFactory(network=network_a, programme=mentorship.programme, user=facilitator)
    return {"mentee team": mentee, "coordinator": coordinator_a, "facilitator": facilitator}


def test_mentorship_page_opens_for_everyone_after_its_private_notes_are_saved(client, network_a, mentorship,
                                                                               readers):
    client.force_login(readers["mentee team"])
    response = client.post(_url("mentorship_content", pk=mentorship.pk),
                           {"private_notes": "The mayor hesitates.", "shared_summary": "Visit 1 went well."})
    assert response.status_code == 302
    for role, reader in readers.items():
        client.force_login(reader)
        page = client.get(_url("mentorship_detail", pk=mentorship.pk))
        assert page.status_code == 200, role
        assert "Visit 1 went well." in page.content.decode()


def test_mentorship_page_opens_after_a_coordinator_edits_the_mentorship(client, network_a, coordinator_a, mentorship,
                                                                       readers, capaci, mechelen):
    with scope(network=network_a):
        services.update_mentorship_content(mentorship, private_notes="Keep it between us.", shared_summary="",
                                           by=readers["mentee team"])
    client.force_login(coordinator_a)
    response = client.post(_url("mentorship_edit", pk=mentorship.pk), {
        "title": "Capaci and Mechelen", "focus": "A buddy scheme", "phase": "visits",
        "mentee_city": capaci.pk, "mentor_city": mechelen.pk,
    })
    assert response.status_code == 302
    for role, reader in readers.items():
        client.force_login(reader)
        page = client.get(_url("mentorship_detail", pk=mentorship.pk))
        assert page.status_code == 200, role
        assert "Capaci and Mechelen" in page.content.decode()


def test_history_panels_show_every_tracked_change_and_never_private_notes(client, network_a, mentorship, readers):
    with scopes_disabled():
        change_every_field(Programme.objects.get(pk=mentorship.programme_id))
        change_every_field(Mentorship.objects.get(pk=mentorship.pk))
        change_every_field(Participant.objects.get(mentorship=mentorship, user=readers["mentee team"]))
        private_notes = Mentorship.objects.get(pk=mentorship.pk).private_notes
    for role, reader in readers.items():
        client.force_login(reader)
        page = client.get(_url("mentorship_detail", pk=mentorship.pk))
        assert page.status_code == 200, role
        text = page.content.decode()
        assert "A new focus" in text  # the change of focus is listed
        if role != "mentee team":
            assert private_notes not in text, role
    client.force_login(readers["coordinator"])
    assert client.get(_url("programme_detail", pk=mentorship.programme_id)).status_code == 200
