"""Check-ins after approval: some months after a plan is approved (Programme.check_in_months, e.g.
6 and 12), the mentee team updates the progress of every action.

`schedule(plan)` records the plan's check-ins when it is approved. A check-in opens two weeks
before its date, is due from its date for 30 days, is done once every open action (neither done
nor dropped) has a progress update dated on or after its opening, and is overdue once those 30
days have passed without that. Whether it is done is read from the actions each time
(`with_done`), in the same query that reads the check-ins, so it follows every update without
being kept in step.

`sweep(today)` tells each plan's mentee team once, when a check-in becomes due (the notification's
key is the check-in), network by network inside each network's scope; one network's bad data
never stops another's check-ins.
"""

import calendar
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from programmes.mentorships.models import check_in_months_problem
from programmes.notifications.services import notify
from programmes.tenancy.models import Network

from .models import Action, CheckIn, CheckInState, PlanStatus, ProgressStatus

logger = logging.getLogger(__name__)

OPENS_BEFORE = timedelta(days=14)  # progress recorded from two weeks before the date counts
DUE_FOR = timedelta(days=30)  # due from its date for 30 days, overdue afterwards
FINISHED = [ProgressStatus.DONE, ProgressStatus.DROPPED]  # actions that need no more updates
FOLLOWED = [PlanStatus.APPROVED, PlanStatus.IMPLEMENTATION]  # plans whose check-ins are told
# The badge of each state, on the plan page and the programme dashboard.
BADGES = {
    CheckInState.UPCOMING: "text-bg-light border",
    CheckInState.DUE: "text-bg-warning",
    CheckInState.DONE: "text-bg-success",
    CheckInState.OVERDUE: "text-bg-danger",
}


def add_months(day, months):
    """`day` plus `months` calendar months, on the last day of a shorter month (31 Aug + 6 → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def schedule(plan):
    """Record the check-ins of `plan`, just approved, at each of its programme's months after its
    approval date; nothing for a plan that is not (just) approved. Months that cannot be used
    (stored past the form's checks) are skipped and logged; running it twice records each
    check-in once."""
    if plan.status != PlanStatus.APPROVED:
        return []
    months = plan.mentorship.programme.check_in_months
    if check_in_months_problem(months):
        logger.warning("Check-ins of plan %s: the programme's months %r cannot be used", plan.pk, months)
        return []
    approved = plan.approved_on or timezone.localdate()
    rows = []
    for month in sorted(set(months)):
        due = add_months(approved, month)
        rows.append(CheckIn(network_id=plan.network_id, plan=plan, months=month, due_on=due,
                            opens_on=due - OPENS_BEFORE))
    CheckIn.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


def _waiting_actions(plan_ref, opens_ref):
    """The plan's open actions without a progress update since the check-in opened."""
    return (Action.objects.filter(plan=plan_ref).exclude(progress__in=FINISHED)
            .filter(Q(progress_on__isnull=True) | Q(progress_on__lt=opens_ref)))


def with_done(check_ins):
    """`check_ins` annotated with `done`: every open action has progress dated since it opened."""
    return check_ins.annotate(done=~Exists(_waiting_actions(OuterRef("plan_id"), OuterRef("opens_on"))))


def state_of(check_in, today):
    """The state of a check-in annotated by `with_done`, on `today`."""
    if check_in.done and today >= check_in.opens_on:
        return CheckInState.DONE
    if today < check_in.due_on:
        return CheckInState.UPCOMING
    if today < check_in.due_on + DUE_FOR:
        return CheckInState.DUE
    return CheckInState.OVERDUE


@dataclass(frozen=True)
class Shown:
    """A check-in as a page shows it: its date, how many months after approval, its state."""

    months: int
    opens_on: date
    due_on: date
    state: str

    @property
    def overdue_on(self):
        return self.due_on + DUE_FOR

    @property
    def label(self):
        return CheckInState(self.state).label

    @property
    def badge(self):
        return BADGES[self.state]


def for_plan(plan, today=None):
    """The plan's check-ins with their state, in one query (none before the plan is approved)."""
    if plan is None or not plan.is_approved:
        return []
    today = today or timezone.localdate()
    return [Shown(c.months, c.opens_on, c.due_on, state_of(c, today))
            for c in with_done(CheckIn.objects.filter(plan=plan)).order_by("due_on", "pk")]


def relevant_annotations(today, *, mentorship_ref="pk"):
    """Annotations for a queryset of mentorships (one query whatever their number) naming the
    check-in a coordinator should see first: `check_in_pending` and `check_in_pending_months`, the
    oldest one already open and not done (due or overdue, or about to be due); `check_in_next`,
    the next one not yet open; `check_in_done`, the latest one open and done."""
    of_plan = with_done(CheckIn.objects.filter(plan__mentorship=OuterRef(mentorship_ref),
                                               plan__status__in=FOLLOWED))
    opened = of_plan.filter(opens_on__lte=today)
    pending = opened.filter(done=False).order_by("due_on", "pk")
    return {
        "check_in_pending": Subquery(pending.values("due_on")[:1]),
        "check_in_next": Subquery(of_plan.filter(opens_on__gt=today).order_by("due_on", "pk").values("due_on")[:1]),
        "check_in_done": Subquery(opened.filter(done=True).order_by("-due_on", "-pk").values("due_on")[:1]),
    }


def relevant(mentorship, today):
    """(state, date) of the check-in to show for a mentorship annotated by `relevant_annotations`,
    or None when its plan has none to show."""
    pending = getattr(mentorship, "check_in_pending", None)
    if pending is not None:
        if today < pending:
            return CheckInState.UPCOMING, pending
        return (CheckInState.DUE if today < pending + DUE_FOR else CheckInState.OVERDUE), pending
    done, coming = getattr(mentorship, "check_in_done", None), getattr(mentorship, "check_in_next", None)
    if done is not None:
        return CheckInState.DONE, done
    if coming is not None:
        return CheckInState.UPCOMING, coming
    return None


# --- The daily sweep ----------------------------------------------------------------------------

def due_to_tell(today):
    """The active network's check-ins that are due on `today`, not done, not told yet, of plans
    still followed, with what telling needs (one query, and one for the mentee teams)."""
    return list(with_done(CheckIn.objects.filter(
        due_on__lte=today, due_on__gt=today - DUE_FOR, notified_at__isnull=True, plan__status__in=FOLLOWED))
        .filter(done=False)
        .select_related("plan__mentorship__programme__network", "plan__mentorship__network")
        .prefetch_related("plan__mentorship__participants__user", "plan__mentorship__programme__facilitators")
        .order_by("due_on", "pk"))


def tell(check_in, now):
    """Tell the mentee team that `check_in` is due, once (its key), and record that it was told."""
    mentorship = check_in.plan.mentorship
    people = [p.user for p in mentorship.participants.all() if p.role == "mentee_team"]
    link = reverse("action_plan", kwargs={"network": mentorship.network.slug, "pk": mentorship.pk}) + "#actions"
    notify("plan.check_in", target=mentorship, perm="actionplans.record_progress", link=link,
           key=f"check_in:{check_in.pk}", people=people, mentorship=mentorship,
           params={"title": mentorship.title})
    CheckIn.objects.filter(pk=check_in.pk).update(notified_at=now)


def sweep_network(network, today, now):
    """One network's check-ins, inside its scope; each check-in on its own, so that one that
    cannot be told (logged) neither stops the others nor another network."""
    told = 0
    with scope(network=network):
        for check_in in due_to_tell(today):
            try:
                with transaction.atomic():
                    tell(check_in, now)
                told += 1
            except Exception:  # noqa: BLE001 - the next check-in must not pay for this one; the log says why
                logger.exception("Check-ins of network %s: check-in %s failed", network.slug, check_in.pk)
    return told


def sweep(today=None):
    """Every network's due check-ins, told once; returns how many were told."""
    now = timezone.now()
    today = today or timezone.localdate()
    told = 0
    for network in Network.objects.order_by("pk"):
        try:
            told += sweep_network(network, today, now)
        except Exception:  # noqa: BLE001 - one network's bad data never stops another's check-ins
            logger.exception("Check-ins of network %s failed", network.slug)
    return told

