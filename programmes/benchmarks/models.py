"""Thematic benchmarks: an ideal city for one policy area, as numbered key factors.

A benchmark is versioned: versions of one benchmark share a `lineage`; publishing freezes a
version, and further edits happen in a new draft version. Text fields hold Markdown, rendered
through a sanitiser (see templatetags/safe_markdown.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.constraints import SameNetwork, network_key
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
            network_key(),
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
        constraints = [
            network_key(),
            SameNetwork("benchmark"),
            models.UniqueConstraint(fields=["benchmark", "number"], name="key_factor_number_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class GuidingQuestion(TenantModel):
    """A question that helps a city check whether a key factor is present; answered in self-assessments."""

    key_factor = models.ForeignKey(KeyFactor, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(_("question"), max_length=500)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [SameNetwork("key_factor")]

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
        constraints = [network_key(), SameNetwork("benchmark")]

    def __str__(self):
        return self.title


# --- Self-assessment -------------------------------------------------------------------------

class AssessmentRound(models.TextChoices):
    INITIAL = "initial", _("At the start of the mentoring")
    FINAL = "final", _("At the end of the programme")


class Level(models.IntegerChoices):
    NOT_IN_PLACE = 0, _("Not in place")
    STARTING = 1, _("Starting")
    PARTLY = 2, _("Partly in place")
    FULLY = 3, _("Fully in place")


class SelfAssessment(TenantModel):
    """A mentee city's rating of itself against a published benchmark version, once per round."""

    mentorship = models.ForeignKey("mentorships.Mentorship", on_delete=models.CASCADE, related_name="self_assessments")
    benchmark = models.ForeignKey(Benchmark, on_delete=models.PROTECT, related_name="self_assessments")
    round = models.CharField(_("round"), max_length=10, choices=AssessmentRound.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["mentorship", "round"]
        constraints = [
            network_key(),
            SameNetwork("mentorship"),
            SameNetwork("benchmark"),
            models.UniqueConstraint(fields=["mentorship", "round"], name="one_self_assessment_per_round"),
        ]

    def __str__(self):
        return f"{self.mentorship} – {self.get_round_display()}"

    @property
    def is_completed(self):
        return self.completed_at is not None


class Rating(TenantModel):
    """One key factor as the mentee city sees it: level, evidence, answers, and whether it is a focus."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    key_factor = models.ForeignKey(KeyFactor, on_delete=models.PROTECT, related_name="ratings")
    level = models.PositiveSmallIntegerField(_("how far it is in place"), choices=Level.choices, null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("What shows this: services, figures, documents."))
    answers = models.JSONField(_("answers to the guiding questions"), default=dict, blank=True)
    is_focus = models.BooleanField(_("focus of the mentoring"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            network_key(),
            SameNetwork("self_assessment"),
            SameNetwork("key_factor"),
            models.UniqueConstraint(fields=["self_assessment", "key_factor"], name="one_rating_per_factor"),
        ]

    def __str__(self):
        return f"{self.key_factor}: {self.get_level_display() if self.level is not None else '—'}"


class ContextWeight(TenantModel):
    """Whether a context factor weighs on the mentee city, with a note."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="context_weights")
    context_factor = models.ForeignKey(ContextFactor, on_delete=models.PROTECT, related_name="+")
    weighs = models.BooleanField(_("weighs on us"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        constraints = [
            SameNetwork("self_assessment"),
            SameNetwork("context_factor"),
            models.UniqueConstraint(fields=["self_assessment", "context_factor"], name="one_weight_per_context_factor"),
        ]


class RatingComment(TenantModel):
    """A remark of the mentor team or an association on one key factor of a self-assessment."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [SameNetwork("rating")]
