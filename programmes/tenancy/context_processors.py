from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .selectors import memberships_of


def network(request):
    """The current network and the user's networks (for the switcher), fetched only if shown."""
    return {
        "current_network": getattr(request, "network", None),
        "current_membership": getattr(request, "membership", None),
        "switcher_memberships": SimpleLazyObject(lambda: memberships_of(request.user)),
        "dev_mail_viewer": settings.DEV_MAIL_VIEWER,
    }

