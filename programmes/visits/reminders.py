"""Reminders: which are due, and a sweep that sends each exactly once.

Beat runs `sweep` every few minutes. It works out which reminders are due, records them as
deliveries — only those not recorded yet, and the unique key (rule, event, recipient, offset,
kind, sequence) makes a racing sweep's insert a no-op — then claims pending deliveries batch by
batch with SELECT … FOR UPDATE SKIP LOCKED, so two overlapping sweeps never hand the same
delivery to a worker, and queues one task per claimed delivery as each batch is claimed. Reading
what is due takes the same queries for 10 reminders as for 10,000; recording and claiming take
one insert and one claim per batch of 500.

For an event and a person only the latest due offset is sent: a visit planned two days ahead gets
its "2 days before" reminder, not also a late "14 days before" one.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from programmes.mentorships.models import Milestone, Mentorship, Participant

from .models import (
    DeliveryKind,
    DeliveryStatus,
    ReminderDelivery,
    ReminderRule,
    ReminderTarget,
    Visit,
    VisitParticipant,
    VisitStatus,
)

BATCH = 500
MAX_BATCHES_PER_SWEEP = 100  # 50,000 reminders; the next sweep takes any rest
OFFSET_PATTERN = re.compile(r"^(\d+)\s*([dhw])$")
UNIT_MINUTES = {"h": 60, "d": 24 * 60, "w": 7 * 24 * 60}
# Who hears about milestones and, when nobody was invited, about a visit.
PARTY_ROLES = {"mentee_team", "mentor_team", "mentee_association", "mentor_association"}
MILESTONE_TIME = time(9, 0)  # milestones have a date; they are "due" at 9:00 in the network's time zone


class InvalidOffset(ValueError):
    pass


def parse_offsets(text):
    """'14d, 2d, 3h' -> [20160, 2880, 180] minutes, largest first; InvalidOffset names the culprit."""
    offsets = []
    for part in [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]:
        match = OFFSET_PATTERN.match(part.lower())
        if not match or int(match.group(1)) == 0:
            raise InvalidOffset(part)
        offsets.append(int(match.group(1)) * UNIT_MINUTES[match.group(2)])
    if not offsets:
        raise InvalidOffset("")
    return sorted(set(offsets), reverse=True)


def offset_text(minutes):
    if minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}
    hours = minutes // 60
    return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}


def time_until(moment, now=None):
    """'12 days' or '5 hours' from now until `moment`, as a reminder says it (a late reminder tells
    the real time left, not its nominal offset)."""
    minutes = max(0, int((moment - (now or timezone.now())).total_seconds() // 60))
    if minutes >= 24 * 60:
        return offset_text(round(minutes / (24 * 60)) * 24 * 60)
    return offset_text(max(1, round(minutes / 60)) * 60)


def offsets_input(minutes_list):
    """The text a coordinator edits: minutes back to '14d, 2d'."""
    parts = []
    for minutes in minutes_list:
        if minutes % (24 * 60) == 0:
            parts.append(f"{minutes // (24 * 60)}d")
        else:
            parts.append(f"{minutes // 60}h")
    return ", ".join(parts)


@dataclass
class Due:
    rule: ReminderRule
    event_type: str
    event_id: int
    starts_at: datetime
    recipients: list
    sequence: int = 0  # a visit's SEQUENCE when the reminder is recorded


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
    """Every reminder whose moment has come, with its recipients (a fixed number of queries)."""
    rules = list(ReminderRule.objects.select_related("programme"))
    if not rules:
        return []
    horizon = now + timedelta(minutes=max(max(rule.offsets, default=0) for rule in rules))
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
                    offset = _latest_due_offset(rule.offsets, visit.starts_at, now)
                    if offset is not None:
                        due.append((Due(rule, "visit", visit.pk, visit.starts_at, _recipients(invited),
                                        visit.sequence), offset))
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
                    offset = _latest_due_offset(rule.offsets, starts_at, now)
                    if offset is not None:
                        due.append((Due(rule, "milestone", milestone.pk, starts_at, _recipients(people)), offset))
    return due


@transaction.atomic
def record(now):
    """Insert the due reminders and the update notices as pending deliveries (duplicates are ignored)."""
    rows = [
        ReminderDelivery(network_id=item.rule.network_id, rule=item.rule, event_type=item.event_type,
                         event_id=item.event_id, recipient=person, offset=offset, kind=DeliveryKind.REMINDER,
                         sequence=item.sequence, due_at=now)
        for item, offset in due_reminders(now) for person in item.recipients
    ]
    rows.extend(_update_notices(now))
    rows = _not_recorded_yet(rows, now)
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH)
    _cancel_pending_of_gone_visits()
    return len(rows)


def _key(delivery):
    return (delivery.rule_id, delivery.event_type, delivery.event_id, delivery.recipient_id, delivery.offset,
            delivery.kind, delivery.sequence)


def _not_recorded_yet(rows, now):
    """Drop what an earlier sweep recorded, so that sweeping 10,000 coming visits every few
    minutes does not re-send 20,000 rows for the database to ignore. A reminder of an event that
    has not started was recorded at most its offset before the event, hence within the longest
    offset among these rows before now; anything older that slips through is still ignored by
    the unique key."""
    if not rows:
        return rows
    longest = max(row.offset for row in rows)
    recorded = set(ReminderDelivery.objects.filter(due_at__gte=now - timedelta(minutes=longest)).values_list(
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


def claim(now, *, limit=BATCH):
    """Take up to `limit` pending deliveries for this sweep alone; returns their ids."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        ids = list(ReminderDelivery.objects.select_for_update(skip_locked=True)
                   .filter(status=DeliveryStatus.PENDING, due_at__lte=now).order_by("due_at", "pk")
                   .values_list("pk", flat=True)[:limit])
        ReminderDelivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING, claimed_by=token)
    return list(ReminderDelivery.objects.filter(pk__in=ids, claimed_by=token).values_list("pk", flat=True))


def sweep(now=None, *, enqueue):
    """Record what is due, then claim it batch by batch, handing each claimed delivery to
    `enqueue(id)` as soon as its batch is claimed (workers start on the first 500 while the
    sweep claims the next)."""
    now = now or timezone.now()
    claimed = []
    with scopes_disabled():  # the sweep serves every network; each delivery carries its network
        record(now)
        for _ in range(MAX_BATCHES_PER_SWEEP):
            batch = claim(now)
            for delivery_id in batch:
                enqueue(delivery_id)
            claimed.extend(batch)
            if len(batch) < BATCH:
                break
    return claimed

