from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.tenancy.forms import TenantModelForm

from .models import Benchmark, ContextFactor, KeyFactor

MARKDOWN_HELP = _("You can use Markdown: a blank line between paragraphs, “- ” for list items, [text](https://…) for links.")


class BenchmarkForm(TenantModelForm):
    class Meta(TenantModelForm.Meta):
        model = Benchmark
        fields = ["title", "policy_area", "language", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"intro": MARKDOWN_HELP}


class KeyFactorForm(TenantModelForm):
    guiding_questions = forms.CharField(
        label=_("Guiding questions"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line. Cities answer them in their self-assessment."),
    )

    class Meta(TenantModelForm.Meta):
        model = KeyFactor
        fields = ["title", "is_written", "rationale", "city_actions", "guiding_questions", "practical_tips", "examples"]
        widgets = {name: forms.Textarea(attrs={"rows": 4})
                   for name in ("rationale", "city_actions", "practical_tips", "examples")}
        help_texts = {"rationale": MARKDOWN_HELP, "city_actions": MARKDOWN_HELP, "examples": MARKDOWN_HELP}

    def __init__(self, *args, benchmark, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.benchmark = benchmark
        if self.instance.pk and not self.is_bound:
            self.initial["guiding_questions"] = "\n".join(q.text for q in self.instance.questions.all())

    def questions(self):
        lines = self.cleaned_data.get("guiding_questions", "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def clean_guiding_questions(self):
        value = self.cleaned_data["guiding_questions"]
        if any(len(line.strip()) > 500 for line in value.splitlines()):
            raise forms.ValidationError(_("Keep each question under 500 characters."))
        return value


class ContextFactorForm(TenantModelForm):
    class Meta(TenantModelForm.Meta):
        model = ContextFactor
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, benchmark, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.benchmark = benchmark


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Benchmark file (JSON)"),
                           help_text=_("A file exported from this application or written to the documented format."))

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB; a benchmark is much smaller."))
        return upload
