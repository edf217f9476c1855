"""Latency and SQL queries of the main pages, measured in-process through the whole stack
(Django's test client: every middleware, the tenancy scope, template rendering), against a bare
view that passes through the same stack.

Every reading is a fresh rendering: while pages are measured every cache alias is Django's
DummyCache, so nothing a page is made of can be kept between two readings and the figures are
what a person gets on any request, not on a lucky second one."""

import statistics
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

DUMMY = "django.core.cache.backends.dummy.DummyCache"


@dataclass
class PageFigures:
    name: str
    p50: float  # milliseconds
    p95: float
    queries: int


def main_pages(seeded):
    """(name, user, url) of the pages the benchmark holds to its targets, each seen by the person
    who works on it: coordinators on the network and programme, the mentee team on the rest."""
    slug, first = seeded.network.slug, seeded.mentorships[0]

    def of(name, pk=first.pk):
        return reverse(name, kwargs={"network": slug, "pk": pk})

    return [
        ("bare view", seeded.mentee, reverse("bench_bare", kwargs={"network": slug})),
        ("empty page (layout only)", seeded.mentee, reverse("bench_empty", kwargs={"network": slug})),
        ("network home", seeded.coordinator, reverse("network_home", kwargs={"network": slug})),
        ("programme dashboard", seeded.coordinator, of("programme_detail", first.programme_id)),
        ("mentorship page", seeded.mentee, of("mentorship_detail")),
        ("needs analysis (Annex 2)", seeded.mentee, of("needs_analysis")),
        ("action plan", seeded.mentee, of("action_plan")),
        ("benchmark self-assessment", seeded.mentee, of("self_assessment")),
    ]


class fresh_rendering(override_settings):  # noqa: N801 - used like override_settings
    """Every alias of settings.CACHES becomes a DummyCache for the duration. Django's
    setting_changed receiver (django.test.signals.clear_cache_handlers) then rebuilds
    `django.core.cache.caches`, whose per-thread objects were made from the old settings; entering
    checks that they really are dummies, so a kept page can never sneak into a measurement."""

    def __init__(self):
        super().__init__(CACHES={alias: {"BACKEND": DUMMY} for alias in settings.CACHES})

    def enable(self):
        super().enable()
        wrong = [alias for alias in settings.CACHES if not isinstance(caches[alias], DummyCache)]
        if wrong:
            super().disable()
            raise RuntimeError(f"cache aliases still real during page measurements: {wrong}")


def cache_backends():
    """alias -> backend class name, as the pages see them right now (printed by the bench)."""
    return {alias: type(caches[alias]).__name__ for alias in settings.CACHES}


def logged_in_client(user):
    client = Client(raise_request_exception=True)
    client.force_login(user)
    return client


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def measure(seeded, *, requests):
    """p50/p95 per page over `requests` fresh renderings each, and its SQL query count. Requests
    go round robin across the pages, so that a slow moment of the machine weighs on every page
    alike."""
    with fresh_rendering():
        visits = [(name, logged_in_client(user), url) for name, user, url in main_pages(seeded)]
        queries = {}
        for name, client, url in visits:
            client.get(url)  # templates compiled, translations loaded: the state of a running server
            queries[name] = count_queries(client, url)
        reset_queries()
        times = _times(visits, requests)
    return [PageFigures(name, *_percentiles(times[name]), queries[name]) for name in times]


def _times(visits, requests):
    times = {name: [] for name, _client, _url in visits}
    for _ in range(requests):
        for name, client, url in visits:
            start = time.perf_counter()
            response = client.get(url)
            times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return times


def _percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def query_counts(seeded):
    with fresh_rendering():
        return {name: count_queries(logged_in_client(user), url) for name, user, url in main_pages(seeded)}
