"""The action plan page: rows edited inline with htmx (and as plain forms without JavaScript),
reordered without a reload, the workflow with its versions, comments and progress per row."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import apply_change, form_status, require
from programmes.core.limits import COMMENT, TextRefused, posted_text
from programmes.mentorships import selectors as mentorship_selectors
from programmes.mentorships.models import CitySide, by_side
from programmes.notifications.mentions import candidates_url, report_not_told

from . import display, selectors, services
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


def _context(request, mentorship, plan, **extra):
    """What the plan page shows, rows included: one template pass renders them all."""
    user = request.user
    rows = _rows_context(request, mentorship, plan)
    sides = by_side(mentorship.cities.all())
    return {
        **rows,
        "programme": mentorship.programme,
        "mentees": [p.city for p in sides[CitySide.MENTEE]],
        "mentors": [p.city for p in sides[CitySide.MENTOR]],
        "versions": selectors.versions(plan) if plan else [],
        "can_approve": plan is not None and plan.status == PlanStatus.FINAL
        and user.has_perm("actionplans.record_approval", mentorship),
        "transitions": _transitions_for(user, mentorship, plan),
        # The add form is open on an empty plan; on a plan with rows it loads when asked for
        # (action_add), as a row's forms do.
        "add_form": extra.pop("add_form", None)
        or (_action_form(mentorship) if rows["can_edit"] and not rows.get("rows") else None),
        "approval_form": extra.pop("approval_form", None) or ApprovalForm(),
        **extra,
    }


def _rows_context(request, mentorship, plan):
    """What the table's body shows: the plan's rows, with what each row needs. A move or a
    removal answers with this alone."""
    context = _row_context(request, mentorship, plan)
    if plan is not None:
        actions = selectors.actions(plan)
        context.update(rows=display.table_rows(actions, _row_tools(context)))
    return context


def _row_context(request, mentorship, plan):
    """What a row needs besides itself: the reader's rights, the base of its links (one reverse()
    here instead of five per row)."""
    user = request.user
    return {
        "mentorship": mentorship, "plan": plan,
        "actions_url": _actions_url(request, mentorship),
        "show_progress": plan is not None and plan.is_approved,
        "can_edit": user.has_perm("actionplans.edit_plan", mentorship)
        and (plan is None or plan.status == PlanStatus.DRAFT),
        "can_comment": (can_comment := user.has_perm("actionplans.comment", mentorship)),
        "mention_url": candidates_url(request.network.slug, mentorship.pk) if can_comment else "",
        "can_progress": plan is not None and plan.is_approved
        and user.has_perm("actionplans.record_progress", mentorship),
    }


def _row_tools(context):
    return display.RowTools(actions_url=context["actions_url"],
                            can_edit=context["can_edit"], can_comment=context["can_comment"],
                            can_progress=context["can_progress"], show_progress=context["show_progress"])


def _actions_url(request, mentorship):
    """The base of a row's links: relative ("actions/") in the plan page itself, where 100 rows
    carry seven links each, and the full path anywhere else (a form's own page, the page sent back
    with errors to the address it was posted to). An htmx answer goes into the page it names."""
    plan_url = _url(mentorship)
    actions_url = reverse("action_add", kwargs={"network": request.network.slug, "pk": mentorship.pk})
    document = urlsplit(request.htmx.current_url).path if request.htmx and request.htmx.current_url else request.path
    return actions_url.removeprefix(plan_url) if document == plan_url else actions_url


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


def plan_page(request, network, pk):
    mentorship = _mentorship(request, pk)
    plan = selectors.plan_of(mentorship)  # None until the first action is added: reading writes nothing
    return render(request, "actionplans/plan.html", _context(request, mentorship, plan))


def _rows_fragment(request, mentorship, plan):
    return render_to_string("actionplans/_rows.html", _rows_context(request, mentorship, plan), request=request)


def action_add(request, network, pk):
    """GET: the add form, into the plan page (htmx) or as a page of its own. POST: a new row; the
    first one starts the plan."""
    mentorship = _mentorship(request, pk, "actionplans.edit_plan")
    if request.method != "POST":
        plan = selectors.plan_of(mentorship)
        if plan is not None and plan.status != PlanStatus.DRAFT:  # said as the service would say it
            messages.error(request, services.PlanFrozenError.message)
            return redirect(_url(mentorship, "#actions"))
        context = {"mentorship": mentorship, "programme": mentorship.programme, "add_form": _action_form(mentorship)}
        if request.htmx:
            return HttpResponse(render_to_string("actionplans/_add_form.html", context, request=request))
        return render(request, "actionplans/action_add.html", {**context, "standalone": True})
    plan = services.plan_for(mentorship)
    form = _action_form(mentorship, request.POST)
    if form.is_valid():
        if apply_change(request, lambda: services.add_action(plan, values=form.values, by=request.user,
                                                             **form.links)):
            if request.htmx:  # a fresh add form for the next row, the rows and the plan's state
                context = _context(request, mentorship, plan, add_form=_action_form(mentorship))
                # The first action starts the plan: its status and next step change with the rows.
                html = render_to_string("actionplans/_add_form.html", context, request=request) + "".join(
                    render_to_string(f"actionplans/{part}.html", {**context, "oob": True}, request=request)
                    for part in ("_rows", "_summary", "_workflow"))
                return HttpResponse(html)
            messages.success(request, _("The action was added."))
        return redirect(_url(mentorship, "#actions"))
    context = _context(request, mentorship, plan, add_form=form)
    if request.htmx:
        return HttpResponse(render_to_string("actionplans/_add_form.html", context, request=request))
    return render(request, "actionplans/plan.html", context, status=400)


def action_edit(request, network, pk, action_pk):
    mentorship = _mentorship(request, pk, "actionplans.edit_plan")
    plan = _plan_or_404(mentorship)
    action = selectors.get_action(plan, action_pk)
    form = _action_form(mentorship, request.POST or None, instance=action)
    context = {"mentorship": mentorship, "programme": mentorship.programme, "plan": plan, "row": action,
               "form": form, "version": action.version, "row_count": selectors.row_count(plan),
               "actions_url": _actions_url(request, mentorship)}
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
    context = _row_context(request, mentorship, plan)
    tools = _row_tools(context)
    return HttpResponse(display.table_rows(selectors.actions(plan, [action_pk]), tools)[0])


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
    return _after_rows_change(request, mentorship, plan)


def _after_rows_change(request, mentorship, plan):
    if request.htmx:
        return HttpResponse(_rows_fragment(request, mentorship, plan))
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


def progress(request, network, pk, action_pk):
    """The progress form of one row: loaded into the row on demand (htmx), or a page of its own;
    a refused entry comes back with the reason beside the field and what was typed."""
    mentorship = _mentorship(request, pk, "actionplans.record_progress")
    plan = _plan_or_404(mentorship)
    action = selectors.get_action(plan, action_pk)
    if not plan.is_approved:  # nothing to record yet: said as the service says it
        messages.error(request, services.ProgressBeforeApprovalError.message)
        return redirect(_url(mentorship, f"#action-{action.pk}"))
    if request.method == "POST":
        form = ProgressForm(request.POST)
        if form.is_valid():
            apply_change(request, lambda: services.record_progress(
                action, progress=form.cleaned_data["progress"], note=form.cleaned_data["progress_note"],
                on=form.cleaned_data["progress_on"], by=request.user), _("The progress was recorded."))
            return redirect(_url(mentorship, f"#action-{action.pk}"))
    else:
        form = ProgressForm(initial={"progress": action.progress, "progress_note": action.progress_note,
                                     "progress_on": action.progress_on})
    heading = _("Progress of action %(number)s") % {"number": action.position}
    return _row_tool(request, mentorship, plan, action, "actionplans/_progress_form.html",
                     {"form": form, "heading": heading}, status=form_status(form))


def comment(request, network, pk, action_pk):
    """The comment form of one row, like the progress form: on demand, or a page of its own."""
    mentorship = _mentorship(request, pk, "actionplans.comment")
    plan = _plan_or_404(mentorship)
    action = selectors.get_action(plan, action_pk)
    text, error = "", None
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            text = posted_text(request.POST, "text", limit=COMMENT)
        except TextRefused as refused:
            error = refused.message
        else:
            if text:
                added = services.comment(action, text=text, by=request.user)
                messages.success(request, _("Your comment was added."))
                report_not_told(request, added.told, _("%(name)s cannot read this action plan, so was not told."))
                return redirect(_url(mentorship, f"#action-{action.pk}"))
            error = _("Write a comment before sending it.")
    heading = _("Comment on action %(number)s") % {"number": action.position}
    return _row_tool(request, mentorship, plan, action, "actionplans/_comment_form.html",
                     {"text": text, "error": error, "heading": heading,
                      "comments": selectors.comments(action)}, status=400 if error else 200)


def _row_tool(request, mentorship, plan, action, fragment, extra, status):
    context = {**_row_context(request, mentorship, plan), "row": action, "fragment": fragment, **extra}
    if request.htmx and request.method == "GET":
        return HttpResponse(render_to_string(fragment, context, request=request))
    return render(request, "actionplans/row_tool.html", context, status=status)


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
