"""Demo programmes: IncluCities with its four mentorships (METHOD.md) and, in the second network,
a community of practice of three cities. Dates are placed around today so that the dashboard
shows work in progress. Idempotent."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from programmes.directory.models import City
from programmes.tenancy.models import Membership, Role

from .models import (
    CitySide,
    Mentorship,
    MentorshipCity,
    MilestoneDone,
    Participant,
    Phase,
    Programme,
    ProgrammeFacilitator,
    ProgrammeFormat,
    ProgrammeStatus,
)
from .services import default_milestones
from .signals import programme_created

INCLUCITIES_MENTORSHIPS = [
    ("Capaci – Mechelen", "Building a city for all", "Capaci", "Mechelen", Phase.VISITS, 4),
    ("Saint-Jean-de-la-Ruelle – Brussels",
     "A strategic assessment of migrant residents' needs and a suitable, gender-sensitive approach",
     "Saint-Jean-de-la-Ruelle", "Brussels", Phase.VISITS, 3),
    ("Levadia – Fuenlabrada", "Building inclusive cities with migrants", "Levadia", "Fuenlabrada", Phase.PREPARATION, 1),
    ("Jelgava – Schaerbeek", "Formal and informal language learning opportunities for migrants", "Jelgava",
     "Schaerbeek", Phase.VISITS, 4),
]

# Demo people for each programme role in Capaci – Mechelen: (e-mail, name, role, lead)
CAPACI_MECHELEN_PEOPLE = [
    ("mentee@capaci.example", "Giulia Mentee (Capaci)", "mentee_team", True),
    ("mentor@mechelen.example", "Pieter Mentor (Mechelen)", "mentor_team", False),
    ("mentee-association@aiccre.example", "Marco (AICCRE)", "mentee_association", False),
    ("mentor-association@vvsg.example", "Els (VVSG)", "mentor_association", False),
    ("support-group@capaci.example", "Amina (support group, Capaci)", "support_group", False),
    ("observer@inclucities.example", "Olivia Observer", "observer", False),
]


def _programme(network, *, title, theme, format, months_ago, months_ahead, visits, description):
    today = timezone.localdate()
    programme, created = Programme.objects.get_or_create(
        network=network, title=title,
        defaults={
            "theme": theme, "description": description, "format": format, "planned_visits": visits,
            "start_date": today - timedelta(days=30 * months_ago), "end_date": today + timedelta(days=30 * months_ahead),
            "status": ProgrammeStatus.RUNNING, "languages": "English",
        },
    )
    if created:
        for milestone in default_milestones(programme):
            milestone.save()
        programme_created.send(sender=Programme, programme=programme)
    return programme


def _mentorship(programme, title, focus, places, phase, milestones_done):
    mentorship, created = Mentorship.objects.get_or_create(
        network=programme.network, programme=programme, title=title, defaults={"focus": focus, "phase": phase}
    )
    if created:
        for side, city in places:
            MentorshipCity.objects.create(network=programme.network, mentorship=mentorship, city=city,
                                          association=city.association, side=side)
        for milestone in list(programme.milestones.order_by("due_date"))[:milestones_done]:
            MilestoneDone.objects.create(network=programme.network, mentorship=mentorship, milestone=milestone,
                                         done_on=min(milestone.due_date, timezone.localdate()))
    return mentorship


def seed_programmes(networks, make_user):
    """`make_user(email, name)` creates or returns a demo account (tenancy.demo provides it)."""
    logins = []
    network = networks["inclucities"]
    with scope(network=network):
        cities = {c.name: c for c in City.objects.filter(network=network).select_related("association")}
        programme = _programme(
            network, title="IncluCities", theme="Integration of third-country nationals",
            format=ProgrammeFormat.PAIRS, months_ago=10, months_ahead=8, visits=3,
            description="City-to-city mentoring on the integration of migrants, after the CEMR IncluCities guide.",
        )
        for title, focus, mentee, mentor, phase, done in INCLUCITIES_MENTORSHIPS:
            mentorship = _mentorship(programme, title, focus,
                                     [(CitySide.MENTEE, cities[mentee]), (CitySide.MENTOR, cities[mentor])], phase, done)
            if title.startswith("Capaci"):
                capaci_mechelen = mentorship
        for email, name, role, lead in CAPACI_MECHELEN_PEOPLE:
            user = make_user(email, name)
            Membership.objects.get_or_create(network=network, user=user, defaults={"role": Role.MEMBER})
            Participant.objects.get_or_create(network=network, mentorship=capaci_mechelen, user=user,
                                              defaults={"role": role, "is_lead": lead})
            logins.append((email, f"{dict(Participant._meta.get_field('role').flatchoices)[role]} in Capaci – Mechelen"))
        facilitator = Membership.objects.filter(network=network, role=Role.FACILITATOR).select_related("user").first()
        if facilitator:
            ProgrammeFacilitator.objects.get_or_create(network=network, programme=programme, user=facilitator.user)

    network = networks["demo-associations"]
    with scope(network=network):
        cities = list(City.objects.filter(network=network).select_related("association"))
        programme = _programme(
            network, title="Welcoming cities – community of practice", theme="Reception of newcomers",
            format=ProgrammeFormat.COMMUNITY, months_ago=3, months_ahead=15, visits=2,
            description="Three cities of similar experience learn from each other.",
        )
        _mentorship(programme, "Welcoming cities", "Shared reception practices",
                    [(CitySide.PEER, city) for city in cities], Phase.PREPARATION, 1)
    return logins
