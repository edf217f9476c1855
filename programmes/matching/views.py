"""The matching assistant's pages: the programme's mentees waiting for a mentor, and the ranked
candidates for one of them, from which the coordinator picks."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import apply_change, require
from programmes.mentorships import selectors as mentorship_selectors
from programmes.mentorships import services
from programmes.mentorships.models import CitySide, by_side

from . import ranking, selectors


def programme_matching(request, network, pk):
    programme = mentorship_selectors.get_programme(request.network, pk)
    require(request, "mentorships.match", programme)
    return render(request, "matching/programme.html", {
        "programme": programme, "rows": selectors.matching_rows(programme),
    })


def mentorship_matching(request, network, pk):
    mentorship = mentorship_selectors.get_mentorship(request.network, pk)
    require(request, "mentorships.match", mentorship)
    sides = by_side(mentorship.cities.all())
    mentee = sides[CitySide.MENTEE][0].city if sides[CitySide.MENTEE] else None
    mentor = sides[CitySide.MENTOR][0].city if sides[CitySide.MENTOR] else None
    submission = ranking.latest_submission(mentorship)
    focus = ranking.focus_factors(mentorship)
    ranked = ranking.candidates(mentorship, mentee_city=mentee, submission=submission, focus=focus) \
        if mentee is not None and submission is not None else []
    return render(request, "matching/candidates.html", {
        "mentorship": mentorship, "programme": mentorship.programme, "mentee": mentee, "mentor": mentor,
        "submission": submission, "candidates": ranked,
        "focus": sorted(focus.values(), key=lambda f: f.number),
    })


@require_POST
def choose_mentor(request, network, pk, city_pk):
    mentorship = mentorship_selectors.get_mentorship(request.network, pk)
    require(request, "mentorships.match", mentorship)
    city = selectors.get_candidate_city(request.network, city_pk)
    apply_change(request, lambda: services.choose_mentor(mentorship, city, by=request.user),
                 _("%(city)s is now the mentor city of “%(mentorship)s”. Invite its team from the mentorship page.")
                 % {"city": city.name, "mentorship": mentorship.title})
    return redirect("mentorship_detail", network=network, pk=pk)
