"""How much text a person may type into one field, and how a view that reads a form itself says so.

Without a limit one request can store a megabyte in a comment, and every page, e-mail and PDF that
shows it pays for it. The limits are generous for what each field is for (a comment is a few
paragraphs, notes a few pages) and the same in every app. A form field says its limit in its help
text; a view that reads `request.POST` itself uses `posted_text`, which refuses what a form field
would refuse (too long, or a NUL character, which PostgreSQL cannot store in text).

core is the floor every app stands on, so each app can import this.
"""

from django import forms
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils import formats
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

COMMENT = 5_000  # a comment or a short note in a discussion
LONG_TEXT = 20_000  # notes, summaries, evidence, a cell of an action plan: a few pages
SEARCH = 200  # words to look for (SQLite refuses a LIKE pattern over 50,000 bytes)


def _at_most(limit):
    return _("At most %(count)s characters.") % {"count": formats.number_format(limit, force_grouping=True)}


at_most = lazy(_at_most, str)


def with_limit(help_text, limit):
    """The field's help text followed by its limit, both translated when shown."""
    return format_lazy("{} {}", help_text, at_most(limit)) if help_text else at_most(limit)


class LimitedTextField(forms.CharField):
    """A free-text field (a textarea unless told otherwise) that says and enforces its maximum length."""

    def __init__(self, *, max_length=LONG_TEXT, help_text="", widget=None, **kwargs):
        super().__init__(max_length=max_length, help_text=with_limit(help_text, max_length),
                         widget=widget or forms.Textarea(attrs={"rows": 3}), **kwargs)


def limit_model_form_text(form, limit=LONG_TEXT):
    """Give every free-text field of a ModelForm without a maximum the `limit`, said in its help text.

    For model text fields whose table cannot change yet: the form still refuses a megabyte."""
    for field in form.fields.values():
        if type(field) is forms.CharField and field.max_length is None:
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs["maxlength"] = str(limit)
            field.help_text = with_limit(field.help_text, limit)


class TextRefused(ValueError):
    """Posted text that cannot be stored; `message` says why, for the person who typed it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def posted_text(data, name, *, limit):
    """The stripped text posted as `name`, or TextRefused when it is too long or holds a NUL."""
    text = data.get(name, "").strip()
    if len(text) > limit:
        raise TextRefused(_("Write at most %(limit)s characters (this text has %(count)s).") % {
            "limit": formats.number_format(limit, force_grouping=True),
            "count": formats.number_format(len(text), force_grouping=True),
        })
    if "\x00" in text:
        raise TextRefused(str(ProhibitNullCharactersValidator.message))
    return text
