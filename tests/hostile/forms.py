"""The forms of a rendered page, read as a browser reads them, and hostile values for their fields.

`page_forms(html)` returns each <form> with its method, action and fields (inputs, selects,
textareas and named submit buttons). `hostile_values(field)` is a Hypothesis strategy for what a
forged request could send in that field: huge and negative integers, ids that name no row or do
not fit 64 bits, line breaks and NUL in one-line fields, a megabyte, impossible dates, mixed
scripts, markup and spreadsheet formulas.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import strategies as st

MEGABYTE = "x" * 2**20

TEXTUAL = {"text", "search", "email", "url", "tel", "password", "textarea", "hidden"}
ONE_LINE = TEXTUAL - {"textarea"}


@dataclass
class Field:
    name: str
    kind: str  # the input type, or "select" / "textarea" / "submit"
    options: list = field(default_factory=list)  # values offered by a select, checkboxes or radios
    value: str = ""
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str
    fields: dict = field(default_factory=dict)  # name -> Field

    def add(self, new):
        known = self.fields.get(new.name)
        if known is None:
            self.fields[new.name] = new
        elif new.kind in ("checkbox", "radio") or known.kind in ("checkbox", "radio"):
            known.options.append(new.value)
            known.multiple = known.multiple or new.kind == "checkbox"


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea, self._option = [], None, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value or "") for name, value in attrs}
        if tag == "form":
            self._form = Form(method=attrs.get("method", "get").lower(), action=attrs.get("action", ""))
            self.forms.append(self._form)
            return
        if self._form is None or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "image", "reset", "button"):
                kind = "submit"
            self._form.add(Field(attrs["name"], kind, options=[attrs.get("value", "on")] if kind in (
                "checkbox", "radio") else [], value=attrs.get("value", "on" if kind == "checkbox" else ""),
                multiple=kind == "checkbox"))
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            self._form.add(Field(attrs["name"], "submit", value=attrs.get("value", "")))
        elif tag == "select":
            self._select = Field(attrs["name"], "select", multiple="multiple" in attrs)
            self._form.add(self._select)
        elif tag == "option" and self._select is not None:
            self._option = attrs.get("value")
            if self._option is not None:
                self._select.options.append(self._option)
        elif tag == "textarea":
            self._textarea = Field(attrs["name"], "textarea")
            self._form.add(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_forms(html):
    parser = _Parser()
    parser.feed(html)
    return parser.forms


# --- Hostile values -----------------------------------------------------------------------------

IDS = ["0", "-1", "999999", "9223372036854775807", "9223372036854775808", "99999999999999999999",
       "1e3", "١٢", "²", " 1", "1;2", "null"]
NUMBERS = ["-1", "-99999999999999999999", "99999999999999999999", "2147483648", "1e309", "NaN", "Infinity",
           "-0", "0.5", "1,5", "12 500", "0x10", "١٢٣"]
DATES = ["2026-02-30", "0000-00-00", "0001-01-01", "9999-12-31", "99999-01-01", "2026-13", "2026-13-01",
         "1-1-1", "31/12/2026", "2026-02-29T25:61", "2026-09", "24:00", "T", "-2026-01-01"]
TEXTS = [
    MEGABYTE,
    "Line one\r\nLine two",
    "Line one\nSUMMARY:forged",
    "A\x00B",
    "\x00",
    "Tab\there\x0bvertical\x0cform\x1bescape",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "{{ request }} {% now 'Y' %}",
    "Καλημέρα Rīga Mechelen مرحبا שלום 你好 Ωmega",
    "\u202eevil\u202c \u200b\ufeff",
    "😀" * 50,
    "   ",
    "",
    "'; DROP TABLE x; --",
    "../../etc/passwd",
    "%(name)s %s {0}",
]
_printable = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be sent as UTF-8


def hostile_values(form_field):
    """A strategy for one posted value (or, for several-valued fields, a list of values)."""
    kind = form_field.kind
    generic = st.one_of(st.sampled_from(TEXTS), st.sampled_from(IDS + NUMBERS), st.text(_printable, max_size=20))
    if kind in ("select", "checkbox", "radio"):
        offered = st.sampled_from(form_field.options) if form_field.options else st.just("")
        one = st.one_of(offered, st.sampled_from(IDS), generic)
        return st.lists(one, max_size=3) if form_field.multiple else one
    if kind == "number":
        return st.one_of(st.sampled_from(NUMBERS), st.integers().map(str), generic)
    if kind in ("date", "month", "time", "datetime-local"):
        return st.one_of(st.sampled_from(DATES), st.dates().map(str), generic)
    if kind == "submit":
        return st.one_of(st.just(form_field.value), generic)
    if kind == "file":
        return st.just("")
    return st.one_of(st.sampled_from(TEXTS), generic, st.just(form_field.value))
