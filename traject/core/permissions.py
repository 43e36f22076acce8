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


def require_authenticated(user) -> None:
    """Refuse anonymous users (the views also redirect them to the login page)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
