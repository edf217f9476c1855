"""What the notification tests make the same way: people of a mentorship, and notifications made
as the product makes them (notify(), in the network's scope)."""

from contextlib import nullcontext

from django_scopes import scope

from programmes.notifications.models import Notification
from programmes.notifications.services import notify
from tests.factories import MembershipFactory, ParticipantFactory, UserFactory

PERM = "mentorships.view_mentorship"


def participant(mentorship, email, *, role="mentee_team", **extra):
    """A member of the network taking part in `mentorship`, named after their address."""
    user = UserFactory(email=email, full_name=email.split("@")[0].title(), **extra)
    MembershipFactory(network=mentorship.network, user=user)
    ParticipantFactory(network=mentorship.network, mentorship=mentorship, user=user, role=role)
    return user


def tell(mentorship, people, *, event="comment.answer", key="comment:1", by=None, title="Housing needs",
         commit=None):
    """notify() as a document app calls it, in the network's scope; returns the rows it wrote.
    `commit` (django_capture_on_commit_callbacks) runs what is queued on commit, still in the scope,
    as the request's transaction does; without it nothing is queued."""
    with scope(network=mentorship.network):
        with commit(execute=True) if commit else nullcontext():
            notify(event, target=mentorship, perm=PERM,
                   link=f"/{mentorship.network.slug}/mentorships/{mentorship.pk}/", key=key, people=people, by=by,
                   mentorship=mentorship, params={"title": title, "excerpt": "We need more social housing."})
        return list(Notification.objects.filter(event_key=key).order_by("recipient__email"))


def notification_for(user, mentorship, *, event="visit.planned", title="A visit", key=None):
    """An unread notification of `user` about `mentorship` (call it inside the network's scope)."""
    key = key or f"test:{event}:{user.pk}:{mentorship.pk}:{title}"
    notify(event, target=mentorship, perm=PERM,
           link=f"/{mentorship.network.slug}/mentorships/{mentorship.pk}/", key=key,
           people=[user], mentorship=mentorship, params={"title": title})
    return Notification.objects.get(recipient=user, event_key=key)
