"""Rows of the action plan are kept rendered between readings (programmes.tenancy.fragments).
What a reader sees must never be someone else's or out of date: a changed row, a new comment, a
moved row, a renamed author, another reader's rights, language or CSRF token all show at once."""

import re

import pytest
from django.test import Client
from django_scopes import scope

from programmes.actionplans import services
from programmes.tenancy import fragments

from .conftest import add, person
from .test_pages import _url


def _rows_rendered(reply):
    return sum(1 for template in reply.templates if template.name == "actionplans/_row.html")


def test_a_plan_read_again_renders_no_row_and_reads_the_same(client, mentorship, mentee, plan):
    for number in range(5):
        add(plan, f"Action {number}")
    client.force_login(mentee)
    first = client.get(_url(mentorship))
    again = client.get(_url(mentorship))
    assert _rows_rendered(first) == 5 and _rows_rendered(again) == 0
    strip = lambda html: re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]*"', "", html)  # noqa: E731
    assert strip(again.content.decode()) == strip(first.content.decode())


def test_an_edited_commented_and_moved_row_shows_at_once(client, network_a, mentorship, mentee, plan):
    first, second = add(plan, "Buddy scheme"), add(plan, "Language café")
    client.force_login(mentee)
    client.get(_url(mentorship))
    with scope(network=network_a):
        services.update_action(first, values={"action": "Buddy scheme", "lead": "Social services"},
                               based_on_version=1, by=mentee)
        services.comment(second, text="Which budget?", by=mentee)
        services.move_action(second, direction=-1, by=mentee)
    reply = client.get(_url(mentorship))
    page = reply.content.decode()
    assert _rows_rendered(reply) == 2
    assert "Social services" in page and "Which budget?" in page and "1 comment" in page
    assert page.index("Language café") < page.index("Buddy scheme")
    # The row now last lost its "Move down", the row now first its "Move up".
    assert f'id="down-{first.pk}"' not in page and f'id="up-{first.pk}"' in page
    assert f'id="up-{second.pk}"' not in page and f'id="down-{second.pk}"' in page


def test_each_reader_sees_their_own_rights_and_language(client, network_a, mentorship, mentee, plan):
    add(plan, "Buddy scheme")
    mentor = person(network_a, mentorship, "mentor_team", language="it")
    client.force_login(mentee)
    assert "Remove" in client.get(_url(mentorship)).content.decode()
    reader = Client(HTTP_ACCEPT_LANGUAGE="it")
    reader.force_login(mentor)
    page = reader.get(_url(mentorship)).content.decode()
    assert "Buddy scheme" in page and ">Remove<" not in page and "Move" not in page
    assert "Aggiungi un commento" in page and "Add a comment" not in page


def test_every_form_carries_the_readers_own_token(network_a, mentorship, mentee, plan):
    row = add(plan, "Buddy scheme")
    mentor = person(network_a, mentorship, "mentor_team")
    tokens = {}
    for account in (mentee, mentor):
        reader = Client(enforce_csrf_checks=True)
        reader.force_login(account)
        page = reader.get(_url(mentorship)).content.decode()
        assert fragments.placeholder() not in page
        tokens[account.pk] = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
        token = next(iter(tokens[account.pk]))
        reply = reader.post(_url(mentorship, "action_comment", action_pk=row.pk),
                            {"text": f"From {account.pk}", "csrfmiddlewaretoken": token})
        assert reply.status_code == 302, "the token in a cached row must be the reader's own"
    assert not tokens[mentee.pk] & tokens[mentor.pk]


@pytest.mark.parametrize("change", ["rename", "delete"])
def test_a_comment_shows_its_authors_new_name(client, network_a, mentorship, mentee, plan, change):
    row = add(plan, "Buddy scheme")
    author = person(network_a, mentorship, "mentor_team", full_name="Ilze Kalniņa")
    with scope(network=network_a):
        services.comment(row, text="Which budget?", by=author)
    client.force_login(mentee)
    assert "Ilze Kalniņa" in client.get(_url(mentorship)).content.decode()
    if change == "rename":
        author.full_name = "Ilze Ozola"
        author.save()
        expected = "Ilze Ozola"
    else:
        author.delete()
        expected = "a former participant"
    page = client.get(_url(mentorship)).content.decode()
    assert expected in page and "Ilze Kalniņa" not in page


def test_a_login_keeps_the_rendered_rows(client, mentorship, mentee, plan):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    client.get(_url(mentorship))
    other = Client()
    other.force_login(mentee)  # saves last_login only
    assert _rows_rendered(client.get(_url(mentorship))) == 0
