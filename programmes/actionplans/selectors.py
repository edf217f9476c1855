"""Reads for the action-plan pages, each with what the page shows fetched up front."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from programmes.benchmarks.models import KeyFactor
from programmes.questionnaires.models import Kind, Question, Response

from .models import Action, ActionComment, ActionPlan, PlanVersion, ProgressStatus


def plan_of(mentorship):
    return ActionPlan.objects.filter(mentorship=mentorship).first()


def actions(plan, pks=None):
    """The plan's rows with what a row shows (links, comments and their authors); only `pks` if given."""
    rows = Action.objects.filter(plan=plan).order_by("position", "pk")
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    return list(rows.prefetch_related(
        "needs", "key_factors", Prefetch("comments", queryset=ActionComment.objects.select_related("author"))))


def row_count(plan):
    return Action.objects.filter(plan=plan).count()


def comments(action):
    return list(ActionComment.objects.filter(action=action).select_related("author").order_by("created_at", "pk"))


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


def plans_by_mentorship(mentorships):
    """{mentorship id: (plan, share on track)} for the programme dashboard, in one query: the
    database counts the actions (a programme of 50 plans of 100 rows would otherwise load 5,000
    actions to count them)."""
    plans = ActionPlan.objects.filter(mentorship__in=mentorships).annotate(
        counted=Count("actions", filter=~Q(actions__progress=ProgressStatus.DROPPED)),
        good=Count("actions", filter=Q(actions__progress__in=[ProgressStatus.ON_TRACK, ProgressStatus.DONE])))
    return {plan.mentorship_id: (plan, round(100 * plan.good / plan.counted) if plan.counted else None)
            for plan in plans}
