
from django.urls import reverse
from django_scopes import scope

from programmes.mentorships.models import Mentorship, Participant
from tests.factories import (
    CityFactory,
    MembershipFactory,
    ParticipantFactory,
    ProgrammeFacilitatorFactory,
    ProgrammeFactory,
    UserFactory,
)


def _url(name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", **kwargs})


def test_coordinator_pairs_a_mentee_with_a_mentor(client, network_a, coordinator_a, programme, capaci, mechelen):
    client.force_login(coordinator_a)
    response = client.post(_url("mentorship_create", programme_pk=programme.pk), {
        "title": "Capaci – Mechelen", "focus": "Building a city for all", "phase": "preparation",
        "mentee_city": capaci.pk, "mentor_city": mechelen.pk,
    }, follow=True)
    page = response.content.decode()
    assert "The mentorship was saved." in page
    assert "with AICCRE" in page
    assert "with VVSG" in page
    city_page = client.get(_url("directory_city", pk=capaci.pk)).content.decode()
    assert "Capaci – Mechelen" in city_page
    assert "IncluCities" in city_page


def test_mentor_must_be_another_city(client, network_a, coordinator_a, programme, capaci):
    client.force_login(coordinator_a)
    response = client.post(_url("mentorship_create", programme_pk=programme.pk), {
        "title": "Capaci alone", "phase": "preparation", "mentee_city": capaci.pk, "mentor_city": capaci.pk,
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "The mentor city must be another city than the mentee city." in page
    assert 'value="Capaci alone"' in page


def test_city_of_another_network_cannot_be_paired(client, network_a, network_b, coordinator_a, programme, capaci):
    foreign = CityFactory(network=network_b, name="Elsewhere")
    client.force_login(coordinator_a)
    response = client.post(_url("mentorship_create", programme_pk=programme.pk), {
        "title": "Cross", "phase": "preparation", "mentee_city": capaci.pk, "mentor_city": foreign.pk,
    })
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_community_of_practice_needs_two_peer_cities(client, network_a, coordinator_a, capaci, mechelen):
    community = ProgrammeFactory(network=network_a, format="community")
    client.force_login(coordinator_a)
    url = _url("mentorship_create", programme_pk=community.pk)
    response = client.post(url, {"title": "Peers", "phase": "preparation", "peer_cities": [capaci.pk]})
    assert "A community of practice needs at least two cities." in response.content.decode()
    client.post(url, {"title": "Peers", "phase": "preparation", "peer_cities": [capaci.pk, mechelen.pk]})
    with scope(network=network_a):
        assert Mentorship.objects.get(title="Peers").cities.filter(side="peer").count() == 2


def test_city_in_a_mentorship_cannot_be_deleted(client, network_a, coordinator_a, mentorship, capaci):
    client.force_login(coordinator_a)
    response = client.post(_url("directory_city_delete", pk=capaci.pk), follow=True)
    assert "takes part in mentorships" in response.content.decode()


def test_inviting_a_member_adds_them_and_tells_them(client, network_a, coordinator_a, mentorship, member_a,
                                                    mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("participant_invite", pk=mentorship.pk),
                               {"email": member_a.email, "role": "mentor_team", "language": "en"}, follow=True)
    assert "now takes part in the mentorship" in response.content.decode()
    assert mailoutbox[-1].to == [member_a.email]
    assert "Capaci – Mechelen" in mailoutbox[-1].subject
    response = client.post(_url("participant_invite", pk=mentorship.pk),
                           {"email": member_a.email, "role": "observer", "language": "en"})
    assert response.status_code == 400
    assert "already takes part in the mentorship" in response.content.decode()


def test_newcomer_is_invited_joins_and_sees_the_mentorship(client, network_a, coordinator_a, mentorship,
                                                           mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("participant_invite", pk=mentorship.pk),
                    {"email": "sindaca@capaci.example", "role": "mentee_team", "language": "it"})
    message = mailoutbox[-1]
    assert "Capaci – Mechelen" in message.body
    assert "Team mentee" in message.body
    again = client.post(_url("participant_invite", pk=mentorship.pk),
                        {"email": "sindaca@capaci.example", "role": "mentee_team", "language": "it"})
    assert "already been invited" in again.content.decode()

    client.logout()
    token = message.body.split("/accounts/invitations/")[1].split("/")[0]
    client.get(reverse("invitation_accept", kwargs={"token": token}))
    password = "a-strong-password-for-capaci"
    response = client.post(reverse("account_signup"), {
        "email": "sindaca@capaci.example", "password1": password, "password2": password,
    }, follow=True)
    assert response.redirect_chain[-1][0] == "/network-a/"
    assert "Capaci – Mechelen" in response.content.decode()  # under "My mentorships"
    with scope(network=network_a):
        assert Participant.objects.get(user__email="sindaca@capaci.example").role == "mentee_team"


def test_confidential_notes_stay_within_the_mentorship(client, network_a, coordinator_a, mentorship):
    with scope(network=network_a):
        Mentorship.objects.filter(pk=mentorship.pk).update(private_notes="The mayor hesitates.",
                                                           shared_summary="Visit 1 went well.")
    mentee = UserFactory()
    MembershipFactory(network=network_a, user=mentee)
    ParticipantFactory(network=network_a, mentorship=mentorship, user=mentee, role="mentee_team")
    facilitator = UserFactory()
    MembershipFactory(network=network_a, user=facilitator, role="facilitator")
    ProgrammeFacilitatorFactory(network=network_a, programme=mentorship.programme, user=facilitator)

    for outsider_of_the_mentoring in (coordinator_a, facilitator):
        client.force_login(outsider_of_the_mentoring)
        page = client.get(_url("mentorship_detail", pk=mentorship.pk)).content.decode()
        assert "Visit 1 went well." in page
        assert "The mayor hesitates." not in page
        assert client.get(_url("mentorship_content", pk=mentorship.pk)).status_code == 403
    client.force_login(mentee)
    page = client.get(_url("mentorship_detail", pk=mentorship.pk)).content.decode()
    assert "The mayor hesitates." in page
    client.post(_url("mentorship_content", pk=mentorship.pk), {"private_notes": "Now convinced.", "shared_summary": ""})
    with scope(network=network_a):
        assert Mentorship.objects.get(pk=mentorship.pk).private_notes == "Now convinced."


def test_network_member_outside_the_mentorship_cannot_open_it(client, network_a, member_a, mentorship):
    client.force_login(member_a)
    assert client.get(_url("mentorship_detail", pk=mentorship.pk)).status_code == 403


def test_lead_invites_but_other_participants_do_not(client, network_a, mentorship):
    lead, observer = UserFactory(), UserFactory()
    for user, role, is_lead in ((lead, "mentee_team", True), (observer, "observer", False)):
        MembershipFactory(network=network_a, user=user)
        ParticipantFactory(network=network_a, mentorship=mentorship, user=user, role=role, is_lead=is_lead)
    client.force_login(observer)
    assert client.get(_url("participant_invite", pk=mentorship.pk)).status_code == 403
    assert client.post(_url("milestone_record", pk=mentorship.pk, milestone_pk=1), {"done": "1"}).status_code in (403, 404)
    client.force_login(lead)
    assert client.get(_url("participant_invite", pk=mentorship.pk)).status_code == 200
