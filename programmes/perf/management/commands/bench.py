"""manage.py bench: the figures the product is held to, in one run (`make bench`).

Seeds a realistic network in a throwaway database on whatever DATABASE_URL names (5 programmes,
50 mentorships, 300 users, answered 22-question needs analyses with comments, 100-row action
plans, 500 visits) and a small one of the same shape; measures p50/p95 of fresh renderings of the
main pages (every cache a DummyCache) against a bare view on the same stack, and their SQL queries
in both networks; checks that a second download of a frozen plan version renders nothing; renders
the action plan PDFs with WeasyPrint and, when installed, Chromium; sweeps reminders over 10,000
visits; last, with --networks N, copies the big network N times and measures the pages again. Prints the
tables, writes this engine's section of docs/benchmarks.md and exits 1 when a target is missed."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings, setup_databases, teardown_databases
from django.utils import timezone
from django_scopes import scopes_disabled

from programmes.perf import digest_sweep, downloads, growth, pages, pdfs, plans, report, seed, sweep

OUTPUT = Path(settings.BASE_DIR) / "docs" / "benchmarks.md"


class Command(BaseCommand):
    help = "Benchmark the main pages, PDFs and the reminder sweep on a seeded network; write docs/benchmarks.md."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=60, help="requests per page (p50/p95 over them)")
        parser.add_argument("--visits", type=int, default=10_000, help="visits for the reminder sweep")
        parser.add_argument("--networks", type=int, default=0,
                            help="add N copies of the big network and measure the pages again with N+1 networks")
        parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")

    def handle(self, *args, requests, visits, networks, no_write, **options):
        old = setup_databases(verbosity=0, interactive=False)
        try:
            with override_settings(ROOT_URLCONF="programmes.perf.urls", DEBUG=False,
                                   EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                                   ALLOWED_HOSTS=["testserver"]), scopes_disabled():
                engine, text, missed = self._run(requests, visits, networks)
        finally:
            teardown_databases(old, verbosity=0)
        self.stdout.write(text)
        if not no_write:
            existing = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
            OUTPUT.write_text(report.merge(existing, engine, text), encoding="utf-8")
            self.stdout.write(f"\nWritten to the '{engine}' section of {OUTPUT.relative_to(settings.BASE_DIR)}")
        if missed:
            self.stderr.write("Targets missed: " + ", ".join(missed))
            raise SystemExit(1)

    def _run(self, requests, visits, networks):
        engine = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
        self.stderr.write(f"Seeding the benchmark network on {report.database()} ...")
        started = timezone.now()
        big = seed.seed_network("bench-big", seed.BIG)
        small = seed.seed_network("bench-small", seed.SMALL)
        seeded_in = (timezone.now() - started).total_seconds()
        with pages.fresh_rendering():
            backends = pages.cache_backends()
        self.stderr.write(f"Seeded in {seeded_in:.0f} s; measuring fresh pages (caches: {backends}) ...")
        growth.settle()  # planner statistics, as a running site has them
        page_figures = pages.measure(big, requests=requests)
        small_counts = pages.query_counts(small)
        page_rows, missed = report.page_rows(page_figures, small_counts)

        self.stderr.write("Asking twice for the PDF of a frozen plan version ...")
        download = downloads.measure_second_download(big)
        if download.missed:
            missed.append("PDF: renders on the second request of a frozen version")
        self.stderr.write("Rendering PDFs ...")
        pdf = pdfs.measure_pdfs()
        missed += [f"PDF {name}" for name in pdf.missed]
        self.stderr.write(f"Sweeping reminders over {visits} visits ...")
        swept = sweep.measure_sweep(visits)
        digested = digest_sweep.measure(big)  # the daily digest: 300 people, 5,000 events
        missed += digested.missed

        # Last, so that the copies weigh on no other figure (the sweep reads every network's visits).
        growth_part = []
        if networks > 0:
            self.stderr.write("Measuring fresh pages with one network again, right before the copies ...")
            growth.settle()
            alone = pages.measure(big, requests=requests)
            self.stderr.write(f"Copying the big network {networks} times ...")
            started = timezone.now()
            growth.add_networks(big.network, networks)
            copied_in = (timezone.now() - started).total_seconds()
            self.stderr.write(f"Copied in {copied_in:.0f} s; measuring fresh pages again ...")
            grown = pages.measure(big, requests=requests)
            enforced = connection.vendor == "postgresql" and networks >= report.GROWTH_MIN_NETWORKS
            rows, growth_missed = report.growth_rows(alone, grown, networks + 1, enforced=enforced)
            missed += growth_missed
            growth_part = [
                "### Tenant growth",
                "",
                f"The big network copied {networks} times inside the database (programmes/perf/growth.py: every "
                f"row of the network, its users and its history, in {copied_in:.0f} s), then the same pages of "
                f"the first network measured again, fresh; the one-network figures are measured the same way "
                f"right before the copies (on PostgreSQL after VACUUM ANALYZE and a CHECKPOINT before both, "
                f"growth.settle). Target: p95 with {networks + 1} networks ≤ "
                f"{report.GROWTH_TARGET:g}× p95 with 1, per page, on PostgreSQL with at least "
                f"{report.GROWTH_MIN_NETWORKS} more networks"
                + ("." if enforced else " (not held on this run: for reference)."),
                "",
                report.table(report.growth_header(networks + 1), rows),
                "",
            ]
        plans_part = self._plans_part(big, networks)


        size = seed.BIG
        cache_text = ", ".join(f"`{alias}`: {name}" for alias, name in backends.items())
        parts = [
            f"Written by `make bench` on {datetime.date.today().isoformat()}. Machine: {report.machine()}.",
            "",
            f"Seeded network: {size.programmes} programme{'s' if size.programmes != 1 else ''}, {size.programmes * size.mentorships_per_programme} "
            f"mentorships, {size.users} users, the shipped 22-question needs analysis answered with "
            f"{size.comments_per_question} comments per question, {size.actions_per_plan}-row action plans, "
            f"{size.programmes * size.mentorships_per_programme * size.visits_per_mentorship} visits "
            f"(seeded in {seeded_in:.0f} s). The small network has the same shape with "
            f"{seed.SMALL.programmes * seed.SMALL.mentorships_per_programme} mentorships and "
            f"{seed.SMALL.actions_per_plan}-row plans.",
            "",
            "### Pages, rendered fresh",
            "",
            f"{requests} requests per page through the whole stack (middleware, tenancy scope, templates), "
            "in-process with Django's test client. **Every reading is a fresh rendering**: while pages are "
            f"measured every cache alias is Django's DummyCache ({cache_text}), so nothing is kept between "
            "two readings. The bare view answers a plain `ok` inside a network, through the same middleware. "
            f"Targets: p95 ≤ {report.PAGE_TARGET:g}× the bare view's p95 in the same run "
            f"(≤ {report.HEAVY_PAGE_TARGET:g}× for the programme dashboard of 50 mentorships and the "
            f"100-row action plan); at most {report.QUERY_TARGET} SQL queries, the same in the big and the "
            "small network.",
            "",
            report.table(report.PAGE_HEADER, page_rows),
            "",
            *growth_part,
            *plans_part,
            "### Action plan PDF",
            "",
            f"A second request for the PDF of a frozen plan version ({download.rows} rows), through "
            "reports.services.request_pdf and the job run in-process: renders on the first request: "
            f"{download.first_renders}; **renders on the second request: {download.second_renders}** "
            f"(target {downloads.TARGET}: {'ok' if not download.missed else 'MISSED'}).",
            "",
            "Rendering time, tagged PDF/UA with WeasyPrint, median of 3"
            + (", and the same HTML printed by headless Chromium from a file, its startup (printing a "
               "one-page document) subtracted." if pdf.chromium else " (Chromium not installed: no comparison)."),
            "",
            report.table(["document", "pages", "WeasyPrint s", "Chromium pages", "Chromium s"],
                         [[name, str(pdf.pages[name]), f"{seconds:.3f}", str(pdf.chromium_pages.get(name, "")),
                           f"{pdf.chromium[name]:.3f}" if name in pdf.chromium else ""]
                          for name, seconds in pdf.seconds.items()]
                         + ([["Chromium startup (subtracted)", "", "", "",
                              f"{pdf.chromium['startup (subtracted)']:.3f}"]] if pdf.chromium else [])),
            "",
            report.table(["ratio", "value", "target"],
                         [[name, f"{value:.2f}", "for reference" if target is None else
                           f"≤ {target:g} {'ok' if value <= target else 'MISSED'}"]
                          for name, (value, target) in pdf.ratios.items()]),
            "",
            "The former target \"100 rows ≤ 15× a one-page document\" is retired: its figure stays for reference.",
            "",
            "### Reminder sweep",
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
        return engine, "\n".join(parts + digest_sweep.section(digested)), missed

    def _plans_part(self, big, networks):
        """The query plans of the main pages, after the copies when there are any: with many
        networks a missing index shows as a sequential scan throwing other networks' rows away."""
        self.stderr.write("Explaining the pages' queries ...")
        found = plans.explain_pages(big)
        if found is None:
            return []
        return [
            "### Query plans",
            "",
            f"Every SELECT of one fresh rendering of each page, run with `EXPLAIN (ANALYZE, FORMAT JSON)` "
            f"with {networks + 1} network{'s' if networks else ''} in the database (programmes/perf/plans.py); "
            f"listed: the sequential scans that read and threw away at least {plans.WASTE_LIMIT:,} rows, "
            "the sign of a missing index.",
            "",
            report.table(plans.HEADER, plans.rows(found)),
            "",
        ]
