from django.http import Http404

from .models import PdfJob

RECENT = 3


def recent_jobs(user, *, kind, mentorship=None, programme=None):
    """The person's latest PDF jobs for one page's subject, newest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    jobs = PdfJob.objects.filter(kind=kind, requested_by=user).select_related("plan_version")
    jobs = jobs.filter(mentorship=mentorship) if mentorship is not None else jobs.filter(programme=programme)
    return list(jobs.order_by("-created_at", "-pk")[:RECENT])


def get_job(request, pk):
    """The network's job, if the person may read what it renders; else 404 (not even its existence)."""
    job = PdfJob.objects.filter(network=request.network, pk=pk).select_related(
        "mentorship__programme", "programme", "plan_version", "frozen").first()
    if job is None or not request.user.has_perm("reports.view_job", job):
        raise Http404
    return job
