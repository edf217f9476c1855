"""Reads of the bell, the list page and the home page's "Since your last visit"."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from programmes.mentorships.models import Mentorship
from programmes.tenancy.models import Membership

from .kinds import DEFAULT_DELIVERY, Delivery, Kind
from .models import Digest, MailStatus, Notification, Preference
from .recipients import may_read
from .tokens import DIGEST

PAGE_SIZE = 50


def unread_count(user, network):
    return Notification.objects.filter(network=network, recipient=user, read_at__isnull=True).count()


def with_targets(rows):
    """`rows` (a queryset) with what `readable` asks the rules about: their mentorship with its
    participants, facilitators and network."""
    return (rows.select_related("mentorship__programme__network", "mentorship__network", "actor", "target_type")
            .prefetch_related("mentorship__participants", "mentorship__programme__facilitators"))


def notifications_of(user, network, *, unread_only=False, limit=PAGE_SIZE):
    """The person's newest notifications in `network`, ready to be checked with `readable` (the
    list page asks the rules again, and forgets what they no longer read)."""
    rows = Notification.objects.filter(network=network, recipient=user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return list(with_targets(rows)[:limit])


def newest_unread(user, network, *, limit):
    """The home page's few newest unread ones, as stored: what a person may no longer read was
    forgotten when they lost the right (services.forget_mentorship, forget_unreadable)."""
    return list(Notification.objects.filter(network=network, recipient=user, read_at__isnull=True)
                .select_related("mentorship")[:limit])


def _targets(rows):
    """{(content type id, id): object} of what `rows` are about. Most are about their mentorship,
    read with the row (notifications_of) with what its rules read: participants, facilitators; the
    others cost one query per kind of object."""
    found, wanted = {}, {}
    for row in rows:
        if row.mentorship is not None and row.target_type.model_class() is Mentorship \
                and row.target_id == row.mentorship_id:
            found[row.target_type_id, row.target_id] = row.mentorship
        else:
            wanted.setdefault(row.target_type, set()).add(row.target_id)
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        if model is not None:
            found.update({(content_type.pk, obj.pk): obj for obj in model._base_manager.filter(pk__in=ids)})
    return found


def readable(user, rows):
    """The rows of `rows` whose object `user` may still read, asked of the same rule as when they
    were told: someone who lost a role since (or whose object is gone) no longer sees them."""
    targets = _targets(rows)
    answers = {}
    kept = []
    for row in rows:
        target = targets.get((row.target_type_id, row.target_id))
        question = (row.perm, row.target_type_id, row.target_id)
        if question not in answers:
            answers[question] = target is not None and may_read(user, row.perm, target)
        if answers[question]:
            kept.append(row)
    return kept


def by_mentorship(notifications):
    """[(mentorship or None, [notifications…])], groups in the order of their newest row."""
    groups = {}
    for notification in notifications:
        groups.setdefault(notification.mentorship_id, (notification.mentorship, []))[1].append(notification)
    return list(groups.values())


# --- A person's choices and failed e-mails -------------------------------------------------

FAILURES_SHOWN = 20


def deliveries_of(user):
    """{kind: delivery} of `user`, the kind's default where they chose nothing. One query."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in Kind}


def stopped_already(user, kind):
    current = deliveries_of(user)
    if kind == DIGEST:
        return Delivery.DIGEST not in current.values()
    return current[Kind(kind)] == Delivery.NEVER


def reason_in_plain_words(last_error):
    """What a stored error ("SMTPRecipientsRefused: …") means for the person reading it."""
    name = last_error.split(":", 1)[0].strip().rsplit(".", 1)[-1]
    if name == "SMTPRecipientsRefused":
        return _("The mail server refused your e-mail address. Check it in your profile.")
    if name in {"SMTPSenderRefused", "SMTPDataError", "SMTPResponseException", "SMTPNotSupportedError"}:
        return _("The mail server refused the message.")
    if name in {"ConnectionRefusedError", "ConnectionResetError", "SMTPConnectError", "SMTPServerDisconnected",
                "SMTPAuthenticationError", "TimeoutError", "timeout", "gaierror", "OSError", "SSLError"}:
        return _("Our mail server could not be reached. Nothing is wrong with your address.")
    if name in {"BadHeaderError", "ValueError", "TypeError", "KeyError", "UnicodeError", "UnicodeEncodeError",
                "TemplateSyntaxError", "TemplateDoesNotExist"}:
        return _("The e-mail could not be written from what was stored.")
    return _("The e-mail could not be sent.")


def failed_emails(user, limit=FAILURES_SHOWN):
    """The person's latest e-mails that could not be sent (single notifications and digests), in
    the networks they still belong to, newest first: [{when, what, network, why, attempts}]."""
    with scopes_disabled():  # their own rows, in every network of theirs
        networks = Membership.objects.filter(user=user).values("network_id")
        singles = list(Notification.objects.filter(recipient=user, mail_status=MailStatus.FAILED,
                                                   digest__isnull=True, network_id__in=networks)
                       .select_related("network").order_by("-claimed_at", "-pk")[:limit])
        digests = list(Digest.objects.filter(recipient=user, status=MailStatus.FAILED, network_id__in=networks)
                       .select_related("network").order_by("-claimed_at", "-pk")[:limit])
    rows = [{"when": row.claimed_at or row.created_at, "what": row.text, "network": row.network,
             "why": reason_in_plain_words(row.last_error), "attempts": row.attempts} for row in singles]
    rows += [{"when": row.claimed_at or row.created_at, "network": row.network,
              "what": _("Daily digest of %(day)s") % {"day": date_format(row.day, "DATE_FORMAT")},
              "why": reason_in_plain_words(row.last_error), "attempts": row.attempts} for row in digests]
    rows.sort(key=lambda row: row["when"], reverse=True)
    for row in rows:
        row["tried"] = ngettext("Tried once.", "Tried %(count)s times.", row["attempts"]) % {"count": row["attempts"]}
    return rows[:limit]
