"""Reads for the visit pages and the upcoming lists, with what each shows fetched up front.

(The reminders' reads are in reminders/selectors.py, the calendar feed's in calendar/selectors.py.)"""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from programmes.benchmarks.models import KeyFactor
from programmes.directory.models import City
from programmes.mentorships.models import Milestone, Participant, ProgrammeFacilitator
from programmes.questionnaires.models import GoodPractice

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


def host_cities(programme, mentorship=None):
    """The cities a visit can be hosted by, as the form's choices (a queryset): the mentorship's
    own cities, or for a training session any city of the programme's network."""
    if mentorship is not None:
        return City.objects.filter(pk__in=[p.city_id for p in mentorship.cities.all()])
    return City.objects.filter(network=programme.network)


def invitable_people(programme, mentorship=None):
    """Who can be invited to a visit: the mentorship's participants and the programme's
    facilitators, or for a training session everyone taking part in the programme (by name).
    One query, two for a mentorship (its participants are the ones its page has fetched)."""
    if mentorship is not None:
        people = {p.user_id: p.user for p in mentorship.participants.all()}
        for facilitator in ProgrammeFacilitator.objects.filter(programme=programme).select_related("user"):
            people.setdefault(facilitator.user_id, facilitator.user)
        return list(people.values())
    users = {p.user_id: p.user for p in Participant.objects.filter(mentorship__programme=programme)
             .select_related("user")}
    return sorted(users.values(), key=lambda user: user.display_name)


def agenda_good_practices(network):
    """The good practices an agenda item can present: the network's library, by title (a queryset,
    the form's choices)."""
    return GoodPractice.objects.filter(network=network).order_by("title")


def agenda_key_factors(programme):
    """The key factors an agenda item can discuss: those of the programme's benchmark, in their
    order (a queryset, the form's choices; empty without a benchmark)."""
    return KeyFactor.objects.filter(benchmark_id=programme.benchmark_id).order_by("number")


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


def visit_counts(mentorships):
    """{(mentorship id, status): number of its visits and meetings} for the dashboard, in one query."""
    rows = (Visit.objects.filter(mentorship__in=mentorships).values("mentorship_id", "status")
            .annotate(count=Count("pk")).order_by())
    return {(row["mentorship_id"], row["status"]): row["count"] for row in rows}


def upcoming_deadlines(participations, network, *, today=None):
    """The next milestones of the programmes the person takes part in (the home page's deadlines),
    from their participations in this network, as upcoming_for."""
    programme_ids = _of_participations(participations)[1]
    if not programme_ids:
        return []
    today = today or timezone.localdate()
    return list(Milestone.objects.filter(network=network, due_date__gte=today, programme_id__in=programme_ids)
                .select_related("programme").order_by("due_date", "pk")[:UPCOMING])
