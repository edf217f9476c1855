"""Celery entry points of the tenancy app, and the base class every tenant task uses.

Tasks receive ids, never objects; a tenant task loads its network outside any scope and runs
its body inside `scope(network=...)`, as management commands do.
"""

from celery import Task, shared_task
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from .models import Membership, Network


class NetworkTask(Task):
    """Runs the task body inside the scope of the network whose id is passed as `network_id`."""

    abstract = True
    acks_late = True
    # Celery checks a message's arguments against the task function before sending it; the
    # message carries `network_id`, which becomes `network` only here, when the task runs.
    typing = False

    def __call__(self, *args, network_id, **kwargs):
        with scopes_disabled():
            network = Network.objects.get(pk=network_id)
        with scope(network=network):
            return super().__call__(*args, network=network, **kwargs)

    def retry(self, args=None, kwargs=None, **options):
        """Queue the task again with the id of its network: the request it runs with holds the
        loaded network (Celery's __call__ records the arguments the body gets), which no message
        can carry."""
        if kwargs is None:
            kwargs = dict(self.request.kwargs)
            network = kwargs.pop("network", None)
            if network is not None:
                kwargs["network_id"] = network.pk
        return super().retry(args=args, kwargs=kwargs, **options)


@shared_task(acks_late=True)
def ping(token):
    """Proves a worker is alive: /healthz?deep=1 sends it and waits for the echo."""
    return {"pong": token, "at": timezone.now().isoformat()}


@shared_task(acks_late=True)
def record_heartbeat():
    """Beat's periodic sweep for now: shows in the worker log that the scheduler runs."""
    return timezone.now().isoformat()


@shared_task(acks_late=True)
def refresh_planner_statistics():
    """Daily on the embedded SQLite database: ANALYZE, so that its query planner knows which
    index narrows a read. Without statistics it reads a tenant table through its network index
    (every row of the network) instead of the row's own key: ten times slower for the links of a
    100-row action plan. The analysis is sampled (analysis_limit) so that it stays short on a big
    file. PostgreSQL's autovacuum keeps its own statistics: nothing to do there."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
    return True


@shared_task(base=NetworkTask, bind=True)
def count_members(self, *, network):
    """A small tenant task: used by the tests to prove tasks run inside their network's scope."""
    return Membership.objects.count()
