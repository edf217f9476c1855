"""Use cases of the mentee's self-assessment against the programme's benchmark.

The mentee team rates each key factor (level, evidence, answers to the guiding questions),
marks up to the programme's number of focus factors, and notes which context factors weigh on
it. Saving is idempotent and per key factor, so autosave and the plain submit button share it.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.notifications import mentions
from programmes.notifications.services import notify
from programmes.tenancy.services import audit

from ..errors import BenchmarkError
from ..models import AssessmentRound, ContextWeight, Rating, RatingComment, SelfAssessment


class NoBenchmarkError(BenchmarkError):
    message = _("This programme has no published benchmark attached, so there is nothing to assess against.")


class TooManyFocusFactorsError(BenchmarkError):
    message = _("You have already chosen the most focus factors this programme allows. Untick another one first.")


class FinalRoundTooEarlyError(BenchmarkError):
    message = _("Complete the first self-assessment before starting the final one.")


class AssessmentCompletedError(BenchmarkError):
    message = _("This self-assessment is completed and can no longer be changed.")


@transaction.atomic
def start(mentorship, *, round, by):
    """Open the self-assessment of a round, with one empty rating per key factor."""
    benchmark = mentorship.programme.benchmark
    if benchmark is None:
        raise NoBenchmarkError()
    existing = SelfAssessment.objects.filter(mentorship=mentorship, round=round).first()
    if existing:
        return existing
    if round == AssessmentRound.FINAL and not SelfAssessment.objects.filter(
        mentorship=mentorship, round=AssessmentRound.INITIAL, completed_at__isnull=False
    ).exists():
        raise FinalRoundTooEarlyError()
    assessment = SelfAssessment.objects.create(
        network=mentorship.network, mentorship=mentorship, benchmark=benchmark, round=round
    )
    Rating.objects.bulk_create(
        Rating(network=mentorship.network, self_assessment=assessment, key_factor=factor)
        for factor in benchmark.key_factors.all()
    )
    ContextWeight.objects.bulk_create(
        ContextWeight(network=mentorship.network, self_assessment=assessment, context_factor=factor)
        for factor in benchmark.context_factors.all()
    )
    audit(mentorship.network, by=by, action="self_assessment.started", subject=str(assessment))
    return assessment


@transaction.atomic
def rate(rating, *, level, evidence, answers, is_focus, by):
    """Save one key factor's rating. Focus factors are limited by the programme."""
    rating = Rating.objects.select_for_update().select_related("self_assessment__mentorship__programme").get(
        pk=rating.pk
    )
    assessment = rating.self_assessment
    if assessment.is_completed:
        raise AssessmentCompletedError()
    if is_focus and not rating.is_focus:
        limit = assessment.mentorship.programme.max_focus_factors
        if assessment.ratings.filter(is_focus=True).count() >= limit:
            raise TooManyFocusFactorsError()
    rating.level, rating.evidence, rating.is_focus, rating.updated_by = level, evidence, is_focus, by
    rating.answers = {str(key): text for key, text in answers.items() if text}
    rating.save()
    return rating


@transaction.atomic
def note_context(assessment, *, weights, by):
    """`weights` maps context-weight ids to (weighs, note)."""
    if assessment.is_completed:
        raise AssessmentCompletedError()
    for weight in assessment.context_weights.all():
        if weight.pk in weights:
            weight.weighs, weight.note = weights[weight.pk]
            weight.save(update_fields=["weighs", "note"])


@transaction.atomic
def complete(assessment, *, by):
    """Close the round: its ratings and focus factors are then shared with the programme."""
    if not assessment.is_completed:
        assessment.completed_at = timezone.now()
        assessment.save(update_fields=["completed_at"])
        audit(assessment.network, by=by, action="self_assessment.completed", subject=str(assessment))
    return assessment


@transaction.atomic
def comment(rating, *, text, by):
    """A comment on one key factor's rating. Whoever rated it last, the earlier commenters and the
    mentee team (who rates) are told, and anyone it @mentions; `comment.told` says who was, and
    who was named but may not read the self-assessment."""
    created = RatingComment.objects.create(network=rating.network, rating=rating, author=by, text=text)
    assessment = rating.self_assessment
    circle = mentions.circle(assessment.mentorship_id)
    ids = [rating.updated_by_id, *RatingComment.objects.filter(rating=rating).exclude(pk=created.pk)
           .values_list("author_id", flat=True)]
    link = reverse("self_assessment_rate", kwargs={
        "network": circle.mentorship.network.slug, "pk": circle.mentorship.pk, "round": assessment.round,
        "factor_pk": rating.key_factor_id}) + f"#rating-comment-{created.pk}"
    created.told = notify("comment.rating", target=circle.mentorship, perm="benchmarks.view_self_assessment",
                          link=link, key=f"comment.rating:{created.pk}",
                          people=[*circle.users(ids), *circle.with_role("mentee_team")], by=by,
                          mentorship=circle.mentorship, named=circle.named_in(text),
                          params={"title": mentions.title(rating.key_factor.title), "excerpt": mentions.excerpt(text)})
    return created
