"""Filling in a questionnaire together: shipped templates, responses, and answers saved with
optimistic locking (the answer's version), so a second save over someone else's never wins
silently."""

import difflib
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.errors import TenancyError
from programmes.tenancy.services import audit

from .models import (
    Answer,
    AnswerComment,
    Question,
    QuestionKind,
    QuestionnaireTemplate,
    Response,
    Section,
    Submission,
)

SHIPPED_DIR = Path(__file__).resolve().parent / "shipped"


class AnswerConflict(TenancyError):
    """Someone saved this answer since the person loaded it; `current` is what is stored now."""

    message = _("Someone else saved this answer while you were writing. Compare both texts and keep what is right.")

    def __init__(self, current):
        super().__init__()
        self.current = current


class InvalidAnswer(TenancyError):
    pass


def shipped_template(network, *, kind, language):
    """The network's copy of a shipped template (installed from `shipped/` on first use)."""
    existing = QuestionnaireTemplate.objects.filter(network=network, kind=kind, language=language).order_by("-version")
    if existing.exists():
        return existing.first()
    path = SHIPPED_DIR / f"{kind}.{language}.json"
    if not path.exists():
        path = SHIPPED_DIR / f"{kind}.en.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    with transaction.atomic():
        template = QuestionnaireTemplate.objects.create(network=network, kind=kind, title=data["title"],
                                                        language=data["language"])
        for order, section_data in enumerate(data["sections"], start=1):
            section = Section.objects.create(network=network, template=template, order=order,
                                             title=section_data["title"], answered_by=section_data["answered_by"])
            Question.objects.bulk_create(
                Question(network=network, section=section, number=q["number"], text=q["text"],
                         help_text=q.get("help_text", ""), kind=q.get("kind", QuestionKind.LONG_TEXT),
                         max_length=q.get("max_length"))
                for q in section_data["questions"]
            )
    return template


@transaction.atomic
def start_response(mentorship, *, kind, language, by):
    template = shipped_template(mentorship.network, kind=kind, language=language)
    response = Response.objects.filter(mentorship=mentorship, template__kind=kind).first()
    if response is None:
        response = Response.objects.create(network=mentorship.network, mentorship=mentorship, template=template)
        audit(mentorship.network, by=by, action="questionnaire.started", subject=str(response))
    return response


def clean_answer(question, text):
    """The typed text, checked against the question; raises InvalidAnswer with a reason."""
    text = text.replace("\r\n", "\n").strip()
    if question.max_length and len(text) > question.max_length:
        raise InvalidAnswer(_("This answer is %(length)s characters long; the limit is %(limit)s.")
                            % {"length": len(text), "limit": question.max_length})
    if question.kind == QuestionKind.NUMBER and text:
        try:
            float(text.replace(" ", "").replace(",", "."))
        except ValueError as error:
            raise InvalidAnswer(_("Enter a number, for example 12500.")) from error
    return text


@transaction.atomic
def save_answer(response, question, *, text, based_on_version, by):
    """Store `text` if nobody saved this answer since version `based_on_version`."""
    text = clean_answer(question, text)
    answer, _created = Answer.objects.select_for_update().get_or_create(
        network=response.network, response=response, question=question
    )
    if answer.version != based_on_version:
        if answer.text == text:
            return answer  # the same words arrived twice (a retry): nothing to merge
        raise AnswerConflict(answer)
    if answer.text != text or answer.version == 0:
        answer.text = text
        answer.version += 1
        answer.updated_by = by
        answer.save()
    return answer


class NothingToSubmitError(TenancyError):
    message = _("Answer at least one question before submitting a version.")


@transaction.atomic
def submit_version(response, *, label, by):
    """Freeze every answer as they are now, under a name the mentee chooses."""
    answers = {str(a.question_id): a.text for a in response.answers.all() if a.text}
    if not answers:
        raise NothingToSubmitError()
    last = response.submissions.order_by("-number").first()
    submission = Submission.objects.create(
        network=response.network, response=response, number=(last.number + 1) if last else 1, label=label,
        answers=answers, submitted_by=by,
    )
    audit(response.network, by=by, action="questionnaire.submitted", subject=f"{response} – {submission}")
    return submission


def word_diff(old, new):
    """[(op, text)] with op in {"same", "removed", "added"}: the words that changed between versions."""
    old_words, new_words = old.split(" "), new.split(" ")
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    parts = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("removed", " ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(("added", " ".join(new_words[b1:b2])))
    return parts


@transaction.atomic
def comment(response, question, *, text, by, parent=None):
    if parent is not None and (parent.response_id != response.pk or parent.question_id != question.pk):
        raise ValueError("a reply belongs to the same question")
    return AnswerComment.objects.create(network=response.network, response=response, question=question,
                                        parent=parent, author=by, text=text)


@transaction.atomic
def resolve_comment(comment, *, by):
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = by
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
