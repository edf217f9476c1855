"""manage.py bench: the figures the product is held to, in one run (`make bench`).

Seeds a realistic network in a throwaway database (5 programmes, 50 mentorships, 300 users,
answered 22-question needs analyses with comments, 100-row action plans, 500 visits) and a small
one of the same shape; measures p50/p95 of the main pages against a bare view on the same stack
and their SQL queries in both networks; renders the action plan PDFs; sweeps reminders over
10,000 visits. Prints the tables, writes them to docs/benchmarks.md and exits 1 when a target is
missed."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings, setup_databases, teardown_databases
from django.utils import timezone
from django_scopes import scopes_disabled

from programmes.perf import pages, pdfs, report, seed, sweep

OUTPUT = Path(settings.BASE_DIR) / "docs" / "benchmarks.md"


class Command(BaseCommand):
    help = "Benchmark the main pages, PDFs and the reminder sweep on a seeded network; write docs/benchmarks.md."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=60, help="requests per page (p50/p95 over them)")
        parser.add_argument("--visits", type=int, default=10_000, help="visits for the reminder sweep")
        parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")

    def handle(self, *args, requests, visits, no_write, **options):
        old = setup_databases(verbosity=0, interactive=False)
        try:
            with override_settings(ROOT_URLCONF="programmes.perf.urls", DEBUG=False,
                                   EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                                   ALLOWED_HOSTS=["testserver"]), scopes_disabled():
                text, missed = self._run(requests, visits)
        finally:
            teardown_databases(old, verbosity=0)
        self.stdout.write(text)
        if not no_write:
            OUTPUT.write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"\nWritten to {OUTPUT.relative_to(settings.BASE_DIR)}")
        if missed:
            self.stderr.write("Targets missed: " + ", ".join(missed))
            raise SystemExit(1)

    def _run(self, requests, visits):
        self.stderr.write("Seeding the benchmark network ...")
        started = timezone.now()
        big = seed.seed_network("bench-big", seed.BIG)
        small = seed.seed_network("bench-small", seed.SMALL)
        seeded_in = (timezone.now() - started).total_seconds()
        self.stderr.write(f"Seeded in {seeded_in:.0f} s; measuring pages ...")
        page_figures = pages.measure(big, requests=requests)
        small_counts = pages.query_counts(small)
        self.stderr.write("Rendering PDFs ...")
        pdf = pdfs.measure_pdfs()
        self.stderr.write(f"Sweeping reminders over {visits} visits ...")
        swept = sweep.measure_sweep(visits)

        page_rows, missed = report.page_rows(page_figures, small_counts)
        missed += [f"PDF {name}" for name in pdf.missed]
        size = seed.BIG
        parts = [
            "# Benchmarks",
            "",
            f"Written by `make bench` on {datetime.date.today().isoformat()}. Machine: {report.machine()}.",
            "",
            f"Seeded network: {size.programmes} programmes, {size.programmes * size.mentorships_per_programme} "
            f"mentorships, {size.users} users, the shipped 22-question needs analysis answered with "
            f"{size.comments_per_question} comments per question, {size.actions_per_plan}-row action plans, "
            f"{size.programmes * size.mentorships_per_programme * size.visits_per_mentorship} visits "
            f"(seeded in {seeded_in:.0f} s). The small network has the same shape with "
            f"{seed.SMALL.programmes * seed.SMALL.mentorships_per_programme} mentorships and "
            f"{seed.SMALL.actions_per_plan}-row plans.",
            "",
            "## Pages",
            "",
            f"{requests} requests per page through the whole stack (middleware, tenancy scope, templates), "
            "in-process with Django's test client. The bare view answers a plain `ok` inside a network, through "
            "the same middleware. Queries are those of a first reading, with no rendered row or question cached "
            "(the most a page reads). Latencies are those of later readings by the same person, with nothing "
            "changed in between: the page is kept whole until its network's data changes "
            "(programmes/tenancy/pagecache.py). The last three columns are the readings right after a write in "
            "the network, when the page is rendered again (its unchanged rows and questions come from the "
            f"cache). Targets: p95 ≤ {report.PAGE_TARGET:g}× the bare view's p95; at most "
            f"{report.QUERY_TARGET} SQL queries, the same in the big and the small network.",
            "",
            report.table(report.PAGE_HEADER, page_rows),
            "",
            "## Action plan PDF (tagged PDF/UA, median of 3)",
            "",
            report.table(["document", "pages", "seconds"],
                         [[name, str(pdf.pages[name]), f"{seconds:.3f}"] for name, seconds in pdf.seconds.items()]),
            "",
            report.table(["ratio", "value", "target"],
                         [[name, f"{value:.2f}", "for reference" if target is None else
                           f"≤ {target:g} {'ok' if value <= target else 'MISSED'}"]
                          for name, (value, target) in pdf.ratios.items()]),
            "",
            "## Reminder sweep",
            "",
            f"{swept.visits:,} planned visits within the 14-day reminder, two invited people each: "
            f"{swept.deliveries:,} reminders.",
            "",
            report.table(["sweep", "seconds", "queries", "reminders claimed"], [
                ["first: records every due reminder and claims them, 500 at a time", f"{swept.first_sweep:.2f}",
                 str(swept.first_queries), f"{swept.claimed:,}"],
                ["next: nothing new to record or claim", f"{swept.next_sweep:.2f}", str(swept.next_queries), "0"],
            ]),
        ]
        return "\n".join(parts), missed
