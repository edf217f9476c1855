"""The daily digest sweep over a big network: 5,000 events told to the people of their mentorship
(300 people, in five time zones), all waiting for the morning's digest. Measures the sweep's
seconds and its queries per batch (which must not grow with the people of a batch), then races two
sweeps that read at the same moment, runs both sweeps' send tasks interleaved, and checks that each
digest was sent once."""

import datetime
import time
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.accounts.models import User
from programmes.mentorships.models import Mentorship, Participant
from programmes.notifications import digests, tasks
from programmes.notifications.kinds import Delivery, Kind
from programmes.notifications.models import Digest, MailStatus, Notification

from .report import table

EVENTS = 5_000
ZONES = ["Europe/Rome", "Europe/Riga", "Europe/Lisbon", "Europe/Athens", "Europe/Brussels"]


@dataclass
class DigestFigures:
    people: int
    events: int
    rows: int
    sweep_seconds: float
    sweep_queries: int
    batch_queries: list
    digests: int
    race_seconds: float
    race_queued: int
    send_seconds: float
    emails: int
    sent_twice: int
    missed: list = field(default_factory=list)


def seed_events(network, count=EVENTS):
    """`count` submitted questionnaires, each told to everyone of its mentorship, in the digest;
    returns how many people (with those the seeding told) and rows wait for a digest."""
    with scope(network=network):
        mentorships = list(Mentorship.objects.order_by("pk"))
        people = {}
        for mentorship_id, user_id in Participant.objects.values_list("mentorship_id", "user_id"):
            people.setdefault(mentorship_id, []).append(user_id)
        users = sorted({user for ids in people.values() for user in ids})
        for n, zone in enumerate(ZONES):
            User.objects.filter(pk__in=users[n::len(ZONES)]).update(time_zone=zone)
        content_type = ContentType.objects.get_for_model(Mentorship)
        rows = []
        for n in range(count):
            mentorship = mentorships[n % len(mentorships)]
            rows += [Notification(
                network=network, recipient_id=user_id, kind=Kind.SUBMISSION, event="questionnaire.submitted",
                event_key=f"bench:{n}", mentorship=mentorship, target_type=content_type, target_id=mentorship.pk,
                perm="mentorships.view_mentorship", link=f"/{network.slug}/mentorships/{mentorship.pk}/",
                params={"actor": "Person", "title": f"Needs analysis {n}"}, delivery=Delivery.DIGEST,
                mail_status=MailStatus.PENDING) for user_id in people.get(mentorship.pk, [])]
        Notification.objects.bulk_create(rows, batch_size=2_000)
        waiting = (Notification.objects.filter(delivery=Delivery.DIGEST, mail_status=MailStatus.PENDING)
                   .values("recipient_id").distinct().count())  # with what seeding the network told
    return waiting, len(rows)


def _morning():
    """Noon UTC of the next day: past 08:00 in every zone of the seed, after every row was made."""
    return datetime.datetime.combine(timezone.now().date() + datetime.timedelta(days=1), datetime.time(12),
                                     tzinfo=datetime.UTC)


def _due_here(network, now):
    """digests.due_people(now), kept to the measured network: the other networks' seeding told
    people too, and their digests are not part of this measurement."""
    return {person: (day, {network.pk}) for person, (day, networks) in digests.due_people(now).items()
            if network.pk in networks}


def measure(seeded, events=EVENTS):
    network = seeded.network
    people, rows = seed_events(network, events)
    now = _morning()
    batch_queries = []

    with scopes_disabled():
        # One sweep on its own: its seconds and its queries, batch by batch (nothing sent yet).
        with CaptureQueriesContext(connection) as queries:
            marks = [0]

            def after_batch(_made):
                batch_queries.append(len(queries) - marks[-1])
                marks.append(len(queries))

            start = time.perf_counter()
            first = digests.sweep(enqueue=lambda *args: None, now=now, after_batch=after_batch,
                                  due=_due_here(network, now))
            sweep_seconds = time.perf_counter() - start
        sweep_queries = len(queries)
        batch_queries[0] -= 1  # the first batch's count includes the one read of who is due (_due_here)
        made = Digest.objects.filter(network=network).count()

        # Start again, and race two sweeps that read who is due at the same moment.
        Digest.objects.filter(network=network).delete()
        Notification.objects.filter(network=network, delivery=Delivery.DIGEST).update(
            digest=None, mail_status=MailStatus.PENDING)
        start = time.perf_counter()
        seen = _due_here(network, now)
        queued_a = digests.sweep(enqueue=lambda *args: None, now=now, due=seen)
        queued_b = digests.sweep(enqueue=lambda *args: None, now=now, due=seen)
        race_seconds = time.perf_counter() - start

    # Both sweeps' send tasks, interleaved, as two workers would take them.
    outbox_before = len(getattr(mail, "outbox", []))
    start = time.perf_counter()
    for pair in zip(queued_a, queued_b, strict=False):
        for digest_id, network_id in pair:
            tasks.send_digest_email.apply(args=[digest_id], kwargs={"network_id": network_id})
    send_seconds = time.perf_counter() - start
    sent = mail.outbox[outbox_before:]
    per_person = Counter(tuple(message.to) for message in sent)
    with scopes_disabled():
        digest_count = Digest.objects.filter(network=network).count()
        sent_rows = Digest.objects.filter(network=network, status=MailStatus.SENT).count()
        # Gone again, so that the pages measured after this (tenant growth) see the network as before.
        Notification.objects.filter(network=network, event_key__startswith="bench:").delete()
        Digest.objects.filter(network=network).delete()
    figures = DigestFigures(
        people=people, events=events, rows=rows, sweep_seconds=sweep_seconds, sweep_queries=sweep_queries,
        batch_queries=batch_queries, digests=made, race_seconds=race_seconds,
        race_queued=len(queued_a) + len(queued_b), send_seconds=send_seconds, emails=len(sent),
        sent_twice=sum(1 for count in per_person.values() if count > 1))
    full = batch_queries[:-1] or batch_queries
    if len(set(full)) > 1:
        figures.missed.append("digest sweep: queries per batch are not constant")
    if not (figures.emails == digest_count == sent_rows == people == made) or figures.sent_twice:
        figures.missed.append("digest sweep: each digest sent once")
    assert len(first) == made
    return figures


def section(figures):
    """The lines of docs/benchmarks.md for the digest sweep."""
    once = "ok" if "digest sweep: each digest sent once" not in figures.missed else "MISSED"
    constant = "ok" if "digest sweep: queries per batch are not constant" not in figures.missed else "MISSED"
    return [
        "",
        "### Daily digest sweep",
        "",
        f"{figures.events:,} events told to the people of their mentorship: {figures.rows:,} notifications "
        f"waiting for the digest of {figures.people} people in {len(ZONES)} time zones, swept "
        f"{digests.BATCH} people at a time (programmes/perf/digest_sweep.py).",
        "",
        table(["step", "seconds", "queries", "digests"], [
            ["one sweep: makes, fills and lists every due digest", f"{figures.sweep_seconds:.2f}",
             str(figures.sweep_queries), f"{figures.digests:,}"],
            ["two sweeps racing (both read who is due first)", f"{figures.race_seconds:.2f}", "",
             f"{figures.race_queued:,} queued"],
            ["both sweeps' send tasks, interleaved", f"{figures.send_seconds:.2f}", "",
             f"{figures.emails:,} e-mails"],
        ]),
        "",
        f"Queries per batch: {', '.join(map(str, figures.batch_queries))} (target: the same for every full "
        f"batch: {constant}). **Each digest sent once: {figures.emails:,} e-mails for {figures.digests:,} "
        f"digests, {figures.sent_twice} person e-mailed twice** ({once}).",
    ]
