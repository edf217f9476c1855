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
