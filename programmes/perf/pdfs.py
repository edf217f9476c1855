"""How PDF rendering time grows with the size of an action plan, and how WeasyPrint compares
with a browser printing the same HTML.

Renders a minimal one-page document and action plans of 1, 25, 100 and 200 rows through the
same print template, fonts and WeasyPrint (tagged PDF/UA) as the jobs, keeps the median of a few
runs, and holds two ratios: 200 rows within 2.1x 100 rows (cost linear in rows) and, when
Chromium is installed, WeasyPrint within 3x Chromium on the 100-row plan. The old "100 rows
within 15x a one-page document" target is retired (a one-page document says nothing about rows);
its figure stays for reference."""

import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.utils import timezone, translation

from programmes.reports.rendering import FONT_DIR, action_plan_document, render_html

LINEAR_TARGET = 2.1  # 200 rows / 100 rows
CHROMIUM_TARGET = 3.0  # WeasyPrint / Chromium, 100-row plan
CHROMIUM = "/usr/bin/chromium"
MINIMAL = "<!DOCTYPE html><html lang='en'><body><p>One page.</p></body></html>"
TEXTS = [
    "Δημιουργία γραφείου υποδοχής μεταναστών στο δημαρχείο, με διερμηνείς και εθελοντές.",
    "Valodu kafejnīca Jelgavas pilsētas bibliotēkā: sarunas ar brīvprātīgajiem katru nedēļu.",
    "Start a buddy scheme pairing newcomers with residents, after Mechelen's model, with a coordinator.",
]


def plan_snapshot(rows):
    return {
        "header": {"status": "approved", "approving_body": "City council", "approved_on": "2026-11-20",
                   "approval_reference": "45/2026"},
        "rows": [{
            "id": n, "action": TEXTS[n % 3], "results": "Newcomers find every service in one place.",
            "starts": "2026-09", "ends": "2027-06", "timeline_note": "", "lead": "Social services",
            "resources": "Two staff, volunteers, ESF+ funding", "success_measure": "300 people helped in year one",
            "needs": [1, 4], "key_factors": [8], "progress": "on_track", "progress_note": "",
        } for n in range(rows)],
    }


def document(rows):
    city = SimpleNamespace(name="Levadia")
    place = SimpleNamespace(city=city, association=SimpleNamespace(short_name="KEDE"))
    mentor = SimpleNamespace(city=SimpleNamespace(name="Jelgava"), association=SimpleNamespace(short_name="LALRG"))
    return action_plan_document(
        programme=SimpleNamespace(title="IncluCities"), mentorship=SimpleNamespace(title="Levadia – Jelgava"),
        mentees=[place], mentors=[mentor], snapshot=plan_snapshot(rows), dated=timezone.now(),
        version_label="Version 3 – Approved")


@dataclass
class PdfFigures:
    seconds: dict  # document -> median seconds (WeasyPrint)
    pages: dict  # document -> pages
    ratios: dict  # name -> (value, target or None)
    chromium: dict = field(default_factory=dict)  # document -> median seconds, startup subtracted
    chromium_pages: dict = field(default_factory=dict)

    @property
    def missed(self):
        return [name for name, (value, target) in self.ratios.items() if target is not None and value > target]


def _median_seconds(run, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure_pdfs(repeat=3, chromium=CHROMIUM):
    with translation.override("en"):
        render_html(MINIMAL)  # warm-up: fonts, CSS parser
        cases = {"minimal": MINIMAL, **{f"{n} rows": document(n) for n in (1, 25, 100, 200)}}
        seconds, pages = {}, {}
        for name, html in cases.items():
            seconds[name], (_pdf, pages[name]) = _median_seconds(lambda html=html: render_html(html), repeat)
        browser, browser_pages = {}, {}
        if Path(chromium).exists():
            browser, browser_pages = chromium_seconds(chromium, {name: cases[name] for name in ("100 rows", "200 rows")},
                                                      repeat)
    ratios = {
        "100 rows / minimal": (seconds["100 rows"] / seconds["minimal"], None),  # retired target (was 15): reference
        "100 rows / 1 row": (seconds["100 rows"] / seconds["1 rows"], None),  # same template: for reference
        "200 rows / 100 rows": (seconds["200 rows"] / seconds["100 rows"], LINEAR_TARGET),
    }
    if browser:
        ratios["WeasyPrint / Chromium, 100 rows"] = (seconds["100 rows"] / browser["100 rows"], CHROMIUM_TARGET)
        ratios["WeasyPrint / Chromium, 200 rows"] = (seconds["200 rows"] / browser["200 rows"], None)
    return PdfFigures(seconds, pages, ratios, browser, browser_pages)


def chromium_seconds(chromium, cases, repeat):
    """Median seconds per document for headless Chromium printing the same HTML from a file, with
    the browser's startup (the median time to print the minimal one-page document the same way)
    subtracted, so that what is compared is the layout and PDF writing, as for WeasyPrint."""
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as folder:
        folder = Path(folder)
        for font in FONT_DIR.iterdir():  # the print CSS names its fonts relative to its base URL
            if font.is_file():
                shutil.copy(font, folder / font.name)

        def printed(name, html):
            source, target = folder / f"{name}.html", folder / f"{name}.pdf"
            source.write_text(html, encoding="utf-8")
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={target}", source.as_uri()],
                           check=True, capture_output=True, timeout=300)
            return _pdf_pages(target)

        printed("warm-up", MINIMAL)
        startup, _pages = _median_seconds(lambda: printed("minimal", MINIMAL), repeat)
        seconds, pages = {}, {}
        for name, html in cases.items():
            total, pages[name] = _median_seconds(lambda name=name, html=html: printed(name.replace(" ", "-"), html),
                                                 repeat)
            seconds[name] = max(total - startup, 1e-3)
        seconds["startup (subtracted)"] = startup
    return seconds, pages


def _pdf_pages(path):
    from pypdf import PdfReader

    return len(PdfReader(path).pages)
