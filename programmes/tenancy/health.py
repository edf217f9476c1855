"""/healthz: can this replica serve a request? One check per dependency, and (deep=1) a worker.

Each check touches the real thing: the database runs SELECT 1; the broker opens a connection; the
cache stores, reads back and deletes a unique key; the storage PDFs are kept in (`default_storage`,
a directory or S3) saves, reads back and deletes a small file under `health/`. The answer names
each check, "ok" or "error: <exception class>" (never the message: it may hold a host or a
password), and is 503 when any of them fails, so a load balancer sends people elsewhere.

The cache counts although pages still render while it is down. It holds only allauth's sign-in
rate limits, and the production cache (mentoring/cache.py) answers from process memory while
Redis does not; measured against a closed Redis port, every page and every sign-in still worked.
But the limits are then per gunicorn process instead of shared, so a guesser gets workers ×
replicas times the attempts, and a Redis that accepts connections without answering makes each
sign-in wait 6-10 s on socket timeouts. A replica that cannot reach the shared cache is not serving
sign-in as configured: it answers 503, and the load balancer prefers a replica that can. So this
check goes around the fallback to the Redis behind it, which is the point of it: through the cache
API the fallback would always answer. If Redis is down for every replica, all of them answer 503
while still serving pages; "failing" says it is the cache, and NEEDED is where to relax that.

No check may hang the health check (a load balancer times out and the web worker is tied up):
each runs in its own daemon thread and counts as "error: TimeoutError" past its deadline. The
broker and cache connections also carry their own short socket timeouts (a Redis that accepted
the connection but never answered held the broker check for minutes); the database and S3 clients
have only their own (long) ones, which the deadline cuts short. A thread still stuck past its
deadline ends when its client gives up; being a daemon, it never holds up a worker's exit.

The plain check is public and fast (compose and load balancers poll it). The deep one holds a web
worker up to WORKER_TIMEOUT_SECONDS, so anyone calling it in a loop could tie up the site: it answers
staff (the `tenancy.run_deep_health_check` rule) or a monitor that sends settings.HEALTHZ_TOKEN in
the X-Health-Token header, and 403 to everyone else."""

import secrets
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

from .tasks import ping

CHECK_TIMEOUT_SECONDS = 3
BROKER_SOCKET_TIMEOUT_SECONDS = 1
WORKER_TIMEOUT_SECONDS = 10
# The checks a request needs: any of them failing answers 503 (the worker only when deep=1 asks it).
NEEDED = {"database", "broker", "cache", "storage", "worker"}
PROBE = b"healthz"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker():
    # The app the tasks are bound to (the project's, configured in mentoring/celery.py): tenancy
    # sits below the project configuration and does not import it. One attempt (kombu sleeps 2 s
    # before a retry), and socket timeouts for a Redis that accepts but does not answer.
    timeouts = {"socket_timeout": BROKER_SOCKET_TIMEOUT_SECONDS,
                "socket_connect_timeout": BROKER_SOCKET_TIMEOUT_SECONDS}
    with ping.app.connection_for_write(connect_timeout=BROKER_SOCKET_TIMEOUT_SECONDS,
                                       transport_options=timeouts) as conn:
        conn.ensure_connection(max_retries=0)


def _cache():
    key = f"healthz:{secrets.token_hex(8)}"
    # django-redis's own client raises when Redis does not answer; the cache object itself may
    # ignore that or, in production, answer from process memory (mentoring/cache.py).
    cache = caches["default"]
    store = cache.client if isinstance(cache, RedisCache) else cache
    try:
        store.set(key, PROBE, timeout=30)
        answer = store.get(key)
        store.delete(key)
    except ConnectionInterrupted as error:
        raise (error.__cause__ or error) from None  # the client's error says which: refused or timed out
    if answer != PROBE:
        raise RuntimeError("the cache did not return what was stored")


def _storage():
    name = default_storage.save(f"health/probe-{secrets.token_hex(8)}.txt", ContentFile(PROBE))
    try:
        with default_storage.open(name) as probe:
            answer = probe.read()
    finally:
        default_storage.delete(name)
    if answer != PROBE:
        raise RuntimeError("the storage did not return what was saved")


def _worker():
    token = secrets.token_hex(8)
    result = ping.delay(token)
    try:
        answer = result.get(timeout=WORKER_TIMEOUT_SECONDS)
    finally:
        result.forget()
    if answer.get("pong") != token:
        raise RuntimeError("unexpected answer")


class _Check(threading.Thread):
    """One check in its own thread, so a hung one can be abandoned at its deadline."""

    def __init__(self, name, check):
        super().__init__(name=f"healthz-{name}", daemon=True)
        self.check = check
        self.outcome = "error: TimeoutError"  # until the check says otherwise

    def run(self):
        try:
            self.check()
            self.outcome = "ok"
        except BaseException as error:  # noqa: BLE001 - a health check reports, never raises
            self.outcome = f"error: {error.__class__.__name__}"
        finally:
            connections.close_all()  # this thread's own database connection


def _run(checks):
    threads = {name: _Check(name, check) for name, check in checks.items()}
    for thread in threads.values():
        thread.start()
    started = time.monotonic()
    for name, thread in threads.items():
        allowed = CHECK_TIMEOUT_SECONDS + (WORKER_TIMEOUT_SECONDS if name == "worker" else 0)
        thread.join(timeout=max(0, started + allowed - time.monotonic()))
    # Read each outcome once: a thread finishing now must not change an answer already counted.
    return {name: thread.outcome for name, thread in threads.items()}


def _may_run_deep_check(request):
    token = settings.HEALTHZ_TOKEN
    sent = request.headers.get("X-Health-Token", "")
    if token and sent and secrets.compare_digest(sent, token):
        return True
    return request.user.has_perm("tenancy.run_deep_health_check")


@never_cache
def healthz(request):
    checks = {"database": _database, "broker": _broker, "cache": _cache, "storage": _storage}
    if request.GET.get("deep") == "1":
        if not _may_run_deep_check(request):
            return JsonResponse({"status": "forbidden",
                                 "detail": "deep=1 needs a staff sign-in or the X-Health-Token header"}, status=403)
        checks["worker"] = _worker
    status = _run(checks)
    failing = [name for name, value in status.items() if value != "ok" and name in NEEDED]
    body = {"status": "ok" if not failing else "error", "checks": status}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
