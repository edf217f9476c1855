"""Demo benchmarks: the guide's example in English (published, attached to the IncluCities
programme, with a started self-assessment in Capaci – Mechelen) and in Italian (a draft).
Idempotent."""

from django_scopes import scope

from programmes.mentorships.models import Mentorship, Programme

from . import services
from .models import Benchmark
from .self_assessment import services as self_assessment

# key factor number: (level, evidence, focus) for Capaci's first self-assessment
CAPACI_RATINGS = {
    1: (1, "Evening classes run by the provincial adult-education centre (CPIA).", False),
    2: (0, "", False),
    5: (2, "The library hosts a weekly conversation group.", False),
    8: (0, "No volunteers work on language learning yet.", True),
}


def seed_benchmarks(networks):
    network = networks["inclucities"]
    with scope(network=network):
        if Benchmark.objects.filter(network=network).exists():
            return
        english = services.install_shipped(network, language="en", by=None)
        services.install_shipped(network, language="it", by=None)
        services.publish(english, by=None)
        programme = Programme.objects.filter(network=network, title="IncluCities").first()
        if programme is None:
            return
        programme.benchmark = english
        programme.save(update_fields=["benchmark"])
        mentorship = Mentorship.objects.filter(programme=programme, title__startswith="Capaci").first()
        if mentorship is None:
            return
        assessment = self_assessment.start(mentorship, round="initial", by=None)
        for rating in assessment.ratings.select_related("key_factor"):
            if rating.key_factor.number in CAPACI_RATINGS:
                level, evidence, focus = CAPACI_RATINGS[rating.key_factor.number]
                self_assessment.rate(rating, level=level, evidence=evidence, answers={}, is_focus=focus, by=None)
