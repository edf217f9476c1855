from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from programmes.tenancy.models import Invitation, Membership, Network
from tests.factories import UserFactory


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
