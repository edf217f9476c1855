"""The mentee's self-assessment pages, and the programme's overview of focus factors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import apply_change, require, save_status
from programmes.core.addresses import link_to
from programmes.core.errors import DomainError
from programmes.core.limits import LONG_TEXT, TextRefused, posted_text
from programmes.mentorships import selectors as mentorship_selectors
from programmes.notifications.mentions import candidates_url, report_not_told

from ..models import AssessmentRound, Level
from . import charts, selectors, services
from .forms import CommentForm, RatingForm


def _mentorship(request, pk, perm="benchmarks.view_self_assessment"):
    mentorship = mentorship_selectors.get_mentorship(request.network, pk)
    require(request, perm, mentorship)
    return mentorship


def _round(value):
    if value not in AssessmentRound.values:
        raise Http404
    return value


def _back(mentorship):
    return redirect("self_assessment", network=mentorship.network.slug, pk=mentorship.pk)


def overview(request, network, pk):
    mentorship = _mentorship(request, pk)
    assessments = selectors.assessments_of(mentorship)
    initial, final = assessments.get(AssessmentRound.INITIAL), assessments.get(AssessmentRound.FINAL)
    shown = [a for a in (initial, final) if a is not None]
    factors = [rating.key_factor for rating in shown[0].ratings.all()] if shown else []
    chart = charts.profile(factors, [{r.key_factor_id: r.level for r in a.ratings.all()} for a in shown])
    rows = [(factor, [next(r for r in a.ratings.all() if r.key_factor_id == factor.pk) for a in shown])
            for factor in factors]
    _for_display(request.network, mentorship, rows)
    return render(request, "benchmarks/self_assessment.html", {
        "mentorship": mentorship, "programme": mentorship.programme, "benchmark": mentorship.programme.benchmark,
        "initial": initial, "final": final, "shown": shown, "rows": rows, "chart": chart,
        "focus_limit": mentorship.programme.max_focus_factors,
        "can_rate": request.user.has_perm("benchmarks.rate", mentorship),
    })


def _for_display(network, mentorship, rows):
    """Each rating with its link and level as ready strings: per cell the template otherwise ran a
    {% url %} tag and get_level_display, which rebuilds the choices on every call."""
    levels = {value: str(label) for value, label in Level.choices}
    links = {round: link_to("self_assessment_rate", key="factor_pk", network=network.slug, pk=mentorship.pk,
                            round=round) for round in AssessmentRound.values}
    for factor, ratings in rows:
        for rating in ratings:
            rating.link = links[rating.self_assessment.round](factor.pk)
            rating.level_label = levels.get(rating.level, "")


@require_POST
def start(request, network, pk):
    mentorship = _mentorship(request, pk, "benchmarks.rate")
    round = _round(request.POST.get("round", ""))
    apply_change(request, lambda: services.start(mentorship, round=round, by=request.user))
    return _back(mentorship)


def rate(request, network, pk, round, factor_pk):
    mentorship = _mentorship(request, pk)
    assessment = selectors.get_assessment(mentorship, _round(round))
    rating = selectors.get_rating(assessment, factor_pk)
    can_rate = request.user.has_perm("benchmarks.rate", mentorship) and not assessment.is_completed
    questions = rating.key_factor.questions.all()
    if request.method == "POST":
        if not can_rate:
            raise PermissionDenied
        form = RatingForm(request.POST, questions=questions)
        if form.is_valid():
            try:
                services.rate(rating, level=form.cleaned_data["level"], evidence=form.cleaned_data["evidence"],
                              answers=form.answers(), is_focus=form.cleaned_data["is_focus"], by=request.user)
            except DomainError as error:
                form.add_error("is_focus", str(error.message))
            else:
                if request.htmx:
                    return save_status(_("Saved at %(time)s") % {"time": formats.time_format(timezone.localtime())})
                messages.success(request, _("Your answers on “%(factor)s” were saved.") % {"factor": rating.key_factor})
                return _back(mentorship)
        if request.htmx:
            errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
            return save_status(_("Not saved: %(errors)s") % {"errors": errors}, failed=True)
        status = 400
    else:
        form = RatingForm(initial=RatingForm.initial_for(rating), questions=questions)
        status = 200
    return render(request, "benchmarks/rating_form.html", {
        "mentorship": mentorship, "programme": mentorship.programme, "assessment": assessment, "rating": rating,
        "factor": rating.key_factor, "form": form, "can_rate": can_rate,
        "comment_form": _comment_form(request, mentorship),
        "can_comment": request.user.has_perm("benchmarks.comment_self_assessment", mentorship),
    }, status=status)


def _comment_form(request, mentorship):
    """The comment box, with the address of the people it may @mention (mentions.js)."""
    form = CommentForm()
    form.fields["text"].widget.attrs.update({"data-mention-url": candidates_url(request.network.slug, mentorship.pk),
                                             "data-mention-label": _("People you can mention")})
    return form


@require_POST
def comment(request, network, pk, round, factor_pk):
    mentorship = _mentorship(request, pk, "benchmarks.comment_self_assessment")
    rating = selectors.get_rating(selectors.get_assessment(mentorship, _round(round)), factor_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        added = services.comment(rating, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, _("Your comment was added."))
        report_not_told(request, added.told, _("%(name)s cannot read this self-assessment, so was not told."))
    elif not request.POST.get("text", "").strip():
        messages.error(request, _("Write a comment before sending it."))
    else:
        messages.error(request, _("The comment was not added: %(reason)s")
                       % {"reason": " ".join(form.errors["text"])})
    return redirect("self_assessment_rate", network=network, pk=pk, round=round, factor_pk=factor_pk)


@require_POST
def context(request, network, pk, round):
    mentorship = _mentorship(request, pk, "benchmarks.rate")
    assessment = selectors.get_assessment(mentorship, _round(round))
    try:
        weights = {w.pk: (request.POST.get(f"weighs_{w.pk}") == "on",
                          posted_text(request.POST, f"note_{w.pk}", limit=LONG_TEXT))
                   for w in selectors.context_weights(assessment)}
    except TextRefused as refused:
        messages.error(request, _("The context factors were not saved: %(reason)s") % {"reason": refused.message})
        return _back(mentorship)
    apply_change(request, lambda: services.note_context(assessment, weights=weights, by=request.user),
                 _("The context factors were saved."))
    return _back(mentorship)


@require_POST
def complete(request, network, pk, round):
    mentorship = _mentorship(request, pk, "benchmarks.rate")
    assessment = selectors.get_assessment(mentorship, _round(round))
    services.complete(assessment, by=request.user)
    messages.success(request, _("The self-assessment is completed; its ratings and focus factors are now shared with the programme."))
    return _back(mentorship)


def programme_focus(request, network, pk):
    programme = mentorship_selectors.get_programme(request.network, pk)
    require(request, "benchmarks.view_programme_focus", programme)
    return render(request, "benchmarks/programme_focus.html",
                  {"programme": programme, "overview": selectors.programme_focus(programme)})
