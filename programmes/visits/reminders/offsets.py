"""A reminder rule's durations as coordinators write and read them: '14d, 2d, 3h' in the form,
minutes in the database, '14 days' in the e-mail."""

import re

from django.utils import timezone
from django.utils.translation import ngettext

from ..models import MAX_OFFSET

OFFSET_PATTERN = re.compile(r"^(\d+)\s*([dhw])$")
UNIT_MINUTES = {"h": 60, "d": 24 * 60, "w": 7 * 24 * 60}


class InvalidOffset(ValueError):
    pass


class OffsetTooLong(InvalidOffset):
    """A duration of more than a year: reminders go at most a year ahead (MAX_OFFSET)."""


def parse_offsets(text):
    """'14d, 2d, 3h' -> [20160, 2880, 180] minutes, largest first; InvalidOffset names the culprit."""
    offsets = []
    for part in [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]:
        match = OFFSET_PATTERN.match(part.lower())
        digits = match.group(1).lstrip("0") if match else ""
        if not digits:
            raise InvalidOffset(part)
        if len(digits) > len(str(MAX_OFFSET)):  # before int(): 5,000 digits are more than Python reads
            raise OffsetTooLong(part)
        minutes = int(digits) * UNIT_MINUTES[match.group(2)]
        if minutes > MAX_OFFSET:
            raise OffsetTooLong(part)
        offsets.append(minutes)
    if not offsets:
        raise InvalidOffset("")
    return sorted(set(offsets), reverse=True)


def offset_text(minutes):
    if minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}
    hours = minutes // 60
    return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}


def time_until(moment, now=None):
    """'12 days' or '5 hours' from now until `moment`, as a reminder says it (a late reminder tells
    the real time left, not its nominal offset)."""
    minutes = max(0, int((moment - (now or timezone.now())).total_seconds() // 60))
    if minutes >= 24 * 60:
        return offset_text(round(minutes / (24 * 60)) * 24 * 60)
    return offset_text(max(1, round(minutes / 60)) * 60)


def offsets_input(minutes_list):
    """The text a coordinator edits: minutes back to '14d, 2d'."""
    parts = []
    for minutes in minutes_list:
        if minutes % (24 * 60) == 0:
            parts.append(f"{minutes // (24 * 60)}d")
        else:
            parts.append(f"{minutes // 60}h")
    return ", ".join(parts)
