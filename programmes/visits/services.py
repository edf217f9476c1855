"""Every change to visits: planning (with the guide's agenda), changes that calendars must see
(SEQUENCE), cancellation, agenda, participants and attendance, report and follow-ups, training
sessions of a programme, and each person's calendar feed."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from programmes.core.links import replace_links
from programmes.mentorships.models import Programme
from programmes.notifications import mentions
from programmes.notifications.services import notify
from programmes.tenancy.rules import remember_memberships
from programmes.tenancy.services import audit

from .agendas import proposed_agenda
from .models import (
    DEFAULT_OFFSETS,
    AgendaGoodPractice,
    AgendaItem,
    AgendaKeyFactor,
    CalendarFeed,
    DeliveryKind,
    DeliveryStatus,
    FollowUp,
    ReminderDelivery,
    ReminderRule,
    ReminderTarget,
    Visit,
    VisitParticipant,
    VisitReport,
    VisitStatus,
)

# Changing these reaches people's calendars: the event's SEQUENCE goes up.
CALENDAR_FIELDS = {"kind", "title", "host_city", "mode", "starts_at", "ends_at", "time_zone", "venue", "meeting_link",
                   "objectives", "status"}


@transaction.atomic
def plan_visit(*, programme, mentorship=None, values, by):
    """A new visit or meeting; set-up, inspiration and consolidation visits start with the guide's agenda."""
    visit = Visit(network=programme.network, programme=programme, mentorship=mentorship, created_by=by, **values)
    visit.full_clean(exclude=["network", "programme", "mentorship", "created_by"])
    visit.save()
    AgendaItem.objects.bulk_create(
        AgendaItem(network=visit.network, visit=visit, position=position, day=day, title=str(title),
                   description=str(description))
        for position, (day, title, description) in enumerate(proposed_agenda(visit.kind), start=1)
    )
    audit(visit.network, by=by, action="visit.planned", subject=f"{visit} – {mentorship or programme}")
    visit.told = _tell(visit, "visit.planned", key=f"visit.planned:{visit.pk}", by=by)
    return visit


@transaction.atomic
def update_visit(visit, *, values, by):
    changed = {name for name, value in values.items() if getattr(visit, name) != value}
    for name, value in values.items():
        setattr(visit, name, value)
    if changed & CALENDAR_FIELDS:
        visit.sequence += 1
    visit.full_clean(exclude=["network", "programme", "mentorship", "created_by"])
    visit.save()
    audit(visit.network, by=by, action="visit.changed", subject=str(visit), fields=sorted(changed))
    if changed:
        visit.told = _tell(visit, "visit.changed", by=by, calendar=bool(changed & CALENDAR_FIELDS),
                           key=f"visit.changed:{visit.pk}:{visit.sequence}:{visit.updated_at.timestamp():.6f}")
    return visit


@transaction.atomic
def set_status(visit, status, *, by):
    if visit.status != status:
        visit.status = status
        visit.sequence += 1
        visit.save(update_fields=["status", "sequence", "updated_at"])
        audit(visit.network, by=by, action=f"visit.{status}", subject=str(visit))
        if status == VisitStatus.CANCELLED:
            visit.told = _tell(visit, "visit.cancelled", key=f"visit.cancelled:{visit.pk}:{visit.sequence}", by=by,
                               calendar=True)
    return visit


# --- Who is told (programmes.notifications decides, from the visit page's own permission) ------

def _readers(visit):
    """(target, permission, people, mentorship) of a visit: a mentorship's visit is read under
    visits.view_visits by those around the mentorship (its status and dates by the programme's
    coordinators and facilitators too); a training session under visits.view_training of its
    programme. The people invited to it are asked as well."""
    invited = list(VisitParticipant.objects.filter(visit=visit).values_list("user_id", flat=True))
    if visit.mentorship_id:
        circle = mentions.circle(visit.mentorship_id)
        extra = [pk for pk in invited if pk not in circle.by_id]
        others = list(get_user_model().objects.filter(pk__in=extra, is_active=True)) if extra else []
        remember_memberships(others, visit.network_id)
        return circle.mentorship, "visits.view_visits", [*circle.people, *others], circle.mentorship
    programme = Programme.objects.select_related("network").prefetch_related("facilitators").get(
        pk=visit.programme_id)
    people = list(get_user_model().objects.filter(pk__in=invited, is_active=True)) if invited else []
    remember_memberships(people, visit.network_id)
    return programme, "visits.view_training", people, None


def _visit_link(visit, network_slug, fragment=""):
    if visit.mentorship_id:
        return reverse("visit_detail", kwargs={"network": network_slug, "pk": visit.mentorship_id,
                                               "visit_pk": visit.pk}) + fragment
    return reverse("training_detail", kwargs={"network": network_slug, "pk": visit.programme_id,
                                              "visit_pk": visit.pk}) + fragment


def _tell(visit, event, *, key, by, calendar=False):
    """Tell who may read the visit. Someone already sent a reminder of it gets, for a change the
    calendars see, the reminders' update notice with the new .ics (reminders/sweeping.py): their
    notification is then kept in the product only, so that one change sends them one e-mail."""
    target, perm, people, mentorship = _readers(visit)
    updated_by_reminders = set()
    if calendar and visit.ends_at > timezone.now():
        updated_by_reminders = set(ReminderDelivery.objects.filter(
            event_type="visit", event_id=visit.pk, kind=DeliveryKind.REMINDER, status=DeliveryStatus.SENT,
        ).values_list("recipient_id", flat=True))
    return notify(event, target=target, perm=perm, link=_visit_link(visit, target.network.slug), key=key,
                  people=people, by=by, mentorship=mentorship, params={"title": mentions.title(visit.name)},
                  in_product_only=updated_by_reminders)


def _touch(visit):
    """The agenda is part of the calendar event's description: calendars should refresh it."""
    Visit.objects.filter(pk=visit.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())


@transaction.atomic
def save_agenda_item(visit, *, item=None, values, good_practices=(), key_factors=(), by):
    if item is None:  # the visit row locked first: items added at once never read the same last position
        Visit.objects.select_for_update().get(pk=visit.pk)
        last = visit.agenda.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem(network=visit.network, visit=visit, position=last + 1)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    replace_links(AgendaGoodPractice, owner_field="item", owner=item, target_field="good_practice",
                  targets=good_practices)
    replace_links(AgendaKeyFactor, owner_field="item", owner=item, target_field="key_factor", targets=key_factors)
    _touch(visit)
    return item


@transaction.atomic
def delete_agenda_item(item, *, by):
    visit = item.visit
    item.delete()
    _touch(visit)


@transaction.atomic
def invite(visit, users, *, by):
    """Make `users` the visit's participants (adding and removing); attendance of those who stay is kept."""
    wanted = {user.pk for user in users}
    VisitParticipant.objects.filter(visit=visit).exclude(user_id__in=wanted).delete()
    have = set(VisitParticipant.objects.filter(visit=visit).values_list("user_id", flat=True))
    VisitParticipant.objects.bulk_create(VisitParticipant(network=visit.network, visit=visit, user=user)
                                         for user in users if user.pk not in have)
    audit(visit.network, by=by, action="visit.participants", subject=str(visit), count=len(wanted))


@transaction.atomic
def record_attendance(visit, attended_user_ids, *, by):
    attended = set(attended_user_ids)
    for participant in VisitParticipant.objects.filter(visit=visit):
        participant.attended = participant.user_id in attended
        participant.save(update_fields=["attended"])
    if visit.status == VisitStatus.PLANNED and visit.ends_at <= timezone.now():
        set_status(visit, VisitStatus.HELD, by=by)


@transaction.atomic
def save_report(visit, *, learned, shared, by):
    report, _created = VisitReport.objects.get_or_create(network=visit.network, visit=visit)
    report.learned, report.shared_with_programme, report.updated_by = learned.strip(), shared, by
    report.save()
    return report


@transaction.atomic
def add_follow_up(visit, *, text, owner, due_on, by):
    """A follow-up agreed during the visit. `owner` is what was typed under "who": when it is the
    name of someone who may read the visit (or @mentions them), they are told it is theirs."""
    follow_up = FollowUp.objects.create(network=visit.network, visit=visit, text=text.strip()[:500],
                                        owner=owner.strip()[:200], due_on=due_on)
    target, perm, people, mentorship = _readers(visit)
    wanted = " ".join(follow_up.owner.lstrip("@").split()).casefold()
    owners = [p for p in people if " ".join((p.display_name or "").split()).casefold() == wanted] \
        or mentions.find(follow_up.owner, people)
    if mentorship is not None:  # a mentorship's follow-ups are private to it, unlike its visits' dates
        perm = "visits.view_follow_ups"
    follow_up.told = notify("follow_up.assigned", target=target, perm=perm,
                            link=_visit_link(visit, target.network.slug, f"#follow-up-{follow_up.pk}"),
                            key=f"follow_up.assigned:{follow_up.pk}", people=owners, by=by, mentorship=mentorship,
                            params={"title": mentions.title(follow_up.text)})
    return follow_up


@transaction.atomic
def complete_follow_up(follow_up, *, by):
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        follow_up.save(update_fields=["done_at"])


def feed_for(user):
    feed = CalendarFeed.objects.filter(user=user).first()
    return feed or regenerate_feed(user)


@transaction.atomic
def regenerate_feed(user):
    """A new secret address; the old one stops working at once."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def revoke_feed(user):
    CalendarFeed.objects.filter(user=user).delete()


def default_rules_for_new_programme(sender, *, programme, **kwargs):
    """Receiver of mentorships.signals.programme_created."""
    ensure_default_rules(programme)


def ensure_default_rules(programme):
    """A new programme reminds of visits and milestones 14 and 2 days before, until coordinators change it."""
    if not ReminderRule.objects.filter(programme=programme).exists():
        ReminderRule.objects.bulk_create(
            ReminderRule(network=programme.network, programme=programme, target=target, offsets=DEFAULT_OFFSETS)
            for target in (ReminderTarget.VISITS, ReminderTarget.MILESTONES)
        )


@transaction.atomic
def save_rule(programme, *, rule=None, target, milestone_kind, offsets, by):
    rule = rule or ReminderRule(network=programme.network, programme=programme)
    rule.target, rule.milestone_kind, rule.offsets = target, milestone_kind, offsets
    rule.full_clean(exclude=["network", "programme"])  # offsets of at most a year, whoever calls
    rule.save()
    audit(programme.network, by=by, action="reminders.rule_saved", subject=str(programme), offsets=offsets)
    return rule


@transaction.atomic
def delete_rule(rule, *, by):
    audit(rule.network, by=by, action="reminders.rule_deleted", subject=str(rule.programme))
    rule.delete()
