"""Field values in, rows out: how a service changes a row without a Django form.

Services take the values a form's `cleaned_data` holds (or that a Celery task or a test has), so
that a use case can run without HTTP. A ModelForm would write them onto its instance itself;
`form_values` returns exactly what it would write, and `assign` writes them in the service,
saying which fields changed, for the audit entry.
"""

from itertools import chain

from django.db import models


def form_values(form):
    """The values a ModelForm's save() would write, by field name: the cleaned value of each model
    field on the form, without the form-only fields (a consent box, the lines of a list…).
    Many-to-many values are included, for the service to set once the row is saved.

    Like Django's `construct_instance`, a field with a default that the request left out keeps its
    default, rather than being emptied: the service then leaves it alone too."""
    opts, meta, cleaned = form._meta.model._meta, form._meta, form.cleaned_data
    values = {}
    for field in chain(opts.fields, opts.many_to_many):
        if not field.editable or isinstance(field, models.AutoField) or field.name not in cleaned:
            continue
        if (meta.fields is not None and field.name not in meta.fields) or (meta.exclude and field.name in meta.exclude):
            continue
        bound = form[field.name].field
        omitted = bound.widget.value_omitted_from_data(form.data, form.files, form.add_prefix(field.name))
        if field.has_default() and omitted and cleaned[field.name] in bound.empty_values:
            continue
        values[field.name] = cleaned[field.name]
    return values


def assign(instance, values):
    """Set `values` (field name → value) on `instance`, not yet saved; return the sorted names of the
    fields whose value changed, compared as stored (a foreign key by its id).

    A name that is not a field of the model raises FieldDoesNotExist, so a misspelt value fails
    instead of vanishing. Many-to-many values are refused: they can only be set once the row is
    saved, and a tenant link row needs its network (see `core.links.replace_links`)."""
    changed = []
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.many_to_many or field.one_to_many or not field.concrete:
            raise TypeError(f"{name} is not a column of {type(instance).__name__}: set it in the service")
        before = field.value_from_object(instance)
        setattr(instance, name, value)
        if field.value_from_object(instance) != before:
            changed.append(field.name)
    return sorted(changed)
