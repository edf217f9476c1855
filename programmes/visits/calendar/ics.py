"""Visits and milestones as iCalendar (RFC 5545), for Outlook, Google Calendar and Thunderbird:
times with their time zone, a stable UID per event, SEQUENCE raised on every change, and
STATUS:CANCELLED for a cancelled visit so that calendars remove it.

Stored text goes through `visits/text.py` first: one-line properties (SUMMARY, the calendar's name, URL)
on one line, multi-line ones (LOCATION, DESCRIPTION) without control characters. icalendar escapes
a line break in SUMMARY but writes X-WR-CALNAME and URL as they are, and refuses a raw one, so a
title stored with a line break once made the .ics answer 500 and its reminders fail
after five tries."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from ..models import VisitStatus
from ..text import one_line, plain_text

PRODID = "-//City mentoring//Visits//EN"


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    return calendar


def visit_event(visit, *, url=""):
    zone = visit.zone
    event = Event()
    event.add("uid", f"visit-{visit.uid}@{settings.CALENDAR_UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", visit.starts_at.astimezone(zone))
    event.add("dtend", visit.ends_at.astimezone(zone))
    event.add("summary", one_line(_summary(visit)))
    event.add("sequence", visit.sequence)
    event.add("status", "CANCELLED" if visit.status == VisitStatus.CANCELLED else "CONFIRMED")
    location = visit.venue or visit.meeting_link
    if location:
        event.add("location", plain_text(location))
    description = "\n\n".join(part for part in [visit.objectives, _agenda_text(visit), visit.meeting_link] if part)
    if description:
        event.add("description", plain_text(description))
    if url:
        event.add("url", one_line(url))
    return event


def _summary(visit):
    subject = visit.mentorship.title if visit.mentorship_id else visit.programme.title
    return f"{visit.name} – {subject}"


def _agenda_text(visit):
    lines = []
    for item in visit.agenda.all():
        when = item.time.strftime("%H:%M") + " " if item.time else ""
        lines.append(f"{when}{item.title}")
    return "\n".join(lines)


def milestone_event(milestone, programme_title):
    event = Event()
    event.add("uid", f"milestone-{milestone.pk}@{settings.CALENDAR_UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", milestone.due_date)
    event.add("dtend", milestone.due_date + datetime.timedelta(days=1))
    event.add("summary", one_line(f"{milestone} – {programme_title}"))
    event.add("transp", "TRANSPARENT")
    return event


def to_ics(calendar):
    calendar.add_missing_timezones()
    return calendar.to_ical()
