"""Reads of the support-group page: a city's members, and one of them for its form."""

from django.shortcuts import get_object_or_404

from .models import SupportGroupMember


def members_of(city):
    """The city's support group, by name (the model's order), as the page lists it."""
    return list(SupportGroupMember.objects.filter(city=city))


def get_member(city, pk):
    """A member of this city's group; one of another city (or network) is a 404, not theirs to edit."""
    return get_object_or_404(SupportGroupMember.objects.filter(city=city, pk=pk))
