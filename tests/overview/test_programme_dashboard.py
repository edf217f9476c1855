"""The programme page's dashboard and CSV, and the home page's list of one's mentorships: rows that
follow every change, in queries that do not grow with the programme."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from programmes.actionplans.services import add_action, plan_for
from programmes.mentorships.models import Mentorship
from tests.factories import (
    CityFactory,
    MentorshipFactory,
    MilestoneFactory,
    ParticipantFactory,
    ProgrammeFactory,
    UserFactory,
)


def _url(name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", **kwargs})


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
    with django_assert_max_num_queries(13):  # 12 and the bell's unread count (on every network page)
        assert client.get(_url("directory_city", pk=cities[0].pk)).status_code == 200


def test_my_mentorships_on_the_home_page_in_constant_queries(client, network_a, member_a, programme,
                                                             django_assert_max_num_queries):
    cities = [CityFactory(network=network_a) for _ in range(4)]
    for index in range(25):
        mentorship = MentorshipFactory(network=network_a, programme=programme, title=f"Pair {index:02d}",
                                       mentee=cities[index % 4], mentor=cities[(index + 1) % 4])
        ParticipantFactory(network=network_a, mentorship=mentorship, user=member_a, role="mentor_team")
    client.force_login(member_a)
    # 9, and the bell's unread count and the newest unread notifications ("Since your last visit").
    with django_assert_max_num_queries(11):
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
