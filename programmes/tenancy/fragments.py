"""Rendered fragments kept in the cache under a key made of everything they show.

A page of many similar parts (a plan's action rows, a questionnaire's questions) renders only the
parts that changed since someone last saw them: each part's key holds its own stamps (row
version, position, comment count…), the reader's rights, language and time zone, the people
generation (comment authors' names) and the release (templates and catalogues). A change to any
of them is a new key, so nothing is ever invalidated and nothing stale can be shown; old entries
simply expire.

Forms inside a fragment need the reader's CSRF token, which must not be shared between readers:
fragments are rendered with a placeholder in its place, and the placeholder is swapped for the
reader's token before the page leaves. The placeholder is derived from SECRET_KEY and never sent,
so no one can type it into a text that would then be rewritten.
"""

import functools
import hashlib
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

TIMEOUT = 7 * 24 * 3600  # entries are never wrong, only unused: let old ones go after a week
PEOPLE_GENERATION = "fragments:people"


@functools.cache
def placeholder():
    return salted_hmac("programmes.tenancy.fragments", "csrf-placeholder").hexdigest()


def release():
    """A digest of the code, templates and compiled catalogues a fragment is rendered from, so that
    a new release never serves HTML cached by the previous one. In development it follows every
    edit (from the files' times and sizes, looked at again after a second); in production it is
    computed once per process."""
    if settings.DEBUG:
        return _release_in_development(int(time.monotonic()))
    return _release_of_this_process()


@functools.lru_cache(maxsize=1)
def _release_in_development(second):
    return _digest(lambda path: f"{path.stat().st_mtime_ns}:{path.stat().st_size}".encode())


@functools.cache
def _release_of_this_process():
    return _digest(lambda path: path.read_bytes())


def _digest(content):
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for root in (base / "templates_app", base / "programmes", base / "mentoring"):
        for path in sorted(p for p in root.rglob("*") if p.suffix in {".html", ".mo", ".py"}):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(content(path))
    return digest.hexdigest()[:16]


def people_changed():
    """Called when a person's name or e-mail changes: fragments showing names render anew."""
    cache.set(PEOPLE_GENERATION, uuid.uuid4().hex, None)


def _people_generation():
    # A fresh value when the entry is missing (evicted, new cache), never one used before.
    return cache.get_or_set(PEOPLE_GENERATION, lambda: uuid.uuid4().hex, None)


def render_each(request, template_name, stamps, *, name, shared, load):
    """The HTML of each part, in the order of `stamps`.

    `stamps` is a list of (id, key parts) — what the part shows, read without loading the part;
    `shared` the context every part sees (its values must be covered by the key parts);
    `load(ids)` returns {id: object} for the parts not found, rendered with the object as `name`.
    """
    if not stamps:
        return []
    common = (template_name, name, release(), get_language(), timezone.get_current_timezone_name(),
              _people_generation())
    keys = {part_id: _key(common, parts) for part_id, parts in stamps}
    found = cache.get_many(list(keys.values()))
    missing = [part_id for part_id, key in keys.items() if key not in found]
    if missing:
        objects = load(missing)
        context = {**shared, "csrf_token": placeholder()}
        fresh = {keys[part_id]: render_to_string(template_name, {**context, name: objects[part_id]}, request=request)
                 for part_id in missing}
        cache.set_many(fresh, TIMEOUT)
        found.update(fresh)
    return [mark_safe(with_reader_token(request, found[keys[part_id]])) for part_id, _parts in stamps]


def with_reader_token(request, html):
    """`html` with the reader's CSRF token in place of the placeholder; left as it is while the
    whole page is rendered to be kept (programmes.tenancy.pagecache), which swaps it when sent."""
    if getattr(request, "page_being_kept", False) or placeholder() not in html:
        return html
    return html.replace(placeholder(), get_token(request))


def _key(common, parts):
    return "fragment:" + hashlib.sha256(repr((common, parts)).encode()).hexdigest()
