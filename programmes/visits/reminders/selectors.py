"""Reads of the reminders: a programme's rules, each visit's delivery log and the reminders that
could not be sent."""

from django.shortcuts import get_object_or_404

from programmes.mentorships.models import Milestone

from ..models import DeliveryStatus, ReminderDelivery, ReminderRule, Visit

FAILED_SHOWN = 50


def rules_of(programme):
    """The programme's reminder rules, in their order (visits first)."""
    return list(ReminderRule.objects.filter(programme=programme))


def get_rule(programme, pk):
    """One of the programme's rules; a rule of another programme (or network) is a 404."""
    return get_object_or_404(ReminderRule.objects.filter(programme=programme, pk=pk))


def deliveries(visit):
    """The visit's reminder log, newest first (coordinators and the teams see it)."""
    return list(ReminderDelivery.objects.filter(event_type="visit", event_id=visit.pk)
                .select_related("recipient").order_by("-created_at", "-pk")[:200])


def failed_deliveries(programme):
    """The programme's reminders that could not be sent, newest first, each with its event (or
    None when it is gone) as `event`, and how many there are in all: four queries."""
    failed = ReminderDelivery.objects.filter(rule__programme=programme, status=DeliveryStatus.FAILED)
    rows = list(failed.select_related("recipient").order_by("-created_at", "-pk")[:FAILED_SHOWN])
    events = {
        "visit": Visit.objects.filter(network=programme.network,
                                      pk__in={row.event_id for row in rows if row.event_type == "visit"}),
        "milestone": Milestone.objects.filter(network=programme.network,
                                              pk__in={row.event_id for row in rows if row.event_type == "milestone"}),
    }
    events = {kind: {event.pk: event for event in queryset} for kind, queryset in events.items()}
    for row in rows:
        row.event = events.get(row.event_type, {}).get(row.event_id)
    return rows, failed.count()
