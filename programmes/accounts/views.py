"""Joining through an invitation, the language switch and the personal profile."""

import copy

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_scopes import scope

from programmes.core.access import form_status
from programmes.core.values import form_values
from programmes.tenancy import services as tenancy_services
from programmes.tenancy.errors import TenancyError
from programmes.tenancy.selectors import find_invitation

from . import invitations, selectors, services
from .forms import ProfileForm

INVALID_REASONS = {
    None: "unknown",
    "accepted": "accepted",
    "revoked": "revoked",
    "expired": "expired",
}


def invitation_accept(request, token):
    invitation = find_invitation(token)
    if invitation is None or invitation.status != "pending":
        reason = INVALID_REASONS[invitation.status if invitation else None]
        return render(request, "accounts/invitation_invalid.html", {"reason": reason}, status=404 if invitation is None else 410)

    user = request.user
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(request, "accounts/invitation_other_account.html", {"invitation": invitation}, status=403)
        if request.method == "POST":
            try:
                with scope(network=invitation.network):
                    tenancy_services.accept_invitation(invitation, user=user)
            except TenancyError as error:
                messages.error(request, error.message)
                return redirect("start")
            messages.success(request, _("Welcome to %(network)s.") % {"network": invitation.network.name})
            return redirect("network_home", network=invitation.network.slug)
        return render(request, "accounts/invitation_confirm.html", {"invitation": invitation})

    invitations.remember(request, token)
    if selectors.has_account(invitation.email):
        messages.info(request, _("You already have an account: sign in to accept the invitation."))
        return redirect_to_login(request.get_full_path())
    # The link was mailed to this address: opening it proves the address is theirs.
    get_adapter(request).stash_verified_email(request, invitation.email)
    return HttpResponseRedirect(f"{reverse('account_signup')}?email={invitation.email}")


@require_POST
def set_language(request):
    """Switch the interface language; for a signed-in person it is saved on the account."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        services.set_language(request.user, language)
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@login_required
def profile(request):
    # The form validates a copy, so that a refused form leaves the signed-in user as stored.
    form = ProfileForm(request.POST or None, instance=copy.copy(request.user))
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, **form_values(form))
        translation.activate(request.user.language)
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form}, status=form_status(form))
