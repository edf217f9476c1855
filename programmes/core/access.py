"""Small helpers every network view uses: check a rule, apply a service call politely."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string

from .errors import DomainError


def require(request, perm, obj=None):
    """Raise 403 unless the rule `perm` allows the user on `obj` (default: the current network)."""
    if not request.user.has_perm(perm, request.network if obj is None else obj):
        raise PermissionDenied


def apply_change(request, change, success_message=None):
    """Run a service call; show its domain error as a message instead of a server error."""
    try:
        change()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    if success_message:
        messages.success(request, success_message)
    return True


def form_status(form):
    """400 for a form sent back with errors (what was typed stays on the page), else 200."""
    return 400 if form.errors else 200


def save_status(text, *, failed=False, version_id=None, version=None):
    """The fragment an autosave answers with: "Saved at 14:02" (or why not), escaped like any
    template output; optionally the new version number, swapped into its hidden input."""
    html = render_to_string("components/save_status.html",
                            {"text": text, "failed": failed, "version_id": version_id, "version": version})
    return HttpResponse(html)
