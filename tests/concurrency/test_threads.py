"""The thread helper itself: whatever its jobs do, it leaves the process as it found it."""

import threading

from celery._state import task_join_will_block
from celery.result import denied_join_result

from tests.concurrency.threads import run_together


def test_eager_tasks_in_two_threads_do_not_leave_result_get_forbidden():
    """Celery runs an eager task inside `denied_join_result()`, which saves and restores a
    process-wide flag. Two such tasks overlapping in threads restore it out of order and leave it
    set, and every later `AsyncResult.get()` in the process then raises "Never call result.get()
    within a task!" (CI's real-worker test did, after the concurrent PDF-download test). The
    interleaving is forced here: first in, first out."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()

    def first():
        with denied_join_result():
            first_in.set()
            second_in.wait(timeout=10)
        first_out.set()

    def second():
        first_in.wait(timeout=10)
        with denied_join_result():
            second_in.set()
            first_out.wait(timeout=10)

    assert run_together(None, [first, second]) == []
    assert task_join_will_block() is False
