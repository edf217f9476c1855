"""The database itself refuses two agenda items of a visit in one place (both databases), and the
migration that added the rule renumbered visits that already had such items."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.visits import services
from programmes.visits.models import AgendaItem
from tests.factories import ProgrammeFactory


def _visit(network):
    starts = timezone.now() + timedelta(days=30)
    with scope(network=network):
        return services.plan_visit(programme=ProgrammeFactory(network=network), by=None, values={
            "kind": "training", "starts_at": starts, "ends_at": starts + timedelta(hours=6),
            "time_zone": "Europe/Rome"})


def _add(visit, title, day=1):
    with scope(network=visit.network):
        return services.save_agenda_item(visit, values={"title": title, "day": day}, by=None)


def test_two_agenda_items_cannot_share_a_place(network_a):
    visit = _visit(network_a)
    first, second = _add(visit, "Welcome"), _add(visit, "Site visit")
    assert second.position == first.position + 1
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.filter(pk=second.pk).update(position=first.position)


@pytest.mark.django_db(transaction=True)
def test_the_migration_renumbers_agenda_items_that_share_a_place(network_a):
    visit = _visit(network_a)
    items = [_add(visit, "Welcome"), _add(visit, "Site visit"), _add(visit, "Lunch"), _add(visit, "Wrap-up", day=2)]
    executor = MigrationExecutor(connection)
    executor.migrate([("visits", "0007_delivery_claims")])
    try:
        with scopes_disabled():  # as a race left them: "Site visit" and "Lunch" both in place 2
            for item, position in zip(items, [1, 2, 2, 1], strict=True):
                AgendaItem.objects.filter(pk=item.pk).update(position=position)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())  # every app back to its latest, not only this one
    with scopes_disabled():
        assert list(visit.agenda.order_by("day", "position").values_list("title", "position")) == [
            ("Welcome", 1), ("Site visit", 2), ("Lunch", 3), ("Wrap-up", 4)]
