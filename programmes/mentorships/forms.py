from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from programmes.core.ids import IdMultipleChoiceField
from programmes.core.limits import LONG_TEXT, LimitedTextField, with_limit
from programmes.directory.models import Association, City
from programmes.tenancy.forms import TenantModelForm

from .models import (
    CitySide,
    Milestone,
    MilestoneKind,
    Phase,
    Programme,
    ProgrammeRole,
    check_in_months_problem,
    validate_check_in_months,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MonthsField(forms.CharField):
    """Months typed as "6, 12" (commas, semicolons or spaces between them), kept as [6, 12]."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(month) for month in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        parts = [part for part in text.replace(";", " ").replace(",", " ").split() if part]
        try:
            months = [int(part) for part in parts]
        except ValueError:
            months = None
        if months is None or check_in_months_problem(months):
            validate_check_in_months(None)  # raises, with the message that says what is expected
        return sorted(set(months))


class ProgrammeForm(TenantModelForm):
    check_in_months = MonthsField(
        label=Programme._meta.get_field("check_in_months").verbose_name, required=False, max_length=60,
        help_text=Programme._meta.get_field("check_in_months").help_text)

    class Meta(TenantModelForm.Meta):
        model = Programme
        fields = [
            "title", "theme", "description", "languages", "start_date", "end_date", "format",
            "uses_benchmark", "benchmark", "max_focus_factors", "planned_visits", "quiet_weeks", "check_in_months",
            "status",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_visits"].widget.attrs.update(min=1, max=10)
        self.fields["quiet_weeks"].widget.attrs.update(min=1, max=52)
        self.fields["quiet_weeks"].required = False  # left out, the programme keeps its number (4 when new)
        self.fields["max_focus_factors"].widget.attrs.update(min=1, max=10)
        self.fields["description"].help_text = with_limit(self.fields["description"].help_text, LONG_TEXT)
        # Only published (frozen) versions: a self-assessment must not change under a city's feet.
        self.fields["benchmark"].queryset = self.fields["benchmark"].queryset.filter(status="published")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if cleaned.get("benchmark") and not cleaned.get("uses_benchmark"):
            self.add_error("benchmark", _("Tick “uses a thematic benchmark”, or leave the benchmark empty."))
        focus = cleaned.get("max_focus_factors")
        if focus is not None and not 1 <= focus <= 10:
            self.add_error("max_focus_factors", _("Allow between 1 and 10 focus factors."))
        visits = cleaned.get("planned_visits")
        if visits is not None and not 1 <= visits <= 10:
            self.add_error("planned_visits", _("Plan between 1 and 10 visits."))
        quiet = cleaned.get("quiet_weeks")
        if quiet is not None and not 1 <= quiet <= 52:
            self.add_error("quiet_weeks", _("Nudge after between 1 and 52 weeks."))
        if self.instance.pk and start and end and not self.errors:
            outside = self.instance.milestones.exclude(due_date__range=(start, end))
            if outside.exists():
                self.add_error(None, _("Some milestones fall outside these dates: move them first (%(list)s).") % {
                    "list": ", ".join(f"{m} {m.due_date:%Y-%m-%d}" for m in outside)
                })
        return cleaned


class MilestoneForm(TenantModelForm):
    class Meta(TenantModelForm.Meta):
        model = Milestone
        fields = ["kind", "visit_number", "title", "due_date"]
        widgets = {"due_date": DATE_WIDGET}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.instance.programme = programme

    def clean(self):
        cleaned = super().clean()
        due = cleaned.get("due_date")
        if due and not self.programme.start_date <= due <= self.programme.end_date:
            self.add_error("due_date", _("Choose a date within the programme, from %(start)s to %(end)s.") % {
                "start": self.programme.start_date.isoformat(), "end": self.programme.end_date.isoformat(),
            })
        if cleaned.get("kind") == MilestoneKind.VISIT and not cleaned.get("visit_number"):
            self.add_error("visit_number", _("Say which visit this is."))
        return cleaned


class MentorshipForm(forms.Form):
    """A mentorship and its cities: a mentee and a mentor for pairs, several peers for a community."""

    title = forms.CharField(label=_("Title"), max_length=200)
    focus = LimitedTextField(label=_("Focus"), required=False, help_text=_("What the mentee city wants to change."))
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices, initial=Phase.PREPARATION)
    mentee_city = forms.ModelChoiceField(label=_("Mentee city"), queryset=City.objects.none(), required=False)
    mentee_association = forms.ModelChoiceField(
        label=_("Mentee association"), queryset=Association.objects.none(), required=False,
        help_text=_("Leave empty to use the city's association."),
    )
    mentor_city = forms.ModelChoiceField(label=_("Mentor city"), queryset=City.objects.none(), required=False)
    mentor_association = forms.ModelChoiceField(
        label=_("Mentor association"), queryset=Association.objects.none(), required=False,
        help_text=_("Leave empty to use the city's association."),
    )
    peer_cities = IdMultipleChoiceField(
        label=_("Peer cities"), queryset=City.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Each city takes part with its own association."),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        cities = City.objects.filter(network=programme.network).select_related("association")
        associations = Association.objects.filter(network=programme.network)
        for name in ("mentee_city", "mentor_city", "peer_cities"):
            self.fields[name].queryset = cities
        for name in ("mentee_association", "mentor_association"):
            self.fields[name].queryset = associations
        drop = ("mentee_city", "mentee_association", "mentor_city", "mentor_association") if programme.is_community \
            else ("peer_cities",)
        for name in drop:
            del self.fields[name]

    @classmethod
    def initial_for(cls, mentorship):
        initial = {"title": mentorship.title, "focus": mentorship.focus, "phase": mentorship.phase}
        places = list(mentorship.cities.all())
        for place in places:
            if place.side in (CitySide.MENTEE, CitySide.MENTOR):
                initial[f"{place.side}_city"] = place.city_id
                initial[f"{place.side}_association"] = place.association_id
        initial["peer_cities"] = [p.city_id for p in places if p.side == CitySide.PEER]
        return initial

    def clean(self):
        cleaned = super().clean()
        if self.programme.is_community:
            if len(cleaned.get("peer_cities") or []) < 2:
                self.add_error("peer_cities", _("A community of practice needs at least two cities."))
            return cleaned
        mentee, mentor = cleaned.get("mentee_city"), cleaned.get("mentor_city")
        if "mentee_city" in cleaned and mentee is None:
            self.add_error("mentee_city", _("Choose the mentee city."))
        if "mentor_city" in cleaned and mentor is None:
            self.add_error("mentor_city", _("Choose the mentor city."))
        if mentee and mentor and mentee == mentor:
            self.add_error("mentor_city", _("The mentor city must be another city than the mentee city."))
        return cleaned

    def places(self):
        """[(side, city, association)] from the cleaned data; the city's association by default."""
        data = self.cleaned_data
        if self.programme.is_community:
            return [(CitySide.PEER, city, city.association) for city in data["peer_cities"]]
        return [
            (side, data[f"{side}_city"], data.get(f"{side}_association") or data[f"{side}_city"].association)
            for side in (CitySide.MENTEE, CitySide.MENTOR)
        ]


class MentorshipContentForm(forms.Form):
    private_notes = LimitedTextField(
        label=_("Private notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen only by the people taking part in this mentorship."),
    )
    shared_summary = LimitedTextField(
        label=_("Summary shared with the programme"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the mentorship chooses to tell the programme's coordinators and facilitators."),
    )


class ParticipantInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role in the programme"), choices=ProgrammeRole.choices)
    is_lead = forms.BooleanField(label=_("Leads the mentorship (can invite and remove participants)"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the invitation e-mail"), choices=settings.LANGUAGES,
        help_text=_("Used only when the person is not yet a member of the network."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "en")[:2]


class FacilitatorForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Facilitator"), queryset=None, widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = candidates
        field.label_from_instance = lambda user: f"{user.display_name} <{user.email}>"
        self.has_candidates = None
        if not self.is_bound:
            # The page asks whether anyone is left to attach, then lists them: one query for both.
            listed = list(candidates)
            self.has_candidates = bool(listed)
            field.widget.choices = [("", field.empty_label)] + [(user.pk, field.label_from_instance(user))
                                                                 for user in listed]
