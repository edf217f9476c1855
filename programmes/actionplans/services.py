"""Every change to an action plan: rows, their order and links, the workflow with its frozen
versions, comments and progress. Rows are saved with optimistic locking (Action.version), so a
second save over someone else's never wins silently."""

from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError
from programmes.core.links import replace_links
from programmes.notifications import mentions
from programmes.notifications.services import notify
from programmes.tenancy.services import audit

from . import checkins
from .models import Action, ActionComment, ActionKeyFactor, ActionNeed, ActionPlan, PlanStatus, PlanVersion

ROW_FIELDS = ["action", "results", "starts", "ends", "timeline_note", "lead", "resources", "success_measure"]

# Which step leads where, and what the button says. Approval needs its record (body, date).
TRANSITIONS = {
    PlanStatus.DRAFT: [PlanStatus.FINAL],
    PlanStatus.FINAL: [PlanStatus.DRAFT, PlanStatus.APPROVED],
    PlanStatus.APPROVED: [PlanStatus.IMPLEMENTATION],
    PlanStatus.IMPLEMENTATION: [PlanStatus.COMPLETED],
    PlanStatus.COMPLETED: [],
}


class ActionPlanError(DomainError):
    message = _("This change to the action plan is not possible.")


class TransitionNotAllowedError(ActionPlanError):
    def __init__(self, current, wanted):
        super().__init__(_("A plan that is “%(current)s” cannot become “%(wanted)s”.")
                         % {"current": PlanStatus(current).label, "wanted": PlanStatus(wanted).label})


class ApprovalRecordMissingError(ActionPlanError):
    message = _("Record who approved the plan and when.")


class PlanFrozenError(ActionPlanError):
    message = _("The plan is no longer a draft: set it back to draft to change its actions.")


class EmptyPlanError(ActionPlanError):
    message = _("Add at least one action before marking the plan final.")


class ProgressBeforeApprovalError(ActionPlanError):
    message = _("Progress is recorded once the plan is approved.")


class RowConflict(ActionPlanError):
    """Someone saved this row since the person opened it; `current` is the stored row."""

    message = _("Someone else saved this action while you were editing it. Compare both and keep what is right.")

    def __init__(self, current):
        super().__init__()
        self.current = current


def plan_for(mentorship):
    plan, _created = ActionPlan.objects.get_or_create(network=mentorship.network, mentorship=mentorship)
    return plan


def _editable(plan):
    if plan.status != PlanStatus.DRAFT:
        raise PlanFrozenError()


def _lock(plan):
    """The plan row, locked until the transaction ends: every change to the order of its rows
    (add, move, remove, reorder) takes this lock first, so two of them never number rows from the
    same reading. The status is read from the locked row, not from the caller's copy."""
    return ActionPlan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def add_action(plan, *, values, needs=(), key_factors=(), by):
    plan = _lock(plan)
    _editable(plan)
    last = plan.actions.aggregate(last=Max("position"))["last"]
    action = Action(network=plan.network, plan=plan, position=(last or 0) + 1, updated_by=by, **values)
    action.full_clean(exclude=["plan", "network", "updated_by"])
    action.save()
    _set_links(action, needs, key_factors)
    audit(plan.network, by=by, action="action_plan.action_added", subject=str(action))
    return action


@transaction.atomic
def update_action(action, *, values, needs=(), key_factors=(), based_on_version, by):
    """Save the row if nobody saved it since `based_on_version`; else raise RowConflict."""
    locked = Action.objects.select_for_update().select_related("plan").get(pk=action.pk)
    _editable(locked.plan)
    if locked.version != based_on_version:
        raise RowConflict(locked)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.updated_by = by
    locked.full_clean(exclude=["plan", "network", "updated_by"])
    locked.save()
    _set_links(locked, needs, key_factors)
    return locked


def _set_links(action, needs, key_factors):
    replace_links(ActionNeed, owner_field="action", owner=action, target_field="question", targets=needs)
    replace_links(ActionKeyFactor, owner_field="action", owner=action, target_field="key_factor", targets=key_factors)


@transaction.atomic
def delete_action(action, *, by):
    plan = _lock(action.plan)
    _editable(plan)
    audit(action.network, by=by, action="action_plan.action_removed", subject=str(action))
    action.delete()
    _renumber(plan, list(Action.objects.filter(plan=plan).order_by("position", "pk")))


def _renumber(plan, rows):
    """Positions 1…n in the given order: the row number people see is the position.

    (plan, position) is unique and both databases check it row by row, so a swap or a shift
    written directly would meet a number still held by another row. The rows are first moved
    above every number in use, in one statement, then given their final numbers."""
    above = max([len(rows), *(row.position for row in rows)]) + 1
    Action.objects.filter(plan=plan).update(position=F("position") + above)
    for position, row in enumerate(rows, start=1):
        row.position = position
    Action.objects.bulk_update(rows, ["position"])


@transaction.atomic
def move_action(action, *, direction, by):
    """Swap the row with its neighbour above (-1) or below (+1); the order is the plan's."""
    plan = _lock(action.plan)
    _editable(plan)
    rows = list(Action.objects.filter(plan=plan).order_by("position", "pk"))
    index = next(i for i, row in enumerate(rows) if row.pk == action.pk)
    other = index + direction
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    _renumber(plan, rows)


@transaction.atomic
def reorder(plan, ordered_ids, *, by):
    """Put the rows in the order of `ordered_ids` (rows not named keep their place at the end)."""
    plan = _lock(plan)
    _editable(plan)
    rows = {row.pk: row for row in Action.objects.filter(plan=plan)}
    ordered = [rows.pop(pk) for pk in ordered_ids if pk in rows]
    ordered += sorted(rows.values(), key=lambda row: (row.position, row.pk))
    _renumber(plan, ordered)


@transaction.atomic
def transition(plan, wanted, *, by, approving_body="", approved_on=None, approval_reference=""):
    """Move the plan to `wanted` if the workflow allows it, and freeze a version of it."""
    plan = ActionPlan.objects.select_for_update().select_related("mentorship__programme").get(pk=plan.pk)
    if wanted not in TRANSITIONS[plan.status]:
        raise TransitionNotAllowedError(plan.status, wanted)
    if wanted == PlanStatus.FINAL and not plan.actions.exists():
        raise EmptyPlanError()
    if wanted == PlanStatus.APPROVED:
        if not approving_body.strip() or approved_on is None:
            raise ApprovalRecordMissingError()
        plan.approving_body, plan.approved_on = approving_body.strip(), approved_on
        plan.approval_reference = approval_reference.strip()
    plan.status = wanted
    plan.save()
    checkins.schedule(plan)
    version = freeze(plan, by=by)
    audit(plan.network, by=by, action=f"action_plan.{wanted}", subject=str(plan.mentorship), version=version.number)
    plan.told = _tell_status(plan, version, by=by)
    return plan


# The plan's steps that people around the mentorship hear about (completion is not told).
STATUS_EVENTS = {PlanStatus.FINAL: "plan.final", PlanStatus.APPROVED: "plan.approved",
                 PlanStatus.DRAFT: "plan.draft", PlanStatus.IMPLEMENTATION: "plan.implementation"}

# Who the plan's rows and their comments concern besides their writers: the team that writes it.
PLAN_WRITERS = ("mentee_team",)


def _plan_url(mentorship, fragment=""):
    return reverse("action_plan", kwargs={"network": mentorship.network.slug, "pk": mentorship.pk}) + fragment


def _tell_status(plan, version, *, by):
    """Everyone around the mentorship who reads the plan (its participants, the programme's
    facilitators, the network's coordinators) hears of its new step."""
    event = STATUS_EVENTS.get(plan.status)
    if event is None:
        return None
    circle = mentions.circle(plan.mentorship_id)
    return notify(event, target=circle.mentorship, perm="actionplans.view_plan", link=_plan_url(circle.mentorship),
                  key=f"{event}:{plan.pk}:{version.number}", people=circle.people, by=by,
                  mentorship=circle.mentorship, params={"title": mentions.title(circle.mentorship.title)})


def freeze(plan, *, by):
    last = plan.versions.aggregate(last=Max("number"))["last"] or 0
    return PlanVersion.objects.create(network=plan.network, plan=plan, number=last + 1, status=plan.status,
                                      snapshot=snapshot(plan), created_by=by)


def snapshot(plan):
    """The plan as plain data: the header and each row with its links, ready to compare or print."""
    rows = Action.objects.filter(plan=plan).prefetch_related("needs", "key_factors").order_by("position", "pk")
    return {
        "header": {"status": plan.status, "approving_body": plan.approving_body,
                   "approved_on": plan.approved_on.isoformat() if plan.approved_on else "",
                   "approval_reference": plan.approval_reference},
        "rows": [_row_data(row) for row in rows],
    }


def _row_data(row):
    data = {"id": row.pk}
    for name in ROW_FIELDS:
        value = getattr(row, name)
        data[name] = value.isoformat()[:7] if hasattr(value, "isoformat") else (value or "")
    data["needs"] = sorted(q.number for q in row.needs.all())
    data["key_factors"] = sorted(f.number for f in row.key_factors.all())
    data["progress"] = row.progress
    data["progress_note"] = row.progress_note
    return data


def compare(older, newer):
    """Rows added, removed and changed (field by field) from snapshot `older` to `newer`."""
    before = {row["id"]: row for row in older["rows"]}
    after = {row["id"]: row for row in newer["rows"]}
    fields = [*ROW_FIELDS, "needs", "key_factors", "progress", "progress_note"]
    return {
        "added": [after[pk] for pk in after if pk not in before],
        "removed": [before[pk] for pk in before if pk not in after],
        "changed": [
            {"row": after[pk], "fields": [(name, before[pk].get(name), after[pk].get(name)) for name in fields
                                          if before[pk].get(name) != after[pk].get(name)]}
            for pk in after if pk in before and any(before[pk].get(n) != after[pk].get(n) for n in fields)
        ],
    }


@transaction.atomic
def record_progress(action, *, progress, note, on=None, by):
    plan = action.plan
    if not plan.is_approved:
        raise ProgressBeforeApprovalError()
    Action.objects.filter(pk=action.pk).update(progress=progress, progress_note=note.strip()[:500],
                                               progress_on=on or timezone.localdate(), updated_by=by,
                                               version=F("version") + 1)
    audit(plan.network, by=by, action="action_plan.progress", subject=str(action), progress=progress)


@transaction.atomic
def comment(action, *, text, by):
    """A comment on one row. The row's last writer, its earlier commenters and the mentee team are
    told, and anyone it @mentions; `comment.told` says who was, and who was named but may not read
    the plan (its comments are shown with its rows)."""
    created = ActionComment.objects.create(network=action.network, action=action, author=by, text=text.strip()[:5000])
    circle = mentions.circle(action.plan.mentorship_id)
    ids = [action.updated_by_id, *ActionComment.objects.filter(action=action).exclude(pk=created.pk)
           .values_list("author_id", flat=True)]
    link = _plan_url(circle.mentorship, f"#action-{action.pk}")  # the row, with its comments, on the plan page
    created.told = notify("comment.action", target=circle.mentorship, perm="actionplans.view_plan", link=link,
                          key=f"comment.action:{created.pk}",
                          people=[*circle.users(ids), *circle.with_role(*PLAN_WRITERS)], by=by,
                          mentorship=circle.mentorship, named=circle.named_in(created.text),
                          params={"title": mentions.title(action.action), "excerpt": mentions.excerpt(created.text)})
    return created
