"""Benchmarks belong to the network: members read them, coordinators write and publish them."""

import rules

from programmes.tenancy.rules import is_network_coordinator, is_network_member, is_site_operator

rules.add_perm("benchmarks.view_benchmarks", is_network_member | is_site_operator)
rules.add_perm("benchmarks.manage_benchmarks", is_network_coordinator | is_site_operator)

# --- Self-assessment: the mentee team rates; teams and associations comment; the programme sees
# only completed rounds, in aggregate (focus factors and the distribution of ratings).

from programmes.mentorships.rules import (  # noqa: E402 - the mentorship predicates come after ours
    coordinates_network,
    facilitates_programme,
    participation_of,
    takes_part,
)


def _has_programme_role(*roles):
    @rules.predicate(name=f"takes_part_as:{'|'.join(roles)}")
    def predicate(user, mentorship):
        participation = participation_of(user, mentorship)
        return participation is not None and participation.role in roles

    return predicate


rules.add_perm("benchmarks.view_self_assessment", takes_part)
rules.add_perm("benchmarks.rate", _has_programme_role("mentee_team"))
rules.add_perm(
    "benchmarks.comment_self_assessment",
    _has_programme_role("mentee_team", "mentor_team", "mentee_association", "mentor_association"),
)
rules.add_perm("benchmarks.view_programme_focus", coordinates_network | is_site_operator | facilitates_programme)
