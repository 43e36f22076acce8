"""Helpers shared by the portfolio pages."""

from django.shortcuts import render

from .. import permissions as perms

# --- helpers ------------------------------------------------------------------------------


def _own_trainee(request):
    """The signed-in ASO; anyone else is refused (403: the page exists, not for this role)."""
    return perms.own_trainee(request.user)


def _related_trainee(request, pk):
    """An ASO the user has a relation with (404 otherwise)."""
    return perms.related_trainee(request.user, pk)


def _form_page(request, form, title, *, cancel_url="", submit_label="", intro=""):
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "submit_label": submit_label,
            "intro": intro,
        },
    )
