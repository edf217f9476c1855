"""The benchmark's pages answer, and their SQL queries do not grow with the data: the same count
for a network of two mentorships with 3-row plans and one with more of everything. (Latency is
measured by `make bench`, not here.)"""

import pytest
from django_scopes import scopes_disabled

from programmes.perf import pages, seed

MORE = seed.Size(programmes=2, mentorships_per_programme=3, actions_per_plan=12, visits_per_mentorship=4,
                 comments_per_question=2)


@pytest.fixture(autouse=True)
def bench_urls(settings):
    settings.ROOT_URLCONF = "programmes.perf.urls"


@pytest.mark.django_db
def test_main_pages_use_the_same_few_queries_whatever_the_size():
    with scopes_disabled():
        small = pages.query_counts(seed.seed_network("small", seed.SMALL))
        bigger = pages.query_counts(seed.seed_network("bigger", MORE))
    assert set(small) == {"bare view", "empty page (layout only)", "network home", "programme dashboard", "mentorship page",
                          "needs analysis (Annex 2)", "action plan", "benchmark self-assessment"}
    assert bigger == small
    assert all(count <= 20 for count in bigger.values()), bigger
