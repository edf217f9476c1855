"""The benchmark measures what users get: its pages answer, every reading is a fresh rendering
(all caches are DummyCaches while pages are measured), their SQL queries do not grow with the
data (the same count for a network of two mentorships with 3-row plans and one with more of
everything), and the networks `--networks` adds are isolated copies. (Latency is measured by
`make bench`, not here.)"""

import pytest
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from programmes.accounts.models import User
from programmes.perf import digest_sweep, growth, pages, report, seed
from programmes.tenancy.models import Network

MORE = seed.Size(programmes=2, mentorships_per_programme=3, actions_per_plan=12, visits_per_mentorship=4,
                 comments_per_question=2)
PAGES = {"bare view", "empty page (layout only)", "network home", "programme dashboard", "mentorship page",
         "needs analysis (Annex 2)", "action plan", "benchmark self-assessment"}


@pytest.fixture(autouse=True)
def bench_urls(settings):
    settings.ROOT_URLCONF = "programmes.perf.urls"


@pytest.mark.django_db
def test_main_pages_use_the_same_few_queries_whatever_the_size():
    with scopes_disabled():
        small = pages.query_counts(seed.seed_network("small", seed.SMALL))
        bigger = pages.query_counts(seed.seed_network("bigger", MORE))
    assert set(small) == PAGES
    assert bigger == small
    assert all(count <= 20 for count in bigger.values()), bigger


def test_pages_are_measured_with_every_cache_a_dummy(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                       "other": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not isinstance(caches["default"], DummyCache)
    with pages.fresh_rendering():
        assert set(pages.cache_backends()) == {"default", "other"}
        assert all(isinstance(caches[alias], DummyCache) for alias in ("default", "other"))
        caches["default"].set("page", "kept")
        assert caches["default"].get("page") is None
    assert not isinstance(caches["default"], DummyCache)


@pytest.mark.django_db
def test_every_measurement_runs_with_dummy_caches(monkeypatch):
    seen = []
    real = pages.count_queries

    def spying(client, url):
        seen.append(set(pages.cache_backends().values()))
        return real(client, url)

    monkeypatch.setattr(pages, "count_queries", spying)
    with scopes_disabled():
        figures = pages.measure(seed.seed_network("small", seed.SMALL), requests=2)
    assert {f.name for f in figures} == PAGES
    assert seen
    assert all(backends == {"DummyCache"} for backends in seen)


def test_heavy_pages_have_the_looser_target():
    assert report.page_target("programme dashboard") == report.page_target("action plan") == 6
    assert report.page_target("mentorship page") == 4


def test_a_run_rewrites_its_own_engines_section_and_keeps_the_others():
    first = report.merge("# Benchmarks\n\nold layout\n\n## Pages\n\nkept pages\n", "SQLite", "sqlite figures")
    both = report.merge(first + "\n## Notes\n\nby hand\n", "PostgreSQL", "pg figures")
    again = report.merge(both, "SQLite", "new sqlite figures")
    assert "old layout" not in first
    assert "kept pages" not in first
    assert "## Notes\n\nby hand" in again
    assert again.index("## On SQLite") < again.index("## Notes") < again.index("## On PostgreSQL")
    assert "## On PostgreSQL\n\npg figures" in again
    assert "new sqlite figures" in again
    assert "sqlite figures\n" not in again.replace("new sqlite figures", "")


def _tenant_models():
    return [m for m in growth.apps.get_models() if growth._concrete(m) and growth._network_field(m) is not None]


@pytest.mark.django_db
def test_added_networks_are_isolated_copies():
    with scopes_disabled():
        source = seed.seed_network("small", seed.SMALL)
        copies = growth.add_networks(source.network, 2)
        assert len(copies) == 2
        for model in _tenant_models():
            own = model.objects.filter(network=source.network).count()
            for copy in copies:
                assert model.objects.filter(network=copy).count() == own, model
                for field in model._meta.concrete_fields:
                    related = field.related_model
                    if (not field.is_relation or related is Network or related not in _tenant_models()
                            or not field.db_constraint):
                        continue
                    strays = (model.objects.filter(network=copy).exclude(**{f"{field.name}__isnull": True})
                              .exclude(**{f"{field.name}__network": copy}))
                    assert not strays.exists(), (model, field.name)
        members = User.objects.filter(memberships__network=source.network)
        for copy in copies:
            theirs = User.objects.filter(memberships__network=copy)
            assert theirs.count() == members.count()
            assert not theirs.filter(pk__in=members).exists()
            assert not theirs.filter(memberships__network=source.network).exists()
        # a copy's mentee reads their own network, and is a stranger to the source network
        mentee = User.objects.get(email=f"c1-{source.mentee.email}")
        client = Client()
        client.force_login(mentee)
        assert client.get(reverse("network_home", kwargs={"network": copies[0].slug})).status_code == 200
        assert client.get(reverse("network_home", kwargs={"network": source.network.slug})).status_code == 404


@pytest.mark.django_db
def test_the_digest_sweep_measures_its_own_network_and_sends_each_digest_once(mailoutbox):
    """Another network's people waiting for their digest (as `make bench` seeds several) are not
    part of the measurement, and the measured network's digests are each sent once."""
    with scopes_disabled():
        seed.seed_network("other", seed.SMALL)
        figures = digest_sweep.measure(seed.seed_network("small", seed.SMALL), events=40)
    assert figures.missed == []
    assert figures.emails == figures.digests == figures.people > 0
