"""Reminder and update e-mails, in the recipient's language, with the visit's .ics attached."""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from programmes.mentorships.models import Milestone

from ..calendar import ics
from ..models import DeliveryKind, Visit, VisitStatus
from ..text import one_line, plain_text
from .offsets import time_until
from .sweeping import MILESTONE_TIME


def _visit_link(visit):
    if visit.mentorship_id:
        path = reverse("visit_detail", kwargs={"network": visit.network.slug, "pk": visit.mentorship_id,
                                               "visit_pk": visit.pk})
    else:
        path = reverse("training_detail", kwargs={"network": visit.network.slug, "pk": visit.programme_id,
                                                  "visit_pk": visit.pk})
    return settings.SITE_URL.rstrip("/") + path


def build_message(delivery):
    """The e-mail for one delivery, or None when its event no longer exists."""
    language = delivery.recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        if delivery.event_type == "visit":
            visit = (Visit.objects.filter(pk=delivery.event_id)
                     .select_related("network", "mentorship", "programme", "host_city")
                     .prefetch_related("agenda").first())
            if visit is None:
                return None
            context = {"visit": visit, "delivery": delivery, "link": _visit_link(visit),
                       "when": time_until(visit.starts_at), "is_update": delivery.kind == DeliveryKind.UPDATE,
                       "is_cancelled": visit.status == VisitStatus.CANCELLED,
                       "starts": visit.starts_at.astimezone(visit.zone),
                       "ends": visit.ends_at.astimezone(visit.zone)}
            name = "visit_reminder"
        else:
            milestone = Milestone.objects.filter(pk=delivery.event_id).select_related("programme__network").first()
            if milestone is None:
                return None
            due = datetime.combine(milestone.due_date, MILESTONE_TIME, tzinfo=timezone.get_default_timezone())
            context = {"milestone": milestone, "when": time_until(due),
                       "link": settings.SITE_URL.rstrip("/") + reverse(
                           "programme_detail", kwargs={"network": milestone.programme.network.slug,
                                                       "pk": milestone.programme_id})}
            name = "milestone_reminder"
        context["settings_link"] = settings.SITE_URL.rstrip("/") + reverse("profile")
        # A title stored with a line break (or a NUL) must not end the Subject header and start another.
        subject = " ".join(one_line(render_to_string(f"emails/{name}_subject.txt", context)).split())
        text = plain_text(render_to_string(f"emails/{name}_message.txt", context))
        html = plain_text(render_to_string(f"emails/{name}_message.html", context))
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [delivery.recipient.email])
    message.attach_alternative(html, "text/html")
    if delivery.event_type == "visit":
        attached = ics.new_calendar(str(visit))
        attached.add_component(ics.visit_event(visit, url=context["link"]))
        message.attach("visit.ics", ics.to_ics(attached), "text/calendar; charset=utf-8; method=PUBLISH")
    return message
