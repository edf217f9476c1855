"""The programme dashboard's rows: each mentorship with its cities, milestones, plan and visits,
read from five apps in a number of queries that does not grow with the programme."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from programmes.actionplans import checkins
from programmes.actionplans.selectors import plans_by_mentorship
from programmes.mentorships.models import CitySide, Mentorship, MentorshipCity, Milestone, MilestoneDone, by_side
from programmes.supportgroups.models import StakeholderType, SupportGroupMember
from programmes.visits.selectors import visit_counts


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
    check_in: tuple | None = None  # (state, date) of the plan's check-in to look at first, if any

    @property
    def is_overdue(self):
        return bool(self.overdue)


def dashboard(programme, *, phase="", overdue_only=False, today=None):
    """One row per mentorship: its cities, phase, next milestone and overdue milestones, and the
    check-in of its plan to look at first (read with the mentorships, as subqueries).

    Queries do not grow with mentorships or participants: milestones come with the programme;
    the rows' cities (each knowing whether its support group has a migrant representative) and
    completed milestones are one plain query each, grouped here. Prefetching them instead made
    Django clone a manager and a queryset per mentorship and relation, which cost more than the
    queries themselves.
    """
    today = today or timezone.localdate()
    milestones = list(programme.milestones.all())
    mentorships = Mentorship.objects.filter(programme=programme).only(
        "network_id", "programme_id", "title", "phase",  # not the notes, which no row shows
    ).annotate(**checkins.relevant_annotations(today))  # the check-in to show, in the same query
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
    plans = plans_by_mentorship(mentorships)
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
            check_in=checkins.relevant(mentorship, today),
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
