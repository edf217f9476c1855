"""A questionnaire filled in together, saved as people type: a mentorship's needs analysis
(Annex 2) or a city's mentor strengths (Annex 3). `owner` (from the URL) says which; owners.py
holds what differs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from programmes.core.access import save_status
from programmes.core.ids import parse_id
from programmes.core.limits import COMMENT, TextRefused, posted_text
from programmes.notifications.mentions import candidates_url, report_not_told

from . import answer_kinds, selectors, services
from .models import Answer
from .owners import OWNERS

PAGES = {"mentorship": "questionnaires/response.html", "city": "questionnaires/city_response.html"}


def _owner(request, owner, pk):
    return OWNERS[owner](request, pk)


def questionnaire(request, network, pk, owner, errors=None, typed=None, status=200):
    page = _owner(request, owner, pk)
    response = page.response
    sections = selectors.response_page(response, parties=page.parties, city=page.city) if response else []
    for view in sections:
        for item in view.items:
            item.error, item.typed = (errors or {}).get(item.question.pk), (typed or {}).get(item.question.pk)
        _for_display(view.items, page.base_url)
    return render(request, PAGES[owner], {
        "owner": page, "mentorship": page.mentorship, "city": page.city, "response": response,
        "programme": page.programme, "sections": sections,
        "can_start": page.can_start, "can_comment": page.can_comment, "can_submit": page.can_submit,
        "can_resolve": page.can_resolve,
        "submissions": selectors.submissions(response) if response else [],
        "mention_url": candidates_url(page.network_slug, page.mentorship.pk)
        if page.mentorship and page.can_comment else "",
    }, status=status)


@require_POST
def start(request, network, pk, owner):
    page = _owner(request, owner, pk)
    if not page.can_start:
        raise PermissionDenied
    language = translation.get_language() or "en"
    if page.mentorship:
        services.start_response(page.mentorship, kind=page.questionnaire, language=language, by=request.user)
    else:
        services.start_city_response(page.subject, kind=page.questionnaire, language=language, by=request.user)
    return redirect(page.url())


@require_POST
def save_answer(request, network, pk, question_pk, owner):
    page = _owner(request, owner, pk)
    response = page.require_response()
    question = selectors.get_question(response, question_pk)
    if question is None:
        raise Http404
    if question.section.answered_by not in page.parties:
        raise PermissionDenied
    posted = answer_kinds.read(question, request.POST)
    try:
        version = int(request.POST.get("version", "0"))
    except ValueError:
        version = -1
    try:
        answer = services.save_answer(response, question, posted=posted, based_on_version=version, by=request.user,
                                      city=page.city if page.can_update_city else None)
    except services.AnswerConflict as conflict:
        return _conflict(request, page, question, mine=conflict.mine, typed=posted.raw, current=conflict.current)
    except services.InvalidAnswer as error:
        if request.htmx:
            return save_status(_("Not saved: %(reason)s") % {"reason": error.message}, failed=True)
        return questionnaire(request, network, pk, owner, errors={question.pk: error.message},
                             typed={question.pk: posted.raw}, status=400)
    if request.htmx:
        return save_status(_("Saved at %(time)s") % {"time": formats.time_format(timezone.localtime())},
                           version_id=f"version-{question.pk}", version=answer.version)
    messages.success(request, _("Your answer to question %(number)s was saved.") % {"number": question.number})
    return redirect(page.url() + f"#question-{question.pk}")


def _for_display(items, base_url):
    """Each question and comment with its links, ids and sentences as ready strings. A question
    prints its id about fifteen times, and the template localises a number each time it prints
    one; a profile of the page showed such lookups, filters and {% blocktranslate %} inside the
    loop costing most of its time."""
    for item in items:
        question = item.question
        item.ref = ref = str(question.pk)
        item.link, item.comments_link = f"{base_url}answers/{ref}/", f"{base_url}questions/{ref}/comments/"
        item.label = f"{question.number}. {question.text}"
        item.described_by = " ".join([f"status-{ref}"] + ([f"help-{ref}"] if question.help_text else [])
                                     + ([f"error-{ref}"] if item.error else []))
        item.save_name = _("answer %(number)s") % {"number": question.number}
        item.comment_label = _("Comment on question %(number)s") % {"number": question.number}
        answer = item.answer
        item.saved_note = _("Last saved by %(person)s, %(when)s") % {
            "person": answer.updated_by.display_name, "when": _short_datetime(answer.updated_at),
        } if answer is not None and answer.updated_by else ""
        item.comment_summary = ngettext("%(counter)s comment", "%(counter)s comments", len(item.comments)) % {
            "counter": len(item.comments)}
        if item.open_comments:
            item.comment_summary += " · " + ngettext("%(counter)s open", "%(counter)s open", item.open_comments) % {
                "counter": item.open_comments}
        for comment in item.comments:
            for shown in (comment, *comment.thread):
                shown.ref = str(shown.pk)
                shown.by = (shown.author.display_name if shown.author else "") or _("a former participant")
                shown.when = _short_datetime(shown.created_at)
            comment.resolve_link = f"{base_url}comments/{comment.ref}/resolve/"
    return items


def _short_datetime(value):
    """What {{ value|date:"SHORT_DATETIME_FORMAT" }} prints, in the reader's time zone."""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _conflict(request, page, question, *, mine, typed, current: Answer):
    item = _for_display([selectors.QuestionItem(question, current, typed=typed)], page.base_url)[0]
    context = {"owner": page, "mentorship": page.mentorship, "city": page.city,
               "programme": page.programme, "question": question,
               "mine": mine, "current": current, "item": item}
    if request.htmx:
        html = render_to_string("questionnaires/_conflict.html", context, request=request)
        return HttpResponse(html, headers={"HX-Retarget": f"#question-{question.pk}", "HX-Reswap": "outerHTML"})
    return render(request, "questionnaires/conflict.html", context, status=409)


def _back_to(page, question=None):
    return redirect(page.url() + (f"#question-{question.pk}" if question else ""))


@require_POST
def add_comment(request, network, pk, question_pk, owner):
    page = _owner(request, owner, pk)
    if not page.can_comment:
        raise PermissionDenied
    response = page.require_response()
    question = selectors.get_question(response, question_pk)
    if question is None:
        raise Http404
    parent = None
    if request.POST.get("parent"):
        parent_pk = parse_id(request.POST["parent"])
        parent = selectors.get_comment(response, parent_pk) if parent_pk else None
        if parent is None or parent.question_id != question.pk:
            raise Http404
    try:
        text = posted_text(request.POST, "text", limit=COMMENT)
    except TextRefused as refused:
        messages.error(request, _("The comment was not added: %(reason)s") % {"reason": refused.message})
        return _back_to(page, question)
    if not text:
        messages.error(request, _("Write a comment before sending it."))
    else:
        added = services.comment(response, question, text=text, by=request.user, parent=parent)
        messages.success(request, _("Your comment on question %(number)s was added.") % {"number": question.number})
        report_not_told(request, added.told, _("%(name)s cannot read this answer, so was not told."))
    return _back_to(page, question)


@require_POST
def resolve_comment(request, network, pk, comment_pk, owner):
    page = _owner(request, owner, pk)
    if not page.can_resolve:
        raise PermissionDenied
    comment = selectors.get_comment(page.require_response(), comment_pk)
    if comment is None:
        raise Http404
    services.resolve_comment(comment, by=request.user)
    messages.success(request, _("The comment is marked as resolved."))
    return _back_to(page, comment.question)


@require_POST
def submit(request, network, pk, owner):
    page = _owner(request, owner, pk)
    if not page.can_submit:
        raise PermissionDenied
    response = page.require_response()
    try:
        label = posted_text(request.POST, "label", limit=200)
    except TextRefused as refused:
        messages.error(request, _("The version was not frozen: %(reason)s") % {"reason": refused.message})
        return _back_to(page)
    if not label:
        messages.error(request, _("Give the version a name, for example “first draft before matching”."))
        return _back_to(page)
    try:
        submission = services.submit_version(response, label=label, by=request.user)
    except services.NothingToSubmitError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Version %(number)s, “%(label)s”, is frozen.")
                         % {"number": submission.number, "label": submission.label})
    return _back_to(page)


def compare(request, network, pk, owner):
    page = _owner(request, owner, pk)
    response = page.require_response()
    versions = {s.number: s for s in selectors.submissions(response)}
    try:
        older, newer = versions[int(request.GET.get("from", ""))], versions[int(request.GET.get("to", ""))]
    except (KeyError, ValueError):
        messages.error(request, _("Choose two submitted versions to compare."))
        return _back_to(page)
    return render(request, "questionnaires/compare.html", {
        "owner": page, "mentorship": page.mentorship, "city": page.city,
        "programme": page.programme,
        "older": older, "newer": newer, "rows": selectors.comparison(response, older, newer),
    })
