"""Asking for a PDF, following its progress (htmx polls the job), downloading it."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.actionplans.selectors import get_version, plan_of
from programmes.core.access import require
from programmes.mentorships import selectors as mentorship_selectors

from . import selectors, services, storage
from .models import JobStatus, ReportKind
from .rules import SUBJECT_PERMISSION

BACK = {ReportKind.ACTION_PLAN: "action_plan", ReportKind.NEEDS_ANALYSIS: "needs_analysis",
        ReportKind.PROGRAMME_REPORT: "programme_detail"}


@require_POST
def request_pdf(request, network, pk, kind):
    if kind == ReportKind.PROGRAMME_REPORT:
        subject = mentorship_selectors.get_programme(request.network, pk)
        target = {"programme": subject}
    else:
        subject = mentorship_selectors.get_mentorship(request.network, pk)
        target = {"mentorship": subject}
    require(request, SUBJECT_PERMISSION[kind], subject)
    if kind == ReportKind.ACTION_PLAN:
        plan = plan_of(subject)
        if plan is None:
            raise Http404
        number = request.POST.get("version", "")
        if number:
            version = get_version(plan, int(number)) if number.isascii() and number.isdigit() else None
            if version is None:
                raise Http404
            target["plan_version"] = version
    job = services.request_pdf(network=request.network, kind=kind, by=request.user, **target)
    if request.htmx:
        return HttpResponse(render_to_string("reports/_job.html", {"job": job}, request=request))
    if job.status == JobStatus.DONE:  # a plan version rendered before: served from storage at once
        messages.success(request, _("The PDF is ready: download it below."))
    else:
        messages.info(request, _("The PDF is being prepared; it appears below when it is ready."))
    return redirect(BACK[kind], network=network, pk=pk)


def job_status(request, network, pk):
    job = selectors.get_job(request, pk)
    if request.htmx:
        return HttpResponse(render_to_string("reports/_job.html", {"job": job}, request=request))
    return render(request, "reports/job.html", {"job": job})


def job_download(request, network, pk):
    job = selectors.get_job(request, pk)
    if job.status != JobStatus.DONE or not job.stored_file:
        raise Http404
    try:
        # Streamed from storage (a folder or a bucket shared with the workers), never from a
        # path of this process: the worker that rendered it may run elsewhere.
        pdf = storage.open_pdf(job.stored_file)
    except FileNotFoundError:
        raise Http404 from None
    subject = job.programme or job.mentorship
    name = f"{slugify(job.get_kind_display())}-{slugify(subject.title)}"
    if job.plan_version:
        name += f"-v{job.plan_version.number}"
    return FileResponse(pdf, as_attachment=True, filename=f"{name}.pdf", content_type="application/pdf")


@require_POST
def job_retry(request, network, pk):
    job = selectors.get_job(request, pk)
    new = services.retry(job, by=request.user)
    if request.htmx:
        return HttpResponse(render_to_string("reports/_job.html", {"job": new}, request=request))
    messages.info(request, _("The PDF is being prepared again."))
    return redirect("pdf_job", network=network, pk=new.pk)
