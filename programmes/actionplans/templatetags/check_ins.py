"""The plan page's check-ins block reads them with this tag, in one query, once the plan is approved."""

from django import template

from .. import checkins

register = template.Library()


@register.simple_tag
def check_ins_of(plan):
    """The plan's check-ins with their state today (checkins.Shown), [] before approval."""
    return checkins.for_plan(plan)
