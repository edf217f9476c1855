from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import fragments
from .selectors import memberships_of


def network(request):
    """The current network and the user's networks (for the switcher), fetched only if shown."""
    return {
        "current_network": getattr(request, "network", None),
        "current_membership": getattr(request, "membership", None),
        "switcher_memberships": SimpleLazyObject(lambda: memberships_of(request.user)),
        "dev_mail_viewer": settings.DEV_MAIL_VIEWER,
    }


def csrf_placeholder(request):
    """Forms of a page rendered to be kept for its reader (pagecache.py) get the placeholder, which
    is swapped for the token of whoever reads the page; a processor after Django's own csrf one."""
    return {"csrf_token": fragments.placeholder()} if getattr(request, "page_being_kept", False) else {}
