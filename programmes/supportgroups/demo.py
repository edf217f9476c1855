"""Demo support groups: Capaci's, following the guide (with a migrant representative); Saint-Jean-
de-la-Ruelle's without one, so the dashboard's warning shows. Idempotent."""

from django.utils import timezone
from django_scopes import scope

from programmes.directory.models import City

from .models import SupportGroupMember

GROUPS = {
    "Capaci": [
        ("Amina Benali", "Consulta dei migranti", "migrant_representative", "Spokesperson"),
        ("Luca Russo", "Caritas Capaci", "civil_society", "Volunteer coordinator"),
        ("Rosa Greco", "Comune di Capaci, social services", "council_official", "Head of unit"),
    ],
    "Saint-Jean-de-la-Ruelle": [
        ("Claire Martin", "Centre social municipal", "local_public_body", "Director"),
    ],
}


def seed_support_groups(networks):
    network = networks["inclucities"]
    with scope(network=network):
        for city_name, members in GROUPS.items():
            city = City.objects.filter(network=network, name=city_name).first()
            if city is None or city.support_group.exists():
                continue
            for name, organisation, kind, role in members:
                SupportGroupMember.objects.create(network=network, city=city, name=name, organisation=organisation,
                                                  stakeholder_type=kind, role=role,
                                                  consent_given_on=timezone.localdate())
