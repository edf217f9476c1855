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
from programmes.tenancy.access import require

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
    response = selectors.response_of(mentorship)
    question = selectors.get_question(response, question_pk) if response else None
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
            return _status(question, _("Not saved: %(reason)s") % {"reason": error.message}, failed=True)
        return needs_analysis(request, network, pk, errors={question.pk: error.message}, typed={question.pk: text},
                              status=400)
    if request.htmx:
        return _status(question, _("Saved at %(time)s") % {"time": formats.time_format(timezone.localtime())},
                       version=answer.version)
    messages.success(request, _("Your answer to question %(number)s was saved.") % {"number": question.number})
    return redirect(reverse("needs_analysis", kwargs={"network": network, "pk": pk}) + f"#question-{question.pk}")


def _status(question, text, *, failed=False, version=None):
    html = render_to_string("questionnaires/_status.html",
                            {"question": question, "text": text, "failed": failed, "version": version})
    return HttpResponse(html)


def _conflict(request, mentorship, question, *, mine, current: Answer):
    context = {"mentorship": mentorship, "programme": mentorship.programme, "question": question, "mine": mine,
               "current": current}
    if request.htmx:
        html = render_to_string("questionnaires/_conflict.html", context, request=request)
        return HttpResponse(html, headers={"HX-Retarget": f"#question-{question.pk}", "HX-Reswap": "outerHTML"})
    return render(request, "questionnaires/conflict.html", context, status=409)
