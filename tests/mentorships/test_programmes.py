from datetime import date, timedelta

from django.urls import reverse
from django_scopes import scope

from programmes.mentorships import services
from programmes.mentorships.models import Programme
from programmes.tenancy.models import AuditEntry
from programmes.visits.models import DEFAULT_OFFSETS, ReminderRule
from tests.factories import MilestoneFactory, ProgrammeFactory


def _url(name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", **kwargs})


PROGRAMME = {
    "title": "IncluCities 2027", "theme": "Integration of third-country nationals", "description": "",
    "languages": "English, Italian", "start_date": "2027-01-01", "end_date": "2028-06-30", "format": "pairs",
    "uses_benchmark": "", "max_focus_factors": "3", "planned_visits": "4", "status": "draft",
}


def test_coordinator_creates_a_programme_with_the_methods_milestones(client, network_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(_url("programme_create"), PROGRAMME, follow=True)
    page = response.content.decode()
    assert "adjust their dates" in page
    with scope(network=network_a):
        programme = Programme.objects.get(title="IncluCities 2027")
        milestones = list(programme.milestones.order_by("due_date"))
        # visits adds its reminder rules when told of the new programme (mentorships.signals)
        reminders = sorted(ReminderRule.objects.filter(programme=programme).values_list("target", "offsets"))
    assert reminders == [("milestones", DEFAULT_OFFSETS), ("visits", DEFAULT_OFFSETS)]
    assert [str(m) for m in milestones] == [
        "Needs analysis, first draft", "Matching", "Training", "Mentoring visit 1", "Mentoring visit 2",
        "Mentoring visit 3", "Mentoring visit 4", "Final action plan", "Approval of the action plan",
    ]
    assert milestones[-1].due_date == date(2028, 6, 30)
    assert all(programme.start_date <= m.due_date <= programme.end_date for m in milestones)
    assert not programme.uses_benchmark  # mentoring without a benchmark is valid


def test_impossible_dates_and_visits_are_explained_and_input_kept(client, network_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(_url("programme_create"), {**PROGRAMME, "end_date": "2026-12-31", "planned_visits": "11"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "The end date cannot be before the start date." in page
    assert "Plan between 1 and 10 visits." in page
    assert 'value="IncluCities 2027"' in page
    assert 'value="English, Italian"' in page


def test_milestone_outside_the_programme_is_refused(client, network_a, coordinator_a, programme):
    client.force_login(coordinator_a)
    response = client.post(_url("milestone_create", programme_pk=programme.pk),
                           {"kind": "training", "due_date": "1999-01-01"})
    assert response.status_code == 400
    assert "Choose a date within the programme" in response.content.decode()
    response = client.post(_url("milestone_create", programme_pk=programme.pk), {"kind": "visit", "due_date": ""})
    assert "Say which visit this is." in response.content.decode()


def test_programme_dates_cannot_leave_milestones_outside(client, network_a, coordinator_a, programme):
    MilestoneFactory(network=network_a, programme=programme, due_date=programme.end_date)
    client.force_login(coordinator_a)
    data = {**PROGRAMME, "start_date": programme.start_date.isoformat(), "end_date": programme.start_date.isoformat()}
    response = client.post(_url("programme_edit", pk=programme.pk), data)
    assert response.status_code == 400
    assert "Some milestones fall outside these dates" in response.content.decode()


def test_a_draft_is_visible_only_to_coordinators(client, network_a, member_a, coordinator_a):
    draft = ProgrammeFactory(network=network_a, title="Secret draft", status="draft")
    client.force_login(member_a)
    assert "Secret draft" not in client.get(_url("programme_list")).content.decode()
    assert client.get(_url("programme_detail", pk=draft.pk)).status_code == 403
    client.force_login(coordinator_a)
    assert "Secret draft" in client.get(_url("programme_list")).content.decode()


def test_programme_changes_are_kept_with_who_and_what(client, network_a, coordinator_a, programme):
    client.force_login(coordinator_a)
    data = {**PROGRAMME, "title": "IncluCities renamed", "start_date": programme.start_date.isoformat(),
            "end_date": programme.end_date.isoformat(), "status": "running"}
    client.post(_url("programme_edit", pk=programme.pk), data)
    page = client.get(_url("programme_detail", pk=programme.pk)).content.decode()
    assert "Carla Coordinator" in page
    assert "Title: IncluCities → IncluCities renamed" in page


def test_coordinator_attaches_a_facilitator(client, network_a, coordinator_a, programme):
    from tests.factories import MembershipFactory, UserFactory

    facilitator = UserFactory(full_name="Fabio Facilitator")
    MembershipFactory(network=network_a, user=facilitator, role="facilitator")
    client.force_login(coordinator_a)
    response = client.post(_url("facilitator_add", pk=programme.pk), {"user": facilitator.pk}, follow=True)
    assert "The facilitator was added to the programme." in response.content.decode()
    with scope(network=network_a):
        assert programme.facilitators.get().user == facilitator


def test_the_page_audits_the_fields_whose_value_changed(client, network_a, coordinator_a, programme):
    client.force_login(coordinator_a)
    data = {**PROGRAMME, "title": "IncluCities renamed", "start_date": programme.start_date.isoformat(),
            "end_date": programme.end_date.isoformat(), "status": "running"}
    client.post(_url("programme_edit", pk=programme.pk), data)
    client.post(_url("programme_edit", pk=programme.pk), {**data, "status": "closed"})
    with scope(network=network_a):
        changes = [entry.data["fields"] for entry in AuditEntry.objects.filter(action="programme.changed")
                   .order_by("pk")]
    assert changes == [["languages", "planned_visits", "theme", "title", "uses_benchmark"], ["status"]]


def test_a_task_creates_and_changes_a_programme_with_values_alone(network_a, coordinator_a):
    with scope(network=network_a):
        programme = services.create_programme(
            network=network_a, by=coordinator_a, title="IncluCities 2027", theme="Integration",
            start_date=date(2027, 1, 1), end_date=date(2028, 6, 30), planned_visits=2,
        )
        assert programme.milestones.count() == 7  # needs analysis, matching, training, 2 visits, plan, approval
        assert ReminderRule.objects.filter(programme=programme).count() == 2  # programme_created was sent
        services.update_programme(programme, by=coordinator_a, title="IncluCities 2027–2028", theme="Integration")
        programme.refresh_from_db()
        assert programme.title == "IncluCities 2027–2028"
        assert programme.history.first().history_user == coordinator_a
        entries = list(AuditEntry.objects.filter(subject__startswith="IncluCities").order_by("pk"))
    assert [(e.action, e.actor, e.data.get("fields")) for e in entries] == [
        ("programme.created", coordinator_a, None), ("programme.changed", coordinator_a, ["title"]),
    ]


def test_a_milestone_is_added_and_moved_with_values_alone(network_a, coordinator_a, programme):
    due = programme.start_date + timedelta(days=10)
    with scope(network=network_a):
        milestone = services.save_milestone(programme, by=coordinator_a, kind="other", title="Kick-off", due_date=due)
        services.save_milestone(programme, milestone=milestone, by=coordinator_a, due_date=due + timedelta(days=1))
        milestone.refresh_from_db()
        saved = list(AuditEntry.objects.filter(action="milestone.saved").order_by("pk")
                     .values_list("data", flat=True))
    assert (milestone.programme, milestone.title) == (programme, "Kick-off")
    assert milestone.due_date == due + timedelta(days=1)
    assert saved == [{"due": due.isoformat()}, {"due": (due + timedelta(days=1)).isoformat()}]
