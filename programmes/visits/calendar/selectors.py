"""Reads of each person's calendar feed: the subscription a secret address names, and the visits
and milestones it lists."""

from django.db.models import Q
from django_scopes import scopes_disabled

from programmes.mentorships.models import Milestone, Participant

from ..models import CalendarFeed, Visit


def feed_by_token(token):
    """The active person's subscription the secret address names, or None (unknown, renewed or
    switched off, or its person deactivated). A feed is no tenant row: no scope is needed."""
    subscription = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if subscription is None or not subscription.user.is_active:
        return None
    return subscription


def feed_of(user):
    """The person's own subscription, or None when they have none (the settings page)."""
    return CalendarFeed.objects.filter(user=user).first()


def feed_entries(user):
    """([visits], [milestones]) of the person's mentorships and programmes in every network, with
    what the calendar events show fetched (three queries).

    The feed is the one reader of visits outside any network's scope, on purpose: it answers a
    secret address rather than a page under /<network>/, and lists the person's own events of
    every network they take part in; `_of_people` is what narrows it to theirs."""
    with scopes_disabled():
        visits = list(Visit.objects.filter(_of_people(user)).select_related("mentorship", "programme")
                      .prefetch_related("agenda"))
        milestones = list(Milestone.objects.filter(programme__mentorships__participants__user=user)
                          .select_related("programme").distinct())
    return visits, milestones


def _of_people(user):
    """Visits of the person's mentorships, and training sessions of their mentorships' programmes.
    Subqueries rather than joins: joining every visit to every participant of its programme made
    the network home's list of five take 6 ms of a 500-visit network, and needed DISTINCT."""
    theirs = Participant.objects.filter(user=user)
    return Q(mentorship__in=theirs.values("mentorship")) | Q(
        mentorship__isnull=True, programme__in=theirs.values("mentorship__programme"))
