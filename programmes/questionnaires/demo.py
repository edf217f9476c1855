"""Demo good practices from the guide: Schaerbeek's volunteering platform and Mechelen's buddy
scheme, in the IncluCities library. Idempotent."""

from django_scopes import scope

from programmes.benchmarks.models import KeyFactor
from programmes.directory.models import City

from .models import GoodPractice, GoodPracticeKeyFactor

PRACTICES = [
    ("Volunteering platform (CAMIM project)", "Schaerbeek", "Language learning",
     "Volunteers offer conversation tables and tandem partnerships to newcomers who cannot attend classes.", 8),
    ("Buddy scheme for newcomers", "Mechelen", "Inclusion",
     "Residents are paired with newcomers for six months to help them find their way in the city.", None),
]


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
