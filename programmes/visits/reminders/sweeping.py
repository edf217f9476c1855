"""The reminder sweep: which reminders are due, recorded and claimed so that each is sent exactly once.

Beat runs `sweep` every few minutes. It goes through the networks one by one, inside each
network's scope (`with scope(network=...)`, as a request does): it works out which reminders are
due, records them as deliveries — only those not recorded yet, and the unique key (rule, event,
recipient, offset, kind, sequence) makes a racing sweep's insert a no-op — cancels those whose
visit is gone and fails those whose every send was lost. Then it claims pending deliveries batch
by batch with SELECT … FOR UPDATE SKIP LOCKED, so two overlapping sweeps never hand the same
delivery to a worker, and queues one task per claimed delivery, with its network, as each batch
is claimed. That claim is the one step outside any scope (`_claim_due_across_networks`). The task
opens the delivery's network scope and claims its delivery again for itself before it sends
(`sending.py`), so a redelivered copy of it sends nothing; a claim lost with its message or its
worker is queued again once stale. Reading what is due takes the same queries for 10 reminders
as for 10,000 (per network); recording and claiming take one insert and one claim per batch of 500.

For an event and a person only the latest due offset is sent: a visit planned two days ahead gets
its "2 days before" reminder, not also a late "14 days before" one.

One network's data never stops another's reminders: each step of each network runs on its own
(its own scope, its own transaction, its failure logged), and a rule whose offsets cannot be used
fails its own deliveries, with the reason for the coordinators' reminders page, instead of raising.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.mentorships.models import Mentorship, Milestone, Participant
from programmes.tenancy.models import Network

from ..models import (
    MAX_OFFSET,
    DeliveryKind,
    DeliveryStatus,
    FailureKind,
    ReminderDelivery,
    ReminderRule,
    ReminderTarget,
    Visit,
    VisitParticipant,
    VisitStatus,
    offsets_problem,
)

logger = logging.getLogger(__name__)
BATCH = 500
MAX_BATCHES_PER_SWEEP = 100  # 50,000 reminders; the next sweep takes any rest
# Who hears about milestones and, when nobody was invited, about a visit.
PARTY_ROLES = {"mentee_team", "mentor_team", "mentee_association", "mentor_association"}
MILESTONE_TIME = time(9, 0)  # milestones have a date; they are "due" at 9:00 in the network's time zone
# A claim is a promise that a task is at work: one older than this was lost with its message or
# its worker (killed mid-send), and is taken over; it is longer than any send and any retry's wait.
STALE_CLAIM = timedelta(minutes=30)
MAX_ATTEMPTS = 5


@dataclass
class Due:
    rule: ReminderRule
    event_type: str
    event_id: int
    starts_at: datetime
    recipients: list
    sequence: int = 0  # a visit's SEQUENCE when the reminder is recorded
    problem: str = ""  # why its rule cannot be used: the deliveries are recorded as failed


def _due(rule, problems, event_type, event_id, starts_at, people, now, sequence=0):
    """[(Due, offset)] of one rule for one event. A rule that cannot be used is due at once for
    every event it could concern (within a year), as a failure that says why."""
    if starts_at <= now:
        return []
    problem = problems.get(rule.pk, "")
    offset = 0 if problem else _latest_due_offset(rule.offsets, starts_at, now)
    if offset is None:
        return []
    return [(Due(rule, event_type, event_id, starts_at, _recipients(people), sequence, problem), offset)]


def _latest_due_offset(offsets, starts_at, now):
    """The smallest offset whose moment has come, if the event has not started."""
    if starts_at <= now:
        return None
    due = [offset for offset in offsets if starts_at - timedelta(minutes=offset) <= now]
    return min(due) if due else None


def _recipients(users):
    seen, people = set(), []
    for user in users:
        if user.pk not in seen and user.is_active and user.wants_reminders:
            seen.add(user.pk)
            people.append(user)
    return people


def due_reminders(now):
    """Every reminder of the active scope's network whose moment has come, with its recipients (a
    fixed number of queries)."""
    rules = list(ReminderRule.objects.select_related("programme"))
    if not rules:
        return []
    problems = {rule.pk: problem for rule in rules if (problem := offsets_problem(rule.offsets))}
    longest = max((max(rule.offsets) for rule in rules if rule.pk not in problems), default=0)
    if problems:  # a rule that cannot be used concerns every event within the longest possible offset
        longest = MAX_OFFSET
    horizon = now + timedelta(minutes=longest)
    visit_rules = [rule for rule in rules if rule.target == ReminderTarget.VISITS]
    milestone_rules = [rule for rule in rules if rule.target == ReminderTarget.MILESTONES]
    team = Participant.objects.filter(role__in=PARTY_ROLES).select_related("user")
    due = []
    if visit_rules:
        visits = (Visit.objects.filter(programme_id__in={r.programme_id for r in visit_rules},
                                       status=VisitStatus.PLANNED, starts_at__gt=now, starts_at__lte=horizon)
                  .prefetch_related(Prefetch("participants", queryset=VisitParticipant.objects.select_related("user")),
                                    Prefetch("mentorship__participants", queryset=team),
                                    Prefetch("programme__mentorships", queryset=Mentorship.objects.prefetch_related(
                                        Prefetch("participants", queryset=team)))))
        for visit in visits:
            invited = [p.user for p in visit.participants.all()]
            if not invited:
                mentorships = [visit.mentorship] if visit.mentorship_id else list(visit.programme.mentorships.all())
                invited = [p.user for m in mentorships for p in m.participants.all()]
            for rule in visit_rules:
                if rule.programme_id == visit.programme_id:
                    due.extend(_due(rule, problems, "visit", visit.pk, visit.starts_at, invited, now, visit.sequence))
    if milestone_rules:
        zone = timezone.get_default_timezone()
        milestones = (Milestone.objects.filter(programme_id__in={r.programme_id for r in milestone_rules},
                                               due_date__gte=timezone.localdate(now), due_date__lte=horizon.date())
                      .prefetch_related(Prefetch("programme__mentorships", queryset=Mentorship.objects
                                                 .prefetch_related(Prefetch("participants", queryset=team)))))
        for milestone in milestones:
            starts_at = datetime.combine(milestone.due_date, MILESTONE_TIME, tzinfo=zone)
            people = [p.user for m in milestone.programme.mentorships.all() for p in m.participants.all()]
            for rule in milestone_rules:
                if rule.programme_id == milestone.programme_id and (not rule.milestone_kind
                                                                     or rule.milestone_kind == milestone.kind):
                    due.extend(_due(rule, problems, "milestone", milestone.pk, starts_at, people, now))
    return due


def _sweep_network(network, now):
    """One network's part of the sweep, inside its scope: record what is due, cancel what waits for
    a visit that is gone, fail what no worker could ever send. Each step is on its own, so that a
    step that fails (logged) neither stops the network's other steps nor any other network."""
    with scope(network=network):
        _on_its_own(network, _record, now)
        _on_its_own(network, _cancel_pending_of_gone_visits)
        _on_its_own(network, _give_up_lost_sends, now)


def _on_its_own(network, step, *args):
    """Run one step of one network's sweep in its own transaction: whatever fails in it is rolled
    back and logged, and the sweep goes on; the next sweep tries again."""
    try:
        with transaction.atomic():
            step(*args)
    except Exception:  # noqa: BLE001 - the next network must not pay for this one; the log says why
        logger.exception("Reminders of network %s: %s failed", network.slug, step.__name__)


def _record(now):
    """Insert the network's due reminders and update notices as pending deliveries (duplicates are
    ignored)."""
    rows = [
        ReminderDelivery(network_id=item.rule.network_id, rule=item.rule, event_type=item.event_type,
                         event_id=item.event_id, recipient=person, offset=offset, kind=DeliveryKind.REMINDER,
                         sequence=item.sequence, due_at=now, **_failed(item.problem))
        for item, offset in due_reminders(now) for person in item.recipients
    ]
    rows.extend(_update_notices(now))
    rows = _not_recorded_yet(rows, now)
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH)
    return len(rows)


def _failed(problem):
    if not problem:
        return {}
    return {"status": DeliveryStatus.FAILED, "failure": FailureKind.RULE, "last_error": problem[:300]}


def _key(delivery):
    return (delivery.rule_id, delivery.event_type, delivery.event_id, delivery.recipient_id, delivery.offset,
            delivery.kind, delivery.sequence)


def _not_recorded_yet(rows, now):
    """Drop what an earlier sweep recorded, so that sweeping 10,000 coming visits every few
    minutes does not re-send 20,000 rows for the database to ignore. A reminder of an event that
    has not started was recorded at most its offset before the event, hence within the longest
    offset among these rows before now; a failure of a rule that cannot be used, whenever it was
    recorded, is found by its rule; anything older that slips through is still ignored by the
    unique key."""
    if not rows:
        return rows
    longest = max(row.offset for row in rows)
    broken = {row.rule_id for row in rows if row.status == DeliveryStatus.FAILED}
    recorded = set(ReminderDelivery.objects.filter(Q(due_at__gte=now - timedelta(minutes=longest))
                                                   | Q(rule_id__in=broken)).values_list(
        "rule_id", "event_type", "event_id", "recipient_id", "offset", "kind", "sequence"))
    return [row for row in rows if _key(row) not in recorded]


def _update_notices(now):
    """People reminded of a visit that has changed since (or was cancelled) hear about it once per change."""
    changed = Visit.objects.filter(pk=OuterRef("event_id"), ends_at__gt=now, sequence__gt=OuterRef("sequence"))
    sent = (ReminderDelivery.objects.filter(event_type="visit", kind=DeliveryKind.REMINDER,
                                            status=DeliveryStatus.SENT)
            .annotate(current=Subquery(changed.values("sequence")[:1])).filter(current__isnull=False)
            .values_list("network_id", "rule_id", "event_id", "recipient_id", "current").distinct())
    return [
        ReminderDelivery(network_id=network_id, rule_id=rule_id, event_type="visit", event_id=event_id,
                         recipient_id=recipient_id, offset=0, kind=DeliveryKind.UPDATE, sequence=current, due_at=now)
        for network_id, rule_id, event_id, recipient_id, current in sent
    ]


def _cancel_pending_of_gone_visits():
    """A reminder waiting for a visit that was cancelled or deleted is never sent."""
    planned = Visit.objects.filter(status=VisitStatus.PLANNED).values("pk")
    ReminderDelivery.objects.filter(status=DeliveryStatus.PENDING, event_type="visit",
                                    kind=DeliveryKind.REMINDER).exclude(event_id__in=planned) \
        .update(status=DeliveryStatus.CANCELLED)


def _queueable(now):
    """Deliveries a sweep may queue: waiting ones, ones queued so long ago that their message must
    be lost, and ones whose worker stopped mid-send (the task's own claim keeps a late original
    copy from sending too)."""
    stale = now - STALE_CLAIM
    waiting = Q(status=DeliveryStatus.PENDING) & (Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
    return waiting | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale, attempts__lt=MAX_ATTEMPTS)


def _claim_due_across_networks(now, *, limit=BATCH):
    """Queue up to `limit` due deliveries, of every network, for this sweep alone; returns their
    (id, network id). They stay pending: the task that sends one claims it for itself first, inside
    its network's scope.

    This is the one part of the reminders that runs outside any network's scope, on purpose: the
    oldest due deliveries of all networks are taken in one locked query per batch (FOR UPDATE SKIP
    LOCKED, then marked with this sweep's token), so that two sweeps racing never take the same
    row, the batch limit and due order hold across networks, and a quiet sweep costs one claim,
    not one per network. It reads and marks delivery rows only, by their status and times, and
    hands each on with its own network; nothing here reads an event, a person or a rule."""
    token = uuid.uuid4().hex
    with scopes_disabled():
        with transaction.atomic():
            ids = list(ReminderDelivery.objects.select_for_update(skip_locked=True)
                       .filter(_queueable(now), due_at__lte=now).order_by("due_at", "pk")
                       .values_list("pk", flat=True)[:limit])
            ReminderDelivery.objects.filter(_queueable(now), pk__in=ids).update(
                status=DeliveryStatus.PENDING, claimed_by=token, claimed_at=now)
        return list(ReminderDelivery.objects.filter(pk__in=ids, claimed_by=token).values_list("pk", "network_id"))


def _give_up_lost_sends(now):
    """A delivery whose every claim was lost mid-send (a worker killed each time, perhaps by this
    very message) is failed, not taken over for ever."""
    ReminderDelivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM,
                                    attempts__gte=MAX_ATTEMPTS).update(
        status=DeliveryStatus.FAILED, failure=FailureKind.SENDING,
        last_error="WorkerLost: every claim expired mid-send")


def sweep(now=None, *, enqueue):
    """Sweep each network inside its scope, then claim what is due batch by batch, handing each
    claimed delivery to `enqueue(delivery_id, network_id)` as soon as its batch is claimed (workers
    start on the first 500 while the sweep claims the next). Returns the claimed ids."""
    now = now or timezone.now()
    for network in Network.objects.order_by("pk"):
        _sweep_network(network, now)
    claimed = []
    for _ in range(MAX_BATCHES_PER_SWEEP):
        batch = _claim_due_across_networks(now)
        for delivery_id, network_id in batch:
            enqueue(delivery_id, network_id)
        claimed.extend(delivery_id for delivery_id, _network_id in batch)
        if len(batch) < BATCH:
            break
    return claimed
