"""Who sees and plans visits. A mentorship's visits are its participants' (and, for their status
and dates, the programme's coordinators and facilitators); its teams plan them. Training sessions
belong to the programme: coordinators plan them, everyone of the programme sees them. Visit
reports are private to the mentorship unless it shares them (METHOD.md, confidentiality)."""

import rules

from programmes.mentorships.models import Participant
from programmes.mentorships.rules import (
    coordinates_network,
    facilitates_mentorships_programme,
    facilitates_programme,
    is_team_member,
    participation_of,
    takes_part,
)
from programmes.tenancy.rules import is_network_member, is_site_operator


@rules.predicate
def takes_part_in_the_programme(user, programme):
    return Participant.objects.filter(user=user, mentorship__programme=programme).exists()


@rules.predicate
def member_of_programmes_network(user, programme):
    return is_network_member(user, programme.network)


# On a mentorship.
rules.add_perm("visits.view_visits",
               takes_part | coordinates_network | facilitates_mentorships_programme | is_site_operator)
rules.add_perm("visits.plan_visits", is_team_member)
rules.add_perm("visits.write_report", is_team_member)
# The agreed follow-ups are part of the visit's report, private to the mentorship: those who take
# part read them (the page shows them beside the report); who is told of one follows this rule.
rules.add_perm("visits.view_follow_ups", takes_part | is_site_operator)


@rules.predicate
def report_is_shared(user, report):
    return report.shared_with_programme


@rules.predicate
def takes_part_in_reports_mentorship(user, report):
    mentorship = report.visit.mentorship
    return mentorship is not None and participation_of(user, mentorship) is not None


@rules.predicate
def is_training_report(user, report):
    return report.visit.mentorship_id is None


@rules.predicate
def oversees_reports_programme(user, report):
    programme = report.visit.programme
    return coordinates_network(user, programme) or facilitates_programme(user, programme)


# A training session's report is the programme's: shared, everyone who sees the session reads it.
rules.add_perm("visits.read_report", takes_part_in_reports_mentorship
               | (report_is_shared & (oversees_reports_programme | is_training_report)))

# On a programme: its training sessions.
rules.add_perm("visits.plan_training", coordinates_network | is_site_operator)
rules.add_perm("visits.view_training",
               coordinates_network | facilitates_programme | takes_part_in_the_programme | is_site_operator)
