"""Visit and meeting pages of a mentorship, and training sessions of a programme. The same views
serve both; `where` (from the URL) says whose visits they are, and the rules differ."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import form_status, require
from programmes.core.ids import parse_id
from programmes.core.limits import LONG_TEXT, TextRefused, posted_text
from programmes.mentorships import selectors as mentorship_selectors
from programmes.mentorships.models import CitySide, by_side

from . import selectors, services
from .calendar import ics
from .forms import AgendaItemForm, FollowUpForm, VisitForm
from .models import VisitKind, VisitStatus
from .reminders import selectors as reminder_selectors

MENTORSHIP_KINDS = [k for k in VisitKind.values if k != VisitKind.TRAINING]


@dataclass
class Where:
    """Whose visits a page shows and what the person may do there."""

    kind: str  # "mentorship" or "programme"
    subject: object
    programme: object
    can_plan: bool
    can_report: bool
    network_slug: str

    @property
    def mentorship(self):
        return self.subject if self.kind == "mentorship" else None

    def url(self, name="", **kwargs):
        prefix = "visit" if self.kind == "mentorship" else "training"
        return reverse(f"{prefix}_{name}" if name else f"{prefix}_list",
                       kwargs={"network": self.network_slug, "pk": self.subject.pk, **kwargs})


def _where(request, where, pk):
    if where == "mentorship":
        mentorship = mentorship_selectors.get_mentorship(request.network, pk)
        require(request, "visits.view_visits", mentorship)
        has = request.user.has_perm
        return Where("mentorship", mentorship, mentorship.programme, has("visits.plan_visits", mentorship),
                     has("visits.write_report", mentorship), request.network.slug)
    programme = mentorship_selectors.get_programme(request.network, pk)
    require(request, "visits.view_training", programme)
    can_plan = request.user.has_perm("visits.plan_training", programme)
    return Where("programme", programme, programme, can_plan, can_plan, request.network.slug)


def _visit(request, place, visit_pk):
    scope = {"mentorship": place.subject} if place.kind == "mentorship" else {"programme": place.subject,
                                                                               "mentorship__isnull": True}
    return selectors.get_visit(request.network, visit_pk, **scope)


def _require_plan(place):
    if not place.can_plan:
        raise PermissionDenied


def _outside_programme(place, values):
    programme = place.programme
    return values["starts_at"].date() < programme.start_date or values["ends_at"].date() > programme.end_date


def visit_list(request, network, pk, where):
    place = _where(request, where, pk)
    visits = selectors.visits_of(place.subject) if place.mentorship else selectors.trainings_of(place.subject)
    now = timezone.now()
    return render(request, "visits/list.html", {
        "place": place, "mentorship": place.mentorship, "programme": place.programme,
        "upcoming": [v for v in visits if v.ends_at >= now], "past": [v for v in visits if v.ends_at < now],
        "follow_ups": selectors.open_follow_ups(place.subject) if place.mentorship else [],
    })


def visit_create(request, network, pk, where):
    place = _where(request, where, pk)
    _require_plan(place)
    kinds = MENTORSHIP_KINDS if place.mentorship else [VisitKind.TRAINING]
    mentees = by_side(place.mentorship.cities.all())[CitySide.MENTEE] if place.mentorship else []
    mentee = mentees[0].city_id if mentees else None
    form = VisitForm(request.POST or None, cities=selectors.host_cities(place.programme, place.mentorship), kinds=kinds,
                     initial={"kind": kinds[0], "host_city": mentee, "time_zone": "Europe/Brussels"})
    if request.method == "POST" and form.is_valid():
        visit = services.plan_visit(programme=place.programme, mentorship=place.mentorship, values=form.values,
                                    by=request.user)
        messages.success(request, _("“%(visit)s” is planned.") % {"visit": visit.name})
        if _outside_programme(place, form.values):
            messages.warning(request, _("It is outside the programme's dates (%(start)s – %(end)s).") % {
                "start": place.programme.start_date, "end": place.programme.end_date})
        return redirect(place.url("detail", visit_pk=visit.pk))
    return render(request, "visits/form.html", {"place": place, "mentorship": place.mentorship,
                                                "programme": place.programme, "form": form},
                  status=form_status(form))


def visit_edit(request, network, pk, visit_pk, where):
    place = _where(request, where, pk)
    _require_plan(place)
    visit = _visit(request, place, visit_pk)
    kinds = MENTORSHIP_KINDS if place.mentorship else [VisitKind.TRAINING]
    form = VisitForm(request.POST or None, cities=selectors.host_cities(place.programme, place.mentorship), kinds=kinds, initial=VisitForm.initial_for(visit))
    if request.method == "POST" and form.is_valid():
        services.update_visit(visit, values=form.values, by=request.user)
        messages.success(request, _("The changes are saved; calendars that have the event will update it."))
        if _outside_programme(place, form.values):
            messages.warning(request, _("It is outside the programme's dates (%(start)s – %(end)s).") % {
                "start": place.programme.start_date, "end": place.programme.end_date})
        return redirect(place.url("detail", visit_pk=visit.pk))
    return render(request, "visits/form.html", {"place": place, "mentorship": place.mentorship,
                                                "programme": place.programme, "form": form, "visit": visit},
                  status=form_status(form))


def visit_detail(request, network, pk, visit_pk, where):
    place = _where(request, where, pk)
    visit = _visit(request, place, visit_pk)
    report = getattr(visit, "report", None)
    can_read_report = report is not None and request.user.has_perm("visits.read_report", report)
    return render(request, "visits/detail.html", {
        "place": place, "mentorship": place.mentorship, "programme": place.programme, "visit": visit,
        "report": report if can_read_report or place.can_report else None,
        "invitable": selectors.invitable_people(place.programme, place.mentorship), "invited": {p.user_id for p in visit.participants.all()},
        "follow_up_form": FollowUpForm() if place.can_report else None,
        "is_past": visit.ends_at < timezone.now(),
        "deliveries": reminder_selectors.deliveries(visit) if place.can_plan
        or request.user.has_perm("visits.plan_training", place.programme) else None,
    })


@require_POST
def visit_status(request, network, pk, visit_pk, status, where):
    place = _where(request, where, pk)
    _require_plan(place)
    if status not in VisitStatus.values:
        raise Http404
    visit = _visit(request, place, visit_pk)
    services.set_status(visit, status, by=request.user)
    texts = {VisitStatus.CANCELLED: _("The visit is cancelled; calendars that have it will remove it."),
             VisitStatus.PLANNED: _("The visit is planned again."), VisitStatus.HELD: _("The visit is marked as held.")}
    messages.success(request, texts[status])
    return redirect(place.url("detail", visit_pk=visit.pk))


def visit_ics(request, network, pk, visit_pk, where):
    place = _where(request, where, pk)
    visit = _visit(request, place, visit_pk)
    feed = ics.new_calendar(visit.name)
    feed.add_component(ics.visit_event(visit, url=request.build_absolute_uri(place.url("detail", visit_pk=visit.pk))))
    response = HttpResponse(ics.to_ics(feed), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(visit.name) or "visit"}.ics"'
    return response


def agenda_item(request, network, pk, visit_pk, where, item_pk=None):
    place = _where(request, where, pk)
    _require_plan(place)
    visit = _visit(request, place, visit_pk)
    item = selectors.get_agenda_item(visit, item_pk) if item_pk else None
    form = AgendaItemForm(request.POST or None, instance=item,
                          practices=selectors.agenda_good_practices(request.network),
                          key_factors=selectors.agenda_key_factors(place.programme))
    if request.method == "POST" and form.is_valid():
        services.save_agenda_item(visit, item=item, values=form.values,
                                  good_practices=list(form.cleaned_data["good_practices"]),
                                  key_factors=list(form.cleaned_data.get("key_factors") or []), by=request.user)
        messages.success(request, _("The agenda is saved."))
        return redirect(place.url("detail", visit_pk=visit.pk) + "#agenda")
    return render(request, "visits/agenda_form.html", {
        "place": place, "mentorship": place.mentorship, "programme": place.programme, "visit": visit,
        "item": item, "form": form}, status=form_status(form))


@require_POST
def agenda_delete(request, network, pk, visit_pk, item_pk, where):
    place = _where(request, where, pk)
    _require_plan(place)
    visit = _visit(request, place, visit_pk)
    services.delete_agenda_item(selectors.get_agenda_item(visit, item_pk), by=request.user)
    messages.success(request, _("The item was removed from the agenda."))
    return redirect(place.url("detail", visit_pk=visit.pk) + "#agenda")


@require_POST
def participants(request, network, pk, visit_pk, where):
    place = _where(request, where, pk)
    _require_plan(place)
    visit = _visit(request, place, visit_pk)
    chosen = {parse_id(value) for value in request.POST.getlist("user")}
    users = [user for user in selectors.invitable_people(place.programme, place.mentorship) if user.pk in chosen]
    services.invite(visit, users, by=request.user)
    messages.success(request, _("The list of participants is saved."))
    return redirect(place.url("detail", visit_pk=visit.pk) + "#participants")


@require_POST
def attendance(request, network, pk, visit_pk, where):
    place = _where(request, where, pk)
    _require_plan(place)
    visit = _visit(request, place, visit_pk)
    attended = [user_id for user_id in map(parse_id, request.POST.getlist("attended")) if user_id is not None]
    services.record_attendance(visit, attended, by=request.user)
    messages.success(request, _("Attendance is recorded."))
    return redirect(place.url("detail", visit_pk=visit.pk) + "#participants")


@require_POST
def report(request, network, pk, visit_pk, where):
    place = _where(request, where, pk)
    if not place.can_report:
        raise PermissionDenied
    visit = _visit(request, place, visit_pk)
    try:
        learned = posted_text(request.POST, "learned", limit=LONG_TEXT)
    except TextRefused as refused:
        messages.error(request, _("The visit report was not saved: %(reason)s") % {"reason": refused.message})
        return redirect(place.url("detail", visit_pk=visit.pk) + "#report")
    services.save_report(visit, learned=learned, shared=request.POST.get("shared") == "on", by=request.user)
    messages.success(request, _("The visit report is saved."))
    return redirect(place.url("detail", visit_pk=visit.pk) + "#report")


@require_POST
def follow_up_add(request, network, pk, visit_pk, where):
    place = _where(request, where, pk)
    if not place.can_report:
        raise PermissionDenied
    visit = _visit(request, place, visit_pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.add_follow_up(visit, **form.cleaned_data, by=request.user)
        messages.success(request, _("The follow-up is added."))
    else:  # the form sits on the visit page: the message says what was wrong with each field
        problems = [f"{form[name].label}: {error}" for name, errors in form.errors.items() for error in errors]
        messages.error(request, " ".join([_("A follow-up needs what is to be done and who does it."), *problems]))
    return redirect(place.url("detail", visit_pk=visit.pk) + "#follow-ups")


@require_POST
def follow_up_done(request, network, pk, visit_pk, follow_up_pk, where):
    place = _where(request, where, pk)
    if not place.can_report:
        raise PermissionDenied
    visit = _visit(request, place, visit_pk)
    services.complete_follow_up(selectors.get_follow_up(visit, follow_up_pk), by=request.user)
    messages.success(request, _("The follow-up is done."))
    return redirect(place.url("detail", visit_pk=visit.pk) + "#follow-ups")
