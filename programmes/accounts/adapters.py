"""allauth hooks: sign-up only through an invitation, mail in the recipient's language."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation
from django_scopes import scope

from programmes.tenancy import services as tenancy_services

from . import invitations
from .models import User

_JOINED_NETWORK_KEY = "joined_network"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return invitations.pending_from_session(request) is not None

    def save_user(self, request, user, form, commit=True):
        invitation = invitations.pending_from_session(request)
        user.full_name = form.cleaned_data.get("full_name", "")
        user.language = translation.get_language() or invitation.language
        user = super().save_user(request, user, form, commit=True)
        with scope(network=invitation.network):
            tenancy_services.accept_invitation(invitation, user=user)
        invitations.forget(request)
        request.session[_JOINED_NETWORK_KEY] = invitation.network.slug
        return user

    def get_signup_redirect_url(self, request):
        slug = request.session.pop(_JOINED_NETWORK_KEY, None)
        if slug:
            return reverse("network_home", kwargs={"network": slug})
        return super().get_signup_redirect_url(request)

    def login(self, request, user):
        """Speak the person's language from the sign-in message on, not only from the next page."""
        super().login(request, user)
        if user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language

    def send_mail(self, template_prefix, email, context):
        """Write in the language the recipient chose, else in the language of the page they used."""
        user = User.objects.filter(email__iexact=email).only("language").first()
        language = (user.language if user else "") or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
