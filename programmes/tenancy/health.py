"""/healthz: is the database reachable, is the broker reachable, and (deep=1) does a worker answer.

The plain check is public and fast (compose and load balancers poll it). The deep one holds a web
worker up to WORKER_TIMEOUT_SECONDS, so anyone calling it in a loop could tie up the site: it answers
staff (the `tenancy.run_deep_health_check` rule) or a monitor that sends settings.HEALTHZ_TOKEN in
the X-Health-Token header, and 403 to everyone else."""

import secrets

from celery.exceptions import TimeoutError as CeleryTimeout
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .tasks import ping

WORKER_TIMEOUT_SECONDS = 10


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker():
    # The app the tasks are bound to (the project's, configured in mentoring/celery.py): tenancy
    # sits below the project configuration and does not import it.
    with ping.app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)


def _worker():
    token = secrets.token_hex(8)
    result = ping.delay(token)
    try:
        answer = result.get(timeout=WORKER_TIMEOUT_SECONDS)
    finally:
        result.forget()
    if answer.get("pong") != token:
        raise RuntimeError("unexpected answer")


def _may_run_deep_check(request):
    token = settings.HEALTHZ_TOKEN
    sent = request.headers.get("X-Health-Token", "")
    if token and sent and secrets.compare_digest(sent, token):
        return True
    return request.user.has_perm("tenancy.run_deep_health_check")


@never_cache
def healthz(request):
    checks = {"database": _database, "broker": _broker}
    if request.GET.get("deep") == "1":
        if not _may_run_deep_check(request):
            return JsonResponse({"status": "forbidden",
                                 "detail": "deep=1 needs a staff sign-in or the X-Health-Token header"}, status=403)
        checks["worker"] = _worker
    status = {}
    for name, check in checks.items():
        try:
            check()
            status[name] = "ok"
        except (Exception, CeleryTimeout) as error:  # noqa: BLE001 - a health check reports, never raises
            status[name] = f"error: {error.__class__.__name__}"
    failing = [name for name, value in status.items() if value != "ok"]
    body = {"status": "ok" if not failing else "error", "checks": status}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
