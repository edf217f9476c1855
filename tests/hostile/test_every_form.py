"""No input gives a server error (issue 17).

Every page of a network is opened, as a browser would, by each of three people who may use its
forms (the admin, a coordinator, the leading mentee team of a mentorship); every form found there
(<form> with its inputs, selects, textareas and named buttons) is then sent again and again with
values Hypothesis draws from `tests.hostile.forms.hostile_values`. A request is either forged
(every field hostile, hidden ones and choices included) or typed (hostile values in the fields a
person types into, the others as the page rendered them). For every request:

- the answer is never a 5xx (nor an exception);
- a typed request answered 400 shows an error message, and the short one-line values typed into
  text fields are in the page again, so the person can correct them.

Each request runs in a savepoint that is rolled back, so every example meets the same data (a
delete form does not empty the page for the next). Generation is derandomized: CI runs the same
cases each time; raise EXAMPLES locally to explore further.
"""

import html
import os
import re
import time
import traceback
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.hostile.forms import ONE_LINE, TEXTUAL, hostile_values, page_forms
from tests.isolation.test_every_url import POST_ONLY, TENANT_URLS, _url

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "4"))  # per form; a run prints forms x examples
SKIPPED = {"account_logout"}  # signing out would end the walk, not test a form
NOT_PAGES = {"visit_ics", "training_ics", "action_plan_export", "programme_action_plans_export",
             "programme_dashboard_csv", "benchmark_export", "pdf_download"}  # files, not pages with forms
OWN_PAGES = ["profile", "calendar_settings", "start"]
ERROR_MARKS = ("invalid-feedback", "errorlist", "alert-danger", "is-invalid")
TYPED = (TEXTUAL - {"hidden"}) | {"number", "date", "month", "time", "datetime-local"}

# Holes found in apps that other work is changing at the moment, reported rather than fixed here:
# (target URL name, start of the problem) -> why it is still open. A hole that is not listed fails
# the test. Empty since commit f1a8b4f closed those of programmes/visits (ids read with isdigit(),
# a visit report that kept its NUL).
KNOWN_HOLES = {}


def _pages(objects):
    for name in sorted(TENANT_URLS):
        if name not in POST_ONLY and name not in NOT_PAGES:
            yield name, _url(name, "network-a", objects)
    for name in OWN_PAGES:
        yield name, reverse(name)


def _target(form, page_url):
    action = urlparse(form.action or page_url)
    if action.netloc and action.netloc != "testserver":
        return None, None
    try:
        name = resolve(action.path).url_name
    except Resolver404:
        return None, None
    return name, action.path + (f"?{action.query}" if action.query and form.method == "post" else "")


def _discover(client, people, objects):
    """{(form target, method, field names): (who, page, form, path)}, one per distinct form."""
    found = {}
    for page_name, page_url in _pages(objects):
        for who, user in people.items():
            client.force_login(user)
            response = client.get(page_url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            for form in page_forms(response.content.decode()):
                target, path = _target(form, page_url)
                if target is None or target in SKIPPED:
                    continue
                form.fields.pop("csrfmiddlewaretoken", None)
                key = (target, form.method, tuple(sorted(form.fields)))
                found.setdefault(key, (who, page_name, form, path))
    return found


def _as_rendered(form_field, ticked=False):
    """What a browser sends for a field the person leaves alone (or, `ticked`, every box ticked)."""
    if form_field.kind in ("select", "radio") and not form_field.multiple:
        return form_field.options[0] if form_field.options else ""
    if form_field.kind in ("select", "checkbox"):
        return list(form_field.options) if ticked else []
    return form_field.value


def _known(target, problem):
    return any(target == known_target and problem.startswith(start) for known_target, start in KNOWN_HOLES)


def _short_typed(form, data):
    """The values typed into one-line text fields that the page should show again."""
    for name, value in data.items():
        kind = form.fields[name].kind
        if kind in TEXTUAL and kind != "hidden" and isinstance(value, str):
            shown = value.strip()
            if 0 < len(shown) <= 100 and shown.isprintable() and (kind in ONE_LINE or "\n" not in shown):
                yield name, shown


def _too_big(data):
    size = sum(len(str(v).encode()) for values in data.values() for v in (values if isinstance(values, list) else [values]))
    return size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 0.9


def _where(error):
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if "/programmes/" in f.filename and not f.filename.endswith("middleware.py")]
    frame = frames[-1] if frames else traceback.extract_tb(error.__traceback__)[-1]
    return f"{frame.filename.split('/work/main/')[-1]}:{frame.lineno}"


def _summary(data):
    return {k: (v[:40] + f"…({len(v)})" if isinstance(v, str) and len(v) > 40 else v) for k, v in data.items()}


def _send(client, form, path, data, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    with transaction.atomic():
        if form.method == "post":
            response = client.post(path, data, headers=headers)
        else:
            response = client.get(path, data, headers=headers)
        transaction.set_rollback(True)
    for cache in caches.all():
        cache.clear()
    return response


def _check(client, form, path, data, htmx, forged):
    """A list of problems with the answer to one hostile request (empty when it is right)."""
    try:
        response = _send(client, form, path, data, htmx)
    except Exception as error:  # noqa: BLE001 — every exception is a finding to report
        return [f"{type(error).__name__}: {str(error)[:200]} at {_where(error)}"]
    if response.status_code >= 500:
        return [f"{response.status_code}"]
    if response.status_code != 400 or htmx or forged or _too_big(data):
        return []
    page = response.content.decode()
    problems = []
    if not any(mark in page for mark in ERROR_MARKS):
        problems.append("400 without an error message")
    for name, shown in _short_typed(form, data):
        if html.escape(shown) not in page and shown not in html.unescape(page):
            problems.append(f"400 lost what was typed in {name!r}")
    return problems


def _everywhere(fields, value, kinds=None):
    """The same value in every field (of `kinds`), as a list where a field takes several."""
    return {name: ([value] if field.multiple else value) if kinds is None or field.kind in kinds else _as_rendered(field)
            for name, field in fields.items()}


def _explicit(fields):
    """Requests sent to every form before the generated ones: each nasty value in every field at once."""
    typed = {"number": "-99999999999999999999", "date": "2026-02-30", "month": "2026-13", "time": "24:61",
             "datetime-local": "2026-02-30T25:00"}
    mixed = {name: typed.get(field.kind, "A\x00B\r\n<b>=1+1</b> Καλημέρα Rīga") if field.kind in TYPED
             else _as_rendered(field) for name, field in fields.items()}
    huge = {name: "99999999999999999999" if field.kind in TYPED else _as_rendered(field, ticked=True)
            for name, field in fields.items()}
    return [(_everywhere(fields, "²"), True), (_everywhere(fields, "99999999999999999999"), True),
            (_everywhere(fields, "-1\x00"), True), (mixed, False), (huge, False)]


def _fuzz(client, form, path, examples, record):
    """Send hostile requests to one form; `record(problem, data)` is told what went wrong."""
    fields = {name: field for name, field in form.fields.items() if field.kind != "file"}
    strategies = {name: hostile_values(field) for name, field in fields.items()}

    @hypothesis_settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                         phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(hostile=st.fixed_dictionaries(strategies), htmx=st.booleans(), forged=st.booleans())
    def hostile_request(hostile, htmx, forged):
        data = hostile if forged else {
            name: value if fields[name].kind in TYPED else _as_rendered(fields[name]) for name, value in hostile.items()
        }
        for problem in _check(client, form, path, data, htmx, forged):
            record(problem, data)

    for data, forged in _explicit(fields):
        hostile_request = example(hostile=data, htmx=False, forged=forged)(hostile_request)
    hostile_request()
    return len(_explicit(fields)) + examples


@pytest.mark.django_db
def test_no_form_gives_a_server_error(client, people, objects_of_a):
    started = time.monotonic()
    forms = _discover(client, people, objects_of_a)
    assert len(forms) > 50, f"only {len(forms)} forms found: did the pages change?"
    discovered = time.monotonic()
    holes, known, sent = {}, {}, 0
    for (target, method, _names), (who, page_name, form, path) in sorted(forms.items()):
        client.force_login(people[who])

        def record(problem, data, target=target, method=method, page_name=page_name, who=who):
            key = (target, method, re.sub(r"\d{3,}", "N", problem))
            (known if _known(target, problem) else holes).setdefault(key, (page_name, who, _summary(data)))

        sent += _fuzz(client, form, path, EXAMPLES, record)

    print(f"\n{len(forms)} forms x ({len(_explicit({}))} explicit + {EXAMPLES} generated) = {sent} hostile requests "
          f"(pages read in {discovered - started:.0f} s, requests sent in {time.monotonic() - discovered:.0f} s); "
          f"known holes still open: {sorted(known)}")
    report = "\n".join(f"{method.upper()} {target} ({page}, as {who}): {problem}\n    {data}"
                       for (target, method, problem), (page, who, data) in sorted(holes.items()))
    assert not holes, f"{len(holes)} holes:\n{report}"
