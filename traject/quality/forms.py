from django import forms
from django.utils.translation import gettext_lazy as _

from traject.core.forms import DateInput, VersionField
from traject.organisation.models import Specialty, University

from .instruments import campaign_country
from .models import (
    Audience,
    EducationalActivity,
    ImprovementAction,
    Instrument,
    Item,
    RecognitionApplication,
    SupportingDocument,
    Theme,
)

NOT_APPLICABLE = "na"
SCALE_CHOICES = [
    ("1", "1"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5"),
    (NOT_APPLICABLE, _("n/a")),
]


class ApplicationCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Recognition of"), choices=RecognitionApplication.Kind.choices)
    service = forms.ModelChoiceField(label=_("Stagedienst"), queryset=None)
    trainer_email = forms.EmailField(
        label=_("E-mail address of the stagemeester"),
        required=False,
        help_text=_("Only for a stagemeester other than yourself (coördinerend stagemeester)."),
    )
    requested_places = forms.IntegerField(
        label=_("Requested number of ASO places"), min_value=1, max_value=50
    )
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea, required=False)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class ApplicationEditForm(forms.Form):
    version = VersionField()
    requested_places = forms.IntegerField(
        label=_("Requested number of ASO places"), min_value=1, max_value=50
    )
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea, required=False)


class StaffMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.CharField(label=_("Function"), max_length=200)
    fte = forms.DecimalField(label=_("FTE"), min_value=0.05, max_value=1.5, decimal_places=2)
    recognised_specialist = forms.BooleanField(
        label=_("Recognised specialist"), required=False, initial=True
    )


class ActivityFiguresForm(forms.Form):
    """Twelve months of figures: three numbers per month."""

    FIELDS = (
        ("admissions", _("admissions")),
        ("consultations", _("consultations")),
        ("procedures", _("procedures")),
    )

    # The application's version the editor saw: the figures are part of the application.
    version = VersionField()

    def __init__(self, *args, months, initial_rows=None, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = version
        self.months = months
        initial_rows = initial_rows or {}
        for month in months:
            for name, label in self.FIELDS:
                key = f"{month:%Y-%m}-{name}"
                self.fields[key] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    max_value=1_000_000,
                    initial=initial_rows.get(month, {}).get(name),
                )

    def rows(self):
        return [
            (month, [self[f"{month:%Y-%m}-{name}"] for name, _label in self.FIELDS])
            for month in self.months
        ]

    def figures(self) -> list[dict]:
        return [
            {
                "month": month,
                **{name: self.cleaned_data[f"{month:%Y-%m}-{name}"] for name, _ in self.FIELDS},
            }
            for month in self.months
        ]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of document"), choices=SupportingDocument.Kind.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG or JPEG, at most 10 MB."))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("grant", _("Grant the recognition")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    start = forms.DateField(
        label=_("Valid from"),
        required=False,
        widget=DateInput,
        help_text=_("The recognition ends five years later."),
    )
    capacity = forms.IntegerField(
        label=_("Maximum number of ASO at the same time"), min_value=1, max_value=50, required=False
    )
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    reason = forms.CharField(label=_("Reason for refusal"), widget=forms.Textarea, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "grant":
            if not data.get("start"):
                self.add_error("start", _("Give the start date."))
            if not data.get("capacity"):
                self.add_error("capacity", _("Give the capacity."))
        elif data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the refusal."))
        return data


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    instrument = forms.ModelChoiceField(
        label=_("Survey"), queryset=Instrument.objects.exclude(audience=Audience.TRAINER_SELF)
    )
    scope = forms.ChoiceField(label=_("For"))
    opens = forms.DateField(label=_("Opens on"), widget=DateInput)
    closes = forms.DateField(label=_("Closes on"), widget=DateInput)

    def __init__(self, *args, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        universities = {u.pk: u for u in University.objects.all()}
        specialties = {s.pk: s for s in Specialty.objects.all()}
        countries = set()
        for university_id, specialty_id in scopes:
            countries.add(campaign_country(universities.get(university_id)))
            if university_id is None:
                label = _("All ASO and trainers in Belgium (national)")
            elif specialty_id is None:
                label = str(universities[university_id])
            else:
                label = f"{universities[university_id]} – {specialties[specialty_id]}"
            choices.append((f"{university_id or ''}:{specialty_id or ''}", label))
        self.fields["scope"].choices = choices
        # The surveys written for the trainings in the person's scopes (ASO or aios words).
        self.fields["instrument"].queryset = Instrument.objects.exclude(
            audience=Audience.TRAINER_SELF
        ).filter(country__in=["", *countries])

    def scope_objects(self):
        university_id, specialty_id = self.cleaned_data["scope"].split(":")
        return (
            University.objects.filter(pk=university_id or None).first(),
            Specialty.objects.filter(pk=specialty_id or None).first(),
        )


class ScaleForm(forms.Form):
    """One radio question per item of an instrument, grouped per theme, plus free text."""

    def __init__(self, *args, instrument, free_text_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.theme_list = list(Theme.objects.filter(instrument=instrument).order_by("order"))
        self.items = list(Item.objects.filter(theme__instrument=instrument).select_related("theme"))
        for item in self.items:
            self.fields[f"item-{item.code}"] = forms.ChoiceField(
                label=item.text, choices=SCALE_CHOICES, widget=forms.RadioSelect
            )
        self.fields["free_text"] = forms.CharField(
            label=free_text_label or instrument.free_text_question,
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
            max_length=2000,
        )

    def grouped(self):
        return [
            (theme, [self[f"item-{i.code}"] for i in self.items if i.theme_id == theme.pk])
            for theme in self.theme_list
        ]

    def scores(self) -> dict:
        return {
            item.code: (
                None
                if self.cleaned_data[f"item-{item.code}"] == NOT_APPLICABLE
                else int(self.cleaned_data[f"item-{item.code}"])
            )
            for item in self.items
        }


class ImprovementActionForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False)
    action = forms.CharField(
        label=_("Improvement action"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What will the stagedienst do, by when? It is followed up at the next campaign."
        ),
    )

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(instrument=instrument)


class ImprovementActionUpdateForm(forms.Form):
    version = VersionField()
    status = forms.ChoiceField(label=_("Status"), choices=ImprovementAction.Status.choices)
    follow_up = forms.CharField(
        label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class EducationalActivityForm(forms.ModelForm):
    service = forms.ModelChoiceField(label=_("Training group (stagedienst)"), queryset=None)
    proof = forms.FileField(
        label=_("Proof"), required=False, help_text=_("PDF, PNG or JPEG, at most 10 MB.")
    )

    class Meta:
        model = EducationalActivity
        fields = ["service", "participant", "title", "provider", "date", "hours", "accreditation"]
        widgets = {"date": DateInput}

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
