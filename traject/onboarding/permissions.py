"""Who may import what. Deny by default; each line also passes the owning app's own rule."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from traject.organisation.permissions import administered_universities, is_programme_admin


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_platform_staff(user) -> bool:
    return _authenticated(user) and (user.is_staff or user.is_superuser)


def can_import(user) -> bool:
    """Programme administrators and platform staff open the import pages."""
    return is_platform_staff(user) or is_programme_admin(user)


def can_import_reference(user) -> bool:
    """Universities, hospitals, stagediensten and the register: programme administrators, staff."""
    return can_import(user)


def can_import_people(user) -> bool:
    return can_import(user)


def can_grant_role(user, role: str, *, university=None, hospital=None) -> bool:
    """Staff grant every role; a programme administrator only within their university
    (its programme administrators, and the coordinators of its hospitals)."""
    if is_platform_staff(user):
        return True
    if not is_programme_admin(user):
        return False
    universities = administered_universities(user)
    if role == "programme_admin" and university is not None:
        return universities.filter(pk=university.pk).exists()
    if role == "coordinator" and hospital is not None and hospital.university_id:
        return universities.filter(pk=hospital.university_id).exists()
    return False


def import_runs_visible_to(user):
    from .models import ImportRun

    if not can_import(user):
        return ImportRun.objects.none()
    return ImportRun.objects.filter(created_by=user)


def importer(user):
    """Access function of the import pages and endpoints: the person, who may import (403
    otherwise). Importing reads nobody's data: each line is checked by the owning app's rule."""
    if not can_import(user):
        raise PermissionDenied
    return user


def import_kind_for(user, kind: str, fmt: str | None = None):
    """The kind of import (and its template's format), for a person who may import."""
    from django.http import Http404

    from .kinds import KINDS

    importer(user)
    if kind not in KINDS or (fmt is not None and fmt not in {"csv", "xlsx"}):
        raise Http404
    return KINDS[kind]


def import_run_for(user, pk: int):
    """The import run of this person (404 otherwise, 403 for someone who may not import).
    A run is only ever shown to the person who started it: nothing to audit."""
    importer(user)
    return get_object_or_404(import_runs_visible_to(user), pk=pk)
