"""A row is in its parent's network, whoever writes it: the ORM, bulk_create or raw SQL.

Network B's key factor attached to network A's benchmark would show A's benchmark in B's pages
and hide the factor from A's; the database refuses such rows on PostgreSQL, the model refuses
them on every engine."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django_scopes import scopes_disabled

from programmes.benchmarks.models import KeyFactor
from programmes.tenancy.constraints import SameNetwork
from programmes.tenancy.models import TenantModel, tenant_parents
from tests.factories import BenchmarkFactory, KeyFactorFactory, MilestoneFactory, ParticipantFactory

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="composite foreign keys are PostgreSQL's (CI runs the suite there too)")


def _tenant_foreign_keys():
    for model in apps.get_models():
        if issubclass(model, TenantModel):
            for field in tenant_parents(model):
                yield model, field


def _written_and_checked_at_once(write):
    """Run `write` with the deferred keys checked at once, inside a savepoint a refusal undoes."""
    with scopes_disabled(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        write(cursor)


def test_every_parent_of_a_tenant_row_is_declared_same_network():
    missing = []
    for model, field in _tenant_foreign_keys():
        declared = {c.field for c in model._meta.constraints if isinstance(c, SameNetwork)}
        keyed = {tuple(getattr(c, "fields", ())) for c in field.related_model._meta.constraints}
        if field.name not in declared or ("network", "id") not in keyed:
            missing.append(f"{model._meta.label}.{field.name}")
    assert not missing, "add SameNetwork(field) to the child and network_key() to the parent"


def test_factories_keep_children_in_their_parents_network(network_a):
    assert KeyFactorFactory(network=network_a).benchmark.network == network_a
    benchmark = BenchmarkFactory(network=network_a)
    assert KeyFactorFactory(benchmark=benchmark).network == network_a
    participant = ParticipantFactory(network=network_a)
    assert participant.mentorship.network == participant.mentorship.programme.network == network_a
    milestone = MilestoneFactory()
    assert milestone.programme.network == milestone.network


def test_the_model_refuses_a_parent_of_another_network(network_a, network_b):
    benchmark = BenchmarkFactory(network=network_a)
    with scopes_disabled(), pytest.raises(IntegrityError, match="benchmarks.KeyFactor.benchmark is in network"):
        KeyFactor.objects.create(network=network_b, benchmark=benchmark, number=1, title="Misplaced")
    factor = KeyFactorFactory(benchmark=benchmark)
    factor.network = network_b
    with scopes_disabled(), pytest.raises(ValidationError) as refused:
        factor.full_clean()
    assert refused.value.message_dict["benchmark"] == ["This belongs to another network."]


@on_postgresql
def test_postgresql_refuses_a_mismatched_row_through_the_orm_and_raw_sql(network_a, network_b):
    factor = KeyFactorFactory(network=network_a)
    table = KeyFactor._meta.db_table
    writes = {
        "queryset update": lambda cursor: KeyFactor.objects.filter(pk=factor.pk).update(network=network_b),
        "bulk_create": lambda cursor: KeyFactor.objects.bulk_create(
            [KeyFactor(network=network_b, benchmark_id=factor.benchmark_id, number=2, title="Misplaced")]),
        "raw UPDATE": lambda cursor: cursor.execute(f"UPDATE {table} SET network_id = %s WHERE id = %s",
                                                    [network_b.pk, factor.pk]),
        "raw INSERT": lambda cursor: cursor.execute(
            f"INSERT INTO {table} (network_id, benchmark_id, number, title, is_written, rationale, city_actions, "
            "practical_tips, examples) VALUES (%s, %s, 3, 'Misplaced', false, '', '', '', '')",
            [network_b.pk, factor.benchmark_id]),
    }
    for name, write in writes.items():
        with pytest.raises(IntegrityError, match="benchmarks_keyfactor_benchmark_net"):
            _written_and_checked_at_once(write)
        with scopes_disabled():
            assert list(KeyFactor.objects.values_list("network", flat=True)) == [network_a.pk], name


@on_postgresql
def test_postgresql_holds_a_composite_key_for_every_tenant_parent(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'f' AND conname LIKE %s", ["%\\_net"])
        present = {name for (name,) in cursor.fetchall()}
    expected = {f"{model._meta.app_label}_{model._meta.model_name}_{field.name}_net"
                for model, field in _tenant_foreign_keys()}
    assert expected <= present, sorted(expected - present)
