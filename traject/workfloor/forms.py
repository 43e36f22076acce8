from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.portfolio.forms import DATE, FeedbackCompleteForm, _epa_field
from traject.portfolio.models import Role

from .models import TeamMember


class BedsideCodeForm(forms.Form):
    """What the ASO wants feedback on; the supervisor scans the QR code that follows."""

    what = forms.CharField(
        label=_("What"),
        max_length=300,
        help_text=_("The moment, e.g. 'ward round room 12' or 'breaking bad news'."),
    )
    moment_date = forms.DateField(label=_("When"), widget=DATE)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("— none —")), *Role.choices], required=False
    )

    def __init__(self, *args, trainee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["epa"] = _epa_field(trainee)
        self.initial.setdefault("moment_date", timezone.localdate())


class ChooseNameForm(forms.Form):
    person = forms.ChoiceField(label=_("Who are you?"), widget=forms.RadioSelect)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.key, p.name) for p in people]


class DigitsForm(forms.Form):
    digits = forms.CharField(
        label=_("Code from your e-mail"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
    )


class QuickFeedbackForm(FeedbackCompleteForm):
    """The same one-minute form as a signed-in supervisor's."""


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["name", "email", "function"]
