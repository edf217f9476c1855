"""The needs analysis (Annex 2) of a mentorship, filled in together, saved as people type."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.mentorships import selectors as mentorship_selectors
from programmes.tenancy.access import require, save_status

from . import selectors, services
from .models import Answer, Kind
from .rules import party_of


def _mentorship(request, pk, perm="questionnaires.view_response"):
    mentorship = mentorship_selectors.get_mentorship(request.network, pk)
    require(request, perm, mentorship)
    return mentorship


def needs_analysis(request, network, pk, errors=None, typed=None, status=200):
    mentorship = _mentorship(request, pk)
    response = selectors.response_of(mentorship)
    party = party_of(request.user, mentorship)
    sections = selectors.response_page(response, party=party) if response else []
    for view in sections:
        for item in view.items:
            item.error, item.typed = (errors or {}).get(item.question.pk), (typed or {}).get(item.question.pk)
    return render(request, "questionnaires/response.html", {
        "mentorship": mentorship, "programme": mentorship.programme, "response": response, "sections": sections,
        "can_start": request.user.has_perm("questionnaires.answer", mentorship),
        "can_comment": request.user.has_perm("questionnaires.comment", mentorship),
        "can_submit": request.user.has_perm("questionnaires.submit", mentorship),
        "can_resolve": request.user.has_perm("questionnaires.resolve_comment", mentorship),
        "submissions": selectors.submissions(response) if response else [],
    }, status=status)


@require_POST
def start(request, network, pk):
    mentorship = _mentorship(request, pk, "questionnaires.answer")
    services.start_response(mentorship, kind=Kind.NEEDS_ANALYSIS,
                            language=translation.get_language() or "en", by=request.user)
    return redirect("needs_analysis", network=network, pk=pk)


@require_POST
def save_answer(request, network, pk, question_pk):
    mentorship = _mentorship(request, pk, "questionnaires.answer")
    response = _response_or_404(mentorship)
    question = selectors.get_question(response, question_pk)
    if question is None:
        raise Http404
    if question.section.answered_by != party_of(request.user, mentorship):
        raise PermissionDenied
    text = request.POST.get("text", "")
    try:
        version = int(request.POST.get("version", "0"))
    except ValueError:
        version = -1
    try:
        answer = services.save_answer(response, question, text=text, based_on_version=version, by=request.user)
    except services.AnswerConflict as conflict:
        return _conflict(request, mentorship, question, mine=text, current=conflict.current)
    except services.InvalidAnswer as error:
        if request.htmx:
            return save_status(_("Not saved: %(reason)s") % {"reason": error.message}, failed=True)
        return needs_analysis(request, network, pk, errors={question.pk: error.message}, typed={question.pk: text},
                              status=400)
    if request.htmx:
        return save_status(_("Saved at %(time)s") % {"time": formats.time_format(timezone.localtime())},
                           version_id=f"version-{question.pk}", version=answer.version)
    messages.success(request, _("Your answer to question %(number)s was saved.") % {"number": question.number})
    return redirect(reverse("needs_analysis", kwargs={"network": network, "pk": pk}) + f"#question-{question.pk}")


def _conflict(request, mentorship, question, *, mine, current: Answer):
    context = {"mentorship": mentorship, "programme": mentorship.programme, "question": question, "mine": mine,
               "current": current}
    if request.htmx:
        html = render_to_string("questionnaires/_conflict.html", context, request=request)
        return HttpResponse(html, headers={"HX-Retarget": f"#question-{question.pk}", "HX-Reswap": "outerHTML"})
    return render(request, "questionnaires/conflict.html", context, status=409)


def _response_or_404(mentorship):
    response = selectors.response_of(mentorship)
    if response is None:
        raise Http404
    return response


def _back_to(network, pk, question=None):
    url = reverse("needs_analysis", kwargs={"network": network, "pk": pk})
    return redirect(url + (f"#question-{question.pk}" if question else ""))


@require_POST
def add_comment(request, network, pk, question_pk):
    mentorship = _mentorship(request, pk, "questionnaires.comment")
    response = _response_or_404(mentorship)
    question = selectors.get_question(response, question_pk)
    if question is None:
        raise Http404
    parent = None
    if request.POST.get("parent"):
        parent = selectors.get_comment(response, request.POST["parent"]) if request.POST["parent"].isdigit() else None
        if parent is None or parent.question_id != question.pk:
            raise Http404
    text = request.POST.get("text", "").strip()
    if not text:
        messages.error(request, _("Write a comment before sending it."))
    else:
        services.comment(response, question, text=text[:5000], by=request.user, parent=parent)
        messages.success(request, _("Your comment on question %(number)s was added.") % {"number": question.number})
    return _back_to(network, pk, question)


@require_POST
def resolve_comment(request, network, pk, comment_pk):
    mentorship = _mentorship(request, pk, "questionnaires.resolve_comment")
    comment = selectors.get_comment(_response_or_404(mentorship), comment_pk)
    if comment is None:
        raise Http404
    services.resolve_comment(comment, by=request.user)
    messages.success(request, _("The comment is marked as resolved."))
    return _back_to(network, pk, comment.question)


@require_POST
def submit(request, network, pk):
    mentorship = _mentorship(request, pk, "questionnaires.submit")
    response = _response_or_404(mentorship)
    label = request.POST.get("label", "").strip()[:200]
    if not label:
        messages.error(request, _("Give the version a name, for example “first draft before matching”."))
        return _back_to(network, pk)
    try:
        submission = services.submit_version(response, label=label, by=request.user)
    except services.NothingToSubmitError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Version %(number)s, “%(label)s”, is frozen.")
                         % {"number": submission.number, "label": submission.label})
    return _back_to(network, pk)


def compare(request, network, pk):
    mentorship = _mentorship(request, pk)
    response = _response_or_404(mentorship)
    versions = {s.number: s for s in selectors.submissions(response)}
    try:
        older, newer = versions[int(request.GET.get("from", ""))], versions[int(request.GET.get("to", ""))]
    except (KeyError, ValueError):
        messages.error(request, _("Choose two submitted versions to compare."))
        return _back_to(network, pk)
    return render(request, "questionnaires/compare.html", {
        "mentorship": mentorship, "programme": mentorship.programme, "older": older, "newer": newer,
        "rows": selectors.comparison(response, older, newer),
    })
