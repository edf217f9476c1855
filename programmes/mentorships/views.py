"""Programme and mentorship pages. Thin: the rule from rules.py, the change from services.py."""

import copy

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.core.access import form_status, require
from programmes.core.addresses import link_to
from programmes.core.choices import choice_labels
from programmes.core.errors import DomainError
from programmes.core.history import HISTORY_LENGTH, history_entries

from . import selectors, services
from .forms import (
    FacilitatorForm,
    MentorshipContentForm,
    MentorshipForm,
    MilestoneForm,
    ParticipantInviteForm,
    ProgrammeForm,
)
from .models import MentorshipCity, Participant

# --- Programmes ----------------------------------------------------------------------------

def programme_list(request, network):
    require(request, "mentorships.view_programmes")
    return render(request, "mentorships/programme_list.html", {
        "programmes": selectors.programmes_for(request.user, request.network),
        "can_add": request.user.has_perm("mentorships.add_programme", request.network),
    })


def programme_create(request, network):
    require(request, "mentorships.add_programme")
    form = ProgrammeForm(request.POST or None, network=request.network)
    if request.method == "POST" and form.is_valid():
        programme = services.create_programme(network=request.network, by=request.user, **form.values)
        messages.success(request, _("The programme was created with the method's milestones: adjust their dates."))
        return redirect("programme_detail", network=network, pk=programme.pk)
    return render(request, "mentorships/programme_form.html", {"form": form}, status=form_status(form))


def programme_edit(request, network, pk):
    programme = selectors.get_programme(request.network, pk)
    require(request, "mentorships.change_programme", programme)
    form = ProgrammeForm(request.POST or None, instance=copy.copy(programme), network=request.network)
    if request.method == "POST" and form.is_valid():
        services.update_programme(programme, by=request.user, **form.values)
        messages.success(request, _("The programme was saved."))
        return redirect("programme_detail", network=network, pk=pk)
    return render(request, "mentorships/programme_form.html", {"form": form, "programme": programme},
                  status=form_status(form))


# --- Milestones and facilitators ---------------------------------------------------------

def milestone_edit(request, network, programme_pk, pk=None):
    programme = selectors.get_programme(request.network, programme_pk)
    require(request, "mentorships.change_programme", programme)
    milestone = selectors.get_milestone(programme, pk) if pk else None
    form = MilestoneForm(request.POST or None, instance=copy.copy(milestone), network=request.network,
                         programme=programme)
    if request.method == "POST" and form.is_valid():
        services.save_milestone(programme, milestone=milestone, by=request.user, **form.values)
        messages.success(request, _("The milestone was saved."))
        return redirect("programme_detail", network=network, pk=programme.pk)
    return render(request, "mentorships/milestone_form.html",
                  {"form": form, "programme": programme, "milestone": milestone}, status=form_status(form))


@require_POST
def milestone_delete(request, network, programme_pk, pk):
    programme = selectors.get_programme(request.network, programme_pk)
    require(request, "mentorships.change_programme", programme)
    milestone = selectors.get_milestone(programme, pk)
    services.delete_milestone(milestone, by=request.user)
    messages.success(request, _("The milestone was deleted."))
    return redirect("programme_detail", network=network, pk=programme.pk)


@require_POST
def facilitator_add(request, network, pk):
    programme = selectors.get_programme(request.network, pk)
    require(request, "mentorships.change_programme", programme)
    form = FacilitatorForm(request.POST, candidates=selectors.facilitator_candidates(programme))
    if form.is_valid():
        services.add_facilitator(programme, user=form.cleaned_data["user"], by=request.user)
        messages.success(request, _("The facilitator was added to the programme."))
    else:
        messages.error(request, _("Choose one of the network's facilitators."))
    return redirect("programme_detail", network=network, pk=pk)


@require_POST
def facilitator_remove(request, network, programme_pk, pk):
    programme = selectors.get_programme(request.network, programme_pk)
    require(request, "mentorships.change_programme", programme)
    services.remove_facilitator(selectors.get_facilitator(programme, pk), by=request.user)
    messages.success(request, _("The facilitator was removed from the programme."))
    return redirect("programme_detail", network=network, pk=programme.pk)


# --- Mentorships ----------------------------------------------------------------------------

def mentorship_create(request, network, programme_pk):
    programme = selectors.get_programme(request.network, programme_pk)
    require(request, "mentorships.change_programme", programme)
    return _mentorship_form(request, programme, mentorship=None)


def mentorship_edit(request, network, pk):
    mentorship = selectors.get_mentorship(request.network, pk)
    require(request, "mentorships.change_mentorship", mentorship)
    return _mentorship_form(request, mentorship.programme, mentorship=mentorship)


def _mentorship_form(request, programme, *, mentorship):
    initial = MentorshipForm.initial_for(mentorship) if mentorship else None
    form = MentorshipForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mentorship = services.save_mentorship(
            programme, mentorship=mentorship, title=data["title"], focus=data["focus"], phase=data["phase"],
            places=form.places(), by=request.user,
        )
        messages.success(request, _("The mentorship was saved."))
        return redirect("mentorship_detail", network=programme.network.slug, pk=mentorship.pk)
    return render(request, "mentorships/mentorship_form.html",
                  {"form": form, "programme": programme, "mentorship": mentorship}, status=form_status(form))


def mentorship_detail(request, network, pk):
    mentorship = selectors.get_mentorship_page(request.network, pk)
    require(request, "mentorships.view_mentorship", mentorship)
    user = request.user
    can_manage_participants = user.has_perm("mentorships.manage_participants", mentorship)
    participants = list(mentorship.participants.all())
    users = {p.user_id: p.user for p in participants}
    return render(request, "mentorships/mentorship_detail.html", {
        "mentorship": mentorship,
        "programme": mentorship.programme,
        "places": _places_for_display(mentorship.cities.all()),
        "participants": _participants_for_display(participants),
        "milestones": _milestones_for_display(request.network, mentorship),
        "can_see_content": user.has_perm("mentorships.view_mentorship_content", mentorship),
        "can_change_content": user.has_perm("mentorships.change_mentorship_content", mentorship),
        "can_change": user.has_perm("mentorships.change_mentorship", mentorship),
        "can_see_plan": user.has_perm("actionplans.view_plan", mentorship),
        "can_record": user.has_perm("mentorships.record_milestone", mentorship),
        "can_manage_participants": can_manage_participants,
        "invite_form": ParticipantInviteForm() if can_manage_participants else None,
        "pending": selectors.pending_invitations(mentorship) if can_manage_participants else [],
        "history": history_entries(selectors.recent_history(mentorship), limit=HISTORY_LENGTH),
        "participant_history": history_entries(
            selectors.recent_participant_history(mentorship), limit=HISTORY_LENGTH,
            subject=lambda record: str(users.get(record.user_id) or _("a former participant")),
        ),
    })


def _milestones_for_display(network, mentorship, today=None):
    """The milestones with their name, dates and record link as ready strings: the template
    otherwise built the name (a choices label) twice, and a link and two dates, per milestone."""
    today = today or timezone.localdate()
    milestones = selectors.milestones_with_done(mentorship)
    record_link = link_to("milestone_record", key="milestone_pk", network=network.slug, pk=mentorship.pk)
    for milestone in milestones:
        milestone.name = str(milestone)
        milestone.due = date_format(milestone.due_date, "DATE_FORMAT")
        milestone.done_label = (_("Done on %(date)s") % {"date": date_format(milestone.done_on, "SHORT_DATE_FORMAT")}
                                if milestone.done_on else "")
        milestone.is_overdue = not milestone.done_on and milestone.due_date < today
        milestone.record_url = record_link(milestone.pk)
    return milestones


def _places_for_display(places):
    sides = choice_labels(MentorshipCity, "side")
    places = list(places)
    for place in places:
        place.side_label = sides.get(place.side, place.side)
    return places


def _participants_for_display(participants):
    roles = choice_labels(Participant, "role")
    for participant in participants:
        participant.role_label = roles.get(participant.role, participant.role)
    return participants


def mentorship_content(request, network, pk):
    mentorship = selectors.get_mentorship(request.network, pk)
    require(request, "mentorships.change_mentorship_content", mentorship)
    form = MentorshipContentForm(request.POST or None, initial={
        "private_notes": mentorship.private_notes, "shared_summary": mentorship.shared_summary,
    })
    if request.method == "POST" and form.is_valid():
        services.update_mentorship_content(mentorship, by=request.user, **form.cleaned_data)
        messages.success(request, _("The notes were saved."))
        return redirect("mentorship_detail", network=network, pk=pk)
    return render(request, "mentorships/mentorship_content_form.html", {"form": form, "mentorship": mentorship},
                  status=form_status(form))


@require_POST
def milestone_record(request, network, pk, milestone_pk):
    mentorship = selectors.get_mentorship(request.network, pk)
    require(request, "mentorships.record_milestone", mentorship)
    milestone = selectors.get_milestone(mentorship.programme, milestone_pk)
    done = request.POST.get("done") == "1"
    services.record_milestone(mentorship, milestone, done=done, by=request.user)
    messages.success(request, _("“%(milestone)s” is marked as done.") % {"milestone": milestone} if done
                     else _("“%(milestone)s” is open again.") % {"milestone": milestone})
    return redirect("mentorship_detail", network=network, pk=pk)


def participant_invite(request, network, pk):
    mentorship = selectors.get_mentorship(request.network, pk)
    require(request, "mentorships.manage_participants", mentorship)
    form = ParticipantInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invite_participant(mentorship, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error("email", str(error.message))
        else:
            if isinstance(result, Participant):
                messages.success(request, _("%(person)s now takes part in the mentorship and was told by e-mail.")
                                 % {"person": result.user.display_name})
            else:
                messages.success(request, _("An invitation was sent to %(email)s.") % {"email": result.email})
            return redirect("mentorship_detail", network=network, pk=pk)
    return render(request, "mentorships/participant_form.html", {"form": form, "mentorship": mentorship},
                  status=form_status(form))


def participant_remove(request, network, pk, participant_pk):
    mentorship = selectors.get_mentorship(request.network, pk)
    require(request, "mentorships.manage_participants", mentorship)
    participant = selectors.get_participant(mentorship, participant_pk)
    if request.method != "POST":
        return render(request, "mentorships/participant_remove.html",
                      {"mentorship": mentorship, "participant": participant})
    services.remove_participant(participant, by=request.user)
    messages.success(request, _("%(person)s no longer takes part in the mentorship.")
                     % {"person": participant.user.display_name})
    return redirect("mentorship_detail", network=network, pk=pk)
