"""Reads of the good-practice library: search, the filter's policy areas, one practice's page."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from ..models import GoodPractice


def search(network, *, q="", policy_area="", city=None, key_factor=None):
    """The network's practices matching every criterion given, by title; each listed once even
    when it illustrates several key factors."""
    practices = GoodPractice.objects.filter(network=network).select_related("city")
    if q:
        practices = practices.filter(Q(title__icontains=q) | Q(description__icontains=q) | Q(context__icontains=q))
    if policy_area:
        practices = practices.filter(policy_area__iexact=policy_area)
    if city:
        practices = practices.filter(city=city)
    if key_factor:
        practices = practices.filter(key_factors=key_factor)
    return practices.order_by("title").distinct()


def policy_areas(network):
    """The policy areas the network's practices name, for the library's filter (never a fixed list)."""
    return list(GoodPractice.objects.filter(network=network).order_by("policy_area")
                .values_list("policy_area", flat=True).distinct())


def get_practice(network, pk):
    """A practice of the network with what its page and form show: city, author, key factors and
    their benchmarks. One of another network is a 404."""
    return get_object_or_404(
        GoodPractice.objects.filter(network=network, pk=pk)
        .select_related("city", "created_by").prefetch_related("key_factors__benchmark")
    )
