"""Reads for the self-assessment pages and the programme's overview of focus factors."""

from collections import Counter

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from ..models import AssessmentRound, ContextWeight, KeyFactor, Level, Rating, RatingComment, SelfAssessment


def assessments_of(mentorship):
    """{round: SelfAssessment} with ratings (and their key factors) and context weights prefetched."""
    ratings = Rating.objects.select_related("key_factor").order_by("key_factor__number")
    weights = ContextWeight.objects.select_related("context_factor").order_by("context_factor__order")
    found = SelfAssessment.objects.filter(mentorship=mentorship).prefetch_related(
        Prefetch("ratings", queryset=ratings), Prefetch("context_weights", queryset=weights)
    )
    return {assessment.round: assessment for assessment in found}


def get_assessment(mentorship, round):
    return get_object_or_404(SelfAssessment.objects.filter(mentorship=mentorship, round=round))


def context_weights(assessment):
    """The assessment's context factors as weighed so far, in the benchmark's order."""
    return list(assessment.context_weights.order_by("context_factor__order", "pk"))


def get_rating(assessment, key_factor_pk):
    return get_object_or_404(
        Rating.objects.filter(self_assessment=assessment, key_factor_id=key_factor_pk)
        .select_related("key_factor", "self_assessment")
        .prefetch_related("key_factor__questions", Prefetch("comments", queryset=_comments()))
    )


def _comments():
    return RatingComment.objects.select_related("author")


def programme_focus(programme):
    """Completed self-assessments only (what a mentorship has shared): each mentorship's focus
    factors, and per key factor how many mentorships rated it at each level."""
    if programme.benchmark_id is None:
        return None
    factors = list(KeyFactor.objects.filter(benchmark_id=programme.benchmark_id).order_by("number"))
    completed = (
        SelfAssessment.objects.filter(mentorship__programme=programme, round=AssessmentRound.INITIAL,
                                      completed_at__isnull=False)
        .select_related("mentorship")
        .prefetch_related(Prefetch("ratings", queryset=Rating.objects.select_related("key_factor")))
        .order_by("mentorship__title")
    )
    focus_rows, counts = [], {factor.pk: Counter() for factor in factors}
    for assessment in completed:
        ratings = list(assessment.ratings.all())
        focus_rows.append((assessment.mentorship, sorted((r.key_factor for r in ratings if r.is_focus),
                                                         key=lambda f: f.number)))
        for rating in ratings:
            if rating.level is not None and rating.key_factor_id in counts:
                counts[rating.key_factor_id][rating.level] += 1
    distribution = [(factor, [counts[factor.pk][level] for level in Level.values]) for factor in factors]
    return {"focus_rows": focus_rows, "distribution": distribution, "levels": Level.choices}
