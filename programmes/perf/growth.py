"""Tenant growth: N more networks the size of the big seed, made inside the database server.

Seeding one big network through the services takes about a minute, so 100 of them would take
hours; copying its rows takes seconds. Every table that belongs to the network (each model with a
`network` foreign key, django-simple-history's tables included) and every table hanging from one
of those without its own `network` (users by their membership, their e-mail addresses, calendar
feeds, ...) is copied with one `INSERT ... SELECT` over a small table of copy numbers. Row ids are
shifted by copy number × a stride larger than any id in the database, and every foreign key into a
copied table is shifted alike, so a copy only ever points at its own rows: the copies are as
isolated from one another as networks seeded apart. Values unique across the whole site (e-mail
addresses, tokens, calendar uids) get a per-copy prefix."""

from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError, connection, models, transaction

from programmes.accounts.models import User
from programmes.tenancy.models import Membership, Network
from programmes.tenancy.tasks import refresh_planner_statistics

COPIES = "bench_copies"  # (k, network_id): copy number -> id of its new network
EXTRA_IDS = {"visits.ReminderDelivery": ["event_id"]}  # plain columns holding an id of a copied row


@dataclass
class Plan:
    model: type
    where: str  # SQL condition on alias `t` selecting the rows of the source network


def _concrete(model):
    meta = model._meta
    return meta.managed and not meta.proxy and not meta.swapped and model is not Network


def _network_field(model):
    return next((f for f in model._meta.concrete_fields if f.is_relation and f.related_model is Network), None)


def copy_plans(source):
    """What to copy, and how to find the source network's rows, for every table concerned."""
    plans = {}
    for model in apps.get_models(include_auto_created=True):
        field = _network_field(model) if _concrete(model) else None
        if field is not None:
            plans[model] = Plan(model, f"t.{connection.ops.quote_name(field.column)} = {int(source.pk)}")
    member = Membership._meta
    plans[User] = Plan(User, f"t.{_q(User._meta.pk.column)} IN (SELECT {_q(member.get_field('user').column)} FROM "
                             f"{_q(member.db_table)} WHERE {_q(member.get_field('network').column)} = {int(source.pk)})")
    grown = True
    while grown:  # tables without a network of their own, hanging from a copied one
        grown = False
        for model in apps.get_models(include_auto_created=True):
            if model in plans or not _concrete(model):
                continue
            parent = next((f for f in model._meta.concrete_fields if f.is_relation and f.many_to_one
                           and f.related_model in plans), None)
            if parent is None:
                continue
            above = plans[parent.related_model]
            target = parent.related_model._meta
            plans[model] = Plan(model, f"t.{_q(parent.column)} IN (SELECT t.{_q(target.pk.column)} FROM "
                                       f"{_q(target.db_table)} t WHERE {above.where})")
            grown = True
    return list(plans.values())


def _q(name):
    return connection.ops.quote_name(name)


def _unique_texts(model):
    """Text columns that must be unique across all networks: unique on their own, or only with
    other plain columns (a set that includes a shifted id or the network is unique per copy)."""
    meta, sets = model._meta, []
    sets += [[f.name] for f in meta.concrete_fields if f.unique and not f.primary_key]
    sets += [list(c.fields) for c in meta.constraints if isinstance(c, models.UniqueConstraint) and c.fields]
    sets += [list(names) for names in meta.unique_together]
    texts = set()
    for names in sets:
        fields = [meta.get_field(name) for name in names]
        if any(f.is_relation or f.primary_key for f in fields):
            continue
        texts |= {f.name for f in fields if isinstance(f, (models.CharField, models.UUIDField))}
    return texts


def _expression(model, field, copied, stride, texts):
    column = f"t.{_q(field.column)}"
    shifted = f"{column} + c.k * {stride}"
    if field.is_relation:
        if field.related_model is Network:
            return "c.network_id"
        return shifted if field.related_model in copied else column
    history_of = getattr(model, "instance_type", None)  # django-simple-history: the row's original id
    if field.primary_key and isinstance(field, models.AutoField):
        return shifted
    if history_of is not None and field.name == history_of._meta.pk.name:
        return shifted
    if field.column in EXTRA_IDS.get(model._meta.label, []):
        return shifted
    if field.name in texts:
        if isinstance(field, models.UUIDField):
            if connection.vendor == "postgresql":
                return f"md5({column}::text || c.k::text)::uuid"
            return f"substr({column}, 1, 24) || printf('%08x', c.k)"
        prefixed = f"'c' || c.k || '-' || {column}"
        return f"substr({prefixed}, 1, {field.max_length})" if field.max_length else prefixed
    return column


def _stride(plans):
    highest = 0
    with connection.cursor() as cursor:
        for plan in plans:
            meta = plan.model._meta
            cursor.execute(f"SELECT MAX({_q(meta.pk.column)}) FROM {_q(meta.db_table)}")
            value = cursor.fetchone()[0]
            if isinstance(value, int):
                highest = max(highest, value)
    stride = 10
    while stride <= highest * 2:  # room for the rows made after the copies, too
        stride *= 10
    return stride


def add_networks(source, count):
    """`count` copies of `source` (its slug + "-copy-<k>"); returns the new networks."""
    if count <= 0:
        return []
    plans = copy_plans(source)
    copied = {plan.model for plan in plans}
    with transaction.atomic():
        stride = _stride(plans)
        networks = [Network.objects.create(slug=f"{source.slug[:38]}-copy-{k}", name=f"{source.name} (copy {k})",
                                           languages=source.languages) for k in range(1, count + 1)]
        with connection.cursor() as cursor:
            _skip_row_by_row_checks(cursor)
            cursor.execute(f"CREATE TEMPORARY TABLE {COPIES} (k integer PRIMARY KEY, network_id bigint NOT NULL)")
            cursor.executemany(f"INSERT INTO {COPIES} (k, network_id) VALUES (%s, %s)",
                               [(k, n.pk) for k, n in enumerate(networks, start=1)])
            for plan in plans:
                meta = plan.model._meta
                texts = _unique_texts(plan.model)
                fields = meta.concrete_fields
                columns = ", ".join(_q(f.column) for f in fields)
                values = ", ".join(_expression(plan.model, f, copied, stride, texts) for f in fields)
                cursor.execute(f"INSERT INTO {_q(meta.db_table)} ({columns}) SELECT {values} "
                               f"FROM {_q(meta.db_table)} t CROSS JOIN {COPIES} c WHERE {plan.where}")
            cursor.execute(f"DROP TABLE {COPIES}")
            _reset_sequences(cursor, copied)
    settle()
    return networks


def settle():
    """Bring the database to the steady state of a live site before pages are measured: fresh
    planner statistics, as PostgreSQL's autovacuum and the scheduler's daily `PRAGMA optimize` on
    SQLite give a running site. Without them both planners guess from row counts alone and read a
    tenant table through its network index (8 ms instead of 0.8 ms for the links of a 100-row
    plan on SQLite). On PostgreSQL also the visibility maps (VACUUM) and the written pages
    flushed (CHECKPOINT), so that autovacuum or a checkpoint set off by millions of new rows does
    not land in the middle of a measurement. VACUUM cannot run inside a transaction (a test's),
    where there is nothing to settle anyway."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            refresh_planner_statistics()
            return
        cursor.execute("VACUUM ANALYZE")
        try:
            with transaction.atomic():
                cursor.execute("CHECKPOINT")
        except DatabaseError:  # not a superuser: the checkpoint comes when it comes
            pass


def _skip_row_by_row_checks(cursor):
    """On PostgreSQL, foreign keys are checked by one deferred trigger per inserted row, which
    for millions of copied rows makes COMMIT take far longer than the copy itself. The rows are
    copies of rows that passed those checks, with every key shifted alike (the isolation test
    checks it), so for this transaction the triggers are skipped (session_replication_role =
    replica, allowed to a superuser such as the bench's `postgres`); without the right, the
    checks simply run."""
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:  # not a superuser: keep the checks, only slower
        pass


def _reset_sequences(cursor, models_):
    for statement in connection.ops.sequence_reset_sql(_NoStyle(), list(models_)):
        cursor.execute(statement)


class _NoStyle:
    def __getattr__(self, name):
        return lambda text: text
