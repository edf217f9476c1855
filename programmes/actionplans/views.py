"""The action plan page: rows edited inline with htmx (and as plain forms without JavaScript),
reordered without a reload, the workflow with its versions, comments and progress per row."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.mentorships import selectors as mentorship_selectors
from programmes.mentorships.models import CitySide, by_side
from programmes.reports.models import ReportKind
from programmes.reports.selectors import recent_jobs
from programmes.tenancy import fragments
from programmes.tenancy.access import apply_change, require
from programmes.tenancy.limits import COMMENT, TextRefused, posted_text
from programmes.tenancy.pagecache import kept_until_data_changes

from . import selectors, services
from .forms import ActionForm, ApprovalForm, ProgressForm
from .models import Action, PlanStatus, ProgressStatus


def _mentorship(request, pk, perm="actionplans.view_plan"):
    mentorship = mentorship_selectors.get_mentorship(request.network, pk)
    require(request, perm, mentorship)
    return mentorship


def _plan_or_404(mentorship):
    plan = selectors.plan_of(mentorship)
    if plan is None:
        raise Http404
    return plan


def _url(mentorship, fragment=""):
    return reverse("action_plan", kwargs={"network": mentorship.network.slug, "pk": mentorship.pk}) + fragment


def _action_form(mentorship, data=None, instance=None):
    """The add form, or the form of one row: prefixed by the row, so that its field ids stay unique
    on a page that also shows the add form."""
    return ActionForm(data, instance=instance, needs=selectors.need_choices(mentorship),
                      key_factors=selectors.key_factor_choices(mentorship),
                      prefix=f"action-{instance.pk}" if instance is not None else None)


def _context(request, mentorship, plan, *, rendered=("rows", "add_form"), **extra):
    """What the plan page shows. `rendered` names the cached parts to render: a response that
    answers with the rows alone (a move, a removal) or one row does not render the add form."""
    user = request.user
    can_edit = user.has_perm("actionplans.edit_plan", mentorship) and (plan is None or plan.status == PlanStatus.DRAFT)
    sides = by_side(mentorship.cities.all())
    context = {
        "mentorship": mentorship, "programme": mentorship.programme, "plan": plan,
        # Each row links to five views under the plan: one reverse() here instead of five per row.
        "actions_url": reverse("action_add", kwargs={"network": request.network.slug, "pk": mentorship.pk}),
        "mentees": [p.city for p in sides[CitySide.MENTEE]],
        "mentors": [p.city for p in sides[CitySide.MENTOR]],
        "versions": selectors.versions(plan) if plan else [],
        "can_edit": can_edit,
        "can_comment": user.has_perm("actionplans.comment", mentorship),
        "can_progress": plan is not None and plan.is_approved
        and user.has_perm("actionplans.record_progress", mentorship),
        "can_approve": plan is not None and plan.status == PlanStatus.FINAL
        and user.has_perm("actionplans.record_approval", mentorship),
        "transitions": _transitions_for(user, mentorship, plan),
        "add_form": extra.pop("add_form", None) or (_action_form(mentorship) if can_edit else None),
        "approval_form": extra.pop("approval_form", None) or ApprovalForm(),
        "pdf_jobs": recent_jobs(request.user, kind=ReportKind.ACTION_PLAN, mentorship=mentorship) if plan else [],
        **extra,
    }
    rows = plan and "rows" in rendered
    context["rows_html"] = mark_safe("".join(_rendered_rows(request, plan, context))) if rows else ""
    add_form = context["add_form"] and "add_form" in rendered
    context["add_form_html"] = _add_form_html(request, context) if add_form else ""
    return context


def _add_form_html(request, context):
    """The add form, rendered again only when its choices change; a form with errors is rendered
    as it is, with what the person typed."""
    form = context["add_form"]
    if form.is_bound:
        return render_to_string("actionplans/_add_form.html", context, request=request)
    stamps = [("add", (context["actions_url"], form.read_choices()))]
    return fragments.render_each(request, "actionplans/_add_form.html", stamps, name="add_form",
                                 shared={"mentorship": context["mentorship"]}, load=lambda ids: {"add": form})[0]


def _rendered_rows(request, plan, context, only=None):
    """Each row's HTML, rendered again only when the row, its comments or the reader's rights
    changed (programmes.tenancy.fragments): a 100-row plan is read far more often than edited."""
    stamps = selectors.row_stamps(plan)
    count = len(stamps)
    reader = {key: context[key] for key in ("actions_url", "can_edit", "can_comment", "can_progress")}
    shared = {**reader, "plan": plan, "row_count": count, "progress_choices": ProgressStatus.choices}
    rights = (plan.status, *reader.values())
    keyed = [(pk, (version, saved, position, comments, last_comment, position == count, rights))
             for pk, version, saved, position, comments, last_comment in stamps if only in (None, pk)]
    return fragments.render_each(
        request, "actionplans/_row.html", keyed, name="row", shared=shared,
        load=lambda pks: {row.pk: row for row in selectors.actions(plan, pks)})


def _transitions_for(user, mentorship, plan):
    """The workflow buttons this person may press now (approval has its own form)."""
    if plan is None:
        return []
    allowed = []
    for wanted in services.TRANSITIONS[plan.status]:
        if wanted == PlanStatus.APPROVED:
            continue
        perm = "actionplans.edit_plan" if wanted in {PlanStatus.FINAL, PlanStatus.DRAFT} \
            else "actionplans.record_approval"
        if user.has_perm(perm, mentorship):
            allowed.append(PlanStatus(wanted))
    return allowed


@kept_until_data_changes
def plan_page(request, network, pk):
    mentorship = _mentorship(request, pk)
    plan = selectors.plan_of(mentorship)
    if plan is None and request.user.has_perm("actionplans.edit_plan", mentorship):
        plan = services.plan_for(mentorship)  # the mentee team's first visit opens the draft
    return render(request, "actionplans/plan.html", _context(request, mentorship, plan))


def _rows_fragment(request, mentorship, plan, **extra):
    context = _context(request, mentorship, plan, rendered=("rows",), **extra)
    return render_to_string("actionplans/_rows.html", context, request=request)


@require_POST
def action_add(request, network, pk):
    mentorship = _mentorship(request, pk, "actionplans.edit_plan")
    plan = services.plan_for(mentorship)
    form = _action_form(mentorship, request.POST)
    if form.is_valid():
        if apply_change(request, lambda: services.add_action(plan, values=form.values, by=request.user,
                                                             **form.links)):
            if request.htmx:
                context = _context(request, mentorship, plan)
                html = context["add_form_html"] \
                    + render_to_string("actionplans/_rows.html", {**context, "oob": True}, request=request)
                return HttpResponse(html)
            messages.success(request, _("The action was added."))
        return redirect(_url(mentorship, "#actions"))
    context = _context(request, mentorship, plan, add_form=form)
    if request.htmx:
        return HttpResponse(context["add_form_html"])
    return render(request, "actionplans/plan.html", context, status=400)


def action_edit(request, network, pk, action_pk):
    mentorship = _mentorship(request, pk, "actionplans.edit_plan")
    plan = _plan_or_404(mentorship)
    action = selectors.get_action(plan, action_pk)
    form = _action_form(mentorship, request.POST or None, instance=action)
    context = {"mentorship": mentorship, "programme": mentorship.programme, "plan": plan, "row": action,
               "form": form, "version": action.version}
    if request.method == "POST" and form.is_valid():
        try:
            based_on = int(request.POST.get("version", "0"))
        except ValueError:
            based_on = -1
        try:
            services.update_action(action, values=form.values, based_on_version=based_on, by=request.user,
                                   **form.links)
        except services.RowConflict as conflict:
            context.update(conflict=conflict.current, version=conflict.current.version)
            return _edit_response(request, context, status=409)
        except services.ActionPlanError as error:
            messages.error(request, error.message)
            return redirect(_url(mentorship, "#actions"))
        if request.htmx:
            return _row_response(request, mentorship, plan, action.pk)
        messages.success(request, _("The action was saved."))
        return redirect(_url(mentorship, f"#action-{action.pk}"))
    return _edit_response(request, context, status=400 if form.errors else 200)


def _edit_response(request, context, status):
    if request.htmx:  # htmx swaps only successful answers: the form comes back with 200
        return HttpResponse(render_to_string("actionplans/_row_edit.html", context, request=request))
    return render(request, "actionplans/action_form.html", context, status=status)


def _row_response(request, mentorship, plan, action_pk):
    context = _context(request, mentorship, plan, rendered=())
    return HttpResponse("".join(_rendered_rows(request, plan, context, only=action_pk)))


def action_row(request, network, pk, action_pk):
    """One row as it is stored: what "Cancel" puts back in place of the inline form."""
    mentorship = _mentorship(request, pk)
    plan = _plan_or_404(mentorship)
    selectors.get_action(plan, action_pk)
    return _row_response(request, mentorship, plan, action_pk)


@require_POST
def action_delete(request, network, pk, action_pk):
    mentorship = _mentorship(request, pk, "actionplans.edit_plan")
    plan = _plan_or_404(mentorship)
    action = selectors.get_action(plan, action_pk)
    apply_change(request, lambda: services.delete_action(action, by=request.user), _("The action was removed."))
    return _after_rows_change(request, mentorship, plan)


@require_POST
def action_move(request, network, pk, action_pk, direction):
    mentorship = _mentorship(request, pk, "actionplans.edit_plan")
    plan = _plan_or_404(mentorship)
    action = selectors.get_action(plan, action_pk)
    apply_change(request, lambda: services.move_action(action, direction=-1 if direction == "up" else 1,
                                                       by=request.user))
    return _after_rows_change(request, mentorship, plan, focus=action.pk, direction=direction)


def _after_rows_change(request, mentorship, plan, **extra):
    if request.htmx:
        return HttpResponse(_rows_fragment(request, mentorship, plan, **extra))
    return redirect(_url(mentorship, "#actions"))


@require_POST
def transition(request, network, pk, status):
    mentorship = _mentorship(request, pk)
    plan = _plan_or_404(mentorship)
    if status not in PlanStatus.values:
        raise Http404
    if status == PlanStatus.APPROVED:
        require(request, "actionplans.record_approval", mentorship)
        form = ApprovalForm(request.POST)
        if not form.is_valid():
            return render(request, "actionplans/plan.html", _context(request, mentorship, plan, approval_form=form),
                          status=400)
        change = lambda: services.transition(plan, status, by=request.user, **form.cleaned_data)  # noqa: E731
    else:
        perm = "actionplans.edit_plan" if status in {PlanStatus.FINAL, PlanStatus.DRAFT} \
            else "actionplans.record_approval"
        require(request, perm, mentorship)
        change = lambda: services.transition(plan, status, by=request.user)  # noqa: E731
    apply_change(request, change, _("The plan is now “%(status)s”; this version is kept.")
                 % {"status": PlanStatus(status).label})
    return redirect(_url(mentorship))


@require_POST
def progress(request, network, pk, action_pk):
    mentorship = _mentorship(request, pk, "actionplans.record_progress")
    plan = _plan_or_404(mentorship)
    action = selectors.get_action(plan, action_pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a progress status."))
    else:
        apply_change(request, lambda: services.record_progress(
            action, progress=form.cleaned_data["progress"], note=form.cleaned_data["progress_note"],
            on=form.cleaned_data["progress_on"], by=request.user), _("The progress was recorded."))
    return redirect(_url(mentorship, f"#action-{action.pk}"))


@require_POST
def comment(request, network, pk, action_pk):
    mentorship = _mentorship(request, pk, "actionplans.comment")
    plan = _plan_or_404(mentorship)
    action = selectors.get_action(plan, action_pk)
    try:
        text = posted_text(request.POST, "text", limit=COMMENT)
    except TextRefused as refused:
        messages.error(request, _("The comment was not added: %(reason)s") % {"reason": refused.message})
    else:
        if not text:
            messages.error(request, _("Write a comment before sending it."))
        else:
            services.comment(action, text=text, by=request.user)
            messages.success(request, _("Your comment was added."))
    return redirect(_url(mentorship, f"#action-{action.pk}"))


def compare(request, network, pk):
    mentorship = _mentorship(request, pk)
    plan = _plan_or_404(mentorship)
    try:
        older = selectors.get_version(plan, int(request.GET.get("from", "")))
        newer = selectors.get_version(plan, int(request.GET.get("to", "")))
    except ValueError:
        older = newer = None
    if older is None or newer is None:
        messages.error(request, _("Choose two versions to compare."))
        return redirect(_url(mentorship, "#versions"))
    if not request.user.has_perm("actionplans.view_plan", mentorship):
        raise PermissionDenied
    return render(request, "actionplans/compare.html", {
        "mentorship": mentorship, "programme": mentorship.programme, "older": older, "newer": newer,
        "changes": _labelled(services.compare(older.snapshot, newer.snapshot)),
    })


def _labelled(changes):
    """Field names as column names and values as people read them (lists of numbers, statuses)."""
    labels = field_labels()

    def shown(name, value):
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        if name == "progress" and value:
            return ProgressStatus(value).label
        return value

    for change in changes["changed"]:
        change["fields"] = [(labels[name], shown(name, before), shown(name, after))
                            for name, before, after in change["fields"]]
    return changes


def field_labels():
    """Column names for the comparison, from the model's (translated) field names."""
    names = [*services.ROW_FIELDS, "needs", "key_factors", "progress", "progress_note"]
    return {name: capfirst(Action._meta.get_field(name).verbose_name) for name in names}
