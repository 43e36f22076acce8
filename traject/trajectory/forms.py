from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from traject.core.forms import DateInput, VersionedModelForm, VersionField
from traject.core.uploads import PDF_AND_IMAGES, accept_attribute
from traject.organisation.models import TrainingService

from .models import Contact, Evidence, Interruption, PlanItem, PlanVersion


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = [
            "kind",
            "start",
            "end",
            "service",
            "stagemeester",
            "institution",
            "country",
            "belgian_address",
            "justification",
        ]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "belgian_address": forms.Textarea(attrs={"rows": 2}),
            "justification": forms.Textarea(attrs={"rows": 3}),
        }

    # The plan's version the editor saw (a period has none of its own): required for a change.
    version = VersionField()

    def __init__(self, *args, trainee=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["version"].required = False
        elif not self.is_bound:
            self.initial["version"] = self.instance.plan.version
        specialty_id = trainee.specialty_id if trainee else None
        self.fields["service"].queryset = TrainingService.objects.filter(
            specialty_id=specialty_id
        ).select_related("hospital")
        self.fields["stagemeester"].queryset = (
            get_user_model()
            .objects.filter(trainer_recognitions__service__specialty_id=specialty_id)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["service"].help_text = _("For a stage in Belgium.")
        self.fields["justification"].help_text = _("Required for a research period.")


class ChangeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the plan change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    file = forms.FileField(
        label=_("File (PDF or image, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(PDF_AND_IMAGES)}),
    )
    valid_from = forms.DateField(
        label=_("Valid from"),
        required=False,
        widget=DateInput(),
        help_text=_("For the Orde registration: the date it starts."),
    )


class InterruptionForm(VersionedModelForm):
    class Meta:
        model = Interruption
        fields = ["kind", "start", "end", "note"]
        widgets = {"start": DateInput(), "end": DateInput()}


class StepForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput(), required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )


class SupplementForm(StepForm):
    note = forms.CharField(
        label=_("What is missing?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class CandidateNumberForm(StepForm):
    number = forms.CharField(label=_("RIZIV candidate number"), max_length=20)


class AdviceForm(StepForm):
    advice = forms.ChoiceField(label=_("Advice"), choices=PlanVersion.Advice.choices)


class DecisionForm(StepForm):
    approved = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("approved")), ("0", _("refused"))],
        coerce=lambda value: value == "1",
    )


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["university", "hospital", "role", "name", "email", "phone", "url", "note"]


class StageboekjeGenerateForm(forms.Form):
    year = forms.IntegerField(label=_("Training year"), min_value=1, max_value=10)
    worktime_consent = forms.BooleanField(
        label=_("Include my working-time summary"),
        required=False,
        help_text=_("Working time is personal: it is only included with your consent."),
    )


class EvaluationForm(forms.Form):
    evaluation = forms.CharField(
        label=_("Yearly evaluation"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


class BoekjeDecisionForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("approved")), ("0", _("more asked"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )
