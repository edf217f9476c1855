"""Reads for the directory pages, each with what its page shows fetched up front."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django_countries.fields import Country

from .models import Association, City, CityRepresentative, ContactPerson


def _search(queryset, q, fields):
    if q:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": q})
        queryset = queryset.filter(condition)
    return queryset


def associations(network, *, q="", country=""):
    queryset = Association.objects.filter(network=network).annotate(city_count=Count("cities")).order_by("name")
    queryset = _search(queryset, q, ["name", "acronym"])
    return queryset.filter(country=country) if country else queryset


def cities(network, *, q="", country=""):
    queryset = City.objects.filter(network=network).select_related("association")
    queryset = _search(queryset, q, ["name", "association__name", "association__acronym"])
    return queryset.filter(country=country) if country else queryset


def countries_in_use(model, network):
    """The countries that occur in a list, for its filter (never the whole world)."""
    codes = model.objects.filter(network=network).values_list("country", flat=True).distinct()
    return sorted((Country(code=code) for code in codes), key=lambda country: str(country.name))


def get_association(network, pk):
    return get_object_or_404(
        Association.objects.filter(network=network, pk=pk)
        .prefetch_related("contacts", "cities")
    )


def get_city(network, pk):
    return get_object_or_404(
        City.objects.filter(network=network, pk=pk).select_related("association").prefetch_related("contacts")
    )


def representatives(city):
    return list(CityRepresentative.objects.filter(city=city).select_related("user"))


def get_representative(city, pk):
    return get_object_or_404(CityRepresentative.objects.filter(city=city, pk=pk).select_related("user"))


def get_contact(network, pk):
    return get_object_or_404(
        ContactPerson.objects.filter(network=network, pk=pk).select_related("association", "city")
    )
