from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from traject.core.forms import VersionField, carry_version
from traject.core.pickers import use_picker
from traject.core.uploads import accept_attribute
from traject.organisation.models import Specialty
from traject.organisation.vocabulary import term

from .models import (
    Course,
    CourseItem,
    EntrustmentLevel,
    Epa,
    LearningGoal,
    Role,
    Submission,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionForm(forms.Form):
    """Carries the version the editor saw, so a concurrent edit is refused (required)."""

    version = VersionField()


def roles_field(**kwargs):
    return forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,
    )


class TodoItemForm(VersionForm):
    note = forms.CharField(
        label=pgettext_lazy("portfolio", "Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the date of the session you attended or who signed the form."),
    )
    reflection = forms.CharField(
        label=_("Reflection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Plain text with blank lines between paragraphs, or simple formatting "
            "(bold, italic, lists). Anything else is removed when saving."
        ),
    )
    file = forms.FileField(
        label=_("Add a document"),
        help_text=_("PDF, image or Office document; at most 10 MB."),
        required=False,
        widget=forms.FileInput(attrs={"accept": accept_attribute()}),
    )
    done = forms.BooleanField(label=_("This item is done"), required=False)

    def __init__(self, *args, show_reflection=False, needs_file=False, **kwargs):
        """One form for the whole item: the note, the reflection, a file and "done" together."""
        super().__init__(*args, **kwargs)
        if not show_reflection:
            del self.fields["reflection"]
        if not needs_file:
            del self.fields["file"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Submission.Decision.ACCEPTED, _("Accept")),
            (Submission.Decision.RETURNED, _("Return with feedback")),
        ],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback to the ASO"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you return the list."),
    )


def _epa_field(trainee, required=False):
    return forms.ModelChoiceField(
        label=_("EPA"),
        queryset=Epa.objects.filter(specialty_id=trainee.specialty_id, is_active=True),
        required=required,
        empty_label=_("— none —"),
    )


class FeedbackRequestForm(forms.Form):
    supervisor = forms.ChoiceField(
        label=_("Ask"),
    )
    moment_date = forms.DateField(label=_("When"), widget=DATE)
    what = forms.CharField(
        label=_("What"),
        max_length=300,
        help_text=_("The moment, e.g. 'ward round room 12' or 'breaking bad news'."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("— none —")), *Role.choices], required=False
    )

    def __init__(self, *args, trainee, people, **kwargs):
        """``people``: the ASO's stageteam (traject.workfloor.selectors.stageteam)."""
        super().__init__(*args, **kwargs)
        self.people = {p.key: p for p in people}
        self.fields["supervisor"].choices = [(p.key, p.name) for p in people]
        self.fields["supervisor"].help_text = term("feedback_people", trainee.country)
        self.fields["epa"] = _epa_field(trainee)
        self.initial.setdefault("moment_date", timezone.localdate())

    def clean(self):
        data = super().clean()
        person = self.people.get(data.pop("supervisor", None) or "")
        if person is not None:
            data["supervisor"], data["team_member"] = person.user, person.team_member
        return data


LEVEL_CHOICES = [("", _("— not applicable —")), *EntrustmentLevel.choices]


class FeedbackCompleteForm(forms.Form):
    """The one-minute form: two short texts and, for an EPA, a level."""

    went_well = forms.CharField(
        label=_("What went well"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    to_improve = forms.CharField(
        label=_("What to improve"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    entrustment_level = forms.TypedChoiceField(
        label=_("Entrustment level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, with_level=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_level:
            del self.fields["entrustment_level"]


class FeedbackGiveForm(forms.Form):
    moment_date = forms.DateField(label=_("When"), widget=DATE)
    what = forms.CharField(label=_("What"), max_length=300)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("— none —")), *Role.choices], required=False
    )
    went_well = forms.CharField(
        label=_("What went well"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    to_improve = forms.CharField(
        label=_("What to improve"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    entrustment_level = forms.TypedChoiceField(
        label=_("Entrustment level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only with an EPA."),
    )

    def __init__(self, *args, trainee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["epa"] = _epa_field(trainee)
        self.order_fields(["moment_date", "what", "role", "epa"])
        self.initial.setdefault("moment_date", timezone.localdate())


class EntrustmentForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Level"), choices=EntrustmentLevel.choices, coerce=int, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DATE)
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("On what the decision rests."),
    )

    def __init__(self, *args, trainee, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Feedback

        self.fields["epa"] = _epa_field(trainee, required=True)
        self.fields["evidence"] = forms.ModelMultipleChoiceField(
            label=_("Evidence (feedback moments)"),
            queryset=Feedback.objects.filter(trainee=trainee).select_related("epa"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.order_fields(["epa", "level", "decided_on", "rationale", "evidence"])
        self.initial.setdefault("decided_on", timezone.localdate())


class GoalForm(VersionForm):
    title = forms.CharField(label=_("Learning goal"), max_length=200)
    planning = forms.CharField(
        label=_("Planning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    approach = forms.CharField(
        label=_("Approach"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evaluation = forms.CharField(
        label=_("Evaluation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    roles = roles_field()
    status = forms.ChoiceField(label=_("Status"), choices=LearningGoal.Status.choices)

    def __init__(self, *args, trainee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["epas"] = forms.ModelMultipleChoiceField(
            label=_("EPAs"),
            queryset=Epa.objects.filter(specialty_id=trainee.specialty_id, is_active=True),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class CourseForm(forms.ModelForm):
    titularis = forms.ModelChoiceField(
        label=_("Titularis"),
        queryset=get_user_model().objects.none(),
        help_text=_("The person must already have a Traject account."),
    )
    roles = roles_field()
    training_years = forms.TypedMultipleChoiceField(
        label=_("Training years"),
        choices=[(year, str(year)) for year in range(1, 7)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The ASO in these years follow the course; none means every year."),
    )
    version = VersionField(required=False)

    class Meta:
        model = Course
        fields = ["code", "name", "level", "university", "specialty", "description", "is_active"]

    def __init__(self, *args, universities, specialties, **kwargs):
        super().__init__(*args, **kwargs)
        carry_version(self, self.instance)
        self.fields["university"].queryset = universities
        self.fields["specialty"].queryset = specialties
        self.fields["titularis"].queryset = get_user_model().objects.filter(
            is_active=True, trainee__isnull=True
        )
        use_picker(self.fields["titularis"], "course_titularis")
        if self.instance.pk:
            self.initial["titularis"] = self.instance.titularis_id
            self.initial["roles"] = self.instance.roles
            self.initial["training_years"] = self.instance.training_years
        self.order_fields(
            [
                "code",
                "name",
                "level",
                "university",
                "specialty",
                "titularis",
                "roles",
                "training_years",
                "description",
                "is_active",
            ]
        )

    def _post_clean(self):
        if "titularis" in self.cleaned_data:
            self.instance.titularis = self.cleaned_data["titularis"]
        self.instance.roles = self.cleaned_data.get("roles", [])
        self.instance.training_years = sorted(self.cleaned_data.get("training_years", []))
        super()._post_clean()


class CourseItemForm(forms.ModelForm):
    roles = roles_field()
    version = VersionField(required=False)

    class Meta:
        model = CourseItem
        fields = ["title", "description", "kind", "due_date", "required", "position"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        carry_version(self, self.instance)
        if self.instance.pk:
            self.initial["roles"] = self.instance.roles

    def _post_clean(self):
        self.instance.roles = self.cleaned_data.get("roles", [])
        super()._post_clean()


class EpaForm(forms.ModelForm):
    roles = roles_field()
    version = VersionField(required=False)

    class Meta:
        model = Epa
        fields = ["specialty", "code", "title", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, specialties=None, **kwargs):
        super().__init__(*args, **kwargs)
        carry_version(self, self.instance)
        if specialties is not None:
            self.fields["specialty"].queryset = specialties
        if self.instance.pk:
            self.initial["roles"] = self.instance.roles

    def _post_clean(self):
        self.instance.roles = self.cleaned_data.get("roles", [])
        super()._post_clean()


def specialties_for_admin(scope) -> "forms.QuerySet":
    if any(role["specialty_id"] is None for role in scope):
        return Specialty.objects.all()
    return Specialty.objects.filter(pk__in=[role["specialty_id"] for role in scope])
