import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from programmes.directory.models import Association, City
from programmes.mentorships.models import Mentorship, Participant
from programmes.tenancy.demo import DEMO_PASSWORD
from programmes.tenancy.models import Membership, Network


def test_seed_demo_is_idempotent(db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    assert "admin@inclucities.example" in output
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
