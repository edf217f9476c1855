"""Whole pages kept until their network's data changes (programmes.tenancy.pagecache): which
statements renew which token, that a transaction renews it again when it commits, that the
tokens are shared between processes in the embedded set-up, and that every main page is kept
and follows a write in its network. The action plan page's cases are in
tests/actionplans/test_kept_pages.py."""

import json
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from programmes.directory.models import Association
from programmes.perf import seed
from programmes.tenancy import pagecache
from programmes.tenancy.models import Membership
from tests.factories import MembershipFactory, NetworkFactory


@pytest.mark.parametrize(("sql", "in_scope", "renews"), [
    ('SELECT "actionplans_action"."id" FROM "actionplans_action"', True, False),
    ('SAVEPOINT "s1"', True, False),
    ('INSERT INTO "actionplans_action" ("network_id") VALUES (%s) RETURNING "id"', True, "network-a"),
    ('UPDATE "questionnaires_answer" SET "text" = %s', True, "network-a"),
    ('DELETE FROM "visits_visit" WHERE "id" IN (%s)', True, "network-a"),
    ('INSERT OR IGNORE INTO "visits_reminderdelivery" ("network_id") VALUES (%s)', True, "network-a"),
    ('UPDATE "actionplans_action" SET "position" = %s', False, None),  # a command: every network
    ('UPDATE "accounts_user" SET "full_name" = %s', True, None),  # a name shows in every network
    ('DELETE FROM "tenancy_membership" WHERE "id" = %s', True, None),  # the network switcher
    ('UPDATE "tenancy_network" SET "name" = %s', True, None),
    ('UPDATE "django_session" SET "session_data" = %s', True, False),
    ("SET TIME ZONE 'UTC'", True, False),
    ("CREATE TABLE whatever (id integer)", False, None),
])
def test_each_statement_renews_the_token_of_what_it_changes(network_a, sql, in_scope, renews):
    if in_scope:
        with scope(network=network_a):
            assert pagecache.network_written(sql) == renews
    else:
        with scopes_disabled():
            assert pagecache.network_written(sql) == renews


def test_an_update_that_matches_nothing_renews_nothing(network_a):
    before = pagecache.tokens("network-a")
    with scope(network=network_a):
        Association.objects.filter(pk=-1).update(name="nobody")
    assert pagecache.tokens("network-a") == before
    with scope(network=network_a):
        Association.objects.create(network=network_a, name="Flemish cities", acronym="VVSG", country="BE")
    assert pagecache.tokens("network-a")[1] != before[1]


def test_a_reminder_sweep_with_nothing_due_renews_nothing(network_a):
    from programmes.visits import reminders

    before = pagecache.tokens("network-a")
    assert reminders.sweep(enqueue=lambda delivery_id: None) == []
    assert pagecache.tokens("network-a") == before


def test_an_insert_that_meets_its_row_renews_nothing(network_a):
    association = Association.objects.create(network=network_a, name="ANCI", acronym="ANCI", country="IT")
    before = pagecache.tokens("network-a")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO directory_association (id, network_id, name, acronym, country, website, notes) "
                       "VALUES (%s, %s, 'ANCI', 'ANCI', 'IT', '', '') ON CONFLICT DO NOTHING",
                       [association.pk, network_a.pk])
    assert pagecache.tokens("network-a") == before


def test_a_transaction_renews_the_token_again_when_it_commits(network_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, scope(network=network_a), transaction.atomic():
        for acronym in ("VVSG", "ANCI"):
            Association.objects.create(network=network_a, name=acronym, acronym=acronym, country="BE")
        written = pagecache.tokens("network-a")
    assert len(callbacks) == 1, "many writes, one renewal at commit"
    callbacks[0]()
    assert pagecache.tokens("network-a")[1] != written[1]


def test_a_write_through_a_raw_cursor_renews_the_token(network_a):
    before = pagecache.tokens("network-a")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE tenancy_network SET name = %s WHERE id = %s", ["Renamed", network_a.pk])
    assert pagecache.tokens("network-a")[0] != before[0]


def test_a_composed_statement_from_a_raw_cursor_counts_as_a_change_to_everything(network_a):
    """psycopg's composed SQL is not a string to look into: the wrapper assumes the worst."""

    class Composed:
        def __str__(self):
            return "UPDATE tenancy_network SET name = 'Renamed'"

    renewals, cursor = [], type("Cursor", (), {"rowcount": 0})()
    with mock.patch.object(pagecache, "data_changed", lambda slug=None: renewals.append(slug)):
        result = pagecache._renew_on_write(lambda *args: "done", Composed(), None, False,
                                           {"cursor": cursor, "connection": connection})
    assert result == "done" and renewals == [None]


def test_in_the_embedded_set_up_another_process_renews_the_tokens_this_one_reads(settings, tmp_path):
    """The worker and the scheduler write too: their renewals must reach the web process."""
    settings.CACHES = {**settings.CACHES, "shared": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "cache" / "shared")}}
    before = pagecache.tokens("network-a")
    worker = ("import django; django.setup(); from programmes.tenancy import pagecache; "
              "pagecache.data_changed('network-a')")
    subprocess.run([sys.executable, "-c", worker], check=True, cwd=django_settings.BASE_DIR, env={
        "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "mentoring.settings", "DJANGO_ENV": "development",
        "VAR_DIR": str(tmp_path)})
    after = pagecache.tokens("network-a")
    assert after[0] == before[0] and after[1] != before[1]


def test_the_embedded_default_shares_the_tokens_and_bounds_the_pages_in_memory(tmp_path):
    embedded = subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "import json; print(json.dumps(settings.CACHES))"], check=True, capture_output=True, text=True,
                              cwd=django_settings.BASE_DIR, env={"PATH": "/usr/bin:/bin", "VAR_DIR": str(tmp_path),
                                                                 "DJANGO_SETTINGS_MODULE": "mentoring.settings"})
    caches = json.loads(embedded.stdout)
    assert caches["shared"]["BACKEND"].endswith("FileBasedCache"), "worker and scheduler renew tokens too"
    assert caches["pages"]["BACKEND"].endswith("LocMemCache") and caches["pages"]["OPTIONS"]["MAX_ENTRIES"] <= 1000


@pytest.fixture
def seeded(db):
    with scopes_disabled():
        return seed.seed_network("network-a", seed.SMALL)


def _main_pages(seeded):
    first = seeded.mentorships[0]

    def of(name, pk=first.pk):
        return reverse(name, kwargs={"network": seeded.network.slug, "pk": pk})

    return [
        (seeded.coordinator, reverse("network_home", kwargs={"network": seeded.network.slug})),
        (seeded.coordinator, of("programme_detail", first.programme_id)),
        (seeded.mentee, of("mentorship_detail")),
        (seeded.mentee, of("needs_analysis")),
        (seeded.mentee, of("action_plan")),
        (seeded.mentee, of("self_assessment")),
    ]


def test_every_main_page_is_kept_and_follows_a_write_in_its_network(seeded):
    readers = []
    for user, url in _main_pages(seeded):  # everyone signs in first: a sign-in is a write too
        reader = Client()
        reader.force_login(user)
        readers.append((reader, url))
    for reader, url in readers:
        first, again = reader.get(url), reader.get(url)
        assert first.templates and again.status_code == 200 and not again.templates, f"{url} is kept"
    with scope(network=seeded.network):
        Association.objects.filter(network=seeded.network).update(notes="Seen by the coordinator")
    for reader, url in readers:
        assert reader.get(url).templates, f"{url} renders again after a write in its network"


def test_a_network_left_elsewhere_leaves_the_switcher_of_a_kept_page(network_a, member_a):
    other = NetworkFactory(slug="network-c", name="Network C")
    MembershipFactory(network=other, user=member_a, role="member")
    reader = Client()
    reader.force_login(member_a)
    home = reverse("network_home", kwargs={"network": "network-a"})
    assert "Network C" in reader.get(home).content.decode()
    with scope(network=other):  # the other network's coordinator removes them there
        Membership.objects.filter(network=other, user=member_a).delete()
    assert "Network C" not in reader.get(home).content.decode()


def test_a_kept_page_is_no_door_for_another_network(network_b, admin_b, member_a):
    reader = Client()
    reader.force_login(member_a)
    home = reverse("network_home", kwargs={"network": "network-a"})
    assert reader.get(home).status_code == 200
    intruder = Client()
    intruder.force_login(admin_b)
    assert intruder.get(home).status_code == 404


def test_an_htmx_request_is_never_answered_with_a_kept_page(network_a, member_a):
    reader = Client()
    reader.force_login(member_a)
    home = reverse("network_home", kwargs={"network": "network-a"})
    reader.get(home)
    assert reader.get(home, HTTP_HX_REQUEST="true").templates
