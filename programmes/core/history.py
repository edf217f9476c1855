"""Change history (django-simple-history) that respects tenancy like every other query.

`TenantHistory()` replaces `HistoricalRecords()` on tenant models: the historical table keeps the
`network` column and gets a scoped default manager, and `Model.history` without an instance
filters by the active network (raising when none is active), so history never crosses networks.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, ScopeError, get_scope
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords


class ScopedHistoryManager(HistoryManager):
    def get_super_queryset(self):
        queryset = super().get_super_queryset()
        if self.instance is not None:
            return queryset  # one object's history: the object itself was read in scope
        current = get_scope()
        if not current.get("_enabled", True):
            return queryset
        if "network" not in current:
            raise ScopeError("A scope on dimension(s) network needs to be active for this query.")
        return queryset.filter(network=current["network"])


class ScopedHistoricalBase(models.Model):
    objects = ScopedManager(network="network")

    class Meta:
        abstract = True


def TenantHistory(**options):  # noqa: N802 - used like the HistoricalRecords class it wraps
    return HistoricalRecords(history_manager=ScopedHistoryManager, bases=[ScopedHistoricalBase], **options)


HIDDEN_FIELDS = {"id", "network", "created_at"}
KIND_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    subject: str
    changes: list = field(default_factory=list)  # [(field label, old value, new value)]


def _shown(record, model_field):
    value = getattr(record, model_field.attname)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return "" if value is None else str(value)


#: How many changes a page's history panel lists.
HISTORY_LENGTH = 15


def history_entries(records, *, limit, subject=lambda record: ""):
    """Readable entries (newest first) from historical rows ordered newest first.

    Pass `limit + 1` rows: the extra, older row only serves to show what the last entry changed.
    Rows of several objects may be mixed; each is compared with the previous row of its object.
    """
    records = list(records)
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = next((r for r in records[index + 1:] if r.id == record.id), None)
        changes = []
        if record.history_type == "~" and previous is not None:
            # Only what the history tracks: a field kept out of it (a mentorship's private notes)
            # is not on the historical row at all, and must not be shown to history's readers.
            for model_field in record.tracked_fields:
                if model_field.name in HIDDEN_FIELDS or model_field.is_relation:
                    continue
                old, new = _shown(previous, model_field), _shown(record, model_field)
                if old != new:
                    changes.append((str(model_field.verbose_name), old, new))
            if not changes:
                continue
        entries.append(HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            action=str(KIND_LABELS[record.history_type]),
            subject=subject(record),
            changes=changes,
        ))
    return entries
