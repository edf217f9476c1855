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
