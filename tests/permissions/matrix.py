"""How the role matrix asks: one request per cell, in a savepoint rolled back after it, so every
person meets the same data; the database compared before and after to see what changed."""

import hashlib

from django.apps import apps
from django.db import connection, transaction
from django.test import Client

from tests.isolation.test_every_url import POST_ONLY

from .payloads import PAYLOADS

# Tables a request may write whoever asks: the session of the person signed in.
NOT_COMPARED = {"django_session"}

# The URL patterns that take a POST: buttons, and forms the page shows.
REMOVALS = {
    "network_remove_member", "directory_association_delete", "directory_city_delete", "directory_contact_delete",
    "participant_remove", "support_group_member_remove",
}
POST_ACTIONS = POST_ONLY | REMOVALS | set(PAYLOADS) | {"good_practice_create", "good_practice_edit"}


def _tables():
    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)
                   if model._meta.managed and model._meta.db_table not in NOT_COMPARED})


def database_state():
    """A digest per table of every row: any insert, update or delete shows. Read with one plain
    query a table (the matrix reads it thousands of times)."""
    state = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            state[table] = hashlib.sha1(repr(cursor.fetchall()).encode()).hexdigest()
    return state


def changed_tables(before, after):
    return sorted(table for table in before if before[table] != after[table])


def signed_in_clients(actors):
    clients = {}
    for column, user in actors.items():
        clients[column] = Client()
        clients[column].force_login(user)
    return clients


def outcome(client, method, url, data, *, before):
    """(code, changed tables) of one request, then undone. Codes: the status, or "sign in" for a
    redirect to the sign-in page, "ok" for a POST that answered 200 or 302 and changed data."""
    with transaction.atomic():
        response = client.post(url, data) if method == "POST" else client.get(url)
        changed = changed_tables(before, database_state()) if before is not None else []
        transaction.set_rollback(True)
    code = str(response.status_code)
    if code == "302" and "/accounts/login/" in response.get("Location", ""):
        code = "sign in"
    elif method == "POST" and code in {"200", "302"} and changed:
        code = "ok"
    return code, changed
