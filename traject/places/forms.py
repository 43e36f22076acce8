from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.core.forms import DateInput, VersionField
from traject.core.uploads import accept_attribute
from traject.organisation.models import Hospital, Region, Specialty, Trainee, University

from . import rules
from .models import Kind, ShowcasePage
from .selectors import BE_GROUPINGS, GROUPINGS


class OverviewForm(forms.Form):
    """The filters of the places overview (GET)."""

    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("NL", _("the Netherlands")), ("BE", _("Belgium"))],
        required=False,
    )
    by = forms.ChoiceField(
        label=_("Per"),
        required=False,
        choices=[
            ("region", _("region (OOR)")),
            ("hospital", _("institution")),
            ("specialty", _("specialty")),
            ("year", _("year")),
            ("university", _("university")),
            ("service", _("stagedienst")),
        ],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    on = forms.DateField(label=_("On"), required=False, widget=DateInput())
    region = forms.ModelChoiceField(
        label=_("Region (OOR)"), queryset=Region.objects.all(), required=False, empty_label=_("All")
    )
    hospital = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Hospital.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    university = forms.ModelChoiceField(
        label=_("University"),
        queryset=University.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    specialty = forms.ModelChoiceField(
        label=_("Specialty"), queryset=Specialty.objects.all(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, hospitals=None, **kwargs):
        super().__init__(*args, **kwargs)
        if hospitals is not None:
            self.fields["hospital"].queryset = hospitals
            self.fields["university"].queryset = University.objects.filter(
                hospitals__in=hospitals
            ).distinct()

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        country = data.get("country") or "NL"
        by = data.get("by") or ("region" if country == "NL" else "hospital")
        allowed = GROUPINGS if country == "NL" else BE_GROUPINGS
        return {
            "country": country,
            "by": by if by in allowed else allowed[0],
            "year": data.get("year"),
            "on": data.get("on") or timezone.localdate(),
            "region": data.get("region"),
            "hospital": data.get("hospital"),
            "university": data.get("university"),
            "specialty": data.get("specialty"),
        }


class AddPlacesForm(forms.Form):
    hospital = forms.ModelChoiceField(label=_("Institution"), queryset=Hospital.objects.none())
    specialty = forms.ModelChoiceField(
        label=_("Specialty"), queryset=Specialty.objects.filter(country="NL")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    count = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=50, initial=1)

    def __init__(self, *args, hospitals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hospital"].queryset = hospitals.filter(country="NL")
        self.fields["year"].initial = timezone.localdate().year


class FillForm(forms.Form):
    trainee = forms.ModelChoiceField(label=_("Aios"), queryset=Trainee.objects.none())
    on = forms.DateField(label=_("From"), widget=DateInput())
    version = VersionField()

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = Trainee.objects.filter(
            specialty=place.specialty
        ).select_related("user")
        self.fields["on"].initial = timezone.localdate()
        self.fields["version"].initial = place.version


class VacateForm(forms.Form):
    on = forms.DateField(label=_("Last day"), widget=DateInput())
    stopped = forms.BooleanField(label=_("The aios stopped training"), required=False)


class PlanForm(forms.Form):
    specialty = forms.ModelChoiceField(
        label=_("Specialty"), queryset=Specialty.objects.filter(country="NL")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class PlanLineForm(forms.Form):
    hospital = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Hospital.objects.filter(country="NL", region__isnull=False),
    )
    number = forms.IntegerField(label=_("Number of entry places"), min_value=0, max_value=500)


class AdvanceForm(forms.Form):
    version = VersionField()


class ShowcaseForm(forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
        help_text=_("PNG or JPEG, at most 10 MB. No photos of trainees without their consent."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    expected_version = VersionField(required=False)

    class Meta:
        model = ShowcasePage
        fields = [
            "published",
            "introduction",
            "learning",
            "photo_alt",
            "contact_name",
            "contact_email",
            "contact_phone",
            "province",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "learning": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo_upload"].widget.attrs["accept"] = accept_attribute(
            {".png": None, ".jpg": None, ".jpeg": None}
        )
        if service.hospital.country != "BE":
            del self.fields["province"]
        if self.instance.pk:
            self.fields["expected_version"].required = True
            self.initial["expected_version"] = self.instance.version

    def _post_clean(self):
        # The service validates and saves (keyword-only, audited); the form only parses.
        pass


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    specialty = forms.ChoiceField(label=_("Specialty"), required=False)
    region = forms.ChoiceField(label=_("Region (province or OOR)"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("name")),
            ("climate", _("learning climate")),
            ("free", _("free places")),
        ],
    )

    def __init__(self, *args, specialties, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialty"].choices = [("", _("All specialties"))] + [
            (s.code, s.name) for s in specialties
        ]
        self.fields["region"].choices = [("", _("All regions"))] + regions

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": (data.get("q") or "").replace("\x00", ""),
            "specialty": data.get("specialty") or "",
            "region": data.get("region") or "",
            "sort": data.get("sort") or "name",
        }


PROVINCE_NAMES = rules.PROVINCES
