"""A title, a place or a follow-up is one line: a line break or a NUL typed (or forged) into it is
refused beside the field, with what was typed kept, because it would end up in a calendar's
SUMMARY or an e-mail's Subject (issue 17, finding 6)."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from programmes.visits import services
from programmes.visits.models import AgendaItem, FollowUp, Visit
from tests.visits import test_visits
from tests.visits.test_visits import _form, _url, _visit

mentorship = test_visits.mentorship
mentee = test_visits.mentee
FORGED = ["Set-up\r\nBcc: x@evil.example", "Set-up\nDTSTART:19700101", "Set-up\rX", "Set-up\x00"]
ONE_LINE = "Write this on one line: line breaks and control characters are not allowed."


@pytest.mark.parametrize("title", FORGED)
def test_a_visit_title_with_a_line_break_is_refused_beside_the_field(client, mentorship, mentee, title):
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "visit_create"), _form(title=title, objectives="Agree the first actions"))
    page = reply.content.decode()
    assert reply.status_code == 400
    assert ONE_LINE in page or "Null characters are not allowed." in page
    assert "Agree the first actions" in page
    assert "Set-up" in page
    with scopes_disabled():
        assert not Visit.objects.exists()


def test_venue_and_objectives_keep_their_lines(client, mentorship, mentee):
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "visit_create"), _form(venue="Town hall\r\nPiazza Municipio 1",
                                                                objectives="One\r\nTwo"))
    assert reply.status_code == 302


@pytest.mark.parametrize("field", ["title", "place", "lead"])
def test_an_agenda_item_keeps_to_one_line(client, mentorship, mentee, field):
    visit = _visit(mentorship)
    client.force_login(mentee)
    values = {"day": "1", "time": "", "title": "Welcome", "description": "Line one\r\nLine two", "place": "",
              "lead": "", field: "Welcome\r\nBcc: x@evil.example"}
    reply = client.post(_url(mentorship, "visit_agenda_add", visit_pk=visit.pk), values)
    assert reply.status_code == 400
    assert ONE_LINE in reply.content.decode()
    with scopes_disabled():
        assert not AgendaItem.objects.filter(title="Welcome").exists()


def test_a_follow_up_keeps_to_one_line_and_says_why_it_was_refused(client, mentorship, mentee):
    visit = _visit(mentorship)
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "visit_follow_up_add", visit_pk=visit.pk),
                        {"text": "Ask the mayor\r\nBcc: x@evil.example", "owner": "Giulia", "due_on": ""}, follow=True)
    assert ONE_LINE in reply.content.decode()
    with scopes_disabled():
        assert not FollowUp.objects.exists()


def test_the_service_refuses_a_line_break_in_a_title_too(mentorship):
    visit = _visit(mentorship)
    with scope(network=mentorship.network), pytest.raises(ValidationError):
        services.update_visit(visit, values={"title": "Set-up\nBcc: x@evil.example"}, by=None)
