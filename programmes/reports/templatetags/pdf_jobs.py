"""{% pdf_jobs kind mentorship=… %}: the reader's latest PDF jobs for a page's subject.

The documents' pages (needs analysis, action plan) and the programme page show this panel, but
reports sits above the documents and reads them: a document app never imports reports. Reports
offers the panel as a tag that their templates load instead (DESIGN.md, "Floors").
"""

from django import template

from ..selectors import recent_jobs

register = template.Library()


@register.inclusion_tag("reports/_pdf_jobs.html", takes_context=True)
def pdf_jobs(context, kind, *, mentorship=None, programme=None):
    """`kind` is a ReportKind value ("action_plan", "needs_analysis", "programme_report"). Without
    a mentorship or programme (a city's own questionnaire) there is nothing to list."""
    jobs = []
    if mentorship is not None or programme is not None:
        jobs = recent_jobs(context["request"].user, kind=kind, mentorship=mentorship, programme=programme)
    return {"pdf_jobs": jobs, "current_network": context.get("current_network")}
