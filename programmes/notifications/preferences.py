"""How a person is told, per kind, and when their digest arrives; one-click unsubscribe (RFC 8058).

The preferences page is the person's own, outside any network. The unsubscribe link of an e-mail
works without a session: its signed token (tokens.py) names the person and the kind. A GET only
asks (mail scanners follow links); the POST of its button, or the one-click POST a mail client
sends from the List-Unsubscribe-Post header (no session, no CSRF token, body
`List-Unsubscribe=One-Click`), stops that kind: its preference becomes "never"."""

import functools
import zoneinfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from programmes.core.access import form_status

from .kinds import Delivery, Kind
from .selectors import deliveries_of, failed_emails, stopped_already
from .services import save_preferences, stop_emails
from .tokens import DIGEST, read_token

# --- Forms ------------------------------------------------------------------------------------

@functools.cache
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class PreferencesForm(forms.Form):
    """One select per kind (at once, daily digest, never) and the time zone of the digest."""

    time_zone = forms.ChoiceField(
        label=gettext_lazy("Your time zone"),
        help_text=gettext_lazy("The daily digest arrives at 08:00 in this time zone."))

    def __init__(self, *args, user, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()
        self.fields["time_zone"].initial = user.time_zone
        for kind in Kind:
            self.fields[f"kind_{kind.value}"] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, initial=current[kind])

    def kind_fields(self):
        return [self[f"kind_{kind.value}"] for kind in Kind]

    def deliveries(self):
        return {kind: self.cleaned_data[f"kind_{kind.value}"] for kind in Kind}


# --- Views ------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, user=request.user, current=deliveries_of(request.user))
    if request.method == "POST" and form.is_valid():
        save_preferences(request.user, deliveries=form.deliveries(), time_zone=form.cleaned_data["time_zone"])
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notification_preferences")
    context = {"form": form, "failures": failed_emails(request.user)}
    return render(request, "notifications/preferences.html", context, status=form_status(form))


def _kind_name(kind):
    return _("the daily digest") if kind == DIGEST else str(Kind(kind).label)


def _reject_without_csrf(request):
    """The CSRF check the view is exempt from, for any POST but a mail client's one-click one."""
    return CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})


@csrf_exempt  # only for the one-click POST: the button's POST is checked in the view
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    found = read_token(token)
    if found is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    person, kind = found
    if request.method == "POST" and request.POST.get("List-Unsubscribe") != "One-Click":
        rejected = _reject_without_csrf(request)
        if rejected is not None:
            return rejected
    # Without a session the page speaks the language of the person the link is for.
    language = request.user.language if request.user.is_authenticated and request.user.language else person.language
    with translation.override(language or translation.get_language()):
        context = {"kind_name": _kind_name(kind), "is_digest": kind == DIGEST, "token": token}
        if request.method == "POST":
            context["state"] = "stopped" if stop_emails(person, kind) else "already"
        else:
            context["state"] = "already" if stopped_already(person, kind) else "confirm"
        return render(request, "notifications/unsubscribe.html", context)
