"""Questionnaires as data (DESIGN.md, "Content as data"): templates with sections and questions,
and each mentorship's response with one answer per question.

Each section says which party answers it; an answer carries a version number so that two people
saving the same answer never silently overwrite each other.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.constraints import SameNetwork, network_key
from programmes.tenancy.models import TenantModel


class Kind(models.TextChoices):
    NEEDS_ANALYSIS = "annex2", _("Needs analysis (Annex 2)")
    MENTOR_STRENGTHS = "annex3", _("Mentor strengths (Annex 3)")


class Party(models.TextChoices):
    MENTEE_CITY = "mentee_city", _("Mentee city")
    MENTEE_ASSOCIATION = "mentee_association", _("Mentee association")
    MENTOR_CITY = "mentor_city", _("Mentor city")
    MENTOR_ASSOCIATION = "mentor_association", _("Mentor association")


# The programme role that speaks for each party.
PARTY_OF_ROLE = {
    "mentee_team": Party.MENTEE_CITY,
    "mentee_association": Party.MENTEE_ASSOCIATION,
    "mentor_team": Party.MENTOR_CITY,
    "mentor_association": Party.MENTOR_ASSOCIATION,
}


class QuestionKind(models.TextChoices):
    LONG_TEXT = "long_text", _("Long text")
    SHORT_TEXT = "short_text", _("Short text")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("One choice from a list")
    CHOICES = "choices", _("Several choices from a list")
    TABLE = "table", _("Small table")
    CITY_FIGURES = "city_figures", _("City figures (from the city profile)")


class QuestionnaireTemplate(TenantModel):
    """A questionnaire as data. A shipped template is installed once per network; a coordinator can
    copy it and adapt it for one programme. A template that has responses is never edited: the
    adaptation becomes a new version, and each response keeps the version it was written against."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    version = models.PositiveIntegerField(default=1)
    programme = models.ForeignKey("mentorships.Programme", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="questionnaire_templates", verbose_name=_("programme"))
    based_on = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire template")
        verbose_name_plural = _("questionnaire templates")
        constraints = [
            network_key(),
            SameNetwork("programme"),
            SameNetwork("based_on"),
            models.UniqueConstraint(fields=["network", "kind", "language", "version"], condition=models.Q(programme=None),
                                    name="template_version_unique"),
            models.UniqueConstraint(fields=["programme", "kind", "version"], name="programme_template_version_unique"),
        ]

    def __str__(self):
        return self.title


class Section(TenantModel):
    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=300)
    answered_by = models.CharField(_("answered by"), max_length=30, choices=Party.choices)

    class Meta:
        ordering = ["order"]
        constraints = [network_key(), SameNetwork("template")]

    def __str__(self):
        return self.title


class Question(TenantModel):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.LONG_TEXT)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    # Choices: {"choices": [{"value": "housing", "label": "Housing"}]}; tables: {"columns": [{"label": "…",
    # "kind": "text" | "number"}], "max_rows": 10}. Values are keys, so answers compare across languages.
    options = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [network_key(), SameNetwork("section")]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Response(TenantModel):
    """Answers to one questionnaire template (the version it was written against).

    A needs analysis belongs to a mentorship; a city's mentor strengths (Annex 3) belong to the
    city, because a candidate mentor documents them before any mentorship exists.
    """

    mentorship = models.ForeignKey("mentorships.Mentorship", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="responses")
    city = models.ForeignKey("directory.City", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="questionnaire_responses")
    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.PROTECT, related_name="responses")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            network_key(),
            SameNetwork("mentorship"),
            SameNetwork("city"),
            SameNetwork("template"),
            models.UniqueConstraint(fields=["mentorship", "template"], name="one_response_per_template"),
            models.UniqueConstraint(fields=["city", "template"], name="one_city_response_per_template"),
            models.CheckConstraint(
                condition=models.Q(mentorship__isnull=False, city__isnull=True)
                | models.Q(mentorship__isnull=True, city__isnull=False),
                name="response_belongs_to_mentorship_or_city",
            ),
        ]

    def __str__(self):
        return f"{self.template} – {self.mentorship or self.city}"


class Answer(TenantModel):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("answer"), blank=True)  # for choices and tables, a readable rendering of `data`
    data = models.JSONField(null=True, blank=True)  # the structured answer of choice, table and figures questions
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [
            SameNetwork("response"),
            SameNetwork("question"),
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
        ]


class Submission(TenantModel):
    """A frozen version of the whole response, e.g. "first draft before matching"."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveIntegerField()
    label = models.CharField(_("name of this version"), max_length=200)
    answers = models.JSONField(default=dict)  # {question id: text} at the time of submission
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [
            SameNetwork("response"),
            models.UniqueConstraint(fields=["response", "number"], name="submission_number_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.label}"


class AnswerComment(TenantModel):
    """A remark on one question of a response; replies point at the comment they answer."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [network_key(), SameNetwork("response"), SameNetwork("question"), SameNetwork("parent")]


class GoodPractice(TenantModel):
    """A good practice (Annex 4): an initiative that worked in one place and may transfer elsewhere.

    It belongs to the network's library, readable by every member, and can point at the
    benchmark key factors it illustrates.
    """

    title = models.CharField(_("name of the practice"), max_length=300)
    city = models.ForeignKey("directory.City", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="good_practices", verbose_name=_("city"))
    area = models.CharField(_("where"), max_length=200, blank=True, help_text=_("City, district or area."))
    policy_area = models.CharField(_("policy area"), max_length=200)
    responsible_bodies = models.TextField(_("responsible bodies"), blank=True, help_text=_("Who leads it."))
    context = models.TextField(_("context and motivation"), blank=True,
                               help_text=_("Why it started: the challenge, the target population, the intended results."))
    description = models.TextField(_("description"), blank=True,
                                   help_text=_("Start date, preconditions, main activities, who does the work."))
    resources = models.TextField(_("resources needed"), blank=True, help_text=_("Funding, staff, volunteers, partners."))
    results = models.TextField(_("results"), blank=True,
                               help_text=_("Who benefited and how; whether it was evaluated, with which results."))
    success_factors = models.TextField(_("success factors"), blank=True)
    risks = models.TextField(_("risks and challenges"), blank=True)
    transferability = models.TextField(_("transferability"), blank=True,
                                       help_text=_("What another city needs; dos and don'ts."))
    contact = models.CharField(_("contact"), max_length=300, blank=True, help_text=_("Person and position."))
    further_information = models.TextField(_("further information"), blank=True,
                                           help_text=_("Websites, reports, data, videos (Markdown links)."))
    key_factors = models.ManyToManyField("benchmarks.KeyFactor", blank=True, related_name="good_practices",
                                         through="GoodPracticeKeyFactor", verbose_name=_("benchmark key factors"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["title"]
        constraints = [network_key(), SameNetwork("city")]

    def __str__(self):
        return self.title


class GoodPracticeKeyFactor(TenantModel):
    """The link between a good practice and a key factor it illustrates (a tenant row too)."""

    good_practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="+")
    key_factor = models.ForeignKey("benchmarks.KeyFactor", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            SameNetwork("good_practice"),
            SameNetwork("key_factor"),
            models.UniqueConstraint(fields=["good_practice", "key_factor"], name="practice_factor_once"),
        ]
