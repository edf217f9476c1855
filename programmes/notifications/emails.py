"""Notification e-mails, in the recipient's language and time zone, text and HTML, with a link to
the object, a link to the person's settings and a one-click unsubscribe (RFC 8058): the
List-Unsubscribe header names a URL that stops this kind of e-mail (or the daily digest) on a POST
without a session, and List-Unsubscribe-Post tells mail clients they may send that POST."""

import re
import zoneinfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .recipients import may_read
from .selectors import by_mentorship
from .tokens import DIGEST, make_token

# A title stored with a line break (or a NUL) must not end the Subject header and start another;
# the same classes as visits/text.py, which this floor does not import.
LINE_BREAKS = re.compile(r"(?:\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029])+")
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
DIGEST_LISTED = 100  # notifications listed in one digest; the others are counted, with a link to them


def one_line(value):
    return " ".join(CONTROLS.sub("", LINE_BREAKS.sub(" ", str(value))).split())


def plain_text(value):
    return CONTROLS.sub("", str(value))


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def zone_named(name):
    """The zone of that name; the site's when the stored name is unknown (an older tzdata)."""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def zone_of(user):
    return zone_named(user.time_zone)


def language_of(user):
    return user.language or settings.LANGUAGE_CODE


def unsubscribe_url(user, kind):
    return absolute(reverse("notification_unsubscribe", kwargs={"token": make_token(user, kind)}))


def preferences_url():
    return absolute(reverse("notification_preferences"))


def target_of(notification):
    """The object the notification is about, or None when it is gone."""
    model = notification.target_type.model_class()
    return model.objects.filter(pk=notification.target_id).first() if model else None


def _message(recipient, name, context, *, unsubscribe):
    """Render emails/{name}_*.txt/html into a message with the unsubscribe headers."""
    with translation.override(language_of(recipient)), timezone.override(zone_of(recipient)):
        context = {**context, "recipient": recipient, "unsubscribe_link": unsubscribe,
                   "settings_link": preferences_url(), "LANGUAGE_CODE": translation.get_language()}
        subject = one_line(render_to_string(f"emails/{name}_subject.txt", context))
        text = plain_text(render_to_string(f"emails/{name}_message.txt", context))
        html = plain_text(render_to_string(f"emails/{name}_message.html", context))
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
               "Auto-Submitted": "auto-generated"}
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def build_notification_message(notification):
    """The e-mail for one notification, or None when its object is gone or no longer readable."""
    target = target_of(notification)
    recipient = notification.recipient
    if target is None or not may_read(recipient, notification.perm, target):
        return None
    context = {"notification": notification, "network": notification.network, "link": absolute(notification.link)}
    with translation.override(language_of(recipient)):
        context["text"] = one_line(notification.text)
        context["kind"] = str(notification.get_kind_display())
    return _message(recipient, "notification", context, unsubscribe=unsubscribe_url(recipient, notification.kind))


def build_digest_message(digest, notifications):
    """One morning's e-mail: `notifications` (already checked readable), grouped by mentorship."""
    recipient = digest.recipient
    listed = notifications[-DIGEST_LISTED:]  # the newest, when a morning brings very many
    with translation.override(language_of(recipient)):
        rows = [{"text": one_line(row.text), "link": absolute(row.link), "at": row.created_at,
                 "excerpt": (row.params or {}).get("excerpt", "")} for row in listed]
    by_row = dict(zip([row.pk for row in listed], rows, strict=True))
    groups = [{"mentorship": mentorship, "rows": [by_row[row.pk] for row in members]}
              for mentorship, members in by_mentorship(listed)]
    context = {"digest": digest, "network": digest.network, "groups": groups, "count": len(notifications),
               "more": len(notifications) - len(listed), "day": digest.day,
               "list_link": absolute(reverse("notification_list", kwargs={"network": digest.network.slug}))}
    return _message(recipient, "notification_digest", context, unsubscribe=unsubscribe_url(recipient, DIGEST))
