"""Latency and SQL queries of the main pages, measured in-process through the whole stack
(Django's test client: every middleware, the tenancy scope, template rendering), against a bare
view that passes through the same stack."""

import statistics
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.tenancy import pagecache


@dataclass
class PageFigures:
    name: str
    p50: float  # milliseconds
    p95: float
    queries: int
    after_write_p50: float = 0.0  # milliseconds: the first reading after a write in the network
    after_write_p95: float = 0.0


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


def _client(user):
    client = Client(raise_request_exception=True)
    client.force_login(user)
    return client


def count_queries(client, url):
    """Queries of a first reading, with no kept page, rendered row or question in the caches: the
    most the page reads (a reading that finds them reads fewer)."""
    for each in caches.all():
        each.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def measure(seeded, *, requests):
    """p50/p95 per page over `requests` requests each, and its SQL query count. Requests go round
    robin across the pages, so that a slow moment of the machine weighs on every page alike.

    Pages are measured twice: read again with nothing changed (the page kept whole, see
    programmes.tenancy.pagecache), and read right after a write in the network (kept page gone,
    rendered rows and questions still cached), which is what someone sees after a colleague's
    save."""
    visits = [(name, _client(user), url) for name, user, url in main_pages(seeded)]
    queries = {}
    for name, client, url in visits:
        client.get(url)  # templates compiled, translations loaded
        queries[name] = count_queries(client, url)
    for _name, client, url in visits:
        for _ in range(3):
            client.get(url)  # warm-up: the cache filled again, as for anyone reading a page twice
    reset_queries()
    again = _times(visits, requests, before_each=lambda: None)
    after_write = _times(visits, requests, before_each=lambda: pagecache.data_changed(seeded.network.slug))
    return [PageFigures(name, *_percentiles(again[name]), queries[name], *_percentiles(after_write[name]))
            for name in again]


def _times(visits, requests, *, before_each):
    times = {name: [] for name, _client, _url in visits}
    for _ in range(requests):
        for name, client, url in visits:
            before_each()
            start = time.perf_counter()
            response = client.get(url)
            times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return times


def _percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def query_counts(seeded):
    return {name: count_queries(_client(user), url) for name, user, url in main_pages(seeded)}
