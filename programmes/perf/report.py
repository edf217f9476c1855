"""The benchmark's table, as printed and as written to docs/benchmarks.md, with the machine."""

import os
import platform
from pathlib import Path

import django
from django.db import connection

PAGE_TARGET = 3.0  # a page's p95 within 3x the bare view's p95
QUERY_TARGET = 20


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
    database = f"{connection.vendor} {'.'.join(map(str, connection.Database.sqlite_version_info)) if connection.vendor == 'sqlite' else connection.pg_version}"
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, Django {django.get_version()}, {database}")


def page_rows(pages, small_counts):
    bare = next(p for p in pages if p.name == "bare view")
    rows, missed = [], []
    for page in pages:
        ratio = page.p95 / bare.p95
        small = small_counts[page.name]
        ok = page.name == "bare view" or (ratio <= PAGE_TARGET and page.queries <= QUERY_TARGET
                                         and page.queries == small)
        if not ok:
            missed.append(page.name)
        rows.append([page.name, f"{page.p50:.1f}", f"{page.p95:.1f}",
                     "–" if page.name == "bare view" else f"{ratio:.2f}", str(page.queries), str(small),
                     "" if page.name == "bare view" else ("ok" if ok else "MISSED"),
                     f"{page.after_write_p50:.1f}", f"{page.after_write_p95:.1f}",
                     "–" if page.name == "bare view" else f"{page.after_write_p95 / bare.after_write_p95:.2f}"])
    return rows, missed


PAGE_HEADER = ["page", "p50 ms", "p95 ms", "p95 / bare", "queries", "queries (small)", "target",
               "after a write: p50 ms", "p95 ms", "p95 / bare"]


def table(header, rows):
    """A Markdown table whose columns line up in a terminal too."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells):
        return "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (width + 2) for width in widths) + "|", *map(line, rows)])
