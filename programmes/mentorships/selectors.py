"""Reads for programme and mentorship pages, with everything each page shows fetched up front."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from programmes.accounts.models import User
from programmes.supportgroups.models import StakeholderType, SupportGroupMember
from programmes.tenancy.models import Invitation, Membership, Role

from .models import (
    CitySide,
    Mentorship,
    MentorshipCity,
    MentorshipInvitation,
    Milestone,
    MilestoneDone,
    Participant,
    Programme,
    ProgrammeFacilitator,
    ProgrammeStatus,
    by_side,
)

# Built per call: a queryset made at import time would be made outside any network's scope.
def _places():
    return Prefetch("cities", queryset=MentorshipCity.objects.select_related("city", "association"))


def _participants():
    return Prefetch("participants", queryset=Participant.objects.select_related("user"))


def _facilitators():
    return Prefetch("facilitators", queryset=ProgrammeFacilitator.objects.select_related("user"))


def programmes_for(user, network):
    """The network's programmes this person may see (drafts only for those who manage them)."""
    queryset = Programme.objects.filter(network=network).annotate(mentorship_count=Count("mentorships"))
    if not user.has_perm("mentorships.add_programme", network):
        queryset = queryset.exclude(status=ProgrammeStatus.DRAFT)
    return queryset.order_by("-start_date", "title")


def get_programme(network, pk):
    return _programme_in_network(network, get_object_or_404(
        Programme.objects.filter(network=network, pk=pk)
        .select_related("benchmark")
        .prefetch_related(
            _facilitators(), Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk"))
        )
    ))


def _programme_in_network(network, programme):
    """Give the programme the request's network, which it belongs to: the permission rules read
    `obj.network`, which would otherwise fetch the same row again."""
    programme.network = network
    return programme


def _mentorship_in_network(network, mentorship):
    mentorship.network = network
    _programme_in_network(network, mentorship.programme)
    return mentorship


def get_milestone(programme, pk):
    return get_object_or_404(Milestone.objects.filter(programme=programme, pk=pk))


def get_facilitator(programme, pk):
    return get_object_or_404(
        ProgrammeFacilitator.objects.filter(programme=programme, pk=pk).select_related("user")
    )


def facilitator_candidates(programme):
    """Network facilitators (and coordinators) who are not yet attached to the programme."""
    members = Membership.objects.filter(network=programme.network, role__in=[Role.FACILITATOR, Role.COORDINATOR])
    attached = ProgrammeFacilitator.objects.filter(programme=programme).values("user_id")
    return User.objects.filter(memberships__in=members).exclude(pk__in=attached).order_by("full_name", "email")


@dataclass
class DashboardRow:
    mentorship: Mentorship
    mentees: list
    mentors: list
    peers: list
    next_milestone: Milestone | None
    overdue: list
    without_migrant_representative: list  # names of mentee cities whose support group lacks one
    plan: object = None  # the action plan, if started
    on_track: int | None = None  # share of its actions on track or done, in %
    visits_planned: int = 0
    visits_held: int = 0

    @property
    def is_overdue(self):
        return bool(self.overdue)


def dashboard(programme, *, phase="", overdue_only=False, today=None):
    """One row per mentorship: its cities, phase, next milestone and overdue milestones.

    Queries do not grow with mentorships or participants: milestones come with the programme;
    the rows' cities (each knowing whether its support group has a migrant representative) and
    completed milestones are one plain query each, grouped here. Prefetching them instead made
    Django clone a manager and a queryset per mentorship and relation, which cost more than the
    queries themselves.
    """
    today = today or timezone.localdate()
    milestones = list(programme.milestones.all())
    mentorships = Mentorship.objects.filter(programme=programme).only(
        "network_id", "programme_id", "title", "phase")  # not the notes, which no row shows
    if phase:
        mentorships = mentorships.filter(phase=phase)
    mentorships = list(mentorships.order_by("title"))
    ids = [mentorship.pk for mentorship in mentorships]
    places = {pk: [] for pk in ids}
    for place in _places_with_representation(ids):
        places[place.mentorship_id].append(place)
    done = {pk: set() for pk in ids}
    for mentorship_id, milestone_id in MilestoneDone.objects.filter(mentorship_id__in=ids).values_list(
            "mentorship_id", "milestone_id"):
        done[mentorship_id].add(milestone_id)
    from programmes.actionplans.selectors import plans_by_mentorship

    plans = plans_by_mentorship(mentorships)
    from programmes.visits.selectors import visit_counts

    visits = visit_counts(mentorships)
    rows = []
    for mentorship in mentorships:
        open_milestones = [m for m in milestones if m.pk not in done[mentorship.pk]]
        sides = by_side(places[mentorship.pk])
        row = DashboardRow(
            mentorship=mentorship,
            mentees=sides[CitySide.MENTEE],
            mentors=sides[CitySide.MENTOR],
            peers=sides[CitySide.PEER],
            next_milestone=open_milestones[0] if open_milestones else None,
            overdue=[m for m in open_milestones if m.due_date < today],
            without_migrant_representative=[p.city_name for p in sides[CitySide.MENTEE] if not p.represented],
            plan=plans.get(mentorship.pk, (None, None))[0],
            on_track=plans.get(mentorship.pk, (None, None))[1],
            visits_planned=visits.get((mentorship.pk, "planned"), 0),
            visits_held=visits.get((mentorship.pk, "held"), 0),
        )
        if not overdue_only or row.is_overdue:
            rows.append(row)
    return rows


@dataclass(frozen=True)
class DashboardPlace:
    """A city of a dashboard row: the few values the row shows, read as values rather than as
    three model instances (city, association, place) per city, which cost 2 ms of a 50-row page."""

    mentorship_id: int
    side: str
    city_name: str
    country: str
    association_short_name: str  # "" when no association backs the city
    represented: bool  # whether its support group has a migrant representative

    @property
    def city_label(self):
        """As City.__str__: "Lyon (FR)"."""
        return f"{self.city_name} ({self.country})" if self.country else self.city_name


def _places_with_representation(mentorship_ids):
    """The mentorships' cities (DashboardPlace), each knowing whether its support group has a
    migrant representative (the dashboard warns about mentee cities without one)."""
    representative = SupportGroupMember.objects.filter(
        city_id=OuterRef("city_id"), stakeholder_type=StakeholderType.MIGRANT_REPRESENTATIVE)
    rows = (MentorshipCity.objects.filter(mentorship_id__in=mentorship_ids)
            .annotate(represented=Exists(representative)).order_by("side", "pk")
            .values_list("mentorship_id", "side", "city__name", "city__country", "association__acronym",
                         "association__name", "represented"))
    return [DashboardPlace(mentorship_id, side, name, country or "", acronym or association or "", represented)
            for mentorship_id, side, name, country, acronym, association, represented in rows]


def get_mentorship(network, pk):
    """A mentorship with what the permission rules and page headers read: cities, people, facilitators."""
    return _mentorship_in_network(network, get_object_or_404(
        Mentorship.objects.filter(network=network, pk=pk)
        .select_related("programme__benchmark")
        .prefetch_related(_places(), _participants(), "programme__facilitators")
    ))


def get_mentorship_page(network, pk):
    """get_mentorship, for the mentorship page itself (which lists the milestones with
    `milestones_with_done`)."""
    return get_mentorship(network, pk)


def milestones_with_done(mentorship):
    """The programme's milestones, each with `done_on`: when this mentorship reached it, or None.
    One query, where prefetching the milestones and the completions took two and a queryset clone
    per relation."""
    done_on = MilestoneDone.objects.filter(mentorship=mentorship, milestone=OuterRef("pk")).values("done_on")[:1]
    return list(Milestone.objects.filter(programme_id=mentorship.programme_id)
                .annotate(done_on=Subquery(done_on)).order_by("due_date", "pk"))


def get_participant(mentorship, pk):
    return get_object_or_404(Participant.objects.filter(mentorship=mentorship, pk=pk).select_related("user"))


def pending_invitations(mentorship):
    pending = Invitation.objects.pending()
    return list(
        MentorshipInvitation.objects.filter(mentorship=mentorship, invitation__in=pending).select_related("invitation")
    )


def mentorships_of(user, network):
    """'My mentorships' on the network home page."""
    return list(
        Participant.objects.filter(network=network, user=user)
        .select_related("mentorship__programme")
        .order_by("mentorship__title")
    )


def city_mentorships(city):
    """Every mentorship a city has taken part in, newest programme first."""
    return list(
        MentorshipCity.objects.filter(city=city)
        .select_related("mentorship__programme")
        .order_by("-mentorship__programme__start_date", "mentorship__title")
    )


@dataclass
class MatchingRow:
    mentorship: Mentorship
    mentees: list
    mentors: list
    submission: object  # the latest submitted version of its needs analysis, or None


def matching_rows(programme):
    """The programme's mentorships with their cities and the latest submitted needs analysis."""
    from programmes.questionnaires.models import Kind, Submission

    mentorships = list(Mentorship.objects.filter(programme=programme).prefetch_related(_places()).order_by("title"))
    latest = {}
    for submission in Submission.objects.filter(
        response__mentorship__programme=programme, response__template__kind=Kind.NEEDS_ANALYSIS
    ).select_related("response").order_by("number"):
        latest[submission.response.mentorship_id] = submission
    rows = []
    for m in mentorships:
        sides = by_side(m.cities.all())
        rows.append(MatchingRow(mentorship=m, mentees=[p.city for p in sides[CitySide.MENTEE]],
                                mentors=[p.city for p in sides[CitySide.MENTOR]], submission=latest.get(m.pk)))
    return rows
