"""The bench's query plans: every SELECT a page runs is explained, and a sequential scan that
throws most of a table away is listed (the sign of a missing index)."""

import pytest
from django.db import connection
from django_scopes import scopes_disabled

from programmes.perf import plans, seed


@pytest.fixture(autouse=True)
def bench_urls(settings):
    settings.ROOT_URLCONF = "programmes.perf.urls"


def test_a_scan_that_throws_rows_away_is_listed_with_its_table():
    plan = {"Node Type": "Nested Loop", "Plans": [
        {"Node Type": "Seq Scan", "Relation Name": "visits_visit", "Actual Rows": 3, "Actual Loops": 2,
         "Rows Removed by Filter": 900},
        {"Node Type": "Index Scan", "Relation Name": "actionplans_action", "Actual Rows": 100, "Actual Loops": 1},
    ]}
    (scan,) = plans._scans(plan)
    assert (scan.table, scan.kept, scan.thrown_away) == ("visits_visit", 6, 1800)
    found = [plans.PagePlans("action plan", selects=4, execution_ms=2.5, wasteful_scans=[scan]),
             plans.PagePlans("network home", selects=2, execution_ms=0.4)]
    assert plans.rows(found) == [["action plan", "4", "2.5", "visits_visit: kept 6, threw away 1,800"],
                                 ["network home", "2", "0.4", "none"]]


@pytest.mark.django_db
def test_every_main_page_is_explained_on_postgresql():
    with scopes_disabled():
        found = plans.explain_pages(seed.seed_network("small", seed.SMALL))
    if connection.vendor != "postgresql":
        assert found is None
        return
    assert len(found) == 8
    assert all(page.selects > 0 for page in found)
