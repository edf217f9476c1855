"""A cache that does not answer costs nothing a person sees: every page renders, sign-in works and
every write is kept. The production set-up (CACHE_URL=redis://…) is pointed at a closed port."""

import importlib

import pytest
from django.core.cache import caches
from django.urls import reverse
from django_scopes import scope

from programmes.actionplans import services
from programmes.actionplans.models import Action
from tests.actionplans.conftest import mentorship, person, plan  # noqa: F401  (fixtures)

CLOSED = "redis://127.0.0.1:9/1"  # the discard port: nothing listens there


@pytest.fixture
def unreachable_cache(settings, monkeypatch):
    """The CACHES the settings module builds from CACHE_URL, with that URL pointing nowhere."""
    monkeypatch.setenv("CACHE_URL", CLOSED)
    import mentoring.settings as production_settings

    try:
        built = importlib.reload(production_settings).CACHES
    finally:
        monkeypatch.delenv("CACHE_URL")
        importlib.reload(production_settings)
    assert built["default"]["BACKEND"] == "mentoring.cache.RedisOrProcessMemory"
    settings.CACHES = built
    yield
    for cache in caches.all():
        cache.close()


def test_pages_sign_in_and_writes_work_while_the_cache_is_down(unreachable_cache, client, network_a,
                                                               mentorship, plan):  # noqa: F811 (fixtures)
    caches["default"].set("anything", 1)
    assert caches["default"].get("anything") == 1  # answered from process memory, not raised
    mentee = person(network_a, mentorship, "mentee_team", email="eleni@example.org")
    mentee.set_password("a-long-password-2026")
    mentee.save()
    assert client.get(reverse("account_login")).status_code == 200
    signed_in = client.post(reverse("account_login"), {"login": "eleni@example.org",
                                                       "password": "a-long-password-2026"})
    assert signed_in.status_code == 302, "sign-in counts failed attempts in the cache: it must still work"
    slug = network_a.slug
    for url in (reverse("network_home", kwargs={"network": slug}),
                reverse("mentorship_detail", kwargs={"network": slug, "pk": mentorship.pk}),
                reverse("action_plan", kwargs={"network": slug, "pk": mentorship.pk}),
                reverse("needs_analysis", kwargs={"network": slug, "pk": mentorship.pk})):
        assert client.get(url).status_code == 200, url
    added = client.post(reverse("action_add", kwargs={"network": slug, "pk": mentorship.pk}),
                        {"action": "Buddy scheme"})
    assert added.status_code == 302
    with scope(network=network_a):
        assert Action.objects.filter(plan=plan, action="Buddy scheme").exists()
        services.add_action(plan, values={"action": "Language café"}, by=None)  # a plain service call too
    client.force_login(person(network_a, mentorship, None, network_role="coordinator"))
    dashboard = reverse("programme_detail", kwargs={"network": slug, "pk": mentorship.programme_id})
    assert client.get(dashboard).status_code == 200
