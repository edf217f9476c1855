from allauth.account.forms import SignupForm
from allauth.core import context
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import invitations
from .models import User


class InvitationSignupForm(SignupForm):
    """allauth's sign-up form, bound to the invitation in the session: its address cannot change."""

    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["readonly"] = True
        self.fields["email"].help_text = _("The address your invitation was sent to.")
        self.order_fields(["full_name", "email", "password1", "password2"])

    def clean_email(self):
        email = super().clean_email()
        invitation = invitations.pending_from_session(context.request)
        if invitation is None or invitation.email.lower() != email.lower():
            raise forms.ValidationError(_("Use the e-mail address the invitation was sent to."))
        return email


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language", "wants_reminders"]
        widgets = {"language": forms.Select(choices=settings.LANGUAGES)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].required = True
        self.fields["language"].choices = settings.LANGUAGES
