"""A second download of a frozen plan version must render nothing: the version never changes,
so the PDF made for the first request is the one to hand out again.

Asks for the PDF of one PlanVersion twice through the service the download button calls
(reports.services.request_pdf), runs the job each time as the worker would (tasks.render_pdf,
called in-process instead of through the broker), and counts the calls of the real renderer
(reports.rendering.render) made for the second request. WeasyPrint's entry point
(rendering.render_html) is counted too and the larger count kept, so that a caller holding its own
reference to `render` cannot hide a rendering. Target: 0."""

import tempfile
from dataclasses import dataclass
from unittest import mock

from django.test.utils import override_settings
from django_scopes import scope

from programmes.actionplans import services as plans
from programmes.actionplans.selectors import plan_of
from programmes.reports import rendering, services, tasks

TARGET = 0


@dataclass
class DownloadFigures:
    rows: int
    first_renders: int
    second_renders: int

    @property
    def missed(self):
        return self.second_renders > TARGET


def measure_second_download(seeded):
    network, mentorship, user = seeded.network, seeded.mentorships[0], seeded.mentee
    with tempfile.TemporaryDirectory(prefix="bench-media-") as media, override_settings(MEDIA_ROOT=media), \
            scope(network=network):
        plan = plan_of(mentorship)
        version = plans.freeze(plan, by=seeded.coordinator)
        run_now = mock.patch.object(tasks.render_pdf, "delay", side_effect=lambda pk: tasks.render_pdf(pk))
        with run_now, mock.patch.object(rendering, "render", wraps=rendering.render) as renders, \
                mock.patch.object(rendering, "render_html", wraps=rendering.render_html) as weasyprint:
            counts = []
            for _ in range(2):
                before = max(renders.call_count, weasyprint.call_count)
                services.request_pdf(network=network, kind="action_plan", by=user, mentorship=mentorship,
                                     plan_version=version, language="en")
                counts.append(max(renders.call_count, weasyprint.call_count) - before)
    return DownloadFigures(rows=len(version.snapshot["rows"]), first_renders=counts[0], second_renders=counts[1])
