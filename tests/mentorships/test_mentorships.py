import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from programmes.actionplans.services import add_action, plan_for
from programmes.mentorships.models import Mentorship, Participant
from tests.factories import (
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    MilestoneFactory,
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


def test_dashboard_shows_phase_next_milestone_and_overdue_in_words(client, network_a, coordinator_a, programme,
                                                                    mentorship, capaci, mechelen):
    today = timezone.localdate()
    late = MilestoneFactory(network=network_a, programme=programme, kind="matching", due_date=today - timedelta(days=5))
    MilestoneFactory(network=network_a, programme=programme, kind="training", due_date=today + timedelta(days=20))
    on_time = MentorshipFactory(network=network_a, programme=programme, title="On time", mentee=mechelen, mentor=capaci,
                                phase="visits")
    client.force_login(coordinator_a)
    client.post(_url("milestone_record", pk=on_time.pk, milestone_pk=late.pk), {"done": "1"})
    page = client.get(_url("programme_detail", pk=programme.pk)).content.decode()
    assert "Overdue: 1 milestone" in page
    overdue_only = client.get(_url("programme_detail", pk=programme.pk), {"overdue": "on"}).content.decode()
    assert "Capaci – Mechelen" in overdue_only
    assert ">On time<" not in overdue_only
    by_phase = client.get(_url("programme_detail", pk=programme.pk), {"phase": "visits"}).content.decode()
    assert ">On time<" in by_phase
    assert "Capaci – Mechelen" not in by_phase

    response = client.get(_url("programme_dashboard_csv", pk=programme.pk))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mentorship", "Mentee", "Mentor"]
    capaci_row = next(row for row in rows if row[0] == "Capaci – Mechelen")
    assert capaci_row[1].startswith("Capaci")
    assert capaci_row[5] == "Matching"
    assert capaci_row[7]


def test_dashboard_queries_do_not_grow_with_mentorships_and_participants(client, network_a, coordinator_a,
                                                                         django_assert_max_num_queries):
    programme = ProgrammeFactory(network=network_a)
    for number in range(8):
        MilestoneFactory(network=network_a, programme=programme, due_date=programme.start_date + timedelta(days=number))
    cities = [CityFactory(network=network_a) for _ in range(10)]
    users = [UserFactory() for _ in range(200)]
    for index in range(40):
        mentorship = MentorshipFactory(network=network_a, programme=programme,
                                       mentee=cities[index % 10], mentor=cities[(index + 1) % 10])
        for user in users[index * 5:(index + 1) * 5]:
            ParticipantFactory(network=network_a, mentorship=mentorship, user=user)
        with scope(network=network_a):
            plan = plan_for(mentorship)
            for number in range(5):
                add_action(plan, values={"action": f"Action {number}"}, by=None)
    client.force_login(coordinator_a)
    # 18: among them the cities with whether their support group has a migrant representative, the
    # action plans with their actions (status and share on track), and the person's recent PDF jobs.
    with django_assert_max_num_queries(18):
        assert client.get(_url("programme_detail", pk=programme.pk)).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(_url("programme_dashboard_csv", pk=programme.pk)).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(_url("mentorship_detail", pk=mentorship.pk)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(_url("directory_city", pk=cities[0].pk)).status_code == 200


def test_my_mentorships_on_the_home_page_in_constant_queries(client, network_a, member_a, programme,
                                                             django_assert_max_num_queries):
    cities = [CityFactory(network=network_a) for _ in range(4)]
    for index in range(25):
        mentorship = MentorshipFactory(network=network_a, programme=programme, title=f"Pair {index:02d}",
                                       mentee=cities[index % 4], mentor=cities[(index + 1) % 4])
        ParticipantFactory(network=network_a, mentorship=mentorship, user=member_a, role="mentor_team")
    client.force_login(member_a)
    with django_assert_max_num_queries(9):
        page = client.get("/network-a/").content.decode()
    assert "Pair 00" in page
    assert "Pair 24" in page
    assert "Mentor team" in page


def test_dashboard_rows_follow_every_change(client, network_a, coordinator_a, programme, mentorship, capaci):
    """The next reading after a change of phase, city name, milestone or plan shows it, however
    the change was made (here a queryset update that no signal sees)."""
    client.force_login(coordinator_a)
    url = _url("programme_detail", pk=programme.pk)
    assert "Capaci" in client.get(url).content.decode()
    with scope(network=network_a):
        Mentorship.objects.filter(pk=mentorship.pk).update(phase="action_plan")
        capaci.name = "Capaci (CS)"
        capaci.save()
        MilestoneFactory(network=network_a, programme=programme, kind="matching",
                         due_date=timezone.localdate() - timedelta(days=3))
        plan_for(mentorship)
    page = client.get(url).content.decode()
    assert "Capaci (CS)" in page
    assert "Overdue: 1 milestone" in page
    assert "<td>Action plan</td>" in page
    assert ">Draft</a>" in page
