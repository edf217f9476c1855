"""Who may ask for and download a PDF: whoever may read what it renders. A job is never a way
round the rules of the thing it prints."""

import rules

from .models import ReportKind

SUBJECT_PERMISSION = {
    ReportKind.ACTION_PLAN: "actionplans.view_plan",
    ReportKind.NEEDS_ANALYSIS: "questionnaires.view_response",
    ReportKind.PROGRAMME_REPORT: "mentorships.view_dashboard",
}


def subject_of(job):
    return job.programme if job.kind == ReportKind.PROGRAMME_REPORT else job.mentorship


@rules.predicate
def may_read_what_it_renders(user, job):
    return user.has_perm(SUBJECT_PERMISSION[job.kind], subject_of(job))


rules.add_perm("reports.view_job", may_read_what_it_renders)
