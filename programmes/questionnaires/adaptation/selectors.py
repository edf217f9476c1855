"""Reads of the adaptation pages: the programme's version, its sections and questions."""

from django.shortcuts import get_object_or_404

from ..models import Kind, Question, QuestionnaireTemplate, Section


def programme_template(programme, kind=Kind.NEEDS_ANALYSIS):
    """The programme's latest adapted version, or None while it uses the network's shipped template."""
    return (QuestionnaireTemplate.objects.filter(programme=programme, kind=kind)
            .select_related("based_on").order_by("-version").first())


def is_in_use(template):
    """Whether a mentorship has started answering `template`: then it never changes again."""
    return template.responses.exists()


def sections_with_questions(template):
    """The template's sections in order, each with its questions, for the overview page."""
    return list(Section.objects.filter(template=template).prefetch_related("questions").order_by("order"))


def get_section(template, pk):
    """A section of this template; one of another template (another programme's) is a 404."""
    return get_object_or_404(Section.objects.filter(template=template, pk=pk))


def get_question(template, pk):
    """A question of this template, with its section (the page names it); elsewhere a 404."""
    return get_object_or_404(Question.objects.filter(section__template=template, pk=pk).select_related("section"))
