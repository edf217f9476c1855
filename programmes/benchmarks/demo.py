"""Demo benchmarks: the guide's example, in English and Italian, as drafts of IncluCities. Idempotent."""

from django_scopes import scope

from . import services
from .models import Benchmark


def seed_benchmarks(networks):
    network = networks["inclucities"]
    with scope(network=network):
        if not Benchmark.objects.filter(network=network).exists():
            for language in ("en", "it"):
                services.install_shipped(network, language=language, by=None)
