"""Small helpers every network view uses: check a rule, apply a service call politely."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied

from .errors import TenancyError


def require(request, perm, obj=None):
    """Raise 403 unless the rule `perm` allows the user on `obj` (default: the current network)."""
    if not request.user.has_perm(perm, request.network if obj is None else obj):
        raise PermissionDenied


def apply_change(request, change, success_message=None):
    """Run a service call; show its domain error as a message instead of a server error."""
    try:
        change()
    except TenancyError as error:
        messages.error(request, error.message)
        return False
    if success_message:
        messages.success(request, success_message)
    return True
