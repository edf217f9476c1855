import re

import pytest
from django.core.mail import EmailMessage
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def mail_to_files(tmp_path, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    return tmp_path


def test_development_mailbox_shows_invitation_links_to_staff_only(client, db, mail_to_files):
    EmailMessage("You are invited", "Open http://127.0.0.1:8000/accounts/invitations/abc/", to=["x@example.org"]).send()
    client.force_login(UserFactory(is_staff=True))
    listing = client.get(reverse("devmail_list")).content.decode()
    assert "You are invited" in listing
    key = re.search(r'href="/dev/mail/([^/"]+)/"', listing).group(1)
    detail = client.get(reverse("devmail_detail", kwargs={"key": key})).content.decode()
    assert '<a href="http://127.0.0.1:8000/accounts/invitations/abc/"' in detail

    client.force_login(UserFactory())
    assert client.get(reverse("devmail_list")).status_code == 302
