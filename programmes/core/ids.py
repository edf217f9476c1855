"""Ids as they come in, from an address or a form, bounded to what a table can hold.

Every id here is a 64-bit integer (DEFAULT_AUTO_FIELD is BigAutoField). A longer number names no
row, yet Django hands it to the database in foreign-key and `in` lookups (it guards only plain
integer comparisons), and SQLite's driver then raises OverflowError: a 500 for
`…/factors/99999999999999999999/` or a checkbox value `key_factors=99999999999999999999`.
Bounding ids where they enter turns such an address into a 404 and such a value into an error
beside its field, in every app, without each view or selector checking.

core is the floor every app's URLs and forms stand on; the converter is registered as `id` by
`TenancyConfig.ready` (core is not an installed app), before any URL module is read.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls.converters import IntConverter

MAX_ID = 2**63 - 1  # the largest value of a BigAutoField, on PostgreSQL and SQLite alike


def parse_id(value):
    """The id that `value` writes in ASCII digits, or None when no row can have it."""
    text = str(value)
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdConverter(IntConverter):
    """`<id:pk>`: like `<int:pk>`, but an id beyond MAX_ID does not match, so the address is a 404."""

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"{value} is larger than any id")
        return number


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of rows, refusing a value that cannot be an id before the database is asked.

    For rows chosen by their primary key only: with `to_field_name` the values are not ids."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                if parse_id(pk) is None:
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": pk})
        return super()._check_values(value)
