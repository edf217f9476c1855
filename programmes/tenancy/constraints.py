"""A child row lives in its parent's network: the database says so, not only the code.

Scoping keeps a query inside one network, but nothing in a plain foreign key stops an action whose
plan is in network A from carrying `network_id` B; such a row would be shown to B's members and
hidden from A's. Two constraints close that:

- `network_key()` on every parent: a unique key `(network_id, id)`, which a composite foreign key
  needs to point at (and which doubles as an index led by `network_id`);
- `SameNetwork("plan")` on the child: on PostgreSQL the composite foreign key
  `(network_id, plan_id) → parent (network_id, id)`, deferred to commit like Django's own foreign
  keys, so a mismatched row is refused whether it comes through the ORM, `bulk_create` or raw SQL.
  SQLite cannot add a constraint to an existing table, so there the refusal is the model's:
  `TenantModel.save()` compares the networks of the parents it holds, and `full_clean()` runs
  `validate()` below.

Rows whose parent is empty (a nullable foreign key set to NULL) are not checked: the composite key
is MATCH SIMPLE, as SET_NULL needs.
"""

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.utils.translation import gettext_lazy as _


def network_key():
    """The unique `(network_id, id)` a child's composite foreign key refers to."""
    return models.UniqueConstraint(fields=["network", "id"], name="%(app_label)s_%(class)s_network_key")


class SameNetwork(models.BaseConstraint):
    """The row's `network` is the network of the row its foreign key `field` points at."""

    default_violation_error_message = _("This belongs to another network.")

    def __init__(self, field, *, name=None, violation_error_code=None, violation_error_message=None):
        self.field = field
        super().__init__(
            name=name or f"%(app_label)s_%(class)s_{field}_net",
            violation_error_code=violation_error_code,
            violation_error_message=violation_error_message,
        )

    def _applies(self, schema_editor):
        return schema_editor.connection.vendor == "postgresql"

    def _references(self, model, schema_editor):
        field = model._meta.get_field(self.field)
        parent = field.related_model._meta
        quote = schema_editor.quote_name
        return (
            quote(model._meta.db_table),
            quote(self.name),
            f"{quote('network_id')}, {quote(field.column)}",
            quote(parent.db_table),
            f"{quote('network_id')}, {quote(parent.pk.column)}",
        )

    def constraint_sql(self, model, schema_editor):
        # In CREATE TABLE the parent's (network_id, id) key may not exist yet (a table pointing at
        # itself, or created in the same migration): add the key at the end, as Django does with
        # its own foreign keys.
        if self._applies(schema_editor):
            schema_editor.deferred_sql.append(self.create_sql(model, schema_editor))
        return None

    def create_sql(self, model, schema_editor):
        if not self._applies(schema_editor):
            return None
        table, name, columns, parent, parent_columns = self._references(model, schema_editor)
        return (f"ALTER TABLE {table} ADD CONSTRAINT {name} FOREIGN KEY ({columns}) "
                f"REFERENCES {parent} ({parent_columns}) DEFERRABLE INITIALLY DEFERRED")

    def remove_sql(self, model, schema_editor):
        if not self._applies(schema_editor):
            return None
        table, name, *_rest = self._references(model, schema_editor)
        return f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}"

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if exclude and ({self.field, "network"} & set(exclude)):
            return
        field = model._meta.get_field(self.field)
        parent_id = getattr(instance, field.attname)
        if parent_id is None:
            return
        parent = field.get_cached_value(instance, default=None)  # a form's choice: no query
        if parent is not None:
            parent_network = parent.network_id
        else:
            parent_network = (field.related_model._base_manager.using(using).filter(pk=parent_id)
                              .values_list("network_id", flat=True).first())
        if parent_network is not None and parent_network != instance.network_id:
            raise ValidationError({self.field: self.get_violation_error_message()},
                                  code=self.violation_error_code)

    def __eq__(self, other):
        if isinstance(other, SameNetwork):
            return (self.name, self.field, self.violation_error_message, self.violation_error_code) == (
                other.name, other.field, other.violation_error_message, other.violation_error_code)
        return super().__eq__(other)

    def __repr__(self):
        return f"<SameNetwork: field={self.field!r} name={self.name!r}>"

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, (self.field,), kwargs
