"""Coordinators adapt the needs analysis of a programme: copy the shipped template, then add,
remove and reword questions. Thin: rules decide, services.py changes."""

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import apply_change, form_status, require
from programmes.mentorships import selectors as mentorship_selectors

from ..models import Question
from . import selectors, services
from .forms import QuestionForm

PERM = "questionnaires.adapt_template"


def _programme(request, pk):
    programme = mentorship_selectors.get_programme(request.network, pk)
    require(request, PERM, programme)
    return programme


def _template_or_404(programme):
    template = selectors.programme_template(programme)
    if template is None:
        raise Http404
    return template


def overview(request, network, pk):
    programme = _programme(request, pk)
    template = selectors.programme_template(programme)
    sections = selectors.sections_with_questions(template) if template is not None else []
    return render(request, "questionnaires/adaptation.html", {
        "programme": programme, "template": template, "sections": sections,
        "in_use": template is not None and selectors.is_in_use(template),
    })


@require_POST
def adapt(request, network, pk):
    programme = _programme(request, pk)
    services.adapt_for_programme(programme, language=translation.get_language() or "en", by=request.user)
    messages.success(request, _("The programme now has its own copy of the needs analysis: adapt it below."))
    return redirect("programme_template", network=network, pk=pk)


@require_POST
def new_version(request, network, pk):
    programme = _programme(request, pk)
    template = services.new_version(_template_or_404(programme), by=request.user)
    messages.success(request, _("Version %(number)s is ready to adapt. Needs analyses already started keep theirs.")
                     % {"number": template.version})
    return redirect("programme_template", network=network, pk=pk)


def question_edit(request, network, pk, question_pk=None, section_pk=None):
    programme = _programme(request, pk)
    template = _template_or_404(programme)
    if question_pk is not None:
        question = selectors.get_question(template, question_pk)
        section = question.section
    else:
        section = selectors.get_section(template, section_pk)
        question = None
    form = QuestionForm(request.POST or None,
                        instance=copy.copy(question) or Question(section=section, network=programme.network))
    if request.method == "POST" and form.is_valid() and apply_change(
            request, lambda: services.save_question(template, section, question=question, by=request.user,
                                                    **form.values),
            _("The question was saved.")):
        return redirect("programme_template", network=network, pk=pk)
    return render(request, "questionnaires/adaptation_question.html", {
        "programme": programme, "template": template, "section": section, "question": question, "form": form,
    }, status=form_status(form))


@require_POST
def question_delete(request, network, pk, question_pk):
    programme = _programme(request, pk)
    template = _template_or_404(programme)
    question = selectors.get_question(template, question_pk)
    apply_change(request, lambda: services.delete_question(template, question, by=request.user),
                 _("Question %(number)s was removed; the questions after it were renumbered.")
                 % {"number": question.number})
    return redirect("programme_template", network=network, pk=pk)
