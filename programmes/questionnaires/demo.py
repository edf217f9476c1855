"""Demo questionnaires and good practices, after the guide's IncluCities cities: the library's
practices, the candidate mentors' strengths (Annex 3), and a 2027 call where Jelgava's submitted
needs analysis waits for a mentor, so the matching assistant has something to rank. Idempotent."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from programmes.benchmarks.models import KeyFactor
from programmes.directory.models import City
from programmes.mentorships.models import CitySide, Mentorship, MentorshipCity, Programme, ProgrammeStatus

from . import services
from .answer_kinds import Posted
from .models import GoodPractice, GoodPracticeKeyFactor, Question

PRACTICES = [
    ("Volunteering platform (CAMIM project)", "Schaerbeek", "Language learning",
     "Volunteers offer conversation tables and tandem partnerships to newcomers who cannot attend classes.", 8),
    ("Buddy scheme for newcomers", "Mechelen", "Inclusion",
     "Residents are paired with newcomers for six months to help them find their way in the city.", None),
]

# City: (policy areas ticked in Annex 3, question 2: practices worth replicating)
STRENGTHS = {
    "Schaerbeek": (["language_learning", "volunteering", "social_cohesion"],
                   "Our volunteering platform trains language volunteers who run conversation tables, tandems and "
                   "drop-in language cafés with community centres."),
    "Mechelen": (["reception", "volunteering", "social_cohesion", "participation"],
                 "The buddy scheme pairs residents with newcomers; our reception desk brings all services together."),
    "Fuenlabrada": (["participation", "employment", "anti_discrimination"],
                    "A migrant residents' council advises the city; job coaching with local employers."),
    "Brussels": (["gender", "coordination", "evaluation"],
                 "A gender-sensitive needs assessment with migrant women's groups, repeated every three years."),
}

JELGAVA_NEEDS = {
    1: "Adult newcomers cannot attend formal language classes during working hours; we want informal language "
       "learning opportunities run with volunteers and libraries.",
    4: "How other cities recruit and train language volunteers and keep them motivated.",
    5: "A network of conversation tables across the city's libraries and community centres within two years.",
}


def seed_good_practices(networks):
    network = networks["inclucities"]
    with scope(network=network):
        if GoodPractice.objects.filter(network=network).exists():
            return
        for title, city_name, area, description, factor_number in PRACTICES:
            practice = GoodPractice.objects.create(
                network=network, title=title, policy_area=area, description=description,
                city=City.objects.filter(network=network, name=city_name).first(),
            )
            factor = KeyFactor.objects.filter(network=network, number=factor_number,
                                              benchmark__status="published").first() if factor_number else None
            if factor:
                GoodPracticeKeyFactor.objects.create(network=network, good_practice=practice, key_factor=factor)


def seed_matching(networks):
    network = networks["inclucities"]
    with scope(network=network):
        cities = {c.name: c for c in City.objects.filter(network=network).select_related("association")}
        for name, (areas, practices) in STRENGTHS.items():
            response = services.start_city_response(cities[name], kind="annex3", language="en", by=None)
            if response.answers.exists():
                continue
            questions = {q.number: q for q in Question.objects.filter(section__template=response.template)}
            services.save_answer(response, questions[1], posted=Posted(areas), based_on_version=0, by=None)
            services.save_answer(response, questions[2], text=practices, based_on_version=0, by=None)
            services.submit_version(response, label="Offer for the 2027 call", by=None)
        _jelgava_waits_for_a_mentor(network, cities["Jelgava"])


def _jelgava_waits_for_a_mentor(network, jelgava):
    today = timezone.localdate()
    programme, _created = Programme.objects.get_or_create(
        network=network, title="IncluCities – 2027 call",
        defaults={"theme": "Language learning opportunities for migrants", "status": ProgrammeStatus.OPEN,
                  "start_date": today + timedelta(days=30), "end_date": today + timedelta(days=30 * 16),
                  "languages": "English", "uses_benchmark": False},
    )
    mentorship, created = Mentorship.objects.get_or_create(
        network=network, programme=programme, title="Jelgava – 2027",
        defaults={"focus": "Informal language learning with volunteers"},
    )
    if not created:
        return
    MentorshipCity.objects.create(network=network, mentorship=mentorship, city=jelgava,
                                  association=jelgava.association, side=CitySide.MENTEE)
    response = services.start_response(mentorship, kind="annex2", language="en", by=None)
    questions = {q.number: q for q in Question.objects.filter(section__template=response.template)}
    for number, text in JELGAVA_NEEDS.items():
        services.save_answer(response, questions[number], text=text, based_on_version=0, by=None)
    services.submit_version(response, label="First draft before matching", by=None)
