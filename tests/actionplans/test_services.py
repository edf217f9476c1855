"""The action plan's rules, tested on the services: rows, order, optimistic locking, the workflow
with its frozen versions, comparison and progress."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from programmes.actionplans import selectors, services
from programmes.actionplans.models import Action
from tests.factories import MentorshipFactory

from .conftest import add


def test_rows_keep_the_order_people_give_them(network_a, plan):
    first, second, third = add(plan, "Buddy scheme"), add(plan, "Language café"), add(plan, "Welcome desk")
    with scope(network=network_a):
        services.move_action(third, direction=-1, by=None)
        assert [a.action for a in selectors.actions(plan)] == ["Buddy scheme", "Welcome desk", "Language café"]
        services.reorder(plan, [second.pk, first.pk], by=None)
        assert [(a.position, a.action) for a in selectors.actions(plan)] == [
            (1, "Language café"), (2, "Buddy scheme"), (3, "Welcome desk")]
        services.delete_action(Action.objects.get(pk=first.pk), by=None)
        assert [a.position for a in selectors.actions(plan)] == [1, 2]


def test_two_saves_of_one_row_never_silently_overwrite(network_a, plan):
    row = add(plan, "Buddy scheme")
    with scope(network=network_a):
        saved = services.update_action(row, values={"lead": "Social services"}, based_on_version=1, by=None)
        assert saved.version == 2
        with pytest.raises(services.RowConflict) as conflict:
            services.update_action(row, values={"lead": "Mayor's office"}, based_on_version=1, by=None)
        assert conflict.value.current.lead == "Social services"


def test_an_end_before_the_start_is_refused(network_a, plan):
    with pytest.raises(ValidationError):
        add(plan, "Late", starts=datetime.date(2026, 9, 1), ends=datetime.date(2026, 3, 1))


def test_the_workflow_refuses_skipping_steps_and_freezes_each_step(network_a, plan):
    with scope(network=network_a), pytest.raises(services.EmptyPlanError):
        services.transition(plan, "final", by=None)
    add(plan, "Buddy scheme")
    with scope(network=network_a):
        with pytest.raises(services.TransitionNotAllowedError, match="“Draft” cannot become “Approved”"):
            services.transition(plan, "approved", by=None, approving_body="Council",
                                approved_on=datetime.date(2026, 11, 1))
        plan = services.transition(plan, "final", by=None)
        with pytest.raises(services.PlanFrozenError):
            add(plan, "Too late")
        with pytest.raises(services.ApprovalRecordMissingError):
            services.transition(plan, "approved", by=None)
        plan = services.transition(plan, "approved", by=None, approving_body="City council",
                                   approved_on=datetime.date(2026, 11, 20), approval_reference="45/2026")
        plan = services.transition(plan, "implementation", by=None)
        plan = services.transition(plan, "completed", by=None)
        versions = selectors.versions(plan)
    assert [v.status for v in versions] == ["final", "approved", "implementation", "completed"]
    assert versions[1].snapshot["header"]["approving_body"] == "City council"
    assert versions[0].snapshot["rows"][0]["action"] == "Buddy scheme"


def test_versions_compare_rows_added_removed_and_changed_field_by_field(network_a, plan):
    kept, dropped = add(plan, "Buddy scheme", lead="Social services"), add(plan, "Language café")
    with scope(network=network_a):
        plan = services.transition(plan, "final", by=None)
        plan = services.transition(plan, "draft", by=None)
        services.update_action(kept, values={"lead": "Mayor's office"}, based_on_version=1, by=None)
        services.delete_action(Action.objects.get(pk=dropped.pk), by=None)
    add(plan, "Welcome desk")
    with scope(network=network_a):
        plan = services.transition(plan, "final", by=None)
        first, _draft, last = selectors.versions(plan)
    changes = services.compare(first.snapshot, last.snapshot)
    assert [row["action"] for row in changes["added"]] == ["Welcome desk"]
    assert [row["action"] for row in changes["removed"]] == ["Language café"]
    assert changes["changed"][0]["fields"] == [("lead", "Social services", "Mayor's office")]


def test_progress_is_recorded_after_approval_and_counted(network_a, plan):
    rows = [add(plan, f"Action {n}") for n in range(4)]
    with scope(network=network_a):
        with pytest.raises(services.ProgressBeforeApprovalError):
            services.record_progress(rows[0], progress="on_track", note="", by=None)
        plan = services.transition(plan, "final", by=None)
        plan = services.transition(plan, "approved", by=None, approving_body="Council",
                                   approved_on=datetime.date(2026, 11, 1))
        for row, progress in zip(rows, ["on_track", "done", "delayed", "dropped"], strict=True):
            services.record_progress(Action.objects.get(pk=row.pk), progress=progress, note="Started", by=None)
        share = selectors.plans_by_mentorship([plan.mentorship_id])[plan.mentorship_id][1]
        assert share == 67  # 2 of the 3 not dropped
        empty = services.plan_for(MentorshipFactory(network=network_a))
        assert selectors.plans_by_mentorship([empty.mentorship_id])[empty.mentorship_id][1] is None
