"""Who may be told about an object: the people around its mentorship, kept to those the object's
own permission lets read it. The permission is the one its page checks (a rules predicate, by
name), so that a coordinator, who sees a mentorship's status but not its private content, is
told about status changes and never about content."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from programmes.mentorships.models import Mentorship
from programmes.tenancy.models import Membership, Role

COORDINATING = (Role.ADMIN, Role.COORDINATOR)


def around(mentorship):
    """Everyone who may have a reason to hear about `mentorship`, in one query: its participants,
    its programme's facilitators and the network's coordinators and admins, still members and
    still active."""
    members = Membership.objects.filter(network_id=mentorship.network_id)
    return (get_user_model().objects
            .filter(is_active=True, memberships__in=members)
            .filter(Q(participations__mentorship=mentorship)
                    | Q(pk__in=mentorship.programme.facilitators.values("user_id"))
                    | Q(memberships__in=members.filter(role__in=COORDINATING)))
            .distinct())


def mentorship_with_people(mentorship_id):
    """The mentorship with what the rules predicates read (participants, facilitators, network)."""
    return (Mentorship.objects.select_related("programme__network", "network")
            .prefetch_related("participants", "programme__facilitators").get(pk=mentorship_id))


def may_read(user, perm, target):
    """The one question asked before anyone is told, and again before any e-mail leaves."""
    return user.is_active and user.has_perm(perm, target)
