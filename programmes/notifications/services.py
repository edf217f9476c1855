"""Telling people: `notify()` is what every other app calls, after its own write, in its own
transaction. Rows are written with the write they tell about (so nothing is told of a change that
was rolled back), and e-mail is queued once that transaction commits."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.tenancy.rules import remember_memberships

from . import selectors
from .kinds import DEFAULT_DELIVERY, EVENTS, Delivery, Kind
from .models import MailStatus, Notification, Preference
from .recipients import may_read
from .selectors import deliveries_of
from .tasks import send_notification_email
from .tokens import DIGEST


@dataclass
class Told:
    """What came of one notify(): who was told, and who was named but may not read the object
    (the writer is told that they were not)."""

    recipients: list = field(default_factory=list)
    cannot_read: list = field(default_factory=list)


def deliveries_for(users, kind):
    """{user id: delivery} for `kind`, the kind's default where a person chose nothing."""
    chosen = dict(Preference.objects.filter(user__in=[u.pk for u in users], kind=kind)
                  .values_list("user_id", "delivery"))
    return {user.pk: chosen.get(user.pk, DEFAULT_DELIVERY[kind]) for user in users}


def notify(event, *, target, perm, link, key, people, by=None, mentorship=None, params=None, named=(),
           network=None, in_product_only=()):
    """Tell `people` (and `named`, people the text mentions) about `event` on `target`, each only if
    `perm` lets them read `target`; never the person who caused it. `key` names the event: one
    person is told of one key once. The notification belongs to the target's network, or to
    `network` when the target is the network itself. Returns who was told and who was named but
    may not read. People whose ids are in `in_product_only` are told in the product and not by
    e-mail (they get the news by another e-mail already, as a visit's update notice)."""
    told = Told()
    network_id = network.pk if network is not None else target.network_id
    remember_memberships([*named, *people], network_id)  # every has_perm below then asks no query for it
    seen = {getattr(by, "pk", None)}
    chosen = []
    for user in [*named, *people]:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        if may_read(user, perm, target):
            chosen.append((user, "mention" if user in named else event))
        elif user in named:
            told.cannot_read.append(user)
    if not chosen:
        return told
    content_type = ContentType.objects.get_for_model(target)
    rows = []
    for kind in {EVENTS[code].kind for _user, code in chosen}:
        delivery = deliveries_for([u for u, code in chosen if EVENTS[code].kind == kind], kind)
        for user, code in chosen:
            if EVENTS[code].kind != kind:
                continue
            mode = Delivery.NEVER if user.pk in in_product_only else delivery[user.pk]
            rows.append(Notification(
                network_id=network_id, recipient=user, kind=kind, event=code, event_key=key,
                mentorship=mentorship, actor=by, target_type=content_type, target_id=target.pk, perm=perm,
                link=link, params={"actor": by.display_name if by else "", **(params or {})}, delivery=mode,
                mail_status=MailStatus.PENDING if mode != Delivery.NEVER else MailStatus.NONE))
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    told.recipients = [user for user, _code in chosen]
    if any(row.delivery == Delivery.IMMEDIATE for row in rows):
        transaction.on_commit(lambda: _queue_immediate(network_id, key))
    return told


def _queue_immediate(network_id, key):
    """Hand each immediate e-mail of event `key` to a worker (the sending task claims it). It runs
    when the transaction commits, which may be after the writer's scope has closed (a command's
    outer transaction): it opens the network's scope itself."""
    with scope(network=network_id):
        pks = list(Notification.objects.filter(event_key=key, delivery=Delivery.IMMEDIATE,
                                               mail_status=MailStatus.PENDING).values_list("pk", flat=True))
    for pk in pks:
        send_notification_email.delay(pk, network_id=network_id)


def mark_read(notification, *, by):
    if notification.recipient_id == by.pk and notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())


def mark_all_read(network, *, by):
    return Notification.objects.filter(network=network, recipient=by, read_at__isnull=True).update(
        read_at=timezone.now())


def forget_mentorship(user_id, mentorship_id):
    """Someone left a mentorship: nothing of it stays under their bell, read or not (the excerpts
    quote its content), and nothing more is e-mailed."""
    Notification.objects.filter(recipient_id=user_id, mentorship_id=mentorship_id).delete()


def forget_unreadable(user, network, *, batch=500):
    """Delete `user`'s notifications in `network` that the rules no longer let them read (after a
    role was taken away): the bell, the home page and the e-mails then hold only what they may
    read. Rare (a change of role), so it reads every row of theirs, in batches."""
    rows = Notification.objects.filter(network=network, recipient=user).order_by("pk")
    last = 0
    while True:
        chunk = list(selectors.with_targets(rows.filter(pk__gt=last))[:batch])
        if not chunk:
            return
        drop_unreadable(user, chunk, selectors.readable(user, chunk))
        last = chunk[-1].pk


def drop_unreadable(user, shown, readable):
    """Rows of `shown` that `user` may no longer read (a role taken away, a facilitator detached)
    are deleted, so that the bell stops counting what its list no longer shows."""
    gone = [row.pk for row in shown if row not in readable]
    if gone:
        Notification.objects.filter(recipient=user, pk__in=gone).delete()


# --- A person's choices --------------------------------------------------------------------

def set_deliveries(user, deliveries):
    """Record `user`'s choice per kind ({kind: delivery}). What was still waiting to be e-mailed of
    a kind they now want "never" is not e-mailed."""
    Preference.objects.bulk_create(
        [Preference(user=user, kind=kind, delivery=delivery) for kind, delivery in deliveries.items()],
        update_conflicts=True, unique_fields=["user", "kind"], update_fields=["delivery"])
    never = [kind for kind, delivery in deliveries.items() if delivery == Delivery.NEVER]
    if never:
        with scopes_disabled():  # the person's own rows, in every network
            Notification.objects.filter(recipient=user, kind__in=never, mail_status=MailStatus.PENDING,
                                        digest__isnull=True).update(delivery=Delivery.NEVER,
                                                                    mail_status=MailStatus.NONE)


def save_preferences(user, *, deliveries, time_zone):
    set_deliveries(user, deliveries)
    if user.time_zone != time_zone:
        user.time_zone = time_zone
        user.save(update_fields=["time_zone"])


def stop_emails(user, kind):
    """Stop the e-mails of `kind` (or of the daily digest: every kind delivered in it) for `user`.
    False when they had already stopped."""
    current = deliveries_of(user)
    if kind == DIGEST:
        kinds = [k for k, delivery in current.items() if delivery == Delivery.DIGEST]
    else:
        kinds = [k for k in [Kind(kind)] if current[k] != Delivery.NEVER]
    if not kinds:
        return False
    set_deliveries(user, dict.fromkeys(kinds, Delivery.NEVER))
    return True
