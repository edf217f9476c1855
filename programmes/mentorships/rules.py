"""Who may see and change programmes and mentorships: the confidentiality rule lives here.

Mentoring is confidential (METHOD.md, Annex 1): the network's coordinators and the programme's
facilitators see a mentorship's status, dates and what it shares with the programme; only the
people taking part see its private notes and drafts.
"""

import rules

from programmes.tenancy.models import Role
from programmes.tenancy.rules import is_network_coordinator, is_network_member, is_site_operator, membership_for

from .models import ProgrammeStatus


def participation_of(user, mentorship):
    """The user's participant row in `mentorship` (None if none), cached on the mentorship."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = mentorship.__dict__.setdefault("_participation_cache", {})
    if user.pk not in cache:
        cache[user.pk] = next((p for p in mentorship.participants.all() if p.user_id == user.pk), None)
    return cache[user.pk]


@rules.predicate
def coordinates_network(user, obj):
    return is_network_coordinator(user, obj.network)


FACILITATING_ROLES = {Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR}


@rules.predicate
def facilitates_programme(user, programme):
    """Attached to the programme *and* still holding a facilitating role in its network: a
    facilitator moved down to member keeps the attachment row but loses what it gave."""
    if not any(f.user_id == user.pk for f in programme.facilitators.all()):
        return False
    membership = membership_for(user, programme.network)
    return membership is not None and membership.role in FACILITATING_ROLES


@rules.predicate
def facilitates_mentorships_programme(user, mentorship):
    return facilitates_programme(user, mentorship.programme)


@rules.predicate
def takes_part(user, mentorship):
    return participation_of(user, mentorship) is not None


@rules.predicate
def leads(user, mentorship):
    participation = participation_of(user, mentorship)
    return participation is not None and participation.is_lead


@rules.predicate
def is_team_member(user, mentorship):
    participation = participation_of(user, mentorship)
    return participation is not None and participation.role in {"mentee_team", "mentor_team"}


@rules.predicate
def programme_is_published(user, programme):
    return programme.status != ProgrammeStatus.DRAFT


@rules.predicate
def member_of_programmes_network(user, programme):
    return is_network_member(user, programme.network)


manages_programmes = is_network_coordinator | is_site_operator

# On the network: who may create programmes.
rules.add_perm("mentorships.add_programme", manages_programmes)
rules.add_perm("mentorships.view_programmes", is_network_member | is_site_operator)

# On a programme.
rules.add_perm(
    "mentorships.view_programme",
    coordinates_network | is_site_operator | (member_of_programmes_network & programme_is_published),
)
rules.add_perm("mentorships.change_programme", coordinates_network | is_site_operator)
rules.add_perm("mentorships.view_dashboard", coordinates_network | is_site_operator | facilitates_programme)

# On a mentorship.
rules.add_perm(
    "mentorships.view_mentorship",
    coordinates_network | is_site_operator | facilitates_mentorships_programme | takes_part,
)
rules.add_perm("mentorships.view_mentorship_content", takes_part)
rules.add_perm("mentorships.change_mentorship_content", is_team_member)
rules.add_perm("mentorships.change_mentorship", coordinates_network | is_site_operator)
rules.add_perm("mentorships.manage_participants", coordinates_network | is_site_operator | leads)
rules.add_perm("mentorships.record_milestone", coordinates_network | is_site_operator | is_team_member)

# Matching mentees with mentors (on a programme or a mentorship) is the coordinators' decision.
rules.add_perm("mentorships.match", coordinates_network | is_site_operator)
