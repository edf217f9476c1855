"""Who may do what in a network. Every access decision about networks is made here.

Predicates take (user, network). The membership is looked up once per request and cached on the
user object by `membership_for`, so checking several permissions costs one query at most.
"""

import rules
from django.utils.functional import empty
from django_scopes import scopes_disabled

from .models import Membership, Role

_CACHE_ATTR = "_network_memberships"


def _unwrapped(user):
    """request.user is a lazy wrapper, while permission checks receive the User inside it:
    cache on the User itself so that both share one lookup."""
    wrapped = getattr(user, "_wrapped", None)
    return user if wrapped is None or wrapped is empty else wrapped


def membership_for(user, network):
    """The user's membership of `network`, or None. Cached on the user object."""
    if network is None or not getattr(user, "is_authenticated", False):
        return None
    user = _unwrapped(user)
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if network.pk not in cache:
        with scopes_disabled():  # looking up membership is what decides the scope
            cache[network.pk] = Membership.objects.filter(network=network, user=user).first()
    return cache[network.pk]


def remember_memberships(users, network_id):
    """Look up the memberships of many users of one network in one query and cache each on its
    user, as `membership_for` would one by one: asking each of them a permission then costs no
    query (notifications ask it of everyone around a mentorship)."""
    users = [_unwrapped(user) for user in users]
    missing = [user for user in users if network_id not in user.__dict__.get(_CACHE_ATTR, {})]
    if not missing:
        return
    with scopes_disabled():
        found = {m.user_id: m for m in Membership.objects.filter(network_id=network_id,
                                                                 user__in=[u.pk for u in missing])}
    for user in missing:
        user.__dict__.setdefault(_CACHE_ATTR, {})[network_id] = found.get(user.pk)


def forget_memberships(user):
    _unwrapped(user).__dict__.pop(_CACHE_ATTR, None)


@rules.predicate
def is_network_member(user, network):
    return membership_for(user, network) is not None


def _has_role(*roles):
    @rules.predicate(name=f"has_network_role:{'|'.join(roles)}")
    def predicate(user, network):
        membership = membership_for(user, network)
        return membership is not None and membership.role in roles

    return predicate


is_network_admin = _has_role(Role.ADMIN)
is_network_coordinator = _has_role(Role.ADMIN, Role.COORDINATOR)
is_site_operator = rules.is_superuser

rules.add_perm("tenancy.view_network", is_network_member | is_site_operator)
rules.add_perm("tenancy.manage_members", is_network_admin | is_site_operator)
rules.add_perm("tenancy.change_network", is_network_admin | is_site_operator)
rules.add_perm("tenancy.view_members", is_network_member | is_site_operator)
# /healthz?deep=1 holds a web worker up to 10 s waiting for a Celery worker: staff only (or the
# monitoring token, see tenancy/health.py).
rules.add_perm("tenancy.run_deep_health_check", rules.is_staff)
