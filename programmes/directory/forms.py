from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.accounts.models import User
from programmes.core.limits import SEARCH
from programmes.tenancy.forms import TenantModelForm

from .models import Association, City, CityRepresentative, ContactPerson, Speaker


class DirectoryFilterForm(forms.Form):
    """Search and country filter of a directory list; the countries are those in the list."""

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [(c.code, c.name) for c in countries]


class AssociationForm(TenantModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta(TenantModelForm.Meta):
        model = Association
        fields = ["name", "acronym", "country", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class CityForm(TenantModelForm):
    class Meta(TenantModelForm.Meta):
        model = City
        fields = [
            "name", "country", "association", "population", "migrant_residents", "migrant_share",
            "main_nationalities", "governance_level", "competences", "languages",
        ]
        widgets = {"competences": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        population, migrants = cleaned.get("population"), cleaned.get("migrant_residents")
        if population is not None and migrants is not None and migrants > population:
            self.add_error("migrant_residents", _("This is more than the whole population."))
        share = cleaned.get("migrant_share")
        if share is not None and not 0 <= share <= 100:
            self.add_error("migrant_share", _("Give a percentage between 0 and 100."))
        return cleaned


class ContactPersonForm(TenantModelForm):
    class Meta(TenantModelForm.Meta):
        model = ContactPerson
        fields = ["name", "position", "email", "phone"]


class RepresentativeForm(forms.Form):
    """Name a network member who speaks for the city or for its association."""

    user = forms.ModelChoiceField(label=_("Person"), queryset=None,
                                  help_text=_("Only members of the network are listed: invite the person first."))
    speaks_for = forms.ChoiceField(label=_("Speaks for"), choices=Speaker.choices, initial=Speaker.CITY)

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        taken = CityRepresentative.objects.filter(city=city).values("user")
        self.fields["user"].queryset = (
            User.objects.filter(memberships__network=city.network).exclude(pk__in=taken).order_by("full_name", "email")
        )
        self.fields["user"].label_from_instance = lambda user: f"{user.display_name} <{user.email}>"
