"""Coordinators set a programme's reminder rules and see the reminders that could not be sent;
teams and coordinators see each event's delivery log."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import form_status, require
from programmes.mentorships import selectors as mentorship_selectors
from programmes.mentorships.models import MilestoneKind

from .. import services
from ..models import offsets_problem
from . import selectors
from .forms import RuleForm
from .offsets import offset_text


def rules_page(request, network, pk):
    programme = mentorship_selectors.get_programme(request.network, pk)
    require(request, "visits.plan_training", programme)  # coordinators: the programme's settings
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_rule(programme, target=form.cleaned_data["target"],
                           milestone_kind=form.cleaned_data["milestone_kind"] or "",
                           offsets=form.cleaned_data["offsets"], by=request.user)
        messages.success(request, _("The reminder rule is saved."))
        return redirect("reminder_rules", network=network, pk=pk)
    kinds = dict(MilestoneKind.choices)
    rules = [_rule_row(rule, kinds) for rule in selectors.rules_of(programme)]
    failed, failed_count = selectors.failed_deliveries(programme)
    return render(request, "visits/reminder_rules.html", {
        "programme": programme, "rules": rules, "form": form, "failed": failed, "failed_count": failed_count,
    }, status=form_status(form))


def _rule_row(rule, kinds):
    """(rule, its durations as text, its kind of milestone, whether it cannot be used): a rule that
    reached the database without the form still shows, and says so, instead of breaking the page."""
    broken = bool(offsets_problem(rule.offsets))
    offsets = [] if broken else [offset_text(offset) for offset in rule.offsets]
    return rule, offsets, kinds.get(rule.milestone_kind, ""), broken


@require_POST
def rule_delete(request, network, pk, rule_pk):
    programme = mentorship_selectors.get_programme(request.network, pk)
    require(request, "visits.plan_training", programme)
    services.delete_rule(selectors.get_rule(programme, rule_pk), by=request.user)
    messages.success(request, _("The reminder rule is deleted; reminders already sent stay in the log."))
    return redirect("reminder_rules", network=network, pk=pk)
