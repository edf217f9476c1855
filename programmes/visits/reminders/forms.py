"""The form a coordinator adds a reminder rule with: which events, and how long before."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.mentorships.models import MilestoneKind

from ..models import ReminderTarget
from .offsets import InvalidOffset, OffsetTooLong, parse_offsets


class RuleForm(forms.Form):
    target = forms.ChoiceField(label=gettext_lazy("Remind of"), choices=ReminderTarget.choices)
    milestone_kind = forms.ChoiceField(
        label=gettext_lazy("Only milestones of the kind"), required=False,
        choices=[("", gettext_lazy("Every milestone")), *MilestoneKind.choices],
        help_text=gettext_lazy("Used only for milestones."))
    offsets = forms.CharField(
        label=gettext_lazy("How long before"), initial="14d, 2d", max_length=200,
        help_text=gettext_lazy("A list of durations: d for days, h for hours, w for weeks, for example 14d, 2d, 3h; "
                               "at most a year (365d)."))

    def clean_offsets(self):
        try:
            return parse_offsets(self.cleaned_data["offsets"])
        except OffsetTooLong as error:
            raise forms.ValidationError(
                _("“%(value)s” is more than a year before the event: reminders go at most a year (365d) ahead.")
                % {"value": error.args[0]}) from error
        except InvalidOffset as error:
            raise forms.ValidationError(
                _("“%(value)s” is not a duration before the event: write for example 14d, 2d or 3h.")
                % {"value": error.args[0]} if error.args[0] else _("Give at least one duration, for example 14d.")
            ) from error
