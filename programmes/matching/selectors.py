"""Reads of the matching pages."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from programmes.directory.models import City
from programmes.mentorships.models import CitySide, Mentorship, by_side
from programmes.mentorships.selectors import places_prefetch
from programmes.questionnaires.models import Kind, Submission


@dataclass
class MatchingRow:
    mentorship: Mentorship
    mentees: list
    mentors: list
    submission: object  # the latest submitted version of its needs analysis, or None


def matching_rows(programme):
    """The programme's mentorships with their cities and the latest submitted needs analysis."""
    mentorships = list(Mentorship.objects.filter(programme=programme).prefetch_related(places_prefetch())
                       .order_by("title"))
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


def get_candidate_city(network, pk):
    """The city the coordinator picks as mentor, with the association that backs it (the new
    mentorship place takes it over). A city of another network is a 404."""
    return get_object_or_404(City.objects.filter(network=network, pk=pk).select_related("association"))
