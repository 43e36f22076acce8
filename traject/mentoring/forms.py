from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.core.forms import VersionField, carry_version
from traject.core.pickers import use_picker
from traject.organisation.models import Trainee, University

from .models import (
    REFERRAL_SHORT_TEXT,
    AgreedDeadline,
    Attendance,
    ConfidentialNote,
    GroupSession,
    IntervisionNote,
    MentorGroup,
    Referral,
    SessionTheme,
)


class VersionedForm(forms.ModelForm):
    """A model form that carries the version the editor saw."""

    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        carry_version(self, self.instance)


class MentorGroupForm(VersionedForm):
    class Meta:
        model = MentorGroup
        fields = ["name", "mentor", "university", "start_year"]

    def __init__(self, *args, universities=None, **kwargs):
        super().__init__(*args, **kwargs)
        from traject.accounts.models import User

        self.fields["university"].queryset = universities or University.objects.none()
        mentor = self.fields["mentor"]
        mentor.queryset = User.objects.filter(is_active=True, trainee__isnull=True)
        mentor.help_text = _(
            "Any staff member with a Traject account can be a mentor; the mentor needs an "
            "account first."
        )
        use_picker(
            mentor,
            "mentor",
            not_found=_(
                "No active Traject account has this e-mail address. The mentor needs an "
                "account first."
            ),
        )


class AddTraineeForm(forms.Form):
    trainee = forms.ModelChoiceField(label=_("ASO"), queryset=Trainee.objects.none())

    def __init__(self, *args, trainees=None, **kwargs):
        super().__init__(*args, **kwargs)
        if trainees is not None:
            self.fields["trainee"].queryset = trainees.select_related("user")
        use_picker(self.fields["trainee"], "mentor_group_trainee")


class SessionThemeForm(VersionedForm):
    class Meta:
        model = SessionTheme
        fields = ["training_year", "position", "title", "title_fr", "title_en", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GroupSessionForm(VersionedForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    class Meta:
        model = GroupSession
        fields = ["theme", "starts_at", "place"]

    def __init__(self, *args, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = (
            themes if themes is not None else SessionTheme.objects.none()
        )
        self.fields["theme"].label_from_instance = str
        if self.instance.pk:
            self.initial["starts_at"] = timezone.localtime(self.instance.starts_at)


class AttendanceForm(forms.Form):
    """One radio group per member of the group."""

    def __init__(self, *args, members=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.members = list(members)
        for trainee in self.members:
            self.fields[f"trainee_{trainee.pk}"] = forms.ChoiceField(
                label=str(trainee),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=current.get(trainee.pk, Attendance.Status.PRESENT),
            )

    def statuses(self) -> dict[int, str]:
        return {t.pk: self.cleaned_data[f"trainee_{t.pk}"] for t in self.members}


class IntervisionNoteForm(VersionedForm):
    class Meta:
        model = IntervisionNote
        fields = ["situation", "question", "reflections", "agreements"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in fields}
        help_texts = {
            "situation": _("What happened, told by the ASO who brings the case."),
            "question": _("What the ASO asks the group."),
            "reflections": _("What the group recognised, asked and thought."),
            "agreements": _("What was agreed; who does what."),
        }


class ConfidentialNoteForm(VersionedForm):
    class Meta:
        model = ConfidentialNote
        fields = ["held_on", "text"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "text": _(
                "Only you and your mentor / ASO read this. It is stored encrypted. The ASO alone "
                "can decide to share it."
            )
        }


class ShareForm(forms.Form):
    recipient = forms.ModelChoiceField(label=_("Share with"), queryset=None, empty_label=None)

    def __init__(self, *args, recipients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients
        self.fields["recipient"].help_text = _(
            "Only this note becomes visible to this person, until you withdraw your consent."
        )


class AgreedDeadlineForm(VersionedForm):
    todo_list_id = forms.TypedChoiceField(
        label=_("To-do list"), coerce=int, required=False, empty_value=None
    )

    class Meta:
        model = AgreedDeadline
        fields = ["todo_list_id", "description", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"description": _("For example: the first half of the items, a draft.")}

    def __init__(self, *args, todos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["todo_list_id"].choices = [("", _("(no specific list)"))] + [
            (t["list_id"], f"{t.get('course', '')} – {t.get('status_label', '')}") for t in todos
        ]


class ReferralForm(VersionedForm):
    referred_to = forms.CharField(label=_("Referred to"), max_length=REFERRAL_SHORT_TEXT)
    reason = forms.CharField(label=_("Why, in a few words"), max_length=REFERRAL_SHORT_TEXT)
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = Referral
        fields = ["referred_to", "reason", "referred_on", "follow_up_on", "outcome", "closed_on"]
        widgets = {
            f: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for f in ("referred_on", "follow_up_on", "closed_on")
        }
        help_texts = {"closed_on": _("Fill in when the follow-up is finished.")}
