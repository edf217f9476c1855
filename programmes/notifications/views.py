"""The bell's list: newest first, grouped by mentorship, each linking to the exact object."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import require

from . import selectors, services
from .models import Notification


def notification_list(request, network):
    require(request, "notifications.view_notifications")
    unread_only = request.GET.get("show") == "unread"
    shown = selectors.notifications_of(request.user, request.network, unread_only=unread_only)
    rows = selectors.readable(request.user, shown)
    services.drop_unreadable(request.user, shown, rows)
    context = {"groups": selectors.by_mentorship(rows), "unread_only": unread_only,
               "page_size": selectors.PAGE_SIZE, "shown": len(rows)}
    return render(request, "notifications/list.html", context)


def _mine(request, pk):
    require(request, "notifications.view_notifications")
    notification = Notification.objects.filter(pk=pk).first()
    if notification is None or not request.user.has_perm("notifications.view_notification", notification):
        raise Http404  # someone else's notification is not said to exist
    return notification


@require_POST
def open_notification(request, network, pk):
    """Marks it read and goes to what it is about (the question, row or comment). A POST, so
    that nothing is marked read by a link preview or a prefetch."""
    notification = _mine(request, pk)
    services.mark_read(notification, by=request.user)
    if not url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect("notification_list", network=network)  # only paths of this site are followed
    return redirect(notification.link)


@require_POST
def mark_read(request, network, pk):
    services.mark_read(_mine(request, pk), by=request.user)
    return redirect("notification_list", network=network)


@require_POST
def mark_all_read(request, network):
    require(request, "notifications.view_notifications")
    count = services.mark_all_read(request.network, by=request.user)
    messages.success(request, _("All notifications are marked as read.") if count else _("Nothing was unread."))
    return redirect("notification_list", network=network)
