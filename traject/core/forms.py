from django import forms


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the version the editor saw, to refuse lost updates."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields["expected_version"].initial = getattr(self.instance, "version", None)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
