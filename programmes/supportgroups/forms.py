from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.forms import TenantModelForm

from .models import SupportGroupMember


class SupportGroupMemberForm(TenantModelForm):
    consent = forms.BooleanField(
        label=_("This person agreed that their data is stored here"),
        help_text=_("Ask before adding anyone: the support group's members are not users of the platform."),
    )

    class Meta(TenantModelForm.Meta):
        model = SupportGroupMember
        fields = ["name", "organisation", "stakeholder_type", "role", "email", "phone", "consent", "consent_given_on"]
        widgets = {"consent_given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.city = city
        if self.instance.pk:
            self.initial.setdefault("consent", True)
        else:
            self.initial.setdefault("consent_given_on", timezone.localdate())

    def clean_consent_given_on(self):
        value = self.cleaned_data["consent_given_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The consent date cannot be in the future."))
        return value
