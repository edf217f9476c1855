"""Every change to programmes, milestones, mentorships and participants. One function per use case.

History rows (django-simple-history) record who changed a programme, mentorship or participant;
the acting user comes from the request, or from `by=` when there is none.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from programmes.core.values import assign
from programmes.tenancy import services as tenancy_services
from programmes.tenancy.models import Invitation, Membership, Role
from programmes.tenancy.services import audit

from . import emails
from .errors import (
    AlreadyInvitedToMentorshipError,
    AlreadyParticipantError,
    NotAPairError,
    PendingNetworkInvitationError,
)
from .models import (
    CitySide,
    Mentorship,
    MentorshipCity,
    MentorshipInvitation,
    Milestone,
    MilestoneDone,
    MilestoneKind,
    Participant,
    Programme,
    ProgrammeFacilitator,
    ProgrammeRole,
)
from .signals import facilitator_removed, participant_removed, programme_created


def _by(instance, user):
    instance._history_user = user  # simple-history records the actor even outside a request
    return instance


# --- Programmes and milestones -------------------------------------------------------------

def default_milestones(programme):
    """The method's calendar, spread evenly over the programme: the coordinator then adjusts it."""
    steps = [(MilestoneKind.NEEDS_ANALYSIS, None), (MilestoneKind.MATCHING, None), (MilestoneKind.TRAINING, None)]
    steps += [(MilestoneKind.VISIT, number) for number in range(1, programme.planned_visits + 1)]
    steps += [(MilestoneKind.ACTION_PLAN, None), (MilestoneKind.APPROVAL, None)]
    span = (programme.end_date - programme.start_date).days
    return [
        Milestone(
            network=programme.network, programme=programme, kind=kind, visit_number=number,
            due_date=programme.start_date + timedelta(days=round(span * (index + 1) / len(steps))),
        )
        for index, (kind, number) in enumerate(steps)
    ]


@transaction.atomic
def create_programme(*, network, by, **values):
    """A new programme of `network` with the method's milestones; `values` are its fields, as
    ProgrammeForm validates them. Receivers of `programme_created` add what they need (visits:
    the default reminder rules)."""
    programme = _by(Programme(network=network), by)
    assign(programme, values)
    programme.save()
    Milestone.objects.bulk_create(default_milestones(programme))
    programme_created.send(sender=type(programme), programme=programme)
    audit(programme.network, by=by, action="programme.created", subject=programme.title)
    return programme


@transaction.atomic
def update_programme(programme, *, by, **values):
    """Change the fields given in `values`; the audit entry names those whose value changed."""
    changed = assign(programme, values)
    _by(programme, by).save()
    audit(programme.network, by=by, action="programme.changed", subject=programme.title, fields=changed)
    return programme


@transaction.atomic
def save_milestone(programme, *, milestone=None, by, **values):
    """Add a milestone to `programme`, or change `milestone`, with the fields in `values`."""
    milestone = milestone or Milestone(network=programme.network, programme=programme)
    assign(milestone, values)
    milestone.save()
    audit(milestone.network, by=by, action="milestone.saved", subject=str(milestone), due=str(milestone.due_date))
    return milestone


@transaction.atomic
def delete_milestone(milestone, *, by):
    audit(milestone.network, by=by, action="milestone.deleted", subject=str(milestone))
    milestone.delete()


@transaction.atomic
def add_facilitator(programme, *, user, by):
    facilitator, _created = ProgrammeFacilitator.objects.get_or_create(
        network=programme.network, programme=programme, user=user
    )
    audit(programme.network, by=by, action="programme.facilitator_added", subject=user.email, programme=programme.pk)
    return facilitator


@transaction.atomic
def remove_facilitator(facilitator, *, by):
    audit(facilitator.network, by=by, action="programme.facilitator_removed", subject=facilitator.user.email)
    facilitator.delete()
    facilitator_removed.send(sender=type(facilitator), user_id=facilitator.user_id, network=facilitator.network)


# --- Mentorships -----------------------------------------------------------------------------

@transaction.atomic
def save_mentorship(programme, *, mentorship=None, title, focus, phase, places, by):
    """Create or update a mentorship with its cities: `places` is [(side, city, association)]."""
    mentorship = mentorship or Mentorship(network=programme.network, programme=programme)
    created = mentorship.pk is None
    mentorship.title, mentorship.focus, mentorship.phase = title, focus, phase
    _by(mentorship, by).save()
    wanted = {(side, city.pk, association.pk if association else None) for side, city, association in places}
    current = {(p.side, p.city_id, p.association_id): p for p in mentorship.cities.all()}
    for key, place in current.items():
        if key not in wanted:
            place.delete()
    for side, city, association in places:
        if (side, city.pk, association.pk if association else None) not in current:
            MentorshipCity.objects.create(
                network=programme.network, mentorship=mentorship, city=city, association=association, side=side
            )
    audit(programme.network, by=by, action=f"mentorship.{'created' if created else 'changed'}", subject=title)
    return mentorship


@transaction.atomic
def update_mentorship_content(mentorship, *, private_notes, shared_summary, by):
    mentorship.private_notes, mentorship.shared_summary = private_notes, shared_summary
    _by(mentorship, by).save(update_fields=["private_notes", "shared_summary"])
    return mentorship


@transaction.atomic
def record_milestone(mentorship, milestone, *, done, by):
    if done:
        MilestoneDone.objects.get_or_create(
            network=mentorship.network, mentorship=mentorship, milestone=milestone,
            defaults={"done_on": timezone.localdate(), "recorded_by": by},
        )
    else:
        MilestoneDone.objects.filter(mentorship=mentorship, milestone=milestone).delete()
    audit(mentorship.network, by=by, action="milestone.done" if done else "milestone.reopened",
          subject=f"{mentorship} – {milestone}")


# --- Participants ----------------------------------------------------------------------------

@transaction.atomic
def invite_participant(mentorship, *, email, role, is_lead, language, by):
    """Add a network member to the mentorship at once, or invite a newcomer by e-mail.

    Returns the Participant (member added) or the Invitation (e-mail sent).
    """
    email = email.strip().lower()
    network = mentorship.network
    if mentorship.participants.filter(user__email__iexact=email).exists():
        raise AlreadyParticipantError()
    pending = Invitation.objects.pending().filter(network=network, email__iexact=email)
    if MentorshipInvitation.objects.filter(mentorship=mentorship, invitation__in=pending).exists():
        raise AlreadyInvitedToMentorshipError()
    member = Membership.objects.filter(network=network, user__email__iexact=email).select_related("user").first()
    if member is not None:
        participant = _by(Participant(network=network, mentorship=mentorship, user=member.user, role=role,
                                      is_lead=is_lead), by)
        participant.save()
        audit(network, by=by, action="participant.added", subject=email, mentorship=mentorship.pk, role=role)
        transaction.on_commit(lambda: emails.send_added_to_mentorship(participant))
        return participant
    if pending.exists():
        raise PendingNetworkInvitationError()
    with translation.override(language):
        purpose = _("You are invited to the mentorship “%(mentorship)s” of the programme “%(programme)s” as %(role)s.") % {
            "mentorship": mentorship.title, "programme": mentorship.programme.title,
            "role": ProgrammeRole(role).label,
        }
    invitation = tenancy_services.invite_member(
        network, email=email, role=Role.MEMBER, language=language, by=by, purpose=purpose
    )
    MentorshipInvitation.objects.create(
        network=network, invitation=invitation, mentorship=mentorship, role=role, is_lead=is_lead
    )
    return invitation


def join_mentorship_from_invitation(invitation, *, user):
    """Invitation hook: an accepted invitation that carries a mentorship adds the participant."""
    grant = MentorshipInvitation.objects.filter(invitation=invitation).select_related("mentorship").first()
    if grant is None:
        return
    participant = Participant.objects.filter(mentorship=grant.mentorship, user=user).first()
    if participant is None:
        _by(Participant(network=invitation.network, mentorship=grant.mentorship, user=user, role=grant.role,
                        is_lead=grant.is_lead), user).save()


@transaction.atomic
def remove_participant(participant, *, by):
    audit(participant.network, by=by, action="participant.removed", subject=participant.user.email,
          mentorship=participant.mentorship_id)
    _by(participant, by).delete()
    participant_removed.send(sender=Participant, user_id=participant.user_id, mentorship_id=participant.mentorship_id)



# --- Matching --------------------------------------------------------------------------------

@transaction.atomic
def choose_mentor(mentorship, city, *, by):
    """Make `city` (with its association) the mentorship's mentor city, replacing any other: the
    coordinator's decision after reading the matching assistant's reasons."""
    places = list(mentorship.cities.all())
    if not any(p.side == CitySide.MENTEE for p in places):
        raise NotAPairError()
    if any(p.city_id == city.pk and p.side == CitySide.MENTEE for p in places):
        raise NotAPairError()
    replaced = [p for p in places if p.side == CitySide.MENTOR and p.city_id != city.pk]
    for place in replaced:
        place.delete()
    if not any(p.side == CitySide.MENTOR and p.city_id == city.pk for p in places):
        MentorshipCity.objects.create(network=mentorship.network, mentorship=mentorship, city=city,
                                      association=city.association, side=CitySide.MENTOR)
    audit(mentorship.network, by=by, action="mentorship.mentor_chosen", subject=f"{mentorship} – {city}",
          fields=[str(p.city) for p in replaced])
    return mentorship
