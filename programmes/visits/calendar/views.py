"""Each person's calendar feed: a secret address that Outlook, Google Calendar or Thunderbird
subscribes to, listing the visits and milestones of their mentorships in every network. The
token is the only key, so the person can regenerate it (the old address dies) or switch it off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import services
from . import ics, selectors


def feed(request, token):
    """The person's visits and milestones of every network as one calendar; the token alone says
    whose (selectors.feed_entries reads across their networks)."""
    subscription = selectors.feed_by_token(token)
    if subscription is None:
        raise Http404
    visits, milestones = selectors.feed_entries(subscription.user)
    feed_calendar = ics.new_calendar(_("City mentoring"))
    for visit in visits:
        feed_calendar.add_component(ics.visit_event(visit))
    for milestone in milestones:
        feed_calendar.add_component(ics.milestone_event(milestone, milestone.programme.title))
    return HttpResponse(ics.to_ics(feed_calendar), content_type="text/calendar; charset=utf-8")


@login_required
def feed_settings(request):
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            services.revoke_feed(request.user)
            messages.success(request, _("Your calendar address is switched off; calendars using it stop updating."))
        else:
            services.regenerate_feed(request.user)
            messages.success(request, _("You have a new calendar address; the old one no longer works."))
        return redirect("calendar_settings")
    subscription = selectors.feed_of(request.user)
    url = request.build_absolute_uri(reverse("calendar_feed", kwargs={"token": subscription.token})) \
        if subscription else ""
    return render(request, "visits/calendar_settings.html", {"feed_url": url})
