"""Guard helpers every view and endpoint uses: deny by default.

Someone with no relation to an object gets 404 (the object is fetched through a queryset
scoped to what they may see); a related person without the right gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404


def get_scoped_or_404(queryset: QuerySet, **lookup) -> Model:
    """Fetch one object from a queryset already scoped to the user, or raise Http404."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404
    except queryset.model.MultipleObjectsReturned:
        return queryset.filter(**lookup).first()


def ensure(allowed: bool, message: str = "") -> None:
    """Raise PermissionDenied unless the named predicate allowed the action."""
    if not allowed:
        raise PermissionDenied(message)


def is_authenticated(user) -> bool:
    """The one definition of "logged in": an authenticated, active account."""
    return bool(getattr(user, "is_authenticated", False)) and bool(
        getattr(user, "is_active", False)
    )


def require_authenticated(user) -> None:
    """Refuse anonymous users (the views also redirect them to the login page)."""
    if not is_authenticated(user):
        raise PermissionDenied


# People pickers (core.pickers) -------------------------------------------------------------


def people_pickable_by(user, scope_name: str):
    """The named rule of every people picker: the scope (404 for an unknown one), refused (403)
    unless the scope's own predicate allows this user, and the queryset of whom they may pick."""
    from .pickers import get_scope

    require_authenticated(user)
    scope = get_scope(scope_name)
    ensure(scope.allowed(user))
    return scope, scope.candidates(user)


def _audit_shown(user, scope, pks, how: str) -> None:
    from traject.audit.models import AuditEvent
    from traject.audit.services import audit_record

    if pks:
        audit_record(
            actor=user,
            action=AuditEvent.Action.READ,
            summary=f"people picker {scope.name} ({how}): {len(pks)} shown, "
            f"ids {', '.join(str(pk) for pk in pks)}",
        )


def people_search(user, scope_name: str, text: str, page: int = 1):
    """One page (at most ``PAGE_SIZE``) of the people matching ``text`` whom the user may pick;
    showing people is recorded in the audit log."""
    from .pickers import search

    scope, candidates = people_pickable_by(user, scope_name)
    result = search(scope, candidates, text, page)
    _audit_shown(user, scope, [pk for pk, _label in result.people], "search")
    return result


def picked_person(user, scope_name: str, pk):
    """One person the user may pick in this scope (404 for anyone else); audited."""
    scope, candidates = people_pickable_by(user, scope_name)
    obj = get_scoped_or_404(candidates, pk=pk)
    _audit_shown(user, scope, [obj.pk], "pick")
    return scope, obj, candidates
