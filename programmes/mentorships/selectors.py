"""Reads for programme and mentorship pages, with everything each page shows fetched up front."""

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404

from programmes.accounts.models import User
from programmes.core.history import HISTORY_LENGTH
from programmes.tenancy.models import Invitation, Membership, Role

from .models import (
    Mentorship,
    MentorshipCity,
    MentorshipInvitation,
    Milestone,
    MilestoneDone,
    Participant,
    Programme,
    ProgrammeFacilitator,
    ProgrammeStatus,
)


# Built per call: a queryset made at import time would be made outside any network's scope.
def places_prefetch():
    """Prefetch of a mentorship's cities with their city and association (`mentorship.cities.all()`)."""
    return Prefetch("cities", queryset=MentorshipCity.objects.select_related("city", "association"))


def _participants():
    return Prefetch("participants", queryset=Participant.objects.select_related("user"))


def _facilitators():
    return Prefetch("facilitators", queryset=ProgrammeFacilitator.objects.select_related("user"))


def programmes_for(user, network):
    """The network's programmes this person may see (drafts only for those who manage them)."""
    queryset = Programme.objects.filter(network=network).annotate(mentorship_count=Count("mentorships"))
    if not user.has_perm("mentorships.add_programme", network):
        queryset = queryset.exclude(status=ProgrammeStatus.DRAFT)
    return queryset.order_by("-start_date", "title")


def get_programme(network, pk):
    return _programme_in_network(network, get_object_or_404(
        Programme.objects.filter(network=network, pk=pk)
        .select_related("benchmark")
        .prefetch_related(
            _facilitators(), Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk"))
        )
    ))


def _programme_in_network(network, programme):
    """Give the programme the request's network, which it belongs to: the permission rules read
    `obj.network`, which would otherwise fetch the same row again."""
    programme.network = network
    return programme


def _mentorship_in_network(network, mentorship):
    mentorship.network = network
    _programme_in_network(network, mentorship.programme)
    return mentorship


def get_milestone(programme, pk):
    return get_object_or_404(Milestone.objects.filter(programme=programme, pk=pk))


def get_facilitator(programme, pk):
    return get_object_or_404(
        ProgrammeFacilitator.objects.filter(programme=programme, pk=pk).select_related("user")
    )


def facilitator_candidates(programme):
    """Network facilitators (and coordinators) who are not yet attached to the programme."""
    members = Membership.objects.filter(network=programme.network, role__in=[Role.FACILITATOR, Role.COORDINATOR])
    attached = ProgrammeFacilitator.objects.filter(programme=programme).values("user_id")
    return User.objects.filter(memberships__in=members).exclude(pk__in=attached).order_by("full_name", "email")


def get_mentorship(network, pk):
    """A mentorship with what the permission rules and page headers read: cities, people, facilitators."""
    return _mentorship_in_network(network, get_object_or_404(
        Mentorship.objects.filter(network=network, pk=pk)
        .select_related("programme__benchmark")
        .prefetch_related(places_prefetch(), _participants(), "programme__facilitators")
    ))


def get_mentorship_page(network, pk):
    """get_mentorship, for the mentorship page itself (which lists the milestones with
    `milestones_with_done`)."""
    return get_mentorship(network, pk)


def milestones_with_done(mentorship):
    """The programme's milestones, each with `done_on`: when this mentorship reached it, or None.
    One query, where prefetching the milestones and the completions took two and a queryset clone
    per relation."""
    done_on = MilestoneDone.objects.filter(mentorship=mentorship, milestone=OuterRef("pk")).values("done_on")[:1]
    return list(Milestone.objects.filter(programme_id=mentorship.programme_id)
                .annotate(done_on=Subquery(done_on)).order_by("due_date", "pk"))


def recent_history(obj):
    """The newest history rows of a programme or a mentorship, with who made each change: one more
    than a history panel shows, for `core.history.history_entries` to tell what the oldest changed."""
    return obj.history.select_related("history_user")[:HISTORY_LENGTH + 1]


def recent_participant_history(mentorship):
    """The same for the mentorship's participants, those who have left included."""
    return (Participant.history.filter(mentorship_id=mentorship.pk)
            .select_related("history_user")[:HISTORY_LENGTH + 1])


def get_participant(mentorship, pk):
    return get_object_or_404(Participant.objects.filter(mentorship=mentorship, pk=pk).select_related("user"))


def pending_invitations(mentorship):
    pending = Invitation.objects.pending()
    return list(
        MentorshipInvitation.objects.filter(mentorship=mentorship, invitation__in=pending).select_related("invitation")
    )


def mentorships_of(user, network):
    """'My mentorships' on the network home page."""
    return list(
        Participant.objects.filter(network=network, user=user)
        .select_related("mentorship__programme")
        .order_by("mentorship__title")
    )


def city_mentorships(city):
    """Every mentorship a city has taken part in, newest programme first."""
    return list(
        MentorshipCity.objects.filter(city=city)
        .select_related("mentorship__programme")
        .order_by("-mentorship__programme__start_date", "mentorship__title")
    )
