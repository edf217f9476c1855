"""The action plan page is kept whole for its reader until anything in its network is written
(programmes.tenancy.pagecache). Whatever way the data changes — the page's own forms, a service,
a queryset update, raw SQL, a command outside any network, a deletion — the next reading shows
it; a lost role closes the page at once; each session gets its own CSRF token; a message shows
once; a new day renders the page again."""

import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from programmes.actionplans.models import Action
from programmes.directory.models import Association
from programmes.mentorships.models import Mentorship, Participant
from programmes.tenancy import fragments

from .conftest import add, person
from .test_pages import _row, _url


def _kept(reply):
    """A page served as kept renders no template."""
    return reply.status_code == 200 and not reply.templates


def _without_tokens(html):
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]*"', "", html)


def test_a_page_read_again_is_served_as_kept_and_reads_the_same(client, mentorship, mentee, plan):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    first, again = client.get(_url(mentorship)), client.get(_url(mentorship))
    assert not _kept(first) and _kept(again)
    assert _without_tokens(again.content.decode()) == _without_tokens(first.content.decode())
    assert fragments.placeholder() not in again.content.decode()


def _by_save(mentorship):
    with scope(network=mentorship.network):
        mentorship.title = "Renamed by save"
        mentorship.save()


def _by_queryset_update(mentorship):
    with scope(network=mentorship.network):
        Mentorship.objects.filter(pk=mentorship.pk).update(title="Renamed by update")


def _by_raw_sql(mentorship):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE mentorships_mentorship SET title = %s WHERE id = %s", ["Renamed by raw SQL", mentorship.pk])


def _by_a_command_outside_any_network(mentorship):
    with scopes_disabled():
        Mentorship.objects.filter(pk=mentorship.pk).update(title="Renamed by a command")


@pytest.mark.parametrize("change", [_by_save, _by_queryset_update, _by_raw_sql, _by_a_command_outside_any_network])
def test_a_change_made_any_way_shows_at_the_next_reading(client, mentorship, mentee, plan, change):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    client.get(_url(mentorship))
    assert _kept(client.get(_url(mentorship)))
    change(mentorship)
    page = client.get(_url(mentorship)).content.decode()
    assert "Renamed by" in page and "Levadia – Jelgava" not in page


def test_a_deleted_row_is_gone_at_the_next_reading(client, mentorship, mentee, plan):
    action = add(plan, "Buddy scheme")
    client.force_login(mentee)
    client.get(_url(mentorship))
    with scope(network=plan.network):
        Action.objects.filter(pk=action.pk).delete()
    assert "Buddy scheme" not in client.get(_url(mentorship)).content.decode()


def test_a_write_in_another_network_keeps_the_page(client, network_b, mentorship, mentee, plan):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    client.get(_url(mentorship))
    with scope(network=network_b):
        Association.objects.create(network=network_b, name="Flemish cities", acronym="VVSG", country="BE")
    assert _kept(client.get(_url(mentorship)))


def test_losing_the_role_closes_the_page_at_once(client, mentorship, mentee, plan):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    assert client.get(_url(mentorship)).status_code == 200
    with scope(network=plan.network):
        Participant.objects.filter(user=mentee).delete()
    assert client.get(_url(mentorship)).status_code in {403, 404}


def test_the_same_person_in_two_sessions_posts_with_each_sessions_token(network_a, mentorship, mentee, plan):
    row = add(plan, "Buddy scheme")
    sessions = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    for session in sessions:
        session.force_login(mentee)
    replies = [session.get(_url(mentorship)) for session in sessions]
    assert not _kept(replies[0]) and _kept(replies[1]), "the second session is served the page kept for the first"
    for number, (session, reply) in enumerate(zip(sessions, replies, strict=True)):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', reply.content.decode()).group(1)
        posted = session.post(_url(mentorship, "action_comment", action_pk=row.pk),
                              {"text": f"Comment {number}", "csrfmiddlewaretoken": token})
        assert posted.status_code == 302, "a kept page must carry the token of the session reading it"


def test_a_message_shows_once_and_the_page_after_it_is_current(client, mentorship, mentee, plan):
    client.force_login(mentee)
    client.get(_url(mentorship))
    reply = client.post(_url(mentorship, "action_add"), _row(action="Language café"), follow=True)
    messages = [str(message) for message in reply.context["messages"]]
    assert messages and all(text in reply.content.decode() for text in messages)
    again = client.get(_url(mentorship)).content.decode()
    assert "Language café" in again and not any(text in again for text in messages)


def test_a_new_day_renders_the_page_again(client, mentorship, mentee, plan):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    client.get(_url(mentorship))
    assert _kept(client.get(_url(mentorship)))
    with time_machine.travel(timezone.now() + timezone.timedelta(days=1)):
        assert not _kept(client.get(_url(mentorship)))


def test_a_reader_in_another_language_gets_their_own_page(client, network_a, mentorship, mentee, plan):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    assert "Add a comment" in client.get(_url(mentorship)).content.decode()
    italian = person(network_a, mentorship, "mentee_team", language="it")
    reader = Client()
    reader.force_login(italian)
    page = reader.get(_url(mentorship)).content.decode()
    assert "Aggiungi un commento" in page and "Add a comment" not in page
