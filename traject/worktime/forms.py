import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from traject.core.forms import VersionField

from .models import Jurisdiction, Kind, LeaveKind, OptOutAgreement, WorktimeSettings
from .timeutil import local_range

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M")

# One-tap presets on the entry form: (key, label, start, end, kind).
PRESETS = [
    ("day", _("Day 08–17"), datetime.time(8), datetime.time(17), Kind.PLANNED),
    ("long", _("Long day 08–20"), datetime.time(8), datetime.time(20), Kind.PLANNED),
    ("night", _("Night 20–08"), datetime.time(20), datetime.time(8), Kind.PLANNED),
    ("call24", _("24 h call 08–08"), datetime.time(8), datetime.time(8), Kind.ONCALL_INHOUSE),
    ("standby", _("Standby 18–08"), datetime.time(18), datetime.time(8), Kind.ONCALL_HOME_STANDBY),
]
PRESET_BY_KEY = {p[0]: p for p in PRESETS}


class EntryForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    start_time = forms.TimeField(label=_("From"), widget=TIME)
    end_time = forms.TimeField(
        label=_("Until"),
        widget=TIME,
        help_text=_("An end at or before the start means the next day (a night)."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.PLANNED)
    restrictive = forms.BooleanField(
        label=_("Restrictive standby"),
        required=False,
        help_text=_(
            "Tick when you must answer so fast that you cannot use the time freely: in Belgium "
            "such standby counts as working time (EU Court of Justice, Matzak, C-518/15)."
        ),
    )
    note = forms.CharField(label=pgettext_lazy("worktime", "Note"), max_length=200, required=False)
    version = VersionField(required=False)

    def __init__(self, *args, zone, **kwargs):
        self.zone = zone
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if {"day", "start_time", "end_time"} <= data.keys():
            try:
                data["start"], data["end"] = local_range(
                    data["day"], data["start_time"], data["end_time"], self.zone
                )
            except ValidationError as exc:
                raise ValidationError(exc.messages)
        if data.get("restrictive") and data.get("kind") != Kind.ONCALL_HOME_STANDBY:
            self.add_error("restrictive", _("Only a home standby can be restrictive."))
        return data


class LeaveForm(forms.Form):
    first = forms.DateField(label=_("First day"), widget=DATE)
    last = forms.DateField(label=_("Last day"), widget=DATE, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=LeaveKind.choices)
    weekdays_only = forms.BooleanField(
        label=_("Monday to Friday only"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        if data.get("first") and not data.get("last"):
            data["last"] = data["first"]
        return data


class RepeatForm(forms.Form):
    times = forms.IntegerField(label=_("Number of weeks"), min_value=1, max_value=52, initial=4)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (ICS or CSV)"),
        help_text=_("All lines are imported, or none: you get the list of lines to correct."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 2 MB."))
        return upload


class SettingsForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = WorktimeSettings
        fields = ["jurisdiction", "timezone", "reference_start"]
        widgets = {"reference_start": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = Jurisdiction.choices


class OptOutForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = OptOutAgreement
        fields = ["signed_on", "withdrawn_from", "note"]
        widgets = {"signed_on": DATE, "withdrawn_from": DATE}


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            if data["end"] < data["start"]:
                raise ValidationError(_("The end date lies before the start date."))
            if (data["end"] - data["start"]).days > 3 * 366:
                raise ValidationError(_("Choose a period of at most three years."))
        return data


class MonthField(forms.DateField):
    input_formats = ["%Y-%m", "%Y-%m-%d"]


class PayslipForm(forms.Form):
    month = MonthField(
        label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    )
    gross = forms.DecimalField(
        label=_("Gross pay on the payslip (€)"), min_value=0, max_digits=9, decimal_places=2
    )
    note = forms.CharField(label=pgettext_lazy("worktime", "Note"), max_length=200, required=False)


class ShareForm(forms.Form):
    recipient = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("They must have a Traject account. They see only this report."),
    )
    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("Until"), widget=DATE)
    message = forms.CharField(label=_("Message"), max_length=300, required=False)
