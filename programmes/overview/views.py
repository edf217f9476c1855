"""The pages that combine many apps: a network's home page and a programme's page with its
dashboard (and the dashboard as CSV). Thin, as every view: rules decide, selectors read."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from programmes.core.access import require
from programmes.core.addresses import link_to
from programmes.core.history import HISTORY_LENGTH, history_entries
from programmes.core.spreadsheets import csv_writer
from programmes.mentorships import selectors as mentorship_selectors
from programmes.mentorships.forms import FacilitatorForm
from programmes.notifications import selectors as notification_selectors
from programmes.visits.selectors import upcoming_deadlines, upcoming_for

from .display import dashboard_rows
from .forms import DashboardFilterForm
from .selectors import dashboard

SINCE_LAST_VISIT = 8  # the newest unread notifications on the home page; the bell's list has the rest


def network_home(request, network):
    """The network's front page: what the person takes part in (their mentorships), their next
    visits and deadlines."""
    require(request, "tenancy.view_network")
    participations = mentorship_selectors.mentorships_of(request.user, request.network)
    since_last_visit = notification_selectors.newest_unread(request.user, request.network, limit=SINCE_LAST_VISIT)
    return render(request, "overview/home.html", {
        "since_last_visit": notification_selectors.by_mentorship(since_last_visit),
        "my_mentorships": participations,
        "upcoming": upcoming_for(participations, request.network),
        "deadlines": upcoming_deadlines(participations, request.network),
        "can_change_network": request.user.has_perm("tenancy.change_network", request.network),
    })


def programme_detail(request, network, pk):
    programme = mentorship_selectors.get_programme(request.network, pk)
    require(request, "mentorships.view_programme", programme)
    can_see_dashboard = request.user.has_perm("mentorships.view_dashboard", programme)
    filters = DashboardFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    context = {
        "programme": programme,
        "can_change": request.user.has_perm("mentorships.change_programme", programme),
        "can_see_dashboard": can_see_dashboard,
        "filters": filters,
        "milestones": _milestones_of(request.network, programme),
    }
    if can_see_dashboard:
        context["rows"] = dashboard_rows(dashboard(
            programme, phase=criteria.get("phase", ""), overdue_only=criteria.get("overdue", False)),
            network=request.network, is_community=programme.is_community)
        context["history"] = history_entries(mentorship_selectors.recent_history(programme), limit=HISTORY_LENGTH)
    if context["can_change"]:
        context["facilitator_form"] = FacilitatorForm(candidates=mentorship_selectors.facilitator_candidates(programme))
    return render(request, "overview/programme.html", context)


def _milestones_of(network, programme):
    """The programme's milestones with their name and edit link as ready strings (the template
    printed each name, a choices label, twice)."""
    edit_link = link_to("milestone_edit", network=network.slug, programme_pk=programme.pk)
    milestones = list(programme.milestones.all())
    for milestone in milestones:
        milestone.name, milestone.edit_url = str(milestone), edit_link(milestone.pk)
    return milestones


def dashboard_csv(request, network, pk):
    programme = mentorship_selectors.get_programme(request.network, pk)
    require(request, "mentorships.view_dashboard", programme)
    filters = DashboardFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    rows = dashboard(programme, phase=criteria.get("phase", ""), overdue_only=criteria.get("overdue", False))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.network.slug}-programme-{programme.pk}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv_writer(response)
    writer.writerow([_("Mentorship"), _("Mentee"), _("Mentor"), _("Peer cities"), _("Phase"), _("Next milestone"),
                     _("Due date"), _("Overdue")])
    for row in rows:
        writer.writerow([
            row.mentorship.title,
            ", ".join(p.city_label for p in row.mentees),
            ", ".join(p.city_label for p in row.mentors),
            ", ".join(p.city_label for p in row.peers),
            row.mentorship.get_phase_display(),
            str(row.next_milestone or ""),
            row.next_milestone.due_date.isoformat() if row.next_milestone else "",
            "; ".join(f"{m} ({m.due_date.isoformat()})" for m in row.overdue),
        ])
    return response
