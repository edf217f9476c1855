from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.core.limits import COMMENT, LimitedTextField

from ..models import Level


class RatingForm(forms.Form):
    """One key factor: level, evidence, an answer per guiding question, and the focus choice."""

    level = forms.TypedChoiceField(
        label=_("How far is this key factor in place in your city?"), choices=Level.choices, coerce=int,
        required=False, empty_value=None, widget=forms.RadioSelect,
    )
    evidence = LimitedTextField(label=_("Evidence"), required=False,
                                help_text=_("What shows this: services, figures, documents."))
    is_focus = forms.BooleanField(label=_("Make this key factor a focus of the mentoring"), required=False)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = LimitedTextField(
                label=question.text, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    @classmethod
    def initial_for(cls, rating):
        initial = {"level": rating.level, "evidence": rating.evidence, "is_focus": rating.is_focus}
        initial.update({f"answer_{key}": text for key, text in rating.answers.items()})
        return initial

    def answers(self):
        return {str(q.pk): self.cleaned_data.get(f"answer_{q.pk}", "").strip() for q in self.questions}


class CommentForm(forms.Form):
    text = LimitedTextField(label=_("Your comment"), max_length=COMMENT)
