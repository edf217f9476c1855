"""The scheduler's daily ANALYZE of the embedded SQLite database: without statistics its planner
reads a tenant table through the network index, every row of the network, for one plan's links."""

import pytest
from django.db import connection

from programmes.tenancy.tasks import refresh_planner_statistics


@pytest.mark.django_db(transaction=True)
def test_the_embedded_database_gets_planner_statistics():
    done = refresh_planner_statistics()
    if connection.vendor != "sqlite":
        assert done is False  # autovacuum keeps PostgreSQL's statistics
        return
    assert done is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone()[0] == 1


def test_the_scheduler_runs_it_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["refresh-planner-statistics"]
    assert entry == {"task": "programmes.tenancy.tasks.refresh_planner_statistics", "schedule": 86400.0}
