from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.benchmarks.models import KeyFactor
from programmes.core.ids import IdMultipleChoiceField
from programmes.core.limits import SEARCH
from programmes.directory.models import City
from programmes.tenancy.forms import TenantModelForm

from ..models import GoodPractice

LONG_FIELDS = ("responsible_bodies", "context", "description", "resources", "results", "success_factors", "risks",
               "transferability", "further_information")


def _key_factor_choices(network):
    return KeyFactor.objects.filter(network=network, benchmark__status="published").select_related("benchmark")


class GoodPracticeForm(TenantModelForm):
    key_factors = IdMultipleChoiceField(
        label=_("Benchmark key factors it illustrates"), queryset=KeyFactor.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta(TenantModelForm.Meta):
        model = GoodPractice
        fields = ["title", "city", "area", "policy_area", *LONG_FIELDS[:8], "contact", LONG_FIELDS[8]]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in LONG_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_factors"].queryset = _key_factor_choices(self.network)
        self.fields["key_factors"].label_from_instance = lambda f: f"{f.benchmark.title} – {f.number}. {f.title}"
        if self.instance.pk and not self.is_bound:
            self.initial["key_factors"] = list(self.instance.key_factors.values_list("pk", flat=True))


class GoodPracticeSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH)
    policy_area = forms.ChoiceField(label=_("Policy area"), required=False)
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none(), required=False)
    key_factor = forms.ModelChoiceField(label=_("Key factor"), queryset=KeyFactor.objects.none(), required=False)

    def __init__(self, *args, network, policy_areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy_area"].choices = [("", _("All policy areas"))] + [(a, a) for a in policy_areas]
        self.fields["city"].queryset = City.objects.filter(network=network)
        self.fields["key_factor"].queryset = _key_factor_choices(network)
        self.fields["key_factor"].label_from_instance = lambda f: f"{f.number}. {f.title}"
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if not isinstance(field, forms.CharField) else "form-control"
