"""Who reads and who answers a questionnaire.

A mentorship's needs analysis is the mentorship's: only participants read it; each party answers
its own sections (PARTY_OF_ROLE). A city's mentor strengths (Annex 3) are answered by the people
who speak for the city or its association, and read by the network's coordinators and
facilitators, who match mentees with mentors; coordinators may also fill them in on the city's
behalf.
"""

import rules

from programmes.directory.models import CityRepresentative, Speaker
from programmes.mentorships.models import CitySide, Participant
from programmes.mentorships.rules import coordinates_network, participation_of, takes_part
from programmes.tenancy.models import Role
from programmes.tenancy.rules import is_network_coordinator, is_network_member, is_site_operator, membership_for

from .models import PARTY_OF_ROLE, Party


def party_of(user, mentorship):
    participation = participation_of(user, mentorship)
    return PARTY_OF_ROLE.get(participation.role) if participation else None


def parties_of(user, mentorship):
    party = party_of(user, mentorship)
    return {party} if party else set()


def city_parties_of(user, city):
    """The parties of a city questionnaire the user answers: the city's own (as "mentor city") and
    its association's (as "mentor association"). Cached on the city for the request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = city.__dict__.setdefault("_parties_cache", {})
    if user.pk not in cache:
        cache[user.pk] = _city_parties(user, city)
    return cache[user.pk]


# A participant speaks for the city on their own side of the mentorship, and for nothing else:
# the mentee team for the mentee city, the mentor association for the mentor city's association.
# A peer city's team is not tied to one of the peers, so it speaks for none through the mentorship
# (the coordinators name a peer city's representatives instead).
PARTY_OF_SIDE_AND_ROLE = {
    (CitySide.MENTEE, "mentee_team"): Party.MENTOR_CITY,
    (CitySide.MENTOR, "mentor_team"): Party.MENTOR_CITY,
    (CitySide.MENTEE, "mentee_association"): Party.MENTOR_ASSOCIATION,
    (CitySide.MENTOR, "mentor_association"): Party.MENTOR_ASSOCIATION,
}


def _city_parties(user, city):
    if is_network_coordinator(user, city.network):
        return {Party.MENTOR_CITY, Party.MENTOR_ASSOCIATION}
    parties = set()
    for speaks_for in CityRepresentative.objects.filter(city=city, user=user).values_list("speaks_for", flat=True):
        parties.add(Party.MENTOR_CITY if speaks_for == Speaker.CITY else Party.MENTOR_ASSOCIATION)
    # One filter() call: the side read is the side of *this* city in each mentorship.
    places = Participant.objects.filter(user=user, mentorship__cities__city=city).values_list(
        "mentorship__cities__side", "role")
    parties.update(PARTY_OF_SIDE_AND_ROLE[place] for place in places if place in PARTY_OF_SIDE_AND_ROLE)
    return parties


@rules.predicate
def speaks_for_city(user, city):
    return bool(city_parties_of(user, city))


@rules.predicate
def speaks_as_city_team(user, city):
    return Party.MENTOR_CITY in city_parties_of(user, city)


@rules.predicate
def facilitates_in_citys_network(user, city):
    membership = membership_for(user, city.network)
    return membership is not None and membership.role == Role.FACILITATOR


rules.add_perm("questionnaires.view_city_response",
               speaks_for_city | facilitates_in_citys_network | is_site_operator)
rules.add_perm("questionnaires.answer_city", speaks_for_city)
rules.add_perm("questionnaires.comment_city", speaks_for_city | facilitates_in_citys_network)
rules.add_perm("questionnaires.submit_city", speaks_as_city_team)
rules.add_perm("questionnaires.resolve_city_comment", speaks_as_city_team)


@rules.predicate
def answers_for_a_party(user, mentorship):
    return party_of(user, mentorship) is not None


rules.add_perm("questionnaires.view_response", takes_part)
rules.add_perm("questionnaires.answer", answers_for_a_party)


@rules.predicate
def is_mentee_team(user, mentorship):
    return party_of(user, mentorship) == "mentee_city"


@rules.predicate
def is_support_group_member(user, mentorship):
    participation = participation_of(user, mentorship)
    return participation is not None and participation.role == "support_group"


# The four parties and the local support group comment (Annex 5: the group advises from the needs
# analysis on); the mentee team submits versions and resolves comments.
rules.add_perm("questionnaires.comment", answers_for_a_party | is_support_group_member)
rules.add_perm("questionnaires.submit", is_mentee_team)
rules.add_perm("questionnaires.resolve_comment", is_mentee_team)


# The good-practice library is the network's: every member reads and adds; the author and
# coordinators change an entry.


@rules.predicate
def wrote_it(user, practice):
    return practice.created_by_id == user.pk


@rules.predicate
def coordinates_practices_network(user, practice):
    return is_network_coordinator(user, practice.network)


rules.add_perm("questionnaires.view_good_practices", is_network_member | is_site_operator)
rules.add_perm("questionnaires.add_good_practice", is_network_member | is_site_operator)
rules.add_perm("questionnaires.change_good_practice", wrote_it | coordinates_practices_network | is_site_operator)

# The city team (and coordinators) may copy the figures they answer into the city profile.
rules.add_perm("questionnaires.update_city_figures", speaks_as_city_team | is_site_operator)
rules.add_perm("questionnaires.update_city_figures_of_mentee", is_mentee_team)

# Adapting a programme's needs analysis is part of configuring the programme.

rules.add_perm("questionnaires.adapt_template", coordinates_network | is_site_operator)
