"""The benchmark's tables, as printed and as written to docs/benchmarks.md, with the machine.

docs/benchmarks.md holds one section per database engine: a run rewrites its own engine's
section and keeps the other's, so the SQLite and the PostgreSQL figures sit side by side."""

import os
import platform
import re
from pathlib import Path

import django
from django.db import connection

PAGE_TARGET = 4.0  # a page's fresh p95 within 4x the bare view's p95 in the same run
HEAVY_PAGE_TARGET = 6.0  # the programme dashboard (50 mentorships) and the 100-row action plan
HEAVY_PAGES = {"programme dashboard", "action plan"}
QUERY_TARGET = 20
GROWTH_TARGET = 1.2  # fresh time with N+1 networks / with 1, per page, on PostgreSQL with N >= 100
GROWTH_MIN_NETWORKS = 100


def page_target(name):
    return HEAVY_PAGE_TARGET if name in HEAVY_PAGES else PAGE_TARGET


def database():
    if connection.vendor == "sqlite":
        return "SQLite " + ".".join(map(str, connection.Database.sqlite_version_info))
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10_000)
        return f"PostgreSQL {major}.{minor}"
    return connection.vendor


def machine():
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, Django {django.get_version()}, {database()}")


def page_rows(pages, small_counts):
    bare = next(p for p in pages if p.name == "bare view")
    rows, missed = [], []
    for page in pages:
        ratio = page.p95 / bare.p95
        small = small_counts[page.name]
        target = page_target(page.name)
        ok = page.name == "bare view" or (ratio <= target and page.queries <= QUERY_TARGET and page.queries == small)
        if not ok:
            missed.append(page.name)
        rows.append([page.name, f"{page.p50:.1f}", f"{page.p95:.1f}",
                     "–" if page.name == "bare view" else f"{ratio:.2f}",
                     "" if page.name == "bare view" else f"≤ {target:g}×",
                     str(page.queries), str(small),
                     "" if page.name == "bare view" else ("ok" if ok else "MISSED")])
    return rows, missed


PAGE_HEADER = ["page", "fresh p50 ms", "fresh p95 ms", "p95 / bare", "target", "queries", "queries (small)",
               "result"]


def growth_rows(one, many, networks, *, enforced):
    """Per page: fresh p95 with one network and with `networks`, and their ratio."""
    rows, missed = [], []
    for before, after in zip(one, many, strict=True):
        ratio = after.p95 / before.p95
        verdict = "for reference"
        if before.name != "bare view" and enforced:
            verdict = "ok" if ratio <= GROWTH_TARGET else "MISSED"
            if verdict == "MISSED":
                missed.append(f"growth: {before.name}")
        rows.append([before.name, f"{before.p50:.1f}", f"{after.p50:.1f}", f"{before.p95:.1f}", f"{after.p95:.1f}",
                     f"{ratio:.2f}", str(after.queries), verdict])
    return rows, missed


def growth_header(networks):
    return ["page", "p50 ms, 1 network", f"p50 ms, {networks}", "p95 ms, 1 network", f"p95 ms, {networks}",
            "p95 ratio", "queries", "result"]


def table(header, rows):
    """A Markdown table whose columns line up in a terminal too."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells):
        return "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (width + 2) for width in widths) + "|", *map(line, rows)])


TITLE = "# Benchmarks"
INTRO = ("Written by `make bench` (`manage.py bench`). Each database engine has its own section below; "
         "a run rewrites the section of the engine it ran on (DATABASE_URL) and keeps the others. "
         "Every page figure is a fresh rendering: all cache aliases are Django's DummyCache while pages "
         "are measured.")
SECTION = re.compile(r"^## (.+)$", re.MULTILINE)
OLD_LAYOUT = {"Pages", "Action plan PDF (tagged PDF/UA, median of 3)", "Reminder sweep"}  # before one per engine


def merge(existing, engine, body):
    """docs/benchmarks.md with the section `## On <engine>` replaced by `body`, in place; the other
    engines' sections and any section written by hand (notes) are kept as they are."""
    sections = {}
    matches = list(SECTION.finditer(existing or ""))
    for n, match in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(existing)
        title = match.group(1).strip()
        if title not in OLD_LAYOUT:
            sections[title] = existing[match.start():end].strip()
    sections[f"On {engine}"] = f"## On {engine}\n\n{body.strip()}"
    return "\n\n".join([TITLE, INTRO, *sections.values()]) + "\n"
