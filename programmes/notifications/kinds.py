"""The kinds of notification a person chooses a delivery for, and the events of each kind.

An event's sentence is kept as a lazy translation and formatted when someone reads it, so that a
Greek reader sees it in Greek whoever caused it; what it names (a title, an excerpt) is stored
with the notification, in the words of the people who wrote it."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy


class Kind(models.TextChoices):
    MENTION = "mention", _("Mentions of me")
    COMMENT = "comment", _("Comments and replies")
    SUBMISSION = "submission", _("Questionnaires submitted")
    PLAN = "plan", _("Action plan status")
    VISIT = "visit", _("Visits planned, changed or cancelled")
    FOLLOW_UP = "follow_up", _("Follow-ups assigned to me or overdue")
    MEMBERSHIP = "membership", _("Invitations accepted")
    MILESTONE = "milestone", _("Milestones overdue")
    NUDGE = "nudge", _("Quiet mentorships and check-ins")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("By e-mail at once")
    DIGEST = "digest", _("In a daily digest at 08:00")
    NEVER = "never", pgettext_lazy("e-mail delivery", "Only in the product")


DEFAULT_DELIVERY = {
    Kind.MENTION: Delivery.IMMEDIATE,
    Kind.COMMENT: Delivery.IMMEDIATE,
    Kind.FOLLOW_UP: Delivery.IMMEDIATE,
    Kind.NUDGE: Delivery.IMMEDIATE,
    Kind.SUBMISSION: Delivery.DIGEST,
    Kind.PLAN: Delivery.DIGEST,
    Kind.VISIT: Delivery.DIGEST,
    Kind.MEMBERSHIP: Delivery.DIGEST,
    Kind.MILESTONE: Delivery.DIGEST,
}


@dataclass(frozen=True)
class Event:
    code: str
    kind: str
    sentence: object  # a lazy translation with %(actor)s, %(title)s, … placeholders

    def text(self, params):
        """The sentence in the active language, with what the notification names."""
        values = {"title": "", "excerpt": "", "number": "", **(params or {})}
        values["actor"] = values.get("actor") or _("Someone")  # a change made by no one in particular
        try:
            return str(self.sentence % values)  # a plural sentence picks its form from its count
        except (KeyError, ValueError, TypeError):  # a translation with a broken placeholder
            return str(self.sentence)


EVENTS = {event.code: event for event in (
    Event("comment.answer", Kind.COMMENT, _("%(actor)s commented on “%(title)s”")),
    Event("comment.reply", Kind.COMMENT, _("%(actor)s replied on “%(title)s”")),
    Event("comment.action", Kind.COMMENT, _("%(actor)s commented on the action “%(title)s”")),
    Event("comment.rating", Kind.COMMENT, _("%(actor)s commented on the rating of “%(title)s”")),
    Event("mention", Kind.MENTION, _("%(actor)s mentioned you on “%(title)s”")),
    Event("questionnaire.submitted", Kind.SUBMISSION,
          _("%(actor)s submitted version %(number)s of the needs analysis (Annex 2)")),
    Event("mentor_strengths.submitted", Kind.SUBMISSION,
          _("%(actor)s submitted version %(number)s of the mentor strengths (Annex 3)")),
    Event("plan.final", Kind.PLAN, _("%(actor)s marked the action plan as final")),
    Event("plan.approved", Kind.PLAN, _("%(actor)s recorded the action plan as approved")),
    Event("plan.draft", Kind.PLAN, _("%(actor)s returned the action plan to draft")),
    Event("plan.implementation", Kind.PLAN, _("%(actor)s started the implementation of the action plan")),
    Event("visit.planned", Kind.VISIT, _("%(actor)s planned the visit “%(title)s”")),
    Event("visit.changed", Kind.VISIT, _("%(actor)s changed the visit “%(title)s”")),
    Event("visit.cancelled", Kind.VISIT, _("%(actor)s cancelled the visit “%(title)s”")),
    Event("follow_up.assigned", Kind.FOLLOW_UP, _("%(actor)s gave you a follow-up: “%(title)s”")),
    Event("follow_up.overdue", Kind.FOLLOW_UP, _("Your follow-up “%(title)s” is overdue")),
    Event("invitation.accepted", Kind.MEMBERSHIP, _("%(actor)s accepted your invitation")),
    Event("milestone.overdue", Kind.MILESTONE, _("The milestone “%(title)s” is overdue")),
    Event("mentorship.quiet", Kind.NUDGE, ngettext_lazy("Nothing has happened in “%(title)s” for %(weeks)s week",
                                                        "Nothing has happened in “%(title)s” for %(weeks)s weeks",
                                                        "weeks")),
    Event("plan.check_in", Kind.NUDGE, _("Check-in due: update the progress of each action (%(title)s)")),
)}
