import pytest
from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django_scopes import ScopeError, scope

from programmes.tenancy.models import Membership, Network
from programmes.tenancy.tasks import NetworkTask, count_members

ATTEMPTS = []


@shared_task(base=NetworkTask, bind=True, max_retries=1)
def _fails_once(self, *, network):
    ATTEMPTS.append(network.slug)
    if len(ATTEMPTS) == 1:
        raise self.retry(exc=RuntimeError("the mail server is busy"), countdown=0)
    return Membership.objects.count()


def test_suite_runs_with_test_settings():
    assert settings.DJANGO_ENV == "test"


def test_query_without_a_scope_raises_instead_of_leaking(admin_a):
    with pytest.raises(ScopeError):
        list(Membership.objects.all())


def test_scope_shows_only_that_networks_rows(network_a, network_b, admin_a, admin_b):
    with scope(network=network_a):
        emails = [m.user.email for m in Membership.objects.all()]
    assert emails == ["admin@a.example"]


def test_tenant_task_runs_inside_its_networks_scope(network_a, network_b, admin_a, member_a, admin_b):
    assert count_members.apply(kwargs={"network_id": network_a.pk}).get() == 2
    assert count_members.apply(kwargs={"network_id": network_b.pk}).get() == 1


def test_a_tenant_task_retries_in_its_own_network(network_a, network_b, admin_a, member_a, admin_b):
    ATTEMPTS.clear()
    assert _fails_once.apply(kwargs={"network_id": network_a.pk}).get() == 2
    assert ATTEMPTS == ["network-a", "network-a"]


@pytest.mark.parametrize("slug", ["admin", "accounts", "static", "healthz", "i18n", "media", "Admin"])
def test_reserved_slugs_are_refused(db, slug):
    with pytest.raises(ValidationError) as error:
        Network(slug=slug, name="x").full_clean()
    assert "reserved" in str(error.value)


def test_create_network_command_refuses_a_reserved_slug(db):
    with pytest.raises(CommandError, match="reserved"):
        call_command("create_network", "admin", "Admin network", admin="someone@example.org")


def _tenant_models():
    from django.apps import apps

    for model in apps.get_models():
        field = next((f for f in model._meta.get_fields() if f.name == "network" and f.many_to_one), None)
        if field is not None and field.related_model is Network:
            yield model


def test_every_model_with_a_network_refuses_unscoped_queries(db):
    models = list(_tenant_models())
    assert len(models) >= 3  # Membership, Invitation, AuditEntry, and every later tenant model
    for model in models:
        with pytest.raises(ScopeError):
            list(model.objects.all())
        # simple-history copies foreign keys as nullable columns so that history outlives deletions.
        is_history = any(f.name == "history_id" for f in model._meta.fields)
        assert is_history or not model._meta.get_field("network").null, f"{model.__name__}.network must not be null"
