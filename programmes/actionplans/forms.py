import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from programmes.benchmarks.models import KeyFactor
from programmes.core.ids import IdMultipleChoiceField
from programmes.core.limits import limit_model_form_text
from programmes.questionnaires.models import Question

from .models import Action, ProgressStatus


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%Y-%m")
        return value


class MonthField(forms.DateField):
    """A month ("2026-09"), stored as its first day."""

    widget = MonthInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        try:
            return datetime.datetime.strptime(value.strip(), "%Y-%m").date()
        except ValueError as error:
            raise ValidationError(_("Enter a month as year and month, for example 2026-09."), code="invalid") from error


class ActionForm(forms.ModelForm):
    starts = MonthField(label=_("Start month"), required=False)
    ends = MonthField(label=_("End month"), required=False)
    needs = IdMultipleChoiceField(
        label=_("Needs it answers"), queryset=Question.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Questions of the needs analysis (Annex 2) that this action responds to."),
    )
    key_factors = IdMultipleChoiceField(
        label=_("Benchmark key factors"), queryset=KeyFactor.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Action
        fields = ["action", "results", "starts", "ends", "timeline_note", "lead", "resources", "success_measure"]
        widgets = {name: forms.Textarea(attrs={"rows": 2})
                   for name in ("action", "results", "resources", "success_measure")}

    def __init__(self, *args, needs, key_factors, **kwargs):
        super().__init__(*args, **kwargs)
        limit_model_form_text(self)  # the long cells of a row; their table keeps TextField without a limit
        self.fields["needs"].queryset = needs
        self.fields["needs"].label_from_instance = lambda q: f"{q.number}. {q.text}"
        self.fields["key_factors"].queryset = key_factors
        self.fields["key_factors"].label_from_instance = lambda f: f"{f.number}. {f.title}"
        # Without a needs analysis or a benchmark the selectors give none(): no query to find out.
        if needs.query.is_empty():
            del self.fields["needs"]
        if key_factors.query.is_empty():
            del self.fields["key_factors"]
        if self.instance.pk and not self.is_bound:
            for name in ("needs", "key_factors"):
                if name in self.fields:
                    self.initial[name] = [obj.pk for obj in getattr(self.instance, name).all()]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The end month cannot be before the start month."))
        return cleaned

    @property
    def values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    @property
    def links(self):
        return {"needs": list(self.cleaned_data.get("needs") or []),
                "key_factors": list(self.cleaned_data.get("key_factors") or [])}


class ApprovalForm(forms.Form):
    approving_body = forms.CharField(label=_("Approving body"), max_length=200,
                                     help_text=_("For example: the city council."))
    approved_on = forms.DateField(label=_("Approved on"), widget=forms.DateInput(attrs={"type": "date"}))
    approval_reference = forms.CharField(label=_("Reference"), max_length=200, required=False,
                                         help_text=_("For example: council decision no. 45/2026."))


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(label=_("Progress"), choices=ProgressStatus.choices)
    progress_note = forms.CharField(label=_("Note"), max_length=500, required=False)
    progress_on = forms.DateField(label=_("As of"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
