"""{% coming_up mentorship %}: the "Coming up" panel of the mentorship page.

The mentorship page belongs to mentorships, which sits below visits and does not import it; visits
offers the panel (next visits and training sessions, and the open follow-ups for whoever may read
the visits) as a tag that the page loads (DESIGN.md, "Floors").
"""

from django import template

from ..selectors import open_follow_ups, upcoming_of

register = template.Library()


@register.inclusion_tag("visits/_coming_up.html", takes_context=True)
def coming_up(context, mentorship):
    user = context["request"].user
    return {
        "current_network": context.get("current_network"),
        "mentorship": mentorship,
        "programme": mentorship.programme,
        "upcoming_visits": upcoming_of(mentorship),
        "open_follow_ups": open_follow_ups(mentorship) if user.has_perm("visits.view_visits", mentorship) else [],
    }
