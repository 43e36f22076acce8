from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class VersionField(forms.IntegerField):
    """The version the editor saw (a hidden field): required for every update and delete."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", True)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _(
                    "This change does not say which version you saw. Reload the page (or read the object again) and apply your change again."
                )
            },
        )
        super().__init__(**kwargs)


def carry_version(form, instance, name: str = "version") -> None:
    """Show the instance's version in the form; required when an existing object is edited."""
    field = form.fields[name]
    if getattr(instance, "pk", None) is None:
        field.required = False
        return
    field.required = True
    if not form.is_bound:
        field.initial = instance.version
        form.initial[name] = instance.version


class VersionedModelForm(forms.ModelForm):
    """A model form that carries the version the editor saw, to refuse lost updates."""

    expected_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        carry_version(self, self.instance, "expected_version")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, else on the form."""
    if hasattr(error, "error_dict"):
        for field_name, errors in error.error_dict.items():
            target = field_name if field_name in form.fields else None
            for item in errors:
                for message in item.messages:
                    form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def form_page(
    request,
    form,
    *,
    title,
    cancel_url=None,
    intro=None,
    submit_label=None,
    delete_url=None,
    delete_version=None,
    status=200,
):
    """The shared page of one form (``core/form.html``): title, intro, the form, save / cancel,
    and a delete button when ``delete_url`` is given (sending ``delete_version``, the version the
    editor saw)."""
    from django.shortcuts import render

    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "intro": intro,
            "submit_label": submit_label,
            "delete_url": delete_url,
            "delete_version": delete_version,
        },
        status=status,
    )
