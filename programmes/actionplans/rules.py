"""Who reads and who changes an action plan.

The plan is what the mentoring produces and what associations circulate, so besides the people
taking part, the network's coordinators and the programme's facilitators read it. The mentee team
writes it and reports progress; the mentor team, both associations and the local support group
(Annex 5: it helps the city and its mentor draft the plan) comment per row; approval by the
municipality is recorded by the mentee team or a coordinator.
"""

import rules

from programmes.mentorships.rules import (
    coordinates_network,
    facilitates_mentorships_programme,
    participation_of,
    takes_part,
)
from programmes.tenancy.rules import is_site_operator

PARTIES = {"mentee_team", "mentor_team", "mentee_association", "mentor_association"}


def _role(user, mentorship):
    participation = participation_of(user, mentorship)
    return participation.role if participation else None


@rules.predicate
def is_mentee_team(user, mentorship):
    return _role(user, mentorship) == "mentee_team"


@rules.predicate
def is_a_party(user, mentorship):
    return _role(user, mentorship) in PARTIES


@rules.predicate
def is_in_the_support_group(user, mentorship):
    return _role(user, mentorship) == "support_group"


rules.add_perm("actionplans.view_plan",
               takes_part | coordinates_network | facilitates_mentorships_programme | is_site_operator)
rules.add_perm("actionplans.edit_plan", is_mentee_team)
rules.add_perm("actionplans.comment", is_a_party | is_in_the_support_group)
rules.add_perm("actionplans.record_approval", is_mentee_team | coordinates_network | is_site_operator)
rules.add_perm("actionplans.record_progress", is_mentee_team)
