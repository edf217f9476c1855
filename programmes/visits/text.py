"""One-line and multi-line text on its way into a calendar file or an e-mail.

A visit's title becomes an iCalendar SUMMARY and an e-mail Subject: a line break there ends the
content line or the header and starts a forged one (RFC 5545 §3.3.11 allows no control character
in TEXT but tab; RFC 5322 headers are one line). So one-line fields refuse line breaks and control
characters at input, and whatever is already stored is folded onto one line (or, for text that
may have lines, cleaned of every other control character) on the way out, so that an old or
forged row never breaks a calendar or a reminder.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What Python's str.splitlines() breaks at, CR LF counted once.
LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
LINE_BREAKS = re.compile(f"(?:{LINE_BREAK.pattern})+")
# C0 and C1 control characters except tab and line feed (which multi-line text keeps).
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NOT_ONE_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def validate_one_line(value):
    """Refuse a line break or a control character in a field that is one line (titles, places)."""
    if value and NOT_ONE_LINE.search(value):
        raise ValidationError(_("Write this on one line: line breaks and control characters are not allowed."),
                              code="not_one_line")


def one_line(value):
    """The value on one line: each run of line breaks becomes a space, other control characters go."""
    return CONTROLS.sub("", LINE_BREAKS.sub(" ", str(value))).strip()


def plain_text(value):
    """Text that may have lines: every line break becomes \\n, other control characters go."""
    return CONTROLS.sub("", LINE_BREAK.sub("\n", str(value)))
