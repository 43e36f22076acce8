from django import forms
from django.utils.translation import gettext_lazy as _

from traject.core.forms import DateInput

from .models import MAX_TEXT, DurationDecision, IntensifiedTrack, Kind, Outcome


def _text(label, required=False, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class TalkPlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of talk"), choices=Kind.choices)
    planned_on = forms.DateField(label=_("Date"), widget=DateInput())
    held_by = PersonChoiceField(label=_("Held by"), queryset=None, empty_label=None)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        from traject.accounts.models import User

        self.fields["held_by"].queryset = User.objects.filter(pk__in=[u.pk for u in trainers])


class TalkReportForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    report = _text(_("Report"), required=True, rows=8)
    checklist = forms.MultipleChoiceField(
        label=_("Job aid: points discussed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", "–"), *Outcome.choices]
    )
    actions = _text(
        _("Agreed actions"),
        rows=4,
        help_text=_("One action per line; each becomes a goal of the IOP."),
    )
    track_goals = _text(
        _("Goals of the intensified track"),
        help_text=_("Only with the outcome twijfel."),
    )
    track_deadline = forms.DateField(
        label=_("Deadline of the intensified track"), required=False, widget=DateInput()
    )
    report_shared = forms.BooleanField(
        label=_("Share the report with the training group"),
        required=False,
        help_text=_("Without this, the training group sees the outcome only."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, talk, checklist_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checklist"].choices = [(str(i.pk), i.text) for i in checklist_items]
        if talk.kind != Kind.SUITABILITY:
            for name in ("outcome", "track_goals", "track_deadline"):
                del self.fields[name]

    @property
    def action_lines(self) -> list[str]:
        return [line for line in self.cleaned_data.get("actions", "").splitlines() if line.strip()]


class AcknowledgeForm(forms.Form):
    reaction = _text(
        _("Your reaction (optional)"),
        help_text=_("Your reaction is kept with the report in your portfolio."),
    )


class TrackCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (IntensifiedTrack.Status.COMPLETED.value, IntensifiedTrack.Status.COMPLETED.label),
            (IntensifiedTrack.Status.ENDED.value, IntensifiedTrack.Status.ENDED.label),
        ],
    )
    conclusion = _text(_("Conclusion"), required=True)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TransferForm(forms.Form):
    summary = _text(_("Summary of the period"), required=True, rows=6)
    attention_points = _text(_("Points of attention"))
    agreed_support = _text(_("Agreed support"))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TransferReactForm(forms.Form):
    reaction = _text(
        _("Your reaction (optional)"),
        help_text=_("The receiving trainer reads your reaction with the document."),
    )


class DurationDecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=DurationDecision.Kind.choices)
    months = forms.IntegerField(
        label=_("Months"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("For a shortening (EVC) or an extension."),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    percentage = forms.IntegerField(
        label=_("Part-time percentage"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("For a part-time period, e.g. 80."),
    )
    reason = _text(_("Reason"), required=True)


class LocalPlanCreateForm(forms.Form):
    service = forms.ModelChoiceField(label=_("For the training at"), queryset=None)
    introduction = _text(_("Introduction"))

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class LocalPlanItemForm(forms.Form):
    epa = forms.ModelChoiceField(label=_("EPA"), queryset=None, required=False)
    theme = forms.CharField(
        label=_("Theme"), max_length=200, required=False, help_text=_("When it is not one EPA.")
    )
    period = forms.CharField(label=_("Period"), max_length=100)
    assessment = _text(_("How progress is followed and assessed"), required=True)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from traject.portfolio.models import Epa

        self.fields["epa"].queryset = Epa.objects.filter(
            specialty_id=plan.specialty_id, is_active=True
        )


def team_roles():
    from traject.organisation.models import TeamMember

    return [
        (TeamMember.Role.DEPUTY, _("deputy trainer (may hold the talks)")),
        (TeamMember.Role.MEMBER, _("member of the training group (reads the outcomes)")),
    ]


class TeamMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of their Traject account"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=team_roles, widget=forms.RadioSelect)
