"""A programme's own needs analysis: a coordinator copies the shipped template and adapts it (adds,
removes, rewords questions). A template that a mentorship has started answering is never changed
under it: further changes go into a new version, used by needs analyses started afterwards."""

from django.db import transaction
from django.db.models import F, Max
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError
from programmes.core.values import assign
from programmes.tenancy.services import audit

from ..models import Kind, Question, QuestionKind, QuestionnaireTemplate, Section
from ..services import shipped_template
from .selectors import is_in_use, programme_template


class TemplateInUseError(DomainError):
    message = _("Mentorships have started answering this version, so it cannot change under them. Make a new "
                "version: needs analyses started from now on will use it.")


class LastQuestionError(DomainError):
    message = _("A section needs at least one question.")


@transaction.atomic
def adapt_for_programme(programme, *, language, by, kind=Kind.NEEDS_ANALYSIS):
    existing = programme_template(programme, kind)
    if existing is not None:
        return existing
    source = shipped_template(programme.network, kind=kind, language=language)
    template = _copy(source, programme=programme, version=1)
    audit(programme.network, by=by, action="questionnaire.adapted", subject=f"{template} – {programme}")
    return template


@transaction.atomic
def new_version(template, *, by):
    """A copy of `template` numbered after the programme's latest version. The versions are locked
    first and the latest is read after the lock, so two made at once get numbers of their own."""
    versions = QuestionnaireTemplate.objects.filter(programme=template.programme, kind=template.kind)
    list(versions.select_for_update())
    latest = versions.aggregate(latest=Max("version"))["latest"]
    copy = _copy(template, programme=template.programme, version=latest + 1)
    audit(template.network, by=by, action="questionnaire.new_version", subject=f"{copy} – {template.programme}",
          version=copy.version)
    return copy


def _copy(source, *, programme, version):
    network = source.network
    template = QuestionnaireTemplate.objects.create(
        network=network, kind=source.kind, title=source.title, language=source.language, version=version,
        programme=programme, based_on=source,
    )
    for section in source.sections.prefetch_related("questions").order_by("order"):
        copy = Section.objects.create(network=network, template=template, order=section.order, title=section.title,
                                      answered_by=section.answered_by)
        Question.objects.bulk_create(
            Question(network=network, section=copy, number=q.number, text=q.text, help_text=q.help_text,
                     kind=q.kind, max_length=q.max_length, options=q.options)
            for q in section.questions.all()
        )
    return template


def _editable(template):
    if is_in_use(template):
        raise TemplateInUseError()


def _lock(template):
    """Lock the template row for a change of its numbering: two questions added at once would
    otherwise both read the same last number, and their renumberings wait on each other."""
    QuestionnaireTemplate.objects.select_for_update().get(pk=template.pk)


def options_from_lines(kind, lines):
    """The options of a choice or table question from the lines a coordinator typed."""
    labels = [line.strip() for line in lines.splitlines() if line.strip()]
    if kind in (QuestionKind.CHOICE, QuestionKind.CHOICES):
        return {"choices": [{"value": slugify(label)[:50] or f"option-{i}", "label": label}
                            for i, label in enumerate(labels, start=1)]}
    if kind == QuestionKind.TABLE:
        return {"columns": [{"label": label, "kind": "text"} for label in labels], "max_rows": 10}
    return {}


def lines_from_options(question):
    if question.kind in (QuestionKind.CHOICE, QuestionKind.CHOICES):
        return "\n".join(c["label"] for c in question.options.get("choices", []))
    if question.kind == QuestionKind.TABLE:
        return "\n".join(c["label"] for c in question.options.get("columns", []))
    return ""


@transaction.atomic
def save_question(template, section, *, question=None, options_lines="", by, **values):
    """Add a question at the end of `section`, or change `question`, with the fields in `values`;
    numbers stay 1…n. `options_lines` are the choices or table columns as typed, one per line."""
    _lock(template)
    _editable(template)
    created = question is None
    question = question or Question(network=template.network, section=section)
    assign(question, values)
    if created:  # after the section's last question: the later sections' questions move down by one
        last = section.questions.aggregate(last=Max("number"))["last"] or 0
        Question.objects.filter(section__template=template, number__gt=last).update(number=F("number") + 1)
        question.number = last + 1
    question.options = options_from_lines(question.kind, options_lines)
    question.save()
    _renumber(template)
    audit(template.network, by=by, action=f"questionnaire.question_{'added' if created else 'changed'}",
          subject=f"{template} – {question.number}")
    return question


@transaction.atomic
def delete_question(template, question, *, by):
    _lock(template)
    _editable(template)
    if question.section.questions.count() == 1:
        raise LastQuestionError()
    number = question.number
    question.delete()
    _renumber(template)
    audit(template.network, by=by, action="questionnaire.question_removed", subject=f"{template} – {number}")


def _renumber(template):
    questions = list(Question.objects.filter(section__template=template).order_by("section__order", "number", "pk"))
    for number, question in enumerate(questions, start=1):
        question.number = number
    Question.objects.bulk_update(questions, ["number"])
