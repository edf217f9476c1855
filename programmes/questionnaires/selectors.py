"""Reads for the questionnaire page: the response with its sections, questions and answers."""

from dataclasses import dataclass

from django.db.models import Prefetch

from .models import Answer, Kind, Question, Response, Section


@dataclass
class QuestionItem:
    question: Question
    answer: Answer | None
    error: str | None = None  # why the last save was refused
    typed: str | None = None  # what the person typed, kept when a save is refused


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


def response_page(response, *, party):
    """Sections in order, each with its questions, current answers and whether `party` edits it."""
    sections = Section.objects.filter(template=response.template).prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("number"))
    )
    answers = {a.question_id: a for a in Answer.objects.filter(response=response).select_related("updated_by")}
    return [
        SectionView(
            section=section,
            items=[QuestionItem(question, answers.get(question.pk)) for question in section.questions.all()],
            editable=party is not None and section.answered_by == party,
        )
        for section in sections
    ]


def get_question(response, pk):
    return Question.objects.filter(section__template=response.template, pk=pk).select_related("section").first()
