from django import forms
from django.utils.translation import gettext_lazy as _

from traject.accounts.roles import ROLE_LABELS
from traject.core.forms import DateInput
from traject.organisation.models import Country, Hospital, Specialty, University

from .models import NewsItem, OrganiserKind, Theme


class SessionForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    theme = forms.ChoiceField(label=_("theme"), choices=Theme.choices)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea, required=False, max_length=5000
    )
    organiser_kind = forms.ChoiceField(label=_("organiser"), choices=OrganiserKind.choices)
    organiser_name = forms.CharField(label=_("organised by"), max_length=200)
    university = forms.ModelChoiceField(
        label=_("university"), queryset=University.objects.none(), required=False
    )
    hospital = forms.ModelChoiceField(
        label=_("hospital"), queryset=Hospital.objects.none(), required=False
    )
    country = forms.ChoiceField(label=_("country"), choices=Country.choices)
    starts = forms.DateTimeField(
        label=_("starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends = forms.DateTimeField(
        label=_("ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    online = forms.BooleanField(label=_("online"), required=False)
    points = forms.DecimalField(
        label=_("accreditation points"), min_value=0, max_value=99, decimal_places=1
    )
    capacity = forms.IntegerField(label=_("places"), min_value=1, max_value=2000)

    def __init__(self, *args, universities=None, hospitals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["university"].queryset = (
            universities if universities is not None else University.objects.none()
        )
        self.fields["hospital"].queryset = (
            hospitals if hospitals is not None else Hospital.objects.none()
        )


class SessionEditForm(SessionForm):
    """The organiser's change of a session: what and when, not who organises it."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organiser_kind", "organiser_name", "university", "hospital", "country"):
            del self.fields[name]


class EvaluationForm(forms.Form):
    closes = forms.DateField(label=_("closes on"), widget=DateInput)


class PublishForm(forms.Form):
    highlight = forms.CharField(label=_("highlight"), widget=forms.Textarea, max_length=1000)


class NewsForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=NewsItem.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    body = forms.CharField(label=_("text"), widget=forms.Textarea, max_length=5000)
    important = forms.BooleanField(label=_("important (also sent by e-mail)"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("roles"),
        choices=list(ROLE_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: every role."),
    )
    university = forms.ModelChoiceField(
        label=_("university"), queryset=University.objects.none(), required=False
    )
    specialty = forms.ModelChoiceField(
        label=_("specialty"), queryset=Specialty.objects.all(), required=False
    )
    country = forms.ChoiceField(
        label=_("country"), choices=[("", "—"), *Country.choices], required=False
    )
    publish_on = forms.DateField(label=_("shown from"), widget=DateInput)
    expires_on = forms.DateField(label=_("shown until"), widget=DateInput)

    def __init__(self, *args, universities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["university"].queryset = (
            universities if universities is not None else University.objects.none()
        )
