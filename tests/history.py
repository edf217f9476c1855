"""Changing every field a history tracks, so that the pages showing "Changes to …" meet them all."""

import datetime


def _changed_value(model_field, current):
    """A different valid value for a concrete, editable, non-relation field."""
    if model_field.choices:
        return next(value for value, _label in model_field.flatchoices if value != current)
    if isinstance(current, bool):
        return not current
    if isinstance(current, int):
        return current + 1
    if isinstance(current, list) and current:  # a list of values (check-in months): one fewer
        return current[:-1]
    if isinstance(current, datetime.date):
        return current + datetime.timedelta(days=1)
    return f"{current} (changed)" if current else f"A new {model_field.name}"


def change_every_field(obj, *, keep=()):
    """Save `obj` once per editable field, each time with that field changed: one history row each.
    Fields in `keep` stay as they are (those that decide who may see the object)."""
    for model_field in obj._meta.fields:
        if model_field.is_relation or model_field.primary_key or not model_field.editable or model_field.name in keep:
            continue
        setattr(obj, model_field.attname, _changed_value(model_field, getattr(obj, model_field.attname)))
        obj.save()
