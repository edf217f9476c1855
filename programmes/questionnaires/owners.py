"""Whose questionnaire a page shows — a mentorship's needs analysis or a city's mentor strengths —
and what the person looking at it may do there. The views are the same for both; the rules differ
(rules.py)."""

from dataclasses import dataclass
from functools import cached_property

from django.http import Http404
from django.urls import reverse

from programmes.core.access import require
from programmes.directory import selectors as directory_selectors
from programmes.mentorships import selectors as mentorship_selectors
from programmes.mentorships.models import CitySide, by_side

from . import selectors
from .models import Kind
from .rules import city_parties_of, parties_of


@dataclass
class Owner:
    kind: str  # "mentorship" or "city": the URL family
    questionnaire: str  # Kind value
    subject: object  # the Mentorship or the City
    response: object
    parties: set
    can_start: bool
    can_comment: bool
    can_submit: bool
    can_resolve: bool
    city: object  # the city that figures questions describe (None if the mentorship has no mentee yet)

    network_slug: str = ""
    can_update_city: bool = False  # may copy answered figures into the city profile

    @property
    def mentorship(self):
        return self.subject if self.kind == "mentorship" else None

    @property
    def programme(self):
        """The programme the breadcrumb leads back to (a city's questionnaire has none)."""
        return self.subject.programme if self.kind == "mentorship" else None

    def url(self, action="", **kwargs):
        name = NAMES[self.kind] + (f"_{action}" if action else "")
        return reverse(name, kwargs={"network": self.network_slug, "pk": self.subject.pk, **kwargs})

    @cached_property
    def base_url(self):
        """Reversed once: every question and comment of the page builds its links from it."""
        return self.url()

    def require_response(self):
        if self.response is None:
            raise Http404
        return self.response


NAMES = {"mentorship": "needs_analysis", "city": "mentor_strengths"}


def for_mentorship(request, pk):
    mentorship = mentorship_selectors.get_mentorship(request.network, pk)
    require(request, "questionnaires.view_response", mentorship)
    has = request.user.has_perm
    mentees = by_side(mentorship.cities.all())[CitySide.MENTEE]
    city = mentees[0].city if mentees else None
    return Owner(
        kind="mentorship", questionnaire=Kind.NEEDS_ANALYSIS, subject=mentorship, network_slug=request.network.slug,
        response=selectors.response_of(mentorship), parties=parties_of(request.user, mentorship),
        can_start=has("questionnaires.answer", mentorship), can_comment=has("questionnaires.comment", mentorship),
        can_submit=has("questionnaires.submit", mentorship),
        can_resolve=has("questionnaires.resolve_comment", mentorship),
        # The mentee team speaks for the mentee city, so it may also update that city's profile.
        city=city, can_update_city=city is not None and has("questionnaires.update_city_figures_of_mentee", mentorship),
    )


def for_city(request, pk):
    city = directory_selectors.get_city(request.network, pk)
    require(request, "questionnaires.view_city_response", city)
    has = request.user.has_perm
    return Owner(
        kind="city", questionnaire=Kind.MENTOR_STRENGTHS, subject=city, network_slug=request.network.slug,
        response=selectors.city_response_of(city), parties=city_parties_of(request.user, city),
        can_start=has("questionnaires.answer_city", city), can_comment=has("questionnaires.comment_city", city),
        can_submit=has("questionnaires.submit_city", city), can_resolve=has("questionnaires.resolve_city_comment", city),
        city=city, can_update_city=has("questionnaires.update_city_figures", city),
    )


OWNERS = {"mentorship": for_mentorship, "city": for_city}
