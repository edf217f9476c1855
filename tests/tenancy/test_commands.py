import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scope, scopes_disabled

from programmes.directory.models import Association, City
from programmes.mentorships.models import Mentorship, Participant
from programmes.tenancy.demo import DEMO_PASSWORD
from programmes.tenancy.models import Invitation, Membership, Network
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_create_network_invites_its_first_admin(db, capsys, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_network", "eurocities", "Eurocities Mentoring", admin="chief@eurocities.example")
    output = capsys.readouterr().out
    assert "Created network 'Eurocities Mentoring' at /eurocities/" in output
    assert "/accounts/invitations/" in output
    network = Network.objects.get(slug="eurocities")
    with scope(network=network):
        assert Invitation.objects.get().role == "admin"
    assert mailoutbox[0].to == ["chief@eurocities.example"]


def test_create_network_appoints_an_existing_account(db, capsys):
    user = UserFactory(email="chief@example.org")
    call_command("create_network", "urbact", "URBACT", admin="chief@example.org")
    with scopes_disabled():
        assert Membership.objects.get(user=user).role == "admin"


def test_seed_demo_is_idempotent(db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output and "admin@inclucities.example" in output
    with scopes_disabled():
        assert Network.objects.count() == 2
        # a person per network role, plus one per programme role in Capaci – Mechelen
        assert Membership.objects.filter(network__slug="inclucities").count() == 4 + 6
        assert Membership.objects.filter(network__slug="demo-associations").count() == 5
        assert City.objects.filter(network__slug="inclucities").count() == 8
        assert Association.objects.filter(network__slug="inclucities").count() == 7
        assert Mentorship.objects.filter(programme__title="IncluCities").count() == 4
        assert Participant.objects.filter(mentorship__title="Capaci – Mechelen").count() == 6
        community = Mentorship.objects.get(programme__network__slug="demo-associations")
        assert community.cities.filter(side="peer").count() == 3


def test_seed_demo_login_works(client, db):
    call_command("seed_demo")
    response = client.post("/accounts/login/", {"login": "admin@inclucities.example", "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/inclucities/"


def test_seed_demo_refused_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refused in production"):
        call_command("seed_demo")


def _production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="mentoring.settings",
        SECRET_KEY="a-production-secret-key-that-is-long-and-random-0123456789abcdefgh",
        ALLOWED_HOSTS="mentoring.example.org",
        **extra,
    )
    return env


def test_production_settings_pass_the_deploy_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=_production_env(CACHE_URL="redis://cache.internal:6379/1"), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_shared_cache_is_warned_by_the_deploy_check():
    env = _production_env()
    env.pop("CACHE_URL", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert "tenancy.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    env.pop("SECRET_KEY")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
