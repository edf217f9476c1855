"""What the programme report shows, one page per mentorship: partners, phase, visits held, focus
key factors, and the action plan's status and progress. Only what a mentorship shares with the
programme (never its private notes or drafts). Read in a fixed number of queries."""

from dataclasses import dataclass

from programmes.actionplans.selectors import plans_by_mentorship
from programmes.benchmarks.models import Rating
from programmes.mentorships.models import CitySide, MilestoneKind, by_side
from programmes.mentorships.selectors import places_prefetch


@dataclass
class MentorshipPage:
    mentorship: object
    mentees: list
    mentors: list
    peers: list
    visits_held: int
    visits_planned: int
    focus: list
    plan: object
    on_track: int | None


def programme_pages(programme):
    mentorships = list(programme.mentorships.order_by("title").prefetch_related(
        places_prefetch(),
        "milestones_done__milestone"))
    focus = {}
    for rating in (Rating.objects.filter(self_assessment__mentorship__in=mentorships, is_focus=True,
                                         self_assessment__round="initial")
                   .select_related("key_factor", "self_assessment").order_by("key_factor__number")):
        focus.setdefault(rating.self_assessment.mentorship_id, []).append(rating.key_factor)
    plans = plans_by_mentorship(mentorships)
    pages = []
    for mentorship in mentorships:
        sides = by_side(mentorship.cities.all())
        plan, on_track = plans.get(mentorship.pk, (None, None))
        pages.append(MentorshipPage(
            mentorship=mentorship,
            mentees=sides[CitySide.MENTEE],
            mentors=sides[CitySide.MENTOR],
            peers=sides[CitySide.PEER],
            visits_held=sum(1 for done in mentorship.milestones_done.all()
                            if done.milestone.kind == MilestoneKind.VISIT),
            visits_planned=programme.planned_visits,
            focus=focus.get(mentorship.pk, []),
            plan=plan, on_track=on_track,
        ))
    return pages
