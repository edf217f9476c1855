"""What each kind of question accepts: reading the posted form, checking it, and the readable text
kept beside the structured answer (for versions, diffs, comments and PDFs).

Text kinds post one `text` field. Choices post `choice` values; tables post `cell-<row>-<column>`
fields; city figures post two numbers and a table of nationalities. What the person typed is
returned unchanged on an error, so the page can show it again.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.validators import ProhibitNullCharactersValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.core.errors import DomainError
from programmes.core.limits import LONG_TEXT

from .models import QuestionKind

DEFAULT_MAX_ROWS = 10
LARGEST_FIGURE = 2**31 - 1  # a city's figures go to PositiveIntegerField columns of its profile
WHOLE_NUMBER = re.compile(r"^(\d+|\d{1,3}([ .,'\u00a0]\d{3})+)$")
BLANK_ROWS = 2  # empty rows offered below the filled ones
NATIONALITY_COLUMNS = [
    {"label": gettext_lazy("Nationality or group"), "kind": "text", "required": True},
    {"label": gettext_lazy("Residents"), "kind": "number"},
    {"label": gettext_lazy("Status (refugees, asylum seekers, economic migrants…)"), "kind": "text"},
]
STRUCTURED = {QuestionKind.CHOICE, QuestionKind.CHOICES, QuestionKind.TABLE, QuestionKind.CITY_FIGURES}


class InvalidAnswer(DomainError):
    pass


@dataclass
class Posted:
    """What arrived from the form, before checking: `raw` is shown again if it is refused."""

    raw: object
    update_profile: bool = False


def read(question, post):
    kind = question.kind
    if kind == QuestionKind.CHOICE:
        return Posted(post.get("choice", ""))
    if kind == QuestionKind.CHOICES:
        return Posted(post.getlist("choice"))
    if kind == QuestionKind.TABLE:
        return Posted(_read_rows(post, "cell", len(columns_of(question)), row_limit(question)))
    if kind == QuestionKind.CITY_FIGURES:
        return Posted(
            {
                "population": post.get("population", "").strip(),
                "migrant_residents": post.get("migrant_residents", "").strip(),
                "nationalities": _read_rows(post, "cell", len(NATIONALITY_COLUMNS), row_limit(question)),
            },
            update_profile=post.get("update_profile") == "on",
        )
    return Posted(post.get("text", ""))


def _read_rows(post, prefix, width, limit):
    try:
        count = min(int(post.get("rows", "0")), limit)
    except ValueError:
        count = 0
    return [[post.get(f"{prefix}-{r}-{c}", "").strip() for c in range(width)] for r in range(count)]


def clean(question, raw):
    """(text, data) to store; raises InvalidAnswer with a reason the person can act on."""
    kind = question.kind
    if kind == QuestionKind.CHOICE:
        values = [raw] if raw else []
        _check_choices(question, values)
        return _choice_text(question, values), (raw or None)
    if kind == QuestionKind.CHOICES:
        values = list(dict.fromkeys(raw))
        _check_choices(question, values)
        return _choice_text(question, values), (values or None)
    if kind == QuestionKind.TABLE:
        rows = _clean_rows(raw, columns_of(question), all_required=True)
        return table_text(columns_of(question), rows), (rows or None)
    if kind == QuestionKind.CITY_FIGURES:
        data = {
            "population": _number(raw["population"], _("Number of inhabitants")),
            "migrant_residents": _number(raw["migrant_residents"], _("Residents of immigrant origin")),
            "nationalities": _clean_rows(raw["nationalities"], NATIONALITY_COLUMNS, all_required=False),
        }
        if data["population"] is not None and data["migrant_residents"] is not None \
                and data["migrant_residents"] > data["population"]:
            raise InvalidAnswer(_("There cannot be more residents of immigrant origin than inhabitants."))
        empty = data["population"] is None and data["migrant_residents"] is None and not data["nationalities"]
        return figures_text(data), (None if empty else data)
    return _clean_text(question, raw), None


def _clean_text(question, text):
    text = text.replace("\r\n", "\n").strip()
    limit = min(question.max_length or LONG_TEXT, LONG_TEXT)
    if len(text) > limit:
        raise InvalidAnswer(_("This answer is %(length)s characters long; the limit is %(limit)s.")
                            % {"length": len(text), "limit": limit})
    if "\x00" in text:
        raise InvalidAnswer(str(ProhibitNullCharactersValidator.message))
    if question.kind == QuestionKind.NUMBER and text:
        _parse_number(text, error=_("Enter a number, for example 12500."))
    return text


def _check_choices(question, values):
    known = {c["value"] for c in choices_of(question)}
    if any(v not in known for v in values):
        raise InvalidAnswer(_("Choose from the list."))


def _choice_text(question, values):
    labels = {c["value"]: c["label"] for c in choices_of(question)}
    return "\n".join(labels[v] for v in values)


def _parse_number(text, *, error):
    try:
        number = Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation as exc:
        raise InvalidAnswer(error) from exc
    if not number.is_finite():
        raise InvalidAnswer(error)
    return number


def _number(text, label):
    """A whole number, written with or without thousands separators (12500, 12 500, 12.500, 12,500)."""
    if not text:
        return None
    if not WHOLE_NUMBER.match(text):
        raise InvalidAnswer(_("%(field)s: enter a whole number, for example 12500.") % {"field": label})
    number = int(re.sub(r"\D", "", text))
    if number > LARGEST_FIGURE:
        raise InvalidAnswer(_("%(field)s cannot be more than %(limit)s.")
                            % {"field": label, "limit": number_format(LARGEST_FIGURE, force_grouping=True)})
    return number


def _clean_rows(rows, columns, *, all_required):
    """Drop empty rows; refuse a half-filled one, naming the row and the missing column."""
    cleaned = []
    for index, row in enumerate(rows, start=1):
        if not any(row):
            continue
        for column, value in zip(columns, row, strict=True):
            if not value and (all_required or column.get("required")):
                raise InvalidAnswer(_("Row %(row)s is half filled: “%(column)s” is missing. Fill it in or empty the "
                                      "whole row.") % {"row": index, "column": column["label"]})
            if value and column.get("kind") == "number":
                _parse_number(value, error=_("Row %(row)s: “%(column)s” must be a number.")
                              % {"row": index, "column": column["label"]})
            if "\x00" in value:
                raise InvalidAnswer(str(ProhibitNullCharactersValidator.message))
            if len(value) > 300:
                raise InvalidAnswer(_("Row %(row)s: “%(column)s” is longer than 300 characters.")
                                    % {"row": index, "column": column["label"]})
        cleaned.append(list(row))
    return cleaned


def table_text(columns, rows):
    return "\n".join(" | ".join(value or "—" for value in row) for row in rows)


def figures_text(data):
    lines = []
    if data["population"] is not None:
        lines.append(_("Inhabitants: %(number)s") % {"number": number_format(data["population"], force_grouping=True)})
    if data["migrant_residents"] is not None:
        lines.append(_("Residents of immigrant origin: %(number)s")
                     % {"number": number_format(data["migrant_residents"], force_grouping=True)})
    if data["nationalities"]:
        lines.append(_("Main nationalities and status groups:"))
        lines.extend(table_text(NATIONALITY_COLUMNS, data["nationalities"]).splitlines())
    return "\n".join(lines)


def choices_of(question):
    return question.options.get("choices", [])


def columns_of(question):
    if question.kind == QuestionKind.CITY_FIGURES:
        return NATIONALITY_COLUMNS
    return question.options.get("columns", [])


def max_rows(question):
    return question.options.get("max_rows", DEFAULT_MAX_ROWS)


def row_limit(question):
    return DEFAULT_MAX_ROWS if question.kind == QuestionKind.CITY_FIGURES else max_rows(question)


def rows_for_form(question, rows):
    """The filled rows and a few empty ones (no more than the question allows), for the form."""
    rows = [list(r) for r in rows or []]
    width = len(columns_of(question))
    return rows + [[""] * width for _ in range(max(0, min(BLANK_ROWS, row_limit(question) - len(rows))))]


def figures_from_city(city):
    """City figures as a question's answer, prefilled from the city profile."""
    names = [n.strip() for n in (city.main_nationalities or "").split(",") if n.strip()]
    return {
        "population": city.population,
        "migrant_residents": city.migrant_residents,
        "nationalities": [[name, "", ""] for name in names],
    }
