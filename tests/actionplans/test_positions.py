"""Row numbers of a plan stay 1…n and unique when people add, move and remove rows at the same
moment: the plan row is locked for every change of the order, and the database refuses two rows
with one number. The concurrent tests use real transactions on PostgreSQL, one connection per
thread (SQLite takes one writer at a time, so there is no race to test there)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django_scopes import scope, scopes_disabled

from programmes.actionplans import services
from programmes.actionplans.models import Action
from tests.concurrency.threads import require_postgresql, run_together

from .conftest import add


def _positions(plan):
    with scopes_disabled():
        return list(Action.objects.filter(plan=plan).order_by("position").values_list("position", flat=True))


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_actions_added_at_the_same_moment_get_numbers_of_their_own(network_a, plan):
    require_postgresql()
    writers, rows_each = 8, 6

    def writer(index):
        return lambda: [services.add_action(plan, values={"action": f"Writer {index}, row {n}"}, by=None)
                        for n in range(rows_each)]

    errors = run_together(network_a, [writer(index) for index in range(writers)])
    assert errors == []
    assert _positions(plan) == list(range(1, writers * rows_each + 1))


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_rows_moved_and_removed_while_others_add_keep_numbers_one_to_n(network_a, plan):
    require_postgresql()
    first_rows = [add(plan, f"Row {n}") for n in range(12)]

    def adder():
        for n in range(6):
            services.add_action(plan, values={"action": f"Added {n}"}, by=None)

    def mover(direction):
        def move():
            for row in first_rows[2:10]:
                services.move_action(Action.objects.get(pk=row.pk), direction=direction, by=None)
        return move

    def remover():
        for row in first_rows[10:]:
            services.delete_action(Action.objects.get(pk=row.pk), by=None)

    def reorderer():
        services.reorder(plan, [row.pk for row in reversed(first_rows[:10])], by=None)

    errors = run_together(network_a, [adder, adder, mover(-1), mover(+1), remover, reorderer])
    assert errors == []
    assert _positions(plan) == list(range(1, 12 - 2 + 2 * 6 + 1))


def test_the_database_refuses_two_rows_with_one_number(network_a, plan):
    first, second = add(plan, "Buddy scheme"), add(plan, "Language café")
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=second.pk).update(position=first.position)


def test_moves_and_removals_renumber_under_the_constraint(network_a, plan):
    """Swapping two numbers, or shifting every row after a removal, passes through states where
    two rows would share a number if it were done row by row."""
    rows = [add(plan, f"Row {n}") for n in range(5)]
    with scope(network=network_a):
        services.move_action(rows[0], direction=+1, by=None)
        services.reorder(plan, [row.pk for row in reversed(rows)], by=None)
        services.delete_action(Action.objects.get(pk=rows[4].pk), by=None)
        services.move_action(Action.objects.get(pk=rows[0].pk), direction=-1, by=None)
        texts = list(Action.objects.filter(plan=plan).order_by("position").values_list("position", "action"))
    assert texts == [(1, "Row 3"), (2, "Row 2"), (3, "Row 0"), (4, "Row 1")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_renumbers_rows_that_already_share_a_number(network_a, plan):
    from django.db.migrations.executor import MigrationExecutor

    rows = [add(plan, f"Row {n}") for n in range(4)]
    before = [("actionplans", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        with scopes_disabled():  # as the race left them: two rows numbered 2, two numbered 3
            for row, position in zip(rows, [1, 2, 2, 3], strict=True):
                Action.objects.filter(pk=row.pk).update(position=position)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())  # every app back to its latest, not only this one
    with scopes_disabled():
        assert list(Action.objects.filter(plan=plan).order_by("position").values_list("action", "position")) == [
            ("Row 0", 1), ("Row 1", 2), ("Row 2", 3), ("Row 3", 4)]
