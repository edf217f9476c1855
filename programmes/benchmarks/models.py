"""Thematic benchmarks: an ideal city for one policy area, as numbered key factors.

A benchmark is versioned: versions of one benchmark share a `lineage`; publishing freezes a
version, and further edits happen in a new draft version. Text fields hold Markdown, rendered
through a sanitiser (see templatetags/safe_markdown.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.models import TenantModel


class BenchmarkStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Benchmark(TenantModel):
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=BenchmarkStatus.choices, default=BenchmarkStatus.DRAFT)
    title = models.CharField(_("title"), max_length=300)
    policy_area = models.CharField(_("policy area"), max_length=200)
    language = models.CharField(_("language of the text"), max_length=10, choices=settings.LANGUAGES, default="en")
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown: paragraphs, lists and links."))
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["network", "lineage", "version"], name="benchmark_version_unique"),
        ]

    def __str__(self):
        return _("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}

    @property
    def is_published(self):
        return self.status == BenchmarkStatus.PUBLISHED


class KeyFactor(TenantModel):
    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="key_factors")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    is_written = models.BooleanField(
        _("written"), default=True, help_text=_("Untick while the key factor is only a placeholder to be written.")
    )
    rationale = models.TextField(_("rationale"), blank=True, help_text=_("Why this factor is key."))
    city_actions = models.TextField(_("what cities can do"), blank=True, help_text=_("Markdown list."))
    practical_tips = models.TextField(_("practical tips"), blank=True)
    examples = models.TextField(_("good-practice examples"), blank=True, help_text=_("Text with links."))

    class Meta:
        verbose_name = _("key factor")
        verbose_name_plural = _("key factors")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["benchmark", "number"], name="key_factor_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class GuidingQuestion(TenantModel):
    """A question that helps a city check whether a key factor is present; answered in self-assessments."""

    key_factor = models.ForeignKey(KeyFactor, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(_("question"), max_length=500)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class ContextFactor(TenantModel):
    """A condition outside the city's control: national law, budgets, migration trends…"""

    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="context_factors")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("context factor")
        verbose_name_plural = _("context factors")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title
