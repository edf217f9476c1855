from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from programmes.core.limits import limit_model_form_text
from programmes.core.values import form_values

from .models import Network, Role, TenantModel


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    language = forms.ChoiceField(
        label=_("Language of the invitation e-mail"),
        choices=settings.LANGUAGES,
        help_text=_("The person can change their language after signing in."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "en")[:2]


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=Role.choices, widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto"})
    )


class NetworkSettingsForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Network
        fields = ["name", "languages", "mfa_required"]


def _tenant_formfield(db_field, **kwargs):
    """Choices among a network's rows start empty: the form fills them in for its own network."""
    related = db_field.related_model if db_field.is_relation else None
    if related is not None and issubclass(related, TenantModel):
        kwargs.setdefault("queryset", related._base_manager.none())
    return db_field.formfield(**kwargs)


class TenantModelForm(forms.ModelForm):
    """A ModelForm for a network's rows: the network is set, never typed, and still validated.

    Every choice of another tenant row (an association, a city…) offers this network's rows only,
    so an id from another network is an invalid choice. A free-text field without a maximum length
    gets the common one (programmes.core.limits), said in its help text. Django leaves a constraint out of form
    validation when one of its fields is not on the form; `network` never is, so it is put back,
    or a duplicate name would reach the database as an error. Subclasses declare
    `class Meta(TenantModelForm.Meta)`. A view hands the service `**form.values`, and gives the form
    a copy of the row it edits (`copy.copy(row)`): validating writes the typed values onto the
    form's instance, and the service compares them with the stored ones to audit what changed.
    """

    class Meta:
        formfield_callback = _tenant_formfield

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.instance.network = network
        limit_model_form_text(self)
        for field in self.fields.values():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is not None and issubclass(model, TenantModel):
                field.queryset = model.objects.filter(network=network)

    @property
    def values(self):
        """What save() would write, by field name, for a service to write instead (core.values)."""
        return form_values(self)

    def validate_unique(self):
        exclude = self._get_validation_exclusions()
        exclude.discard("network")
        try:
            self.instance.validate_unique(exclude=exclude)
            self.instance.validate_constraints(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)
