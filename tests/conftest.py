"""Shared fixtures. Data is built with scopes disabled (as pretix does); the code under test runs
with scopes active, so an unscoped query in a view or service raises ScopeError."""

import pytest
from django_scopes import scopes_disabled

from tests.factories import MembershipFactory, NetworkFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_caches(settings):
    """allauth's rate limits live in the cache: every test starts with a clean one."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request as a Latvian reader leaves Latvian active in the thread (the middleware activates
    a language per request and a server activates the next request's): a test that follows and
    calls a service directly must not read its messages in Latvian."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def network_a(db):
    return NetworkFactory(slug="network-a", name="Network A")


@pytest.fixture
def network_b(db):
    return NetworkFactory(slug="network-b", name="Network B")


def _member(network, role, email):
    user = UserFactory(email=email)
    MembershipFactory(network=network, user=user, role=role)
    return user


@pytest.fixture
def admin_a(network_a):
    return _member(network_a, "admin", "admin@a.example")


@pytest.fixture
def member_a(network_a):
    return _member(network_a, "member", "member@a.example")


@pytest.fixture
def admin_b(network_b):
    return _member(network_b, "admin", "admin@b.example")


@pytest.fixture
def no_scopes():
    with scopes_disabled():
        yield
