"""Reads for the questionnaire page: the response with its sections, questions and answers."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import answer_kinds
from .diffs import word_diff
from .models import Answer, AnswerComment, Kind, Question, QuestionKind, Response, Section


@dataclass
class QuestionItem:
    question: Question
    answer: Answer | None
    error: str | None = None  # why the last save was refused
    typed: str | None = None  # what the person typed, kept when a save is refused
    comments: list = field(default_factory=list)  # top-level comments, each with .thread (its replies)
    prefill: dict | None = None  # figures from the city profile, offered while the answer is empty

    @property
    def value(self):
        """What the form shows: the typed input kept after a refusal, else the answer, else the prefill."""
        if self.typed is not None:
            return self.typed
        if self.answer is not None and (self.answer.data is not None or self.answer.text):
            return self.answer.data if self.question.kind in answer_kinds.STRUCTURED else self.answer.text
        return self.prefill

    @property
    def rows(self):
        value = self.value
        if self.question.kind == QuestionKind.CITY_FIGURES:
            value = (value or {}).get("nationalities")
        return answer_kinds.rows_for_form(self.question, value)

    @property
    def columns(self):
        return answer_kinds.columns_of(self.question)

    @property
    def row_label(self):
        """The accessible name of a new cell, filled in by the "Add a row" script."""
        return _("%(column)s, row %(row)s")

    @property
    def max_rows(self):
        return answer_kinds.row_limit(self.question)

    @property
    def table(self):
        """Rows of cells for the form: input name, value and an accessible name ("Residents, row 2")."""
        columns = self.columns
        return [
            [{"name": f"cell-{r}-{c}", "value": value, "column": columns[c]["label"],
              "label": _("%(column)s, row %(row)s") % {"column": columns[c]["label"], "row": r + 1}}
             for c, value in enumerate(row)]
            for r, row in enumerate(self.rows)
        ]

    @property
    def chosen(self):
        value = self.value or []
        return [value] if isinstance(value, str) else value

    @property
    def open_comments(self):
        return sum(1 for c in self.comments if c.resolved_at is None)


@dataclass
class SectionView:
    section: Section
    items: list
    editable: bool

    @property
    def answered(self):
        return sum(1 for item in self.items if item.answer is not None and item.answer.text)


def response_of(mentorship, kind=Kind.NEEDS_ANALYSIS):
    return Response.objects.filter(mentorship=mentorship, template__kind=kind).select_related("template").first()


def city_response_of(city, kind=Kind.MENTOR_STRENGTHS):
    return Response.objects.filter(city=city, template__kind=kind).select_related("template").first()


def response_page(response, *, parties, city=None):
    """Sections in order, each with its questions, current answers and whether one of `parties`
    edits it. Empty city-figures answers start from the city profile."""
    sections = list(Section.objects.filter(template=response.template))
    # One plain query grouped here: a prefetch_related clones a scoped manager per section.
    questions = {}
    for question in Question.objects.filter(section__template=response.template).order_by("number"):
        questions.setdefault(question.section_id, []).append(question)
    answers = {a.question_id: a for a in Answer.objects.filter(response=response).select_related("updated_by")}
    comments = _comments_by_question(response)
    return [
        SectionView(
            section=section,
            items=[QuestionItem(question, answers.get(question.pk), comments=comments.get(question.pk, []),
                                prefill=_prefill(question, answers.get(question.pk), city))
                   for question in questions.get(section.pk, [])],
            editable=section.answered_by in parties,
        )
        for section in sections
    ]


def _prefill(question, answer, city):
    if question.kind != QuestionKind.CITY_FIGURES or city is None or (answer is not None and answer.data):
        return None
    return answer_kinds.figures_from_city(city)


def get_question(response, pk):
    return Question.objects.filter(section__template=response.template, pk=pk).select_related("section").first()


def _comments_by_question(response):
    """{question id: [top-level comment with .thread = its replies]}, from one query, in one pass
    (not a scan of every comment for each comment's replies)."""
    comments = list(AnswerComment.objects.filter(response=response).select_related("author"))
    replies = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    grouped = {}
    for comment in comments:
        comment.thread = replies.get(comment.pk, [])
        if comment.parent_id is None:
            grouped.setdefault(comment.question_id, []).append(comment)
    return grouped


def get_comment(response, pk):
    return AnswerComment.objects.filter(response=response, pk=pk).first()


def submissions(response):
    return list(response.submissions.select_related("submitted_by").order_by("number"))


def comparison(response, older, newer):
    """Per question, the words that changed from submission `older` to `newer`."""
    questions = Question.objects.filter(section__template=response.template).order_by("number")
    rows = []
    for question in questions:
        before, after = older.answers.get(str(question.pk), ""), newer.answers.get(str(question.pk), "")
        rows.append({"question": question, "changed": before != after, "parts": word_diff(before, after)})
    return rows
