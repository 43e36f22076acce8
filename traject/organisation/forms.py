from django import forms
from django.utils.translation import gettext_lazy as _

from traject.accounts.models import User
from traject.core.forms import DateInput, VersionedModelForm
from traject.core.pickers import use_picker

from .models import (
    Hospital,
    HospitalCoordinator,
    ServiceRecognition,
    Specialty,
    Stage,
    Trainee,
    TrainerRecognition,
    TrainingService,
    University,
)


class UniversityForm(VersionedModelForm):
    class Meta:
        model = University
        fields = ["code", "name", "country"]


class HospitalForm(VersionedModelForm):
    class Meta:
        model = Hospital
        fields = ["name", "city", "university", "is_university_hospital", "country", "region"]


class SpecialtyForm(VersionedModelForm):
    class Meta:
        model = Specialty
        fields = ["code", "name_nl", "name_fr", "name_en", "duration_years", "country"]


class TrainingServiceForm(VersionedModelForm):
    class Meta:
        model = TrainingService
        fields = ["hospital", "specialty", "name"]


class ServiceRecognitionForm(VersionedModelForm):
    class Meta:
        model = ServiceRecognition
        fields = ["service", "start", "end", "reference"]
        widgets = {"start": DateInput(), "end": DateInput()}


class TrainerRecognitionForm(VersionedModelForm):
    class Meta:
        model = TrainerRecognition
        fields = ["trainer", "service", "start", "end", "capacity", "reference"]
        widgets = {"start": DateInput(), "end": DateInput()}


class CoordinatorForm(forms.ModelForm):
    class Meta:
        model = HospitalCoordinator
        fields = ["user", "hospital"]


class PersonForm(forms.Form):
    """The person behind a new role; an existing account with this e-mail address is reused."""

    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=User._meta.get_field("language").choices
    )

    def to_user(self) -> User:
        return User(**self.cleaned_data)


class TraineeForm(VersionedModelForm):
    class Meta:
        model = Trainee
        fields = ["specialty", "university", "training_start", "riziv_number"]
        widgets = {"training_start": DateInput()}

    def __init__(self, *args, universities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if universities is not None:
            self.fields["university"].queryset = universities


class StageForm(VersionedModelForm):
    exception_reason = forms.CharField(
        label=_("Record an exception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when the stage must go ahead beyond the recognised capacity or recognition: "
            "explain why. The exception is logged with your name."
        ),
    )

    class Meta:
        model = Stage
        fields = ["trainee", "service", "stagemeester", "start", "end"]
        widgets = {"start": DateInput(), "end": DateInput()}

    def __init__(self, *args, trainees=None, **kwargs):
        super().__init__(*args, **kwargs)
        if trainees is not None:
            self.fields["trainee"].queryset = trainees.select_related("user")
        self.fields["service"].queryset = TrainingService.objects.select_related("hospital")
        self.fields["stagemeester"].queryset = User.objects.filter(
            trainer_recognitions__isnull=False
        ).distinct()
        # Search fields limited to the user's scope instead of selects of every candidate.
        use_picker(self.fields["trainee"], "stage_trainee")
        use_picker(self.fields["stagemeester"], "stagemeester")
        if self.instance.pk and self.instance.exception_reason and not self.is_bound:
            self.fields["exception_reason"].initial = self.instance.exception_reason
