"""Whole pages kept for their reader until anything in their network is written.

A main page (the network home, a dashboard, a mentorship, Annex 2, an action plan, a
self-assessment) is read far more often than its network changes: associations and mentors
reopen plans, coordinators the dashboard. Such a page is kept in the cache under a key made of
the reader, the address, their language, time zone and day, the release and two *data tokens*:
one for the network of the address, one for everything else. Any write to the database changes a
token, so no page outlives the data it was made from:

- The tokens change on the *database* side, not in models' signals: every INSERT, UPDATE or
  DELETE that touches a row, whatever made it (`save()`, `.update()`, bulk writes, cascades, raw
  SQL, the background worker), renews a token when it runs and again when its transaction
  commits, so a page read in between is not kept either.
- A write to a tenant table inside a network's scope renews that network's token; any other
  write (people, networks, work outside a scope) renews the token every page depends on.
- Tokens are taken when the request arrives, before the person, their rights or any data are
  read, and the page is kept only if they are unchanged once it is rendered.

Tokens must be shared by every process that writes (web, worker, scheduler): they live in the
"shared" cache, a file cache in the embedded set-up and Redis in production. Pages live in the
"pages" cache for `TIMEOUT`, which also bounds how long a time-based list ("coming up") can lag.
Forms on a kept page carry a placeholder instead of the reader's CSRF token, replaced with the
token of the session that reads it (as in fragments.py). Pages with messages to show, htmx
requests and anything but a plain GET are never kept.
"""

import functools
import hashlib
import re
import uuid

from django.apps import apps
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django_scopes import get_scope

from . import fragments
from .middleware import network_slug, render_now

TIMEOUT = 300  # seconds
EVERYTHING = "pagecache:token:all"
NOT_DATA = {"django_session"}  # written at sign-in and by messages; shown on no page
_READS = re.compile(r"\s*(SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|PRAGMA|SET|SHOW|EXPLAIN|VACUUM|ANALYZE)\b",
                    re.IGNORECASE)
_WRITTEN_TABLE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)


def _shared():
    return caches["shared"]


def _network_token_key(slug):
    return f"pagecache:token:network:{slug}"


# --- Tokens -------------------------------------------------------------------------------------

def data_changed(network_slug=None):
    """Renews the token of a network, or with no network the one every page depends on. A token is
    a random value, never a counter, so two writers at once can never land on the same one."""
    _shared().set(_network_token_key(network_slug) if network_slug else EVERYTHING, uuid.uuid4().hex, None)


def tokens(network_slug):
    keys = [EVERYTHING, _network_token_key(network_slug)]
    found = _shared().get_many(keys)
    for key in keys:
        if key not in found:  # new or evicted: any fresh value retires the pages kept under the old one
            _shared().add(key, uuid.uuid4().hex, None)
            found[key] = _shared().get(key)
    return tuple(found[key] for key in keys)


class TokensMiddleware:
    """Takes the data tokens of a GET inside a network first, before anything is read from the
    database for it (session, person, membership)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.page_tokens = None
        slug = network_slug(request) if request.method == "GET" else None
        if slug:
            request.page_tokens = (slug, tokens(slug))
        return self.get_response(request)


# --- Writes -------------------------------------------------------------------------------------

@functools.cache
def tenant_tables():
    """Tables whose every row belongs to one network and shows only in that network's pages: the
    tenant models and their history, less memberships, which every network's navigation shows
    (the switcher lists a person's networks)."""
    across_networks = {apps.get_model("tenancy", "Membership")}
    return frozenset(
        model._meta.db_table for model in apps.get_models(include_auto_created=True)
        if getattr(model, "instance_type", model) not in across_networks  # a history model: the model it records
        and any(field.name == "network" and field.is_relation and field.related_model._meta.label == "tenancy.Network"
                for field in model._meta.concrete_fields)
    )


def network_written(sql):
    """The network whose token a statement renews: its slug, None for the shared token, or False
    when the statement writes nothing that a page shows."""
    if not isinstance(sql, str):
        return None  # composed SQL from a raw cursor: assume it writes anything
    if _READS.match(sql):
        return False
    table = _WRITTEN_TABLE.match(sql)
    table = table and table.group(1)
    if table in NOT_DATA:
        return False
    scope = get_scope()
    network = scope.get("network") if scope.get("_enabled") else None
    if network is not None and table in tenant_tables():
        return network.slug
    return None


def _renew_on_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    slug = network_written(sql)
    if slug is not False and not _changed_nothing(sql, context["cursor"]):
        data_changed(slug)
        connection = context["connection"]
        if connection.in_atomic_block:
            renew = _RenewOnCommit(slug)
            if not any(callback == renew for _savepoints, callback, _robust in connection.run_on_commit):
                transaction.on_commit(renew, using=connection.alias)
    return result


def _changed_nothing(sql, cursor):
    """A write that touched no row (an UPDATE matching nothing, an INSERT … ON CONFLICT DO NOTHING
    that met its row). Not a statement with RETURNING: its row count is 0 until the rows are
    fetched."""
    return cursor.rowcount == 0 and isinstance(sql, str) and "RETURNING" not in sql.upper()


class _RenewOnCommit:
    """Renews a token again once the transaction is visible to readers; equal to another for the
    same token, so a transaction of many writes registers it once."""

    def __init__(self, slug):
        self.slug = slug

    def __call__(self):
        data_changed(self.slug)

    def __eq__(self, other):
        return isinstance(other, _RenewOnCommit) and other.slug == self.slug

    __hash__ = None


@receiver(connection_created, dispatch_uid="pagecache.watch_writes")
def _watch_writes(sender, connection, **kwargs):
    if _renew_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_renew_on_write)


# --- Pages --------------------------------------------------------------------------------------

def _key(request):
    snapshot = getattr(request, "page_tokens", None)
    if (snapshot is None or request.method != "GET" or getattr(request, "htmx", False)
            or request.network is None or snapshot[0] != request.network.slug or len(messages.get_messages(request))):
        return None
    parts = (snapshot, request.user.pk, request.get_host(), request.is_secure(), request.get_full_path(),
             get_language(), timezone.get_current_timezone_name(), timezone.localdate().isoformat(),
             fragments.release())
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def kept_until_data_changes(view):
    """Serves the reader's page from the cache while nothing in its network changed, and keeps a
    freshly rendered one when it is safe to (a 200, no messages, no write while rendering)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _key(request)
        if key is None:
            return view(request, *args, **kwargs)
        kept = caches["pages"].get(key)
        if kept is not None:
            content, content_type = kept
            return HttpResponse(fragments.with_reader_token(request, content), content_type=content_type)
        request.page_being_kept = True
        try:
            response = render_now(view(request, *args, **kwargs))
        finally:
            request.page_being_kept = False
        if response.streaming:
            return response
        content = response.content.decode(response.charset)
        if (response.status_code == 200 and response["Content-Type"].startswith("text/html")
                and not len(messages.get_messages(request)) and tokens(request.network.slug) == request.page_tokens[1]):
            caches["pages"].set(key, (content, response["Content-Type"]), TIMEOUT)
        response.content = fragments.with_reader_token(request, content)
        return response

    return wrapper
