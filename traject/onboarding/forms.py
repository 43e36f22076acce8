from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS

MAX_UPLOAD = 20 * 1024 * 1024


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"), choices=[])
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Start from the template of the kind: one line per record, the first line names the columns."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show what would happen, change nothing"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.name, k.label) for k in KINDS.values()]
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx,text/csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload
