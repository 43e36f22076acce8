from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .models import User


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
        from django.db import transaction

        from .tasks import send_password_reset

        # Only the id is queued: the link (uid and token) is made inside the task, so it is
        # never stored in the task queue.
        user_id = context["user"].pk
        transaction.on_commit(lambda: send_password_reset.enqueue(user_id=user_id))


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


class NotificationAddressesForm(forms.Form):
    addresses = forms.MultipleChoiceField(
        label=_("Send my notifications to"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("With none chosen, notifications go to your primary address."),
    )

    def __init__(self, *args, addresses: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addresses"].choices = [(a, a) for a in addresses]


class LoginForm(AllauthLoginForm):
    """allauth's log-in form without its own reset link (the page has Traject's, which mails in
    the person's language through the task queue)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
