"""{% city_mentorships city as places %}: the mentorships a city took part in, for its directory page.

The directory sits below mentorships and does not import it; mentorships offers the list as a tag
that the city's page loads (DESIGN.md, "Floors")."""

from django import template

from ..selectors import city_mentorships as mentorships_of_city

register = template.Library()


@register.simple_tag
def city_mentorships(city):
    return mentorships_of_city(city)
