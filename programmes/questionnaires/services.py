"""Filling in a questionnaire together: shipped templates, responses, and answers saved with
optimistic locking (the answer's version), so a second save over someone else's never wins
silently."""

import functools
import json
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError
from programmes.directory.models import City, CityRepresentative, Speaker
from programmes.notifications import mentions
from programmes.notifications.services import notify
from programmes.tenancy.services import audit

from . import answer_kinds
from .models import (
    PARTY_OF_ROLE,
    Answer,
    AnswerComment,
    Party,
    Question,
    QuestionKind,
    QuestionnaireTemplate,
    Response,
    Section,
    Submission,
)

SHIPPED_DIR = Path(__file__).resolve().parent / "shipped"


class AnswerConflict(DomainError):
    """Someone saved this answer since the person loaded it; `current` is what is stored now."""

    message = _("Someone else saved this answer while you were writing. Compare both texts and keep what is right.")

    def __init__(self, current, *, mine):
        super().__init__()
        self.current, self.mine = current, mine


InvalidAnswer = answer_kinds.InvalidAnswer


def shipped_template(network, *, kind, language):
    """The network's copy of a shipped template (installed from `shipped/` on first use)."""
    existing = QuestionnaireTemplate.objects.filter(network=network, kind=kind, language=language,
                                                    programme=None).order_by("-version")
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
                         max_length=q.get("max_length"), options=q.get("options", {}))
                for q in section_data["questions"]
            )
    return template


@functools.lru_cache(maxsize=32)
def shipped_choice_labels(kind, language):
    """{choice value: label} of every choice question of a shipped template, in `language` (or
    English), so that keys stored from one language's template read in another's."""
    path = SHIPPED_DIR / f"{kind}.{language}.json"
    if not path.exists():
        path = SHIPPED_DIR / f"{kind}.en.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {choice["value"]: choice["label"] for section in data["sections"] for question in section["questions"]
            for choice in question.get("options", {}).get("choices", [])}


def template_for(network, *, kind, language, programme=None):
    """The programme's own adapted template if it has one, else the network's shipped one."""
    if programme is not None:
        adapted = QuestionnaireTemplate.objects.filter(programme=programme, kind=kind).order_by("-version").first()
        if adapted is not None:
            return adapted
    return shipped_template(network, kind=kind, language=language)


@transaction.atomic
def start_response(mentorship, *, kind, language, by):
    response = Response.objects.filter(mentorship=mentorship, template__kind=kind).first()
    if response is None:
        template = template_for(mentorship.network, kind=kind, language=language, programme=mentorship.programme)
        response = Response.objects.create(network=mentorship.network, mentorship=mentorship, template=template)
        audit(mentorship.network, by=by, action="questionnaire.started", subject=str(response))
    return response


@transaction.atomic
def start_city_response(city, *, kind, language, by):
    """A city's own questionnaire, such as its mentor strengths (Annex 3)."""
    response = Response.objects.filter(city=city, template__kind=kind).first()
    if response is None:
        template = shipped_template(city.network, kind=kind, language=language)
        response = Response.objects.create(network=city.network, city=city, template=template)
        audit(city.network, by=by, action="questionnaire.started", subject=str(response))
    return response


@transaction.atomic
def save_answer(response, question, *, based_on_version, by, posted=None, text=None, city=None):
    """Store the posted answer (or `text`) if nobody saved it since version `based_on_version`.

    With `city` and a figures question whose poster asked for it, the city profile takes the
    figures too (the profile is where matching reads them)."""
    posted = posted or answer_kinds.Posted(text)
    text, data = answer_kinds.clean(question, posted.raw)
    answer, _created = Answer.objects.select_for_update().get_or_create(
        network=response.network, response=response, question=question
    )
    if answer.version != based_on_version:
        if answer.text == text and answer.data == data:
            return answer  # the same words arrived twice (a retry): nothing to merge
        raise AnswerConflict(answer, mine=text)
    if answer.text != text or answer.data != data or answer.version == 0:
        answer.text, answer.data = text, data
        answer.version += 1
        answer.updated_by = by
        answer.save()
    if city is not None and posted.update_profile and question.kind == QuestionKind.CITY_FIGURES and data:
        update_city_figures(city, data, by=by)
    return answer


def update_city_figures(city, data, *, by):
    """Copy a figures answer into the city profile: inhabitants, migrant residents and share,
    main nationalities (names only)."""
    fields = {}
    if data.get("population") is not None:
        fields["population"] = data["population"]
    if data.get("migrant_residents") is not None:
        fields["migrant_residents"] = data["migrant_residents"]
    population, migrants = fields.get("population", city.population), fields.get("migrant_residents",
                                                                                 city.migrant_residents)
    if population and migrants is not None:
        fields["migrant_share"] = (Decimal(migrants) * 100 / Decimal(population)).quantize(Decimal("0.01"))
    names = [row[0] for row in data.get("nationalities") or [] if row and row[0]]
    if names:
        fields["main_nationalities"] = ", ".join(names)[:500]
    changed = {name: value for name, value in fields.items() if getattr(city, name) != value}
    if changed:
        City.objects.filter(pk=city.pk).update(**changed)
        for name, value in changed.items():
            setattr(city, name, value)
        audit(city.network, by=by, action="city.figures_updated", subject=str(city))
    return changed


class NothingToSubmitError(DomainError):
    message = _("Answer at least one question before submitting a version.")


@transaction.atomic
def submit_version(response, *, label, by):
    """Freeze every answer as they are now, under a name the mentee chooses."""
    Response.objects.select_for_update().get(pk=response.pk)  # one number per version, however many submit
    answers = {str(a.question_id): a.text for a in response.answers.all() if a.text}
    if not answers:
        raise NothingToSubmitError()
    last = response.submissions.order_by("-number").first()
    submission = Submission.objects.create(
        network=response.network, response=response, number=(last.number + 1) if last else 1, label=label,
        answers=answers, submitted_by=by,
    )
    audit(response.network, by=by, action="questionnaire.submitted", subject=f"{response} – {submission}")
    submission.told = _tell_submitted(response, submission, by=by)
    return submission


@transaction.atomic
def comment(response, question, *, text, by, parent=None):
    """A comment on one question (a reply with `parent`). The people it concerns are told: the
    answer's last writer, the thread's earlier writers, and for a new thread the party the
    question is asked of; and anyone it @mentions. `comment.told` says who was and who was named
    but may not read the questionnaire."""
    if parent is not None and (parent.response_id != response.pk or parent.question_id != question.pk):
        raise ValueError("a reply belongs to the same question")
    created = AnswerComment.objects.create(network=response.network, response=response, question=question,
                                           parent=parent, author=by, text=text)
    created.told = _tell_comment(response, question, created, by=by)
    return created


# --- Who is told (programmes.notifications decides, from the page's own permission) ------------

# The party a section is asked of, as the city representatives who speak for it (Annex 3).
SPEAKER_OF_PARTY = {Party.MENTOR_CITY: Speaker.CITY, Party.MENTOR_ASSOCIATION: Speaker.ASSOCIATION}
ROLES_OF_PARTY = {party: {role for role, of in PARTY_OF_ROLE.items() if of == party} for party in Party.values}


def _page_url(response):
    if response.mentorship_id:
        return reverse("needs_analysis", kwargs={"network": response.network.slug, "pk": response.mentorship_id})
    return reverse("mentor_strengths", kwargs={"network": response.network.slug, "pk": response.city_id})


def _earlier_writers(response, question, comment):
    """Who wrote this answer last and, for a reply, the thread's earlier comments."""
    ids = list(Answer.objects.filter(response=response, question=question).exclude(updated_by=None)
               .values_list("updated_by_id", flat=True))
    if comment.parent_id:
        ids.append(comment.parent.author_id)
        ids += AnswerComment.objects.filter(parent_id=comment.parent_id).exclude(pk=comment.pk).exclude(
            author=None).values_list("author_id", flat=True)
    return [pk for pk in ids if pk]


def _tell_comment(response, question, comment, *, by):
    event = "comment.reply" if comment.parent_id else "comment.answer"
    ids = _earlier_writers(response, question, comment)
    party = question.section.answered_by
    link = f"{_page_url(response)}#answer-comment-{comment.pk}"
    params = {"title": mentions.title(f"{question.number}. {question.text}"), "excerpt": mentions.excerpt(comment.text)}
    key = f"{event}:{comment.pk}"
    if response.mentorship_id:
        circle = mentions.circle(response.mentorship_id)
        people = circle.users(ids)
        if not comment.parent_id:
            people += circle.with_role(*ROLES_OF_PARTY.get(party, ()))
        return notify(event, target=circle.mentorship, perm="questionnaires.view_response", link=link, key=key,
                      people=people, by=by, mentorship=circle.mentorship, params=params,
                      named=circle.named_in(comment.text))
    # A city's own questionnaire (Annex 3): those who speak for the city, and earlier writers.
    representatives = CityRepresentative.objects.filter(city_id=response.city_id)
    speakers = list(representatives.values_list("user_id", "speaks_for"))
    wanted = {pk for pk, _speaks in speakers} | set(ids)
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=wanted, is_active=True)}
    people = [users[pk] for pk in ids if pk in users]
    if not comment.parent_id:
        people += [users[pk] for pk, speaks in speakers if speaks == SPEAKER_OF_PARTY.get(party) and pk in users]
    city = City.objects.select_related("network").get(pk=response.city_id)
    return notify(event, target=city, perm="questionnaires.view_city_response", link=link, key=key, people=people,
                  by=by, params=params, named=mentions.find(comment.text, [users[pk] for pk, _s in speakers
                                                                           if pk in users]))


def _tell_submitted(response, submission, *, by):
    """Everyone around the mentorship who may read the version is told (a city's own
    questionnaire: those who speak for the city)."""
    # The sentence names the questionnaire in the reader's language (kinds.py): only the number
    # and the version's own label are stored.
    params = {"number": submission.number, "excerpt": mentions.excerpt(submission.label)}
    link = f"{_page_url(response)}#submission-{submission.number}"
    key = f"submitted:{submission.pk}"
    if response.mentorship_id:
        circle = mentions.circle(response.mentorship_id)
        return notify("questionnaire.submitted", target=circle.mentorship, perm="questionnaires.view_response",
                      link=link, key=key, people=circle.people, by=by, mentorship=circle.mentorship, params=params)
    people = list(get_user_model().objects.filter(
        is_active=True, pk__in=CityRepresentative.objects.filter(city_id=response.city_id).values("user_id")))
    city = City.objects.select_related("network").get(pk=response.city_id)
    return notify("mentor_strengths.submitted", target=city, perm="questionnaires.view_city_response", link=link,
                  key=key, people=people, by=by, params=params)


@transaction.atomic
def resolve_comment(comment, *, by):
    if comment.resolved_at is None:
        comment.resolved_at = timezone.now()
        comment.resolved_by = by
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
