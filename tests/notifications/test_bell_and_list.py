"""The bell and the list of notifications: who is told (only those who may read the object, never
the person who did it, once per event), the unread count in the top bar, the list grouped by
mentorship and newest first, opening one (marked read, straight to its object), and the list's
query count whatever the number of notifications."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope

from programmes.mentorships.models import Participant
from programmes.mentorships.services import remove_facilitator, remove_participant
from programmes.notifications.kinds import EVENTS
from programmes.notifications.models import Notification
from programmes.notifications.services import notify
from programmes.tenancy.models import Membership
from programmes.tenancy.services import change_role
from tests.factories import (
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    ParticipantFactory,
    ProgrammeFacilitatorFactory,
    UserFactory,
)
from tests.notifications.helpers import notification_for, participant


@pytest.fixture
def mentee(mentorship):
    return participant(mentorship, "giulia@capaci.example")


@pytest.fixture
def mentor(mentorship):
    return participant(mentorship, "jan@mechelen.example", role="mentor_team")


def _tell(mentorship, people, *, by=None, perm="mentorships.view_mentorship_content", key="answer:1"):
    with scope(network=mentorship.network):
        return notify("comment.answer", target=mentorship, perm=perm, key=key, people=people, by=by,
                      mentorship=mentorship, link=f"/network-a/mentorships/{mentorship.pk}/#q-1",
                      params={"title": "Which services do newcomers use?", "excerpt": "Could you add figures?"})


def test_only_people_who_may_read_are_told_never_the_writer(mentorship, mentee, mentor, admin_a):
    told = _tell(mentorship, [mentee, mentor, admin_a], by=mentor)
    assert told.recipients == [mentee]  # the network's admin sees status, not content (Annex 1)
    with scope(network=mentorship.network):
        assert list(Notification.objects.values_list("recipient__email", flat=True)) == ["giulia@capaci.example"]


def test_one_event_tells_a_person_once(mentorship, mentee, mentor):
    _tell(mentorship, [mentee, mentee], by=mentor)
    _tell(mentorship, [mentee], by=mentor)
    with scope(network=mentorship.network):
        assert Notification.objects.count() == 1


def test_the_bell_counts_unread_and_the_list_leads_to_the_object(client, mentorship, mentee, mentor):
    _tell(mentorship, [mentee], by=mentor)
    client.force_login(mentee)
    home = client.get(reverse("network_home", kwargs={"network": "network-a"})).content.decode()
    assert "Notifications: 1 unread" in home
    assert 'class="badge rounded-pill bell-count" aria-hidden="true">1<' in home
    page = client.get(reverse("notification_list", kwargs={"network": "network-a"})).content.decode()
    assert "Capaci – Mechelen" in page  # grouped under its mentorship
    assert "Jan commented on “Which services do newcomers use?”" in page
    assert "Could you add figures?" in page
    with scope(network=mentorship.network):
        notification = Notification.objects.get()
    opened = client.post(reverse("notification_open", kwargs={"network": "network-a", "pk": notification.pk}))
    assert opened["Location"] == f"/network-a/mentorships/{mentorship.pk}/#q-1"
    notification.refresh_from_db()
    assert notification.read_at is not None
    home = client.get(reverse("network_home", kwargs={"network": "network-a"})).content.decode()
    assert "Notifications: 0 unread" in home
    assert "bell-count" not in home


def test_mark_all_read(client, mentorship, mentee):
    with scope(network=mentorship.network):
        for number in range(3):
            notification_for(mentee, mentorship, title=f"Visit {number}")
    client.force_login(mentee)
    response = client.post(reverse("notifications_all_read", kwargs={"network": "network-a"}), follow=True)
    assert "All notifications are marked as read." in response.content.decode()
    with scope(network=mentorship.network):
        assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_list_is_newest_first_in_the_readers_language(client, mentorship, mentee):
    with scope(network=mentorship.network):
        notification_for(mentee, mentorship, title="First visit")
        notification_for(mentee, mentorship, title="Second visit")
    mentee.language = "it"
    mentee.save()
    client.force_login(mentee)
    page = client.get(reverse("notification_list", kwargs={"network": "network-a"}), HTTP_ACCEPT_LANGUAGE="it")
    text = page.content.decode()
    assert text.index("Second visit") < text.index("First visit")
    assert 'lang="it"' in text


def test_someone_elses_notification_is_not_found(client, mentorship, mentee, mentor):
    with scope(network=mentorship.network):
        notification = notification_for(mentee, mentorship)
    client.force_login(mentor)
    for name in ("notification_open", "notification_read"):
        response = client.post(reverse(name, kwargs={"network": "network-a", "pk": notification.pk}))
        assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_list_costs_the_same_queries_for_few_and_many(client, mentorship, mentee, network_a,
                                                          django_assert_max_num_queries):
    others = [MentorshipFactory(network=network_a, programme=mentorship.programme, title=f"Pair {n}",
                                mentee=CityFactory(network=network_a), mentor=CityFactory(network=network_a))
              for n in range(5)]
    for other in others:
        ParticipantFactory(network=network_a, mentorship=other, user=mentee, role="mentee_association")
    client.force_login(mentee)
    url = reverse("notification_list", kwargs={"network": "network-a"})
    with scope(network=network_a):
        notification_for(mentee, mentorship)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    with scope(network=network_a):
        for number in range(40):
            notification_for(mentee, others[number % 5], title=f"Visit {number}")
    with django_assert_max_num_queries(12) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_notification_leaves_the_list_with_the_right_to_read_it(client, mentorship, mentee, network_a):
    """A facilitator detached from the programme no longer reads the mentorship: what they were
    told of it leaves their list (and, once the list is seen, the bell's count)."""
    facilitator = UserFactory(email="fabio@cemr.example", full_name="Fabio")
    MembershipFactory(network=network_a, user=facilitator, role="facilitator")
    attached = ProgrammeFacilitatorFactory(network=network_a, programme=mentorship.programme, user=facilitator)
    with scope(network=network_a):
        notification_for(facilitator, mentorship, title="Set-up visit in Capaci")
    client.force_login(facilitator)
    url = reverse("notification_list", kwargs={"network": "network-a"})
    assert "Set-up visit in Capaci" in client.get(url).content.decode()
    with scope(network=network_a):
        remove_facilitator(attached, by=None)
    page = client.get(url).content.decode()
    assert "Set-up visit in Capaci" not in page
    assert "Notifications: 0 unread" in page


def test_leaving_a_mentorship_takes_its_notifications_read_or_not(client, mentorship, mentee, mentor, network_a):
    _tell(mentorship, [mentee], by=mentor)
    with scope(network=network_a):
        Notification.objects.update(read_at=timezone.now())
        remove_participant(Participant.objects.get(user=mentee), by=None)
        assert not Notification.objects.exists()


def test_a_quiet_spell_of_one_week_is_said_in_the_singular():
    quiet = EVENTS["mentorship.quiet"]
    assert quiet.text({"title": "Capaci – Mechelen", "weeks": 1}) == "Nothing has happened in “Capaci – Mechelen” for 1 week"
    with translation.override("it"):
        assert quiet.text({"title": "Capaci – Mechelen", "weeks": 4}).endswith("da 4 settimane")


def test_a_coordinator_made_a_member_no_longer_finds_the_mentorships_news_on_the_home_page(client, mentorship,
                                                                                        network_a, coordinator_a):
    with scope(network=network_a):
        notification_for(coordinator_a, mentorship, title="Set-up visit in Capaci")
    client.force_login(coordinator_a)
    home = reverse("network_home", kwargs={"network": "network-a"})
    assert "Set-up visit in Capaci" in client.get(home).content.decode()
    with scope(network=network_a):
        change_role(Membership.objects.get(user=coordinator_a), role="member", by=None)
    page = client.get(home).content.decode()
    assert "Set-up visit in Capaci" not in page
    assert "Notifications: 0 unread" in page
