"""Reads for the visit pages and the upcoming lists, with what each shows fetched up front."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from programmes.mentorships.models import Participant

from .models import AgendaItem, FollowUp, Visit, VisitParticipant, VisitStatus

UPCOMING = 5


def visits_of(mentorship):
    """The mentorship's own visits and meetings, and its programme's training sessions."""
    return list(Visit.objects.filter(Q(mentorship=mentorship) | Q(programme_id=mentorship.programme_id,
                                                                   mentorship__isnull=True))
                .select_related("host_city").order_by("starts_at", "pk"))


def trainings_of(programme):
    return list(Visit.objects.filter(programme=programme, mentorship__isnull=True).order_by("starts_at", "pk"))


def get_visit(network, pk, **scope):
    """One visit with its agenda (and its good practices), participants, report and follow-ups."""
    return get_object_or_404(
        Visit.objects.filter(network=network, pk=pk, **scope)
        .select_related("host_city", "mentorship__programme", "programme", "report")
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.prefetch_related("good_practices", "key_factors")),
            Prefetch("participants", queryset=VisitParticipant.objects.select_related("user")),
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("done_at", "due_on", "pk")),
        )
    )


def get_agenda_item(visit, pk):
    return get_object_or_404(AgendaItem.objects.filter(visit=visit, pk=pk))


def get_follow_up(visit, pk):
    return get_object_or_404(FollowUp.objects.filter(visit=visit, pk=pk))


def upcoming_for(participations, network, *, now=None):
    """The next visits and meetings of the person's mentorships and programmes in this network,
    from their participations there (the home page lists them anyway): no query for someone who
    takes part in none, and no subquery over every participant otherwise."""
    mentorship_ids, programme_ids = _of_participations(participations)
    if not mentorship_ids:
        return []
    now = now or timezone.now()
    return list(
        Visit.objects.filter(network=network, ends_at__gte=now).exclude(status=VisitStatus.CANCELLED)
        .filter(Q(mentorship_id__in=mentorship_ids) | Q(mentorship__isnull=True, programme_id__in=programme_ids))
        .select_related("mentorship", "programme", "host_city").order_by("starts_at")[:UPCOMING]
    )


def _of_participations(participations):
    """({mentorship ids}, {programme ids}) of the given participations."""
    return ({p.mentorship_id for p in participations}, {p.mentorship.programme_id for p in participations})


def upcoming_of(mentorship, *, now=None):
    """The mentorship's next visits and meetings, and its programme's next training sessions."""
    now = now or timezone.now()
    return list(Visit.objects.filter(Q(mentorship=mentorship) | Q(programme_id=mentorship.programme_id,
                                                                   mentorship__isnull=True))
                .filter(ends_at__gte=now).exclude(status=VisitStatus.CANCELLED)
                .select_related("host_city").order_by("starts_at")[:UPCOMING])


def open_follow_ups(mentorship):
    return list(FollowUp.objects.filter(visit__mentorship=mentorship, done_at__isnull=True)
                .select_related("visit").order_by("due_on", "pk"))


def feed_visits(user):
    """Every visit of the person's mentorships and programmes, in every network (for the calendar feed)."""
    return Visit.objects.filter(_of_people(user)).select_related("mentorship", "programme").prefetch_related("agenda")


def _of_people(user):
    """Visits of the person's mentorships, and training sessions of their mentorships' programmes.
    Subqueries rather than joins: joining every visit to every participant of its programme made
    the network home's list of five take 6 ms of a 500-visit network, and needed DISTINCT."""
    theirs = Participant.objects.filter(user=user)
    return Q(mentorship__in=theirs.values("mentorship")) | Q(
        mentorship__isnull=True, programme__in=theirs.values("mentorship__programme"))


def deliveries(visit):
    """The visit's reminder log, newest first (coordinators and the teams see it)."""
    from .models import ReminderDelivery

    return list(ReminderDelivery.objects.filter(event_type="visit", event_id=visit.pk)
                .select_related("recipient").order_by("-created_at", "-pk")[:200])


FAILED_SHOWN = 50


def failed_deliveries(programme):
    """The programme's reminders that could not be sent, newest first, each with its event (or
    None when it is gone) as `event`, and how many there are in all: four queries."""
    from programmes.mentorships.models import Milestone

    from .models import DeliveryStatus, ReminderDelivery

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


def visit_counts(mentorships):
    """{(mentorship id, status): number of its visits and meetings} for the dashboard, in one query."""
    from django.db.models import Count

    rows = (Visit.objects.filter(mentorship__in=mentorships).values("mentorship_id", "status")
            .annotate(count=Count("pk")).order_by())
    return {(row["mentorship_id"], row["status"]): row["count"] for row in rows}


def upcoming_deadlines(participations, network, *, today=None):
    """The next milestones of the programmes the person takes part in (the home page's deadlines),
    from their participations in this network, as upcoming_for."""
    from programmes.mentorships.models import Milestone

    programme_ids = _of_participations(participations)[1]
    if not programme_ids:
        return []
    today = today or timezone.localdate()
    return list(Milestone.objects.filter(network=network, due_date__gte=today, programme_id__in=programme_ids)
                .select_related("programme").order_by("due_date", "pk")[:UPCOMING])
