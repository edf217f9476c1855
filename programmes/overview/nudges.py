"""The daily nudges that read many apps: quiet mentorships, overdue follow-ups, overdue milestones.

Beat runs `sweep` once a day (overview/tasks.py). It goes through the networks one by one, inside
each network's scope, and each kind of nudge of each network runs in its own transaction: one
network's bad data (or one kind's) is logged and never stops another's nudges. Each nudge is a
notification with a key, so a sweep that runs twice, or two sweeps racing, tell each person once.

- A mentorship of a running programme that has seen no activity for its programme's
  `quiet_weeks` nudges its mentee and mentor teams and the programme's facilitators, once per
  quiet spell: the key carries the moment of the last activity, so new activity followed by a
  new silence nudges again. Activity is the latest moment among the mentorship's own content
  (answers, comments, submissions, the plan, its actions, progress and comments, visits, their
  reports and follow-ups, participants joining, notifications people caused about it), read for
  all mentorships of a network in one query.
- A follow-up agreed during a mentorship's visit, past its date and not done, tells its owner
  (whoever was told it was theirs when it was agreed, else the participant its owner names) once.
- A milestone past its date that a mentorship of a running programme has not reached tells the
  mentorship's teams and the network's coordinators once per mentorship.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import DateField, DateTimeField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from programmes.actionplans.models import Action, ActionComment, ActionPlan, PlanVersion
from programmes.mentorships.models import Mentorship, Milestone, MilestoneDone, Participant, Phase, ProgrammeStatus
from programmes.notifications import mentions
from programmes.notifications.models import Notification
from programmes.notifications.recipients import COORDINATING
from programmes.notifications.services import notify
from programmes.questionnaires.models import Answer, AnswerComment, Submission
from programmes.tenancy.models import Membership, Network
from programmes.visits.models import FollowUp, Visit, VisitReport

logger = logging.getLogger(__name__)

TEAMS = ("mentee_team", "mentor_team")
# Overdue nudges are for what just became late: a sweep that starts (or restarts after an outage)
# does not tell of everything that ever was late.
OVERDUE_WINDOW = timedelta(days=14)


# --- Activity -------------------------------------------------------------------------------------

def _latest(queryset, column):
    """The latest `column` of `queryset` (filtered by the outer mentorship), as a subquery."""
    return Subquery(queryset.order_by().values("network_id").annotate(latest=Max(column)).values("latest")[:1],
                    output_field=DateTimeField())


def _latest_date(queryset, column):
    return Subquery(queryset.order_by().values("network_id").annotate(latest=Max(column)).values("latest")[:1],
                    output_field=DateField())


def activity_annotations():
    """Annotations of a mentorship queryset, one per kind of content, each its latest moment (or
    None). Progress is dated (`progress_on`) and saved without touching the row's `updated_at`, so
    its date is read apart (`activity_progress_on`)."""
    mentorship = OuterRef("pk")
    return {
        "activity_answers": _latest(Answer.objects.filter(response__mentorship=mentorship), "updated_at"),
        "activity_comments": _latest(AnswerComment.objects.filter(response__mentorship=mentorship), "created_at"),
        "activity_submissions": _latest(Submission.objects.filter(response__mentorship=mentorship), "submitted_at"),
        "activity_plan": _latest(ActionPlan.objects.filter(mentorship=mentorship), "updated_at"),
        "activity_versions": _latest(PlanVersion.objects.filter(plan__mentorship=mentorship), "created_at"),
        "activity_actions": _latest(Action.objects.filter(plan__mentorship=mentorship), "updated_at"),
        "activity_progress_on": _latest_date(Action.objects.filter(plan__mentorship=mentorship), "progress_on"),
        "activity_action_comments": _latest(ActionComment.objects.filter(action__plan__mentorship=mentorship),
                                            "created_at"),
        "activity_visits": _latest(Visit.objects.filter(mentorship=mentorship), "updated_at"),
        "activity_reports": _latest(VisitReport.objects.filter(visit__mentorship=mentorship), "updated_at"),
        "activity_follow_ups": _latest(FollowUp.objects.filter(visit__mentorship=mentorship),
                                       Coalesce("done_at", "created_at")),
        "activity_participants": _latest(Participant.objects.filter(mentorship=mentorship), "created_at"),
        # What people caused (a comment, a plan's change of status); not the nudges themselves,
        # which have no actor: a nudge is no activity, or it would end the silence it tells of.
        "activity_notifications": _latest(Notification.objects.filter(mentorship=mentorship, actor__isnull=False),
                                          "created_at"),
    }


def last_activity(mentorship, now):
    """The latest moment of a mentorship annotated with `activity_annotations` (its creation at
    the least); a progress date counts from the start of its day, and nothing counts after now."""
    moments = [mentorship.created_at]
    moments += [value for name, value in vars(mentorship).items()
                if name.startswith("activity_") and name != "activity_progress_on" and value is not None]
    progress_on = mentorship.activity_progress_on
    if progress_on is not None:
        moments.append(datetime.combine(progress_on, time.min, tzinfo=timezone.get_current_timezone()))
    return min(max(moments), now)


def quiet_mentorships(now):
    """The active network's mentorships of running programmes, not closed, whose last activity is
    at least their programme's `quiet_weeks` ago: [(mentorship, last activity)], in one query (and
    one per relation the nudge reads)."""
    mentorships = (Mentorship.objects.filter(programme__status=ProgrammeStatus.RUNNING)
                   .exclude(phase=Phase.CLOSED)
                   .annotate(**activity_annotations())
                   .select_related("programme", "network")
                   .prefetch_related("participants__user", "programme__facilitators__user")
                   .order_by("pk"))
    quiet = []
    for mentorship in mentorships:
        latest = last_activity(mentorship, now)
        if now - latest >= timedelta(weeks=mentorship.programme.quiet_weeks):
            quiet.append((mentorship, latest))
    return quiet


def nudge_quiet(now):
    told = 0
    for mentorship, latest in quiet_mentorships(now):
        weeks = (now - latest) // timedelta(weeks=1)
        people = [p.user for p in mentorship.participants.all() if p.role in TEAMS]
        people += [f.user for f in mentorship.programme.facilitators.all()]
        notify("mentorship.quiet", target=mentorship, perm="mentorships.view_mentorship",
               link=reverse("mentorship_detail", kwargs={"network": mentorship.network.slug, "pk": mentorship.pk}),
               key=f"quiet:{mentorship.pk}:{timezone.localtime(latest):%Y%m%dT%H%M%S}", people=people,
               mentorship=mentorship, params={"title": mentorship.title, "weeks": weeks})
        told += 1
    return told


# --- Follow-ups ---------------------------------------------------------------------------------

def owner_of(follow_up, participants):
    """The participants a follow-up's owner names, as when it was agreed (visits.services): by
    name, or by an @mention of them; [] when nobody is named."""
    people = [p.user for p in participants]
    wanted = " ".join(follow_up.owner.lstrip("@").split()).casefold()
    return [u for u in people if " ".join((u.display_name or "").split()).casefold() == wanted] \
        or mentions.find(follow_up.owner, people)


def overdue_follow_ups(today):
    """The active network's follow-ups of mentorships' visits past their date, not done, that became
    late within the window; each with `owners`: whoever was told it was theirs when it was agreed
    (one query for all), else whoever its owner names now."""
    follow_ups = list(FollowUp.objects.filter(done_at__isnull=True, due_on__lt=today,
                                              due_on__gte=today - OVERDUE_WINDOW, visit__mentorship__isnull=False)
                      .select_related("visit__mentorship__network", "visit__mentorship__programme__network")
                      .prefetch_related("visit__mentorship__participants__user",
                                        "visit__mentorship__programme__facilitators")
                      .order_by("due_on", "pk"))
    assigned = {}
    for key, user in ((n.event_key, n.recipient) for n in Notification.objects.filter(
            event_key__in=[f"follow_up.assigned:{f.pk}" for f in follow_ups]).select_related("recipient")):
        assigned.setdefault(key, []).append(user)
    for follow_up in follow_ups:
        follow_up.owners = (assigned.get(f"follow_up.assigned:{follow_up.pk}")
                            or owner_of(follow_up, follow_up.visit.mentorship.participants.all()))
    return follow_ups


def nudge_follow_ups(today):
    told = 0
    for follow_up in overdue_follow_ups(today):
        if not follow_up.owners:
            continue
        mentorship = follow_up.visit.mentorship
        link = reverse("visit_detail", kwargs={"network": mentorship.network.slug, "pk": mentorship.pk,
                                               "visit_pk": follow_up.visit_id}) + f"#follow-up-{follow_up.pk}"
        notify("follow_up.overdue", target=mentorship, perm="visits.view_follow_ups", link=link,
               key=f"follow_up_overdue:{follow_up.pk}", people=follow_up.owners, mentorship=mentorship,
               params={"title": mentions.title(follow_up.text)})
        told += 1
    return told


# --- Milestones ---------------------------------------------------------------------------------

@dataclass
class LateMilestone:
    milestone: Milestone
    mentorships: list = field(default_factory=list)


def overdue_milestones(today):
    """The active network's milestones of running programmes that became late within the window,
    each with the mentorships (not closed) that have not reached it."""
    milestones = list(Milestone.objects.filter(
        programme__status=ProgrammeStatus.RUNNING, due_date__lt=today, due_date__gte=today - OVERDUE_WINDOW)
        .order_by("due_date", "pk"))
    if not milestones:
        return []
    programme_ids = {m.programme_id for m in milestones}
    mentorships = list(Mentorship.objects.filter(programme_id__in=programme_ids).exclude(phase=Phase.CLOSED)
                       .select_related("programme__network", "network")
                       .prefetch_related("participants__user", "programme__facilitators").order_by("pk"))
    done = set(MilestoneDone.objects.filter(milestone__in=milestones).values_list("milestone_id", "mentorship_id"))
    return [LateMilestone(milestone, [m for m in mentorships if m.programme_id == milestone.programme_id
                                      and (milestone.pk, m.pk) not in done])
            for milestone in milestones]


def coordinators():
    """The active network's coordinators and admins (the scope names the network)."""
    return [membership.user for membership in
            Membership.objects.filter(role__in=COORDINATING, user__is_active=True).select_related("user")]


def nudge_milestones(today):
    told = 0
    late = overdue_milestones(today)
    coordinating = coordinators() if late else []
    for item in late:
        for mentorship in item.mentorships:
            people = [p.user for p in mentorship.participants.all() if p.role in TEAMS] + coordinating
            notify("milestone.overdue", target=mentorship, perm="mentorships.view_mentorship",
                   link=reverse("mentorship_detail", kwargs={"network": mentorship.network.slug,
                                                             "pk": mentorship.pk}),
                   key=f"milestone_overdue:{item.milestone.pk}:{mentorship.pk}", people=people,
                   mentorship=mentorship, params={"title": str(item.milestone)})
            told += 1
    return told


# --- The sweep ----------------------------------------------------------------------------------

@dataclass
class Outcome:
    quiet: int = 0
    follow_ups: int = 0
    milestones: int = 0
    failed: list = field(default_factory=list)  # (network slug, step) that failed, logged


def _on_its_own(network, outcome, name, step, *args):
    """One step of one network in its own transaction: what fails is rolled back and logged, and
    the sweep goes on with the next step and the next network; the next sweep tries again."""
    try:
        with transaction.atomic():
            setattr(outcome, name, getattr(outcome, name) + step(*args))
    except Exception:  # noqa: BLE001 - the next network must not pay for this one; the log says why
        logger.exception("Nudges of network %s: %s failed", network.slug, step.__name__)
        outcome.failed.append((network.slug, step.__name__))


def sweep(now=None):
    """Every network's nudges, each network inside its own scope."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    outcome = Outcome()
    for network in Network.objects.order_by("pk"):
        with scope(network=network):
            _on_its_own(network, outcome, "quiet", nudge_quiet, now)
            _on_its_own(network, outcome, "follow_ups", nudge_follow_ups, today)
            _on_its_own(network, outcome, "milestones", nudge_milestones, today)
    return outcome
