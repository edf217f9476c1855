"""Resolves /<network>/ to a Network, admits only its members, and runs the view in its scope.

The view *and the rendering of a TemplateResponse* run inside `scope(network=...)`, so lazy
querysets evaluated by templates are scoped too. A network that does not exist and a network
the user does not belong to both answer 404: whether a network exists is itself information.
"""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from .models import Network
from .rules import membership_for

ADMIN_PREFIX = "/admin/"


def render_now(response):
    """Render a TemplateResponse here (inside the scope, or before its content is read)."""
    if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
        response.render()
    return response


def network_slug(request):
    """The network in the address, or None: resolved once per request."""
    if not hasattr(request, "_network_slug"):
        try:
            request._network_slug = resolve(request.path_info).kwargs.get("network")
        except Resolver404:
            request._network_slug = None
    return request._network_slug


class NetworkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.network = None
        request.membership = None
        if request.path_info.startswith(ADMIN_PREFIX):
            # The staff admin works across networks on purpose: this is its one unscoped door.
            with scopes_disabled():
                return render_now(self.get_response(request))
        slug = network_slug(request)
        if slug is None:
            return self.get_response(request)

        if not request.user.is_authenticated:
            if getattr(request, "htmx", False):
                # A background save after the session ended: say so where the "Saved" status goes,
                # and leave the page (and what the person typed) as it is.
                return render(request, "components/session_expired.html")
            return redirect_to_login(request.get_full_path())
        network = Network.objects.filter(slug=slug).first()
        if network is None or not request.user.has_perm("tenancy.view_network", network):
            raise Http404
        if network.mfa_required and not _has_totp(request.user):
            messages.warning(
                request,
                _("%(network)s requires two-factor authentication. Turn it on to continue.") % {"network": network.name},
            )
            return redirect("mfa_activate_totp")
        request.network = network
        request.membership = membership_for(request.user, network)  # cached by the rule above
        with scope(network=network):
            return render_now(self.get_response(request))


def _has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
