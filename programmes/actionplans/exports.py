"""CSV and XLSX of one action plan or of all plans of a programme: one row per action, with the
plan's header fields, for associations and coordinators who work in spreadsheets."""

import io

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from programmes.core.access import require
from programmes.core.spreadsheets import append_row, csv_writer
from programmes.mentorships import selectors as mentorship_selectors
from programmes.mentorships.models import CitySide, by_side

from .models import Action

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _columns():
    return [_("Programme"), _("Mentorship"), _("Mentee city"), _("Mentor city"), _("Plan status"), _("Approved on"),
            _("No."), _("Action"), _("Expected results"), _("Start month"), _("End month"), _("Timeline"),
            _("Who leads"), _("Resources and partners"), _("Measure of success"), _("Needs it answers"),
            _("Key factors"), _("Progress"), _("Progress note")]


def _rows(actions):
    for number, action in enumerate(actions, start=1):
        plan, mentorship = action.plan, action.plan.mentorship
        sides = by_side(mentorship.cities.all())
        yield [
            mentorship.programme.title, mentorship.title,
            ", ".join(p.city.name for p in sides[CitySide.MENTEE]),
            ", ".join(p.city.name for p in sides[CitySide.MENTOR]),
            plan.get_status_display(), plan.approved_on.isoformat() if plan.approved_on else "",
            number, action.action, action.results,
            action.starts.strftime("%Y-%m") if action.starts else "", action.ends.strftime("%Y-%m") if action.ends else "",
            action.timeline_note, action.lead, action.resources, action.success_measure,
            ", ".join(str(q.number) for q in action.needs.all()),
            ", ".join(f"{f.number}. {f.title}" for f in action.key_factors.all()),
            action.get_progress_display(), action.progress_note,
        ]


def _actions(**filters):
    return (Action.objects.filter(**filters)
            .select_related("plan__mentorship__programme")
            .prefetch_related("needs", "key_factors", "plan__mentorship__cities__city")
            .order_by("plan__mentorship__title", "position", "pk"))


def _respond(fmt, name, actions):
    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "action-plan"}.{fmt}"'
    if fmt == "csv":
        response.write("\ufeff")  # Excel opens UTF-8 (Latvian, Greek) correctly only with a BOM
        writer = csv_writer(response)
        writer.writerow(_columns())
        writer.writerows(_rows(actions))
        return response
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Actions")[:31]
    append_row(sheet, _columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(actions):
        append_row(sheet, row)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 24
        for cell in column[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response.write(buffer.getvalue())
    return response


def plan_export(request, network, pk, fmt):
    mentorship = mentorship_selectors.get_mentorship(request.network, pk)
    require(request, "actionplans.view_plan", mentorship)
    return _respond(fmt, _("Action plan %(mentorship)s") % {"mentorship": mentorship.title},
                    _actions(plan__mentorship=mentorship))


def programme_export(request, network, pk, fmt):
    programme = mentorship_selectors.get_programme(request.network, pk)
    require(request, "mentorships.view_dashboard", programme)
    return _respond(fmt, _("Action plans %(programme)s") % {"programme": programme.title},
                    _actions(plan__mentorship__programme=programme))
