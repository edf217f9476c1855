"""PDFs from print templates with WeasyPrint: the action plan (Annex 6), the needs analysis
(Annex 2) and the programme report. All fixed text is in the reader's language; the fonts are
bundled (DejaVu Sans Condensed: Latin, Greek, Cyrillic), so Levadia's and Jelgava's texts render
the same on every machine."""

import datetime
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from programmes.actionplans import services as plans
from programmes.actionplans.models import PlanStatus, ProgressStatus
from programmes.actionplans.selectors import plan_of
from programmes.mentorships.models import CitySide, by_side
from programmes.questionnaires.selectors import response_of, response_page

from .models import ReportKind
from .programme_report import programme_pages

FONT_DIR = Path(__file__).resolve().parent / "fonts"


def css_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_counter_css():
    """`content:` value for "Page 3 of 7" in the reader's language."""
    marker = "\x00"
    text = _("Page %(page)s of %(pages)s") % {"page": f"{marker}page{marker}", "pages": f"{marker}pages{marker}"}
    parts = text.split(marker)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f"counter({part})")
        elif part:
            out.append(css_string(part))
    return " ".join(out)


def render(job):
    """(pdf bytes, page count) for a job, in the job's language."""
    with translation.override(job.language):
        html = BUILDERS[job.kind](job)
    return render_html(html)


# Tagged PDF (PDF/UA-1): headings, tables and reading order reach screen readers, and the
# document language comes from <html lang>, as EU public-sector accessibility rules ask.
PDF_VARIANT = "pdf/ua-1"


def render_html(html):
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=str(FONT_DIR) + "/").render(font_config=fonts, pdf_variant=PDF_VARIANT)
    return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)


def _places(mentorship):
    sides = by_side(mentorship.cities.select_related("city", "association"))
    return sides[CitySide.MENTEE], sides[CitySide.MENTOR], sides[CitySide.PEER]


def _month(value):
    if not value:
        return None
    return datetime.date.fromisoformat(f"{value}-01")


def action_plan_html(job, *, mentorship=None, version=None):
    mentorship = mentorship or job.mentorship
    version = version if version is not None else job.plan_version
    plan = plan_of(mentorship)
    if version is not None:
        data, dated, label = version.snapshot, version.created_at, _("Version %(number)s – %(status)s") % {
            "number": version.number, "status": version.get_status_display()}
    else:
        data, dated = plans.snapshot(plan), timezone.now()
        label = _("Current %(status)s") % {"status": plan.get_status_display().lower()}
    mentees, mentors, peers = _places(mentorship)
    return action_plan_document(programme=mentorship.programme, mentorship=mentorship, mentees=mentees + peers,
                                mentors=mentors, snapshot=data, dated=dated, version_label=label)


def action_plan_document(*, programme, mentorship, mentees, mentors, snapshot, dated, version_label):
    """The print HTML of a plan snapshot (services.snapshot): used by jobs and by the benchmark."""
    header = snapshot["header"]
    rows = [{**row, "starts": _month(row["starts"]), "ends": _month(row["ends"]),
             "progress_label": ProgressStatus(row["progress"]).label} for row in snapshot["rows"]]
    return render_to_string("reports/print/action_plan.html", {
        "mentorship": mentorship, "programme": programme, "mentees": mentees, "mentors": mentors,
        "dated": dated, "version_label": version_label, "rows": rows, "header": header,
        "approved": header["status"] in {PlanStatus.APPROVED, PlanStatus.IMPLEMENTATION, PlanStatus.COMPLETED},
        "approved_on": datetime.date.fromisoformat(header["approved_on"]) if header.get("approved_on") else None,
        "page_counter": page_counter_css(), "language": translation.get_language(),
    })


def needs_analysis_html(job):
    mentorship = job.mentorship
    response = response_of(mentorship)
    sections = response_page(response, parties=set()) if response else []
    mentees, mentors, peers = _places(mentorship)
    return render_to_string("reports/print/needs_analysis.html", {
        "mentorship": mentorship, "programme": mentorship.programme, "mentees": mentees + peers, "mentors": mentors,
        "response": response, "sections": sections, "dated": timezone.now(), "page_counter": page_counter_css(),
        "language": translation.get_language(),
    })


def programme_report_html(job):
    programme = job.programme
    return render_to_string("reports/print/programme_report.html", {
        "programme": programme, "pages": programme_pages(programme), "dated": timezone.now(),
        "page_counter": page_counter_css(), "language": translation.get_language(),
    })


BUILDERS = {
    ReportKind.ACTION_PLAN: action_plan_html,
    ReportKind.NEEDS_ANALYSIS: needs_analysis_html,
    ReportKind.PROGRAMME_REPORT: programme_report_html,
}
