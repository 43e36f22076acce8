"""Programme administration: courses and EPAs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from traject.core.forms import add_service_errors
from traject.organisation.models import Specialty, University

from .. import forms, services
from .. import permissions as perms
from ..models import (
    Course,
    CourseItem,
    Epa,
)
from ._common import _form_page

# --- Programme administration: courses and EPAs ----------------------------------------------


def _admin_choices(user):
    scope = perms.admin_scope(user)
    universities = University.objects.filter(pk__in={r["university_id"] for r in scope})
    return universities, forms.specialties_for_admin(scope)


@login_required
def course_list(request):
    perms.course_manager(request.user)
    courses = (
        perms.courses_manageable_by(request.user)
        .select_related("titularis", "specialty", "university")
        .order_by("level", "code")
    )
    return render(request, "portfolio/course_list.html", {"courses": courses})


def _course_form(request, course):
    universities, specialties = _admin_choices(request.user)
    form = forms.CourseForm(
        request.POST or None,
        instance=course,
        universities=universities,
        specialties=specialties,
    )
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_save(
                course=form.instance,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("Not allowed."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("portfolio:course_edit", pk=course.pk)
    return form


@login_required
def course_create(request):
    perms.course_manager(request.user)
    result = _course_form(request, Course())
    if not isinstance(result, forms.CourseForm):
        return result
    return _form_page(request, result, _("New course"), cancel_url=reverse("portfolio:course_list"))


@login_required
def course_edit(request, pk):
    course = perms.course_for(request.user, pk)
    result = _course_form(request, course)
    if not isinstance(result, forms.CourseForm):
        return result
    return render(
        request,
        "portfolio/course_edit.html",
        {
            "form": result,
            "course": course,
            "items": course.items.all(),
            "lists": course.todo_lists.count(),
        },
    )


def _course_item_form(request, item, title):
    form = forms.CourseItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_item_save(
                item=form.instance,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item was saved."))
            return redirect("portfolio:course_edit", pk=item.course_id)
    return _form_page(
        request, form, title, cancel_url=reverse("portfolio:course_edit", args=[item.course_id])
    )


@login_required
def course_item_create(request, pk):
    course = perms.course_for(request.user, pk)
    return _course_item_form(
        request,
        CourseItem(course=course, position=course.items.count() + 1),
        _("New item for %(course)s") % {"course": course.name},
    )


@login_required
def course_item_edit(request, pk):
    item = perms.course_item_for(request.user, pk)
    return _course_item_form(request, item, _("Change item"))


@login_required
def epa_list(request):
    perms.epa_manager(request.user)
    epas = perms.epas_manageable_by(request.user).select_related("specialty")
    specialty = request.GET.get("specialty", "")
    if specialty:
        epas = epas.filter(specialty__code=specialty)
    return render(
        request,
        "portfolio/epa_list.html",
        {
            "epas": epas,
            "specialty": specialty,
            "specialties": Specialty.objects.filter(epas__isnull=False).distinct(),
        },
    )


def _epa_form(request, epa, title):
    _universities, specialties = _admin_choices(request.user)
    form = forms.EpaForm(request.POST or None, instance=epa, specialties=specialties)
    if request.method == "POST" and form.is_valid():
        try:
            services.epa_save(
                epa=form.instance,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The EPA was saved."))
            return redirect("portfolio:epa_list")
    return _form_page(request, form, title, cancel_url=reverse("portfolio:epa_list"))


@login_required
def epa_create(request):
    perms.epa_manager(request.user)
    return _epa_form(request, Epa(), _("New EPA"))


@login_required
def epa_edit(request, pk):
    epa = perms.managed_epa_for(request.user, pk)
    return _epa_form(request, epa, _("Change EPA"))
