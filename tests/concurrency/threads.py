"""Real concurrent transactions for tests: each job in its own thread, hence its own database
connection, all released at once. Races need PostgreSQL: SQLite takes one writer at a time."""

import threading

import pytest
from celery._state import _set_task_join_will_block, task_join_will_block
from django.db import connection
from django_scopes import scope


def require_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (run with DATABASE_URL=postgres://…)")


def run_together(network, jobs):
    """Run every job at the same moment, each in its own transaction(s) and connection, inside the
    network's scope; return the exceptions they raised.

    Celery keeps "are we inside a task?" in one process-wide flag that each eager task saves and
    restores; eager tasks overlapping in these threads restore it out of order. The flag is put
    back as it was, or every later `AsyncResult.get()` in the test process would refuse to run."""
    joins_were_blocked = task_join_will_block()
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait(timeout=30)
            with scope(network=network):
                job()
        except Exception as error:  # noqa: BLE001 - the test reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer is stuck"
    _set_task_join_will_block(joins_were_blocked)
    return errors
