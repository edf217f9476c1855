"""How PDF rendering time grows with the size of an action plan.

Renders a minimal one-page document and action plans of 1, 25, 100 and 200 rows through the
same print template, fonts and WeasyPrint (tagged PDF/UA) as the jobs, keeps the median of a few
runs, and compares the ratios the product is held to: 100 rows within 15x the minimal document,
200 rows within 2.2x 100 rows (cost linear in rows)."""

import statistics
import time
from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import timezone, translation

from programmes.reports.rendering import action_plan_document, render_html

TARGETS = {"100 rows / minimal": 15.0, "200 rows / 100 rows": 2.2}
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
    seconds: dict  # document -> median seconds
    pages: dict  # document -> pages
    ratios: dict  # name -> (value, target or None)

    @property
    def missed(self):
        return [name for name, (value, target) in self.ratios.items() if target is not None and value > target]


def measure_pdfs(repeat=3):
    with translation.override("en"):
        render_html(MINIMAL)  # warm-up: fonts, CSS parser
        cases = {"minimal": MINIMAL, **{f"{n} rows": document(n) for n in (1, 25, 100, 200)}}
        seconds, pages = {}, {}
        for name, html in cases.items():
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                _pdf, pages[name] = render_html(html)
                times.append(time.perf_counter() - start)
            seconds[name] = statistics.median(times)
    ratios = {
        "100 rows / minimal": (seconds["100 rows"] / seconds["minimal"], TARGETS["100 rows / minimal"]),
        "100 rows / 1 row": (seconds["100 rows"] / seconds["1 rows"], None),  # same template: for reference
        "200 rows / 100 rows": (seconds["200 rows"] / seconds["100 rows"], TARGETS["200 rows / 100 rows"]),
    }
    return PdfFigures(seconds, pages, ratios)
