"""How long a PDF may take, and when a job that says otherwise was interrupted.

Four things must agree on these times, so they are worked out here only: the Celery time limits
of render_pdf, the page that shows a job running past them as interrupted, the recovery sweep
(recovery.py) and the claim on a plan version's PDF (frozen.claim). A render is stopped at the
soft limit (PDF_TIME_LIMIT_SECONDS: the job fails with a reason) and its process killed GRACE
later (the hard limit); a job still "being rendered" after that, and a margin for clocks and
commits, has no worker any more.
"""

from datetime import timedelta

from django.conf import settings

GRACE_SECONDS = 30  # between the soft and the hard limit: time to record the failure
MARGIN = timedelta(seconds=60)  # past the hard limit before a job counts as interrupted
# Kombu's own visibility timeout for Redis when the settings give none.
DEFAULT_VISIBILITY_TIMEOUT = 3600


def soft_limit_seconds():
    return settings.PDF_TIME_LIMIT_SECONDS


def hard_limit_seconds():
    return soft_limit_seconds() + GRACE_SECONDS


def interrupted_after():
    """A job rendering for longer than this was interrupted: its worker is gone."""
    return timedelta(seconds=hard_limit_seconds()) + MARGIN


def lost_after():
    """A job waiting its turn for longer than this lost its message: the broker would have handed
    it out again by now (its visibility timeout) and that delivery would have finished (the hard
    limit). Long on purpose, so that a long queue is not taken for a lost message."""
    visibility = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).get("visibility_timeout", DEFAULT_VISIBILITY_TIMEOUT)
    return timedelta(seconds=visibility + hard_limit_seconds()) + MARGIN
