from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.mentorships.models import Phase


class DashboardFilterForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=[("", _("All phases"))] + list(Phase.choices))
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
