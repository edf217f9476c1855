"""Who reads and who answers a mentorship's questionnaire. Its content is the mentorship's: only
participants read it; each party answers its own sections (PARTY_OF_ROLE)."""

import rules

from programmes.mentorships.rules import participation_of, takes_part

from .models import PARTY_OF_ROLE


def party_of(user, mentorship):
    participation = participation_of(user, mentorship)
    return PARTY_OF_ROLE.get(participation.role) if participation else None


@rules.predicate
def answers_for_a_party(user, mentorship):
    return party_of(user, mentorship) is not None


rules.add_perm("questionnaires.view_response", takes_part)
rules.add_perm("questionnaires.answer", answers_for_a_party)


@rules.predicate
def is_mentee_team(user, mentorship):
    return party_of(user, mentorship) == "mentee_city"


# The four parties comment; the mentee team submits versions and resolves comments.
rules.add_perm("questionnaires.comment", answers_for_a_party)
rules.add_perm("questionnaires.submit", is_mentee_team)
rules.add_perm("questionnaires.resolve_comment", is_mentee_team)


# The good-practice library is the network's: every member reads and adds; the author and
# coordinators change an entry.
from programmes.tenancy.rules import is_network_coordinator, is_network_member, is_site_operator  # noqa: E402


@rules.predicate
def wrote_it(user, practice):
    return practice.created_by_id == user.pk


@rules.predicate
def coordinates_practices_network(user, practice):
    return is_network_coordinator(user, practice.network)


rules.add_perm("questionnaires.view_good_practices", is_network_member | is_site_operator)
rules.add_perm("questionnaires.add_good_practice", is_network_member | is_site_operator)
rules.add_perm("questionnaires.change_good_practice", wrote_it | coordinates_practices_network | is_site_operator)
