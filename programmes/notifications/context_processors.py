from functools import cache

from .selectors import unread_count


def bell(request):
    """The unread count of the bell in the top bar: a callable, which the template calls the first
    time it is shown (and not at all on pages without it), counted once per request."""
    network = getattr(request, "network", None)
    user = getattr(request, "user", None)
    if network is None or not getattr(user, "is_authenticated", False):
        return {}

    @cache
    def unread_notifications():
        return unread_count(user, network)

    return {"unread_notifications": unread_notifications}
