"""Reads for the action-plan pages, each with what the page shows fetched up front."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from programmes.benchmarks.models import KeyFactor
from programmes.questionnaires.models import Kind, Question, Response

from .models import Action, ActionComment, ActionPlan, PlanVersion, ProgressStatus


def plan_of(mentorship):
    return ActionPlan.objects.filter(mentorship=mentorship).first()


def actions(plan):
    return list(
        Action.objects.filter(plan=plan).order_by("position", "pk").prefetch_related(
            "needs", "key_factors", Prefetch("comments", queryset=ActionComment.objects.select_related("author")))
    )


def get_action(plan, pk):
    return get_object_or_404(Action.objects.filter(plan=plan, pk=pk).select_related("plan"))


def versions(plan):
    return list(PlanVersion.objects.filter(plan=plan).select_related("created_by").order_by("number"))


def get_version(plan, number):
    return PlanVersion.objects.filter(plan=plan, number=number).first()


def need_choices(mentorship):
    """The questions of the mentorship's needs analysis, to link actions to the needs they answer."""
    response = Response.objects.filter(mentorship=mentorship, template__kind=Kind.NEEDS_ANALYSIS).first()
    if response is None:
        return Question.objects.none()
    return Question.objects.filter(section__template_id=response.template_id, section__order=1).order_by("number")


def key_factor_choices(mentorship):
    benchmark_id = mentorship.programme.benchmark_id
    if benchmark_id is None:
        return KeyFactor.objects.none()
    return KeyFactor.objects.filter(benchmark_id=benchmark_id).order_by("number")


def share_on_track(rows):
    """The share of actions on track or done, among those not dropped (None without any)."""
    counted = [row for row in rows if row.progress != ProgressStatus.DROPPED]
    if not counted:
        return None
    good = sum(1 for row in counted if row.progress in {ProgressStatus.ON_TRACK, ProgressStatus.DONE})
    return round(100 * good / len(counted))


def plans_by_mentorship(mentorships):
    """{mentorship id: (plan, share on track)} for the programme dashboard, in two queries."""
    plans = ActionPlan.objects.filter(mentorship__in=mentorships).prefetch_related(
        Prefetch("actions", queryset=Action.objects.only("pk", "plan_id", "progress")))
    return {plan.mentorship_id: (plan, share_on_track(plan.actions.all())) for plan in plans}
