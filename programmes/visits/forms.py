import datetime
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.benchmarks.models import KeyFactor
from programmes.core.ids import IdMultipleChoiceField
from programmes.directory.models import City
from programmes.questionnaires.models import GoodPractice

from .models import AgendaItem, Mode, VisitKind
from .text import validate_one_line

TIME_ZONES = sorted(zone for zone in available_timezones() if zone.startswith(("Europe/", "Atlantic/Canary")))


class VisitForm(forms.Form):
    """A visit's details, with local dates and times in the host's time zone."""

    kind = forms.ChoiceField(label=_("Kind"), choices=VisitKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Leave empty to use the kind."), validators=[validate_one_line])
    host_city = forms.ModelChoiceField(label=_("Host city"), queryset=City.objects.none(), required=False)
    mode = forms.ChoiceField(label=_("How"), choices=Mode.choices, widget=forms.RadioSelect, initial=Mode.PHYSICAL)
    starts_on = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends_on = forms.DateField(label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[(zone, zone) for zone in TIME_ZONES],
                                  help_text=_("The host's time zone: the times above are in it."))
    venue = forms.CharField(label=_("Venue address"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    meeting_link = forms.URLField(label=_("Meeting link"), required=False, max_length=500, assume_scheme="https",
                                  help_text=_("For online meetings, for example https://meet.example.org/…"))
    objectives = forms.CharField(label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    questions = forms.CharField(label=_("Questions to answer during the visit"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, cities, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_city"].queryset = cities
        if kinds is not None:
            self.fields["kind"].choices = [choice for choice in VisitKind.choices if choice[0] in kinds]

    @classmethod
    def initial_for(cls, visit):
        zone = visit.zone
        starts, ends = visit.starts_at.astimezone(zone), visit.ends_at.astimezone(zone)
        return {
            "kind": visit.kind, "title": visit.title, "host_city": visit.host_city_id, "mode": visit.mode,
            "starts_on": starts.date(), "starts_time": starts.time(), "ends_on": ends.date(),
            "ends_time": ends.time(), "time_zone": visit.time_zone, "venue": visit.venue,
            "meeting_link": visit.meeting_link, "objectives": visit.objectives, "questions": visit.questions,
        }

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone")
        parts = [cleaned.get(name) for name in ("starts_on", "starts_time", "ends_on", "ends_time")]
        if zone_name and all(part is not None for part in parts):
            zone = ZoneInfo(zone_name)
            cleaned["starts_at"] = datetime.datetime.combine(parts[0], parts[1], tzinfo=zone)
            cleaned["ends_at"] = datetime.datetime.combine(parts[2], parts[3], tzinfo=zone)
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("ends_time", _("The end must be after the start."))
        if cleaned.get("mode") == Mode.ONLINE and not cleaned.get("meeting_link"):
            self.add_error("meeting_link", _("Give the meeting link of an online meeting."))
        return cleaned

    @property
    def values(self):
        names = ["kind", "title", "host_city", "mode", "starts_at", "ends_at", "time_zone", "venue", "meeting_link",
                 "objectives", "questions"]
        return {name: self.cleaned_data.get(name, "") for name in names}


class AgendaItemForm(forms.ModelForm):
    good_practices = IdMultipleChoiceField(
        label=_("Good practices presented"), queryset=GoodPractice.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = AgendaItem
        fields = ["day", "time", "title", "description", "place", "lead"]
        widgets = {"time": forms.TimeInput(attrs={"type": "time"}), "description": forms.Textarea(attrs={"rows": 2})}

    key_factors = IdMultipleChoiceField(
        label=_("Benchmark key factors discussed"), queryset=KeyFactor.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, practices, key_factors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["good_practices"].queryset = practices
        self.fields["key_factors"].queryset = key_factors
        self.fields["key_factors"].label_from_instance = lambda f: f"{f.number}. {f.title}"
        if not key_factors.exists():
            del self.fields["key_factors"]
        if self.instance.pk and not self.is_bound:
            self.initial["good_practices"] = [p.pk for p in self.instance.good_practices.all()]
            if "key_factors" in self.fields:
                self.initial["key_factors"] = [f.pk for f in self.instance.key_factors.all()]

    @property
    def values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("Follow-up"), max_length=500, validators=[validate_one_line])
    owner = forms.CharField(label=_("Who"), max_length=200, validators=[validate_one_line])
    due_on = forms.DateField(label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
