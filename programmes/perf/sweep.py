"""The reminder sweep over many visits: how long beat's sweep takes when 10,000 visits are
coming up, each with invited people, and how many queries it runs."""

import datetime
import time
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from programmes.visits.models import ReminderDelivery, Visit, VisitParticipant
from programmes.visits.reminders import sweeping

from .seed import SMALL, seed_network


@dataclass
class SweepFigures:
    visits: int
    deliveries: int
    first_sweep: float  # seconds: records every due reminder and claims them all, batch by batch
    first_queries: int
    claimed: int
    next_sweep: float  # seconds: the next sweep, with nothing new to record or claim
    next_queries: int


def seed_visits(count):
    """`count` planned visits in the next 13 days (all inside the 14-day reminder), two people each."""
    seeded = seed_network("bench-sweep", SMALL)
    network, mentorship = seeded.network, seeded.mentorships[0]
    people = [p.user for p in mentorship.participants.select_related("user")][:2]
    now = timezone.now()
    with scope(network=network):
        Visit.objects.filter(network=network).delete()
        created = Visit.objects.bulk_create(
            Visit(network=network, programme=mentorship.programme, mentorship=mentorship, kind="online_meeting", mode="online",
                  title=f"Online meeting {n}", starts_at=now + datetime.timedelta(hours=3 + n % (13 * 24)),
                  ends_at=now + datetime.timedelta(hours=4 + n % (13 * 24)), meeting_link="https://meet.example.org/x")
            for n in range(count))
        VisitParticipant.objects.bulk_create(
            VisitParticipant(network=network, visit=visit, user=user) for visit in created for user in people)
    return len(created)


def _timed_sweep():
    queued = []
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        sweeping.sweep(enqueue=lambda delivery_id, network_id: queued.append(delivery_id))
        seconds = time.perf_counter() - start
    return seconds, len(queries), len(queued)


def measure_sweep(count=10_000):
    visits = seed_visits(count)
    first, first_queries, claimed = _timed_sweep()
    second, second_queries, _nothing = _timed_sweep()
    return SweepFigures(visits=visits, deliveries=ReminderDelivery.objects.count(), first_sweep=first,
                        first_queries=first_queries, claimed=claimed, next_sweep=second, next_queries=second_queries)
