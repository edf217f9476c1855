"""The rows of the action plan table, as HTML made in Python.

The plan page repeats its row up to a few hundred times. Django's template engine pays for every
variable (it tries `row["field"]` on a model first and catches the error), every `{% translate %}`,
`|linebreaksbr` and `|date` again on each row: 0.9 ms a row with the row as a template, most of a
100-row page, and still 0.2 ms a row with ready values. As Django's admin does for the rows of its
change lists (`admin_list.items_for_result`), each row is put together here with `format_html`,
which escapes every value: ~0.08 ms a row. What is the same on every row (translated words and
patterns, date formats) is looked up once per page. Line breaks in the long cells are kept by CSS
(`white-space: pre-line`), not by a filter.
"""

from dataclasses import dataclass

from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .models import ProgressStatus

PROGRESS_BADGES = {
    ProgressStatus.ON_TRACK: "text-bg-success",
    ProgressStatus.DONE: "text-bg-primary",
    ProgressStatus.DELAYED: "text-bg-warning",
    ProgressStatus.DROPPED: "text-bg-secondary",
}


@dataclass(frozen=True)
class RowTools:
    """What the reader may do on the rows (decided once per page from the rules predicates), the
    base of the rows' links (relative in the plan page itself)."""

    actions_url: str
    can_edit: bool = False
    can_comment: bool = False
    can_progress: bool = False
    show_progress: bool = False


def table_rows(actions, tools):
    """The `<tr>` of each action (from selectors.actions), in the order given."""
    shared = _Shared(tools.actions_url)
    return [_row(action, tools, shared) for action in actions]


class _Shared:
    """The words, patterns and formats of the reader's language, fetched (and the words escaped)
    once for all rows."""

    def __init__(self, actions_url):
        # Escaped once here: format_html then takes them as they are, on every row.
        self.actions_url = escape(actions_url)
        self.edit, self.update = escape(_("Edit")), escape(_("Update"))
        self.comment = escape(pgettext("a link that opens the comment form", "Comment"))
        self.name = _("action %(number)s")
        self.comment_label = _("Comment on action %(number)s")
        self.progress_label = _("the progress of action %(number)s")
        self.needs, self.key_factors = _("Needs:"), _("Key factors:")
        self.former_participant = _("a former participant")
        self.progress = {status.value: str(status.label) for status in ProgressStatus}
        self.month_format = get_format("YEAR_MONTH_FORMAT")
        self.day = get_format("SHORT_DATE_FORMAT")
        self.moment = get_format("SHORT_DATETIME_FORMAT")
        self._months = {}

    def month(self, day):
        """A month in the reader's format ("September 2026"): rows mostly share a few months."""
        if day not in self._months:
            self._months[day] = dateformat.format(day, self.month_format)
        return self._months[day]


def _row(action, tools, shared):
    # Ids and numbers are ints, and the base of the links is escaped once: as safe strings they
    # skip the escaping that format_html gives every other value.
    ref, number = SafeString(action.pk), SafeString(action.position)
    base = SafeString(f"{shared.actions_url}{ref}/")
    name = escape(shared.name % {"number": number})
    links = _links(action, shared)
    return format_html(
        '<tr id="action-{}"><th scope="row">{}</th><td><span class="fw-semibold">{}</span>{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}"
        '<td class="tools">{}{}{}</td></tr>\n',
        ref, number,
        action.action, format_html('<div class="links">{}</div>', links) if links else "",
        action.results, _timeline(action, shared), action.lead, action.resources, action.success_measure,
        _progress(action, base, number, tools, shared) if tools.show_progress else "",
        _edit_tools(base, ref, name, shared) if tools.can_edit else "",
        _comments(action, shared),
        format_html('<a href="{}comments/" hx-get="{}comments/" hx-target="this" aria-label="{}">{}</a>',
                    base, base, shared.comment_label % {"number": number}, shared.comment)
        if tools.can_comment else "",
    )


def _progress(action, base, number, tools, shared):
    return format_html(
        '<td><span class="badge {}">{}</span>{}{}{}</td>\n',
        PROGRESS_BADGES.get(action.progress, "text-bg-light border"),
        shared.progress.get(action.progress, action.progress),
        format_html('<div class="small">{}</div>', action.progress_note) if action.progress_note else "",
        format_html('<div class="small text-body-secondary">{}</div>', dateformat.format(action.progress_on, shared.day))
        if action.progress_on else "",
        format_html('<div class="tools"><a href="{}progress/" hx-get="{}progress/" hx-target="this">{}<span> {}</span></a></div>',
                    base, base, shared.update, shared.progress_label % {"number": number})
        if tools.can_progress else "",
    )


def _edit_tools(base, ref, name, shared):
    """"Edit": the row becomes its form, which also moves and removes it (actionplans/_row_edit.html).
    Made of safe strings only: escaped words, the escaped base, an int."""
    return SafeString(f'<a href="{base}edit/" hx-get="{base}edit/" id="edit-{ref}">{shared.edit}<span> {name}</span></a>')


def _comments(action, shared):
    if not action.comment_list:
        return ""
    count = len(action.comment_list)
    return format_html(
        '<details class="comments"><summary>{}</summary>{}</details>\n',
        ngettext("%(counter)s comment", "%(counter)s comments", count) % {"counter": count},
        format_html_join("", "<div><strong>{}</strong> · {}<div>{}</div></div>", (
            (comment.author.display_name if comment.author else shared.former_participant,
             dateformat.format(timezone.localtime(comment.created_at), shared.moment), comment.text)
            for comment in action.comment_list)),
    )


def _links(action, shared):
    """"Needs: 1, 4 · Key factors: 2", the questions and key factors the action answers."""
    parts = []
    if action.need_numbers:
        parts.append(f"{shared.needs} {', '.join(map(str, action.need_numbers))}")
    if action.key_factor_numbers:
        parts.append(f"{shared.key_factors} {', '.join(map(str, action.key_factor_numbers))}")
    return " · ".join(parts)


def _timeline(action, shared):
    """The months, localised ("September 2026 – March 2027"), and/or the free timeline note, one
    per line."""
    months = ""
    if action.starts:
        months = shared.month(action.starts)
        if action.ends:
            months += " – " + shared.month(action.ends)
    return "\n".join(part for part in (months, action.timeline_note) if part)
