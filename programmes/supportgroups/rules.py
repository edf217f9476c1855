"""Who sees and keeps a city's support group: personal data of non-users, so only the
network's coordinators and the mentee teams of that city's mentorships."""

import rules

from programmes.mentorships.models import Participant
from programmes.tenancy.rules import is_network_coordinator, is_site_operator


@rules.predicate
def coordinates_citys_network(user, city):
    return is_network_coordinator(user, city.network)


@rules.predicate
def is_mentee_team_of_city(user, city):
    return Participant.objects.filter(
        user=user, role="mentee_team", mentorship__cities__city=city, mentorship__cities__side="mentee"
    ).exists()


rules.add_perm("supportgroups.manage_support_group", coordinates_citys_network | is_site_operator | is_mentee_team_of_city)
