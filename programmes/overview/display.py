"""The rows of the programme dashboard, as HTML made in Python.

A coordinator's dashboard repeats one row per mentorship, 50 or more in a real programme. As a
template the rows cost about 3 ms of a 30 ms fresh page even with every value ready (Django's
engine resolves every variable through its lookup chain, escapes every value and renders every
`{% translate %}` and loop again on each row). As for the action plan's rows
(actionplans/display.py) and Django admin's change-list rows (`admin_list.items_for_result`), each
row is put together here with `format_html`, which escapes every value; the words, labels and
links that every row shares are looked up once per page.
"""

from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from programmes.actionplans.checkins import BADGES
from programmes.actionplans.models import CheckInState
from programmes.core.addresses import link_to
from programmes.core.choices import choice_labels
from programmes.mentorships.models import Mentorship


def dashboard_rows(rows, *, network, is_community):
    """The `<tr>` of each row of selectors.dashboard, in the order given, for the programme's
    table (peer cities in one column for a community of practice, mentee and mentor otherwise)."""
    shared = _Shared(network)
    cities = _peer_cells if is_community else _mentee_and_mentor_cells
    return [_row(row, cities(row, shared), shared) for row in rows]


class _Shared:
    """Labels, words and the base of the links, in the reader's language, once for all rows."""

    def __init__(self, network):
        self.page_link = link_to("mentorship_detail", network=network.slug)
        self.plan_link = link_to("action_plan", network=network.slug)
        self.phases = choice_labels(Mentorship, "phase")
        self.statuses = None  # the plan's status labels, the first time a row has a plan
        self.no_representative = escape(_("Support group: no migrant representative yet"))
        self.not_started = escape(_("Not started"))
        self.milestone_names = {}
        self.check_in_states = {state: str(state.label) for state in CheckInState}

    def milestone_name(self, milestone):
        """Rows mostly share their next milestone: its name (a choices label) is made once."""
        if milestone.pk not in self.milestone_names:
            self.milestone_names[milestone.pk] = str(milestone)
        return self.milestone_names[milestone.pk]

    def status(self, plan):
        if self.statuses is None:
            self.statuses = choice_labels(type(plan), "status")
        return self.statuses.get(plan.status, plan.status)


def _row(row, city_cells, shared):
    mentorship, milestone = row.mentorship, row.next_milestone
    overdue = len(row.overdue)
    overdue_label = ngettext("Overdue: %(counter)s milestone", "Overdue: %(counter)s milestones",
                             overdue) % {"counter": overdue} if overdue else ""
    return format_html(
        '<tr{}><th scope="row"><a href="{}">{}</a></th>{}<td>{}</td><td>{}</td><td>{}{}</td><td>{}</td>'
        "<td>{}</td></tr>\n",
        SafeString(' class="table-warning"') if overdue else "",
        shared.page_link(mentorship.pk), mentorship.title,
        city_cells,
        shared.phases.get(mentorship.phase, mentorship.phase),
        shared.milestone_name(milestone) if milestone else "—",
        date_format(milestone.due_date, "SHORT_DATE_FORMAT") if milestone else "",
        format_html('<strong class="d-block text-danger-emphasis">{}</strong>', overdue_label) if overdue else "",
        _("%(held)s held, %(planned)s planned") % {"held": row.visits_held, "planned": row.visits_planned},
        _plan_cell(row, mentorship, shared),
    )


def _peer_cells(row, shared):
    return format_html("<td>{}</td>", ", ".join(place.city_name for place in row.peers))


def _mentee_and_mentor_cells(row, shared):
    warning = (SafeString(f'<span class="d-block small text-danger-emphasis">{shared.no_representative}</span>')
               if row.without_migrant_representative else "")
    return format_html("<td>{}{}</td><td>{}</td>", _places(row.mentees), warning, _places(row.mentors))


def _places(places):
    """"Lyon (AMF), Turin (ANCI)": each city with the short name of the association backing it."""
    return format_html_join(", ", "{}{}", (
        (place.city_name,
         format_html(' <span class="text-muted">({})</span>', place.association_short_name)
         if place.association_short_name else "")
        for place in places))


def _plan_cell(row, mentorship, shared):
    if row.plan is None:
        return SafeString(f'<span class="text-body-secondary">{shared.not_started}</span>')
    on_track = (format_html('<span class="d-block small">{}</span>',
                            _("%(share)s %% on track or done") % {"share": row.on_track})
                if row.on_track is not None and row.plan.is_approved else "")
    return format_html('<a href="{}">{}</a>{}{}', shared.plan_link(mentorship.pk), shared.status(row.plan), on_track,
                       _check_in_badge(row.check_in, shared))


def _check_in_badge(check_in, shared):
    """The plan's check-in to look at first: "Check-in of 12/03/2027: Due", coloured by its state."""
    if check_in is None:
        return ""
    state, day = check_in
    return format_html('<span class="d-block small"><span class="badge {}">{}</span></span>', BADGES[state],
                       _("Check-in of %(date)s: %(state)s") % {
                           "date": date_format(day, "SHORT_DATE_FORMAT"), "state": shared.check_in_states[state]})
