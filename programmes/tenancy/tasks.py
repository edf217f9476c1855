"""Celery entry points of the tenancy app, and the base class every tenant task uses.

Tasks receive ids, never objects; a tenant task loads its network outside any scope and runs
its body inside `scope(network=...)`, as management commands do.
"""

from celery import Task, shared_task
from django.utils import timezone
from django_scopes import scope, scopes_disabled


class NetworkTask(Task):
    """Runs the task body inside the scope of the network whose id is passed as `network_id`."""

    abstract = True
    acks_late = True

    def __call__(self, *args, network_id, **kwargs):
        from .models import Network

        with scopes_disabled():
            network = Network.objects.get(pk=network_id)
        with scope(network=network):
            return super().__call__(*args, network=network, **kwargs)


@shared_task(acks_late=True)
def ping(token):
    """Proves a worker is alive: /healthz?deep=1 sends it and waits for the echo."""
    return {"pong": token, "at": timezone.now().isoformat()}


@shared_task(acks_late=True)
def record_heartbeat():
    """Beat's periodic sweep for now: shows in the worker log that the scheduler runs."""
    return timezone.now().isoformat()


@shared_task(base=NetworkTask, bind=True)
def count_members(self, *, network):
    """A small tenant task: used by the tests to prove tasks run inside their network's scope."""
    from .models import Membership

    return Membership.objects.count()
