"""How PostgreSQL answers the main pages: every SELECT a fresh rendering runs, explained with
EXPLAIN (ANALYZE, FORMAT JSON), and the sequential scans that read far more rows than they keep.

A page filters by network (scoping) and by its mentorship or plan; with many networks in the
database, a query that PostgreSQL answers by reading a whole table and throwing most of it away
grows with every other network's data. Such scans are what an index led by `network_id` (or by
the parent's id) is for, so the bench lists them per page instead of guessing where one is needed.
"""

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from .pages import fresh_rendering, logged_in_client, main_pages

WASTE_LIMIT = 1000  # rows a sequential scan may read and throw away before it is listed


@dataclass
class Scan:
    table: str
    kept: int
    thrown_away: int


@dataclass
class PagePlans:
    name: str
    selects: int = 0
    execution_ms: float = 0.0
    wasteful_scans: list = field(default_factory=list)


def explain_pages(seeded):
    """PagePlans of every main page as `seeded`'s people see it; None on another engine."""
    if connection.vendor != "postgresql":
        return None
    found = []
    with fresh_rendering():
        for name, user, url in main_pages(seeded):
            client = logged_in_client(user)
            client.get(url)  # sessions and templates warm, as on a running server
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            found.append(_explained(name, [query["sql"] for query in captured.captured_queries]))
    return found


def _explained(name, statements):
    plans = PagePlans(name)
    for sql in statements:
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        plan = _plan(sql)
        plans.selects += 1
        plans.execution_ms += plan["Execution Time"]
        plans.wasteful_scans += [scan for scan in _scans(plan["Plan"]) if scan.thrown_away >= WASTE_LIMIT]
    return plans


def _plan(sql):
    # The captured SQL has its parameters bound (psycopg's client-side binding), so it runs as is;
    # ANALYZE really executes it, inside a transaction that is rolled back.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        (document,) = cursor.fetchone()
        transaction.set_rollback(True)
    return document[0]


def _scans(node):
    if node["Node Type"] == "Seq Scan":
        loops = node.get("Actual Loops", 1)
        yield Scan(node["Relation Name"], node["Actual Rows"] * loops, node.get("Rows Removed by Filter", 0) * loops)
    for child in node.get("Plans", ()):
        yield from _scans(child)


def rows(found):
    """Table rows for docs/benchmarks.md: per page, its SELECTs, their time and what was wasted."""
    return [
        [plans.name, str(plans.selects), f"{plans.execution_ms:.1f}",
         "; ".join(f"{scan.table}: kept {scan.kept:,}, threw away {scan.thrown_away:,}"
                   for scan in plans.wasteful_scans) or "none"]
        for plans in found
    ]


HEADER = ["page", "SELECTs", "execution ms (sum)", f"sequential scans throwing away ≥ {WASTE_LIMIT:,} rows"]
