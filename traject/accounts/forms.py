from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .models import User


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Send the reset e-mail through the task queue, in the recipient's language."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from traject.core.notifications import notify

        user = context["user"]
        notify(
            user=user,
            subject_template=subject_template_name,
            body_template=email_template_name,
            context={
                "protocol": context["protocol"],
                "domain": context["domain"],
                "uid": context["uid"],
                "token": context["token"],
            },
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "language"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("So that you recognise it later, for example 'roster import script'."),
    )
