from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from programmes.core.limits import LONG_TEXT, limit_model_form_text, with_limit
from programmes.core.values import form_values

from ..models import Question, QuestionKind
from .services import lines_from_options

ADAPTABLE_KINDS = [kind for kind in QuestionKind.choices if kind[0] != QuestionKind.CITY_FIGURES]


class QuestionForm(forms.ModelForm):
    """Add or reword a question of a programme's adapted needs analysis."""

    kind = forms.ChoiceField(label=_("Kind of answer"), choices=ADAPTABLE_KINDS)
    options_lines = forms.CharField(
        label=_("Choices or table columns"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. Needed for a choice from a list and for a small table; ignored otherwise."),
    )

    class Meta:
        model = Question
        fields = ["text", "help_text", "kind", "max_length"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "help_text": forms.Textarea(attrs={"rows": 2})}
        labels = {"max_length": _("Maximum length in characters")}
        help_texts = {"max_length": with_limit(_("For text answers; leave empty for the longest answer allowed."),
                                               LONG_TEXT)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_model_form_text(self)
        self.fields["max_length"].validators.append(MaxValueValidator(LONG_TEXT))
        self.fields["max_length"].widget.attrs["max"] = LONG_TEXT
        if self.instance.kind == QuestionKind.CITY_FIGURES:
            # The figures question keeps its kind: its answer feeds the city profile.
            self.fields["kind"].choices = [(QuestionKind.CITY_FIGURES, QuestionKind.CITY_FIGURES.label)]
        if self.instance.pk and not self.is_bound:
            self.initial["options_lines"] = lines_from_options(self.instance)

    @property
    def values(self):
        """For adaptation.save_question: the question's fields, and its options as typed."""
        return {**form_values(self), "options_lines": self.cleaned_data.get("options_lines", "")}

    def clean(self):
        cleaned = super().clean()
        kind, lines = cleaned.get("kind"), cleaned.get("options_lines", "")
        count = len([line for line in lines.splitlines() if line.strip()])
        if kind in (QuestionKind.CHOICE, QuestionKind.CHOICES) and count < 2:
            self.add_error("options_lines", _("Give at least two choices, one per line."))
        if kind == QuestionKind.TABLE and not 1 <= count <= 6:
            self.add_error("options_lines", _("Give between one and six columns, one per line."))
        return cleaned
