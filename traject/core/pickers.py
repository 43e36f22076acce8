"""People pickers: a search field (htmx) limited to the people the user may pick, instead of a
select listing every candidate of the country.

A form field names a *scope*. Each app registers its scopes in its ``pickers`` module:
``allowed(user)`` is the named permission predicate (who may use the picker at all) and
``candidates(user)`` the queryset of who may be chosen. The search and pick endpoints reach
them only through ``core.permissions.people_pickable_by``; the form field's own queryset (at most
the candidates) validates the submitted value, so nobody is chosen outside it.

Without JavaScript the search field still works: the full e-mail address typed in it chooses
the person with that address (within the field's queryset).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

PAGE_SIZE = 10
MAX_PAGES = 3  # never more than 30 people for one search: type more to narrow it
MIN_CHARS = 2
MAX_CHARS = 100


@dataclass(frozen=True)
class Scope:
    name: str
    allowed: Callable  # (user) -> bool, the named permission predicate
    candidates: Callable  # (user) -> QuerySet of what may be picked
    search: tuple[str, ...]  # the lookups a typed word is searched in
    label: Callable  # (obj) -> str, how a candidate is shown
    email: str = "email"  # the lookup of the e-mail address (the no-JavaScript way)


@dataclass(frozen=True)
class ResultPage:
    people: list  # [(pk, label)]
    page: int
    has_more: bool
    truncated: bool  # more matches than we show at all


_SCOPES: dict[str, Scope] = {}
_loaded = False


def register_scope(
    name: str, *, allowed, candidates, search: tuple[str, ...], label=str, email="email"
) -> None:
    """Register a scope (from an app's ``pickers`` module)."""
    _SCOPES[name] = Scope(name, allowed, candidates, tuple(search), label, email)


def get_scope(name: str) -> Scope:
    """The registered scope of this name (404 for an unknown one)."""
    global _loaded
    if not _loaded:
        from .registry import app_modules

        app_modules("pickers")  # importing an app's module registers its scopes
        _loaded = True
    if name not in _SCOPES:
        raise Http404
    return _SCOPES[name]


def search(scope: Scope, queryset: QuerySet, text: str, page: int = 1) -> ResultPage:
    """One page of the candidates matching every typed word (in any of the scope's lookups)."""
    words = text.split()[:4]
    if len(text.strip()) < MIN_CHARS or len(text) > MAX_CHARS or not 1 <= page <= MAX_PAGES:
        return ResultPage([], page, False, False)
    for word in words:
        condition = Q()
        for lookup in scope.search:
            condition |= Q(**{f"{lookup}__icontains": word})
        queryset = queryset.filter(condition)
    start = (page - 1) * PAGE_SIZE
    found = list(queryset.distinct().order_by("pk")[start : start + PAGE_SIZE + 1])
    more = len(found) > PAGE_SIZE
    people = [(obj.pk, scope.label(obj)) for obj in found[:PAGE_SIZE]]
    return ResultPage(people, page, more and page < MAX_PAGES, more and page >= MAX_PAGES)


class PersonPicker(forms.Widget):
    """The chosen person's name, a hidden value and a search field with htmx results."""

    template_name = "core/widgets/person_picker.html"

    def __init__(self, scope_name: str, attrs=None):
        super().__init__(attrs)
        self.scope_name = scope_name
        self.queryset = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = typed = ""
        if value not in (None, "") and self.queryset is not None:
            try:
                obj = self.queryset.filter(pk=value).first()
            except (ValueError, TypeError):
                obj = None
            if obj is not None:
                chosen = get_scope(self.scope_name).label(obj)
            else:  # what was typed and matched nobody: shown again to correct it
                typed, value = str(value)[:MAX_CHARS], ""
        context["widget"].update(
            {
                "scope": self.scope_name,
                "chosen": chosen,
                "typed": typed,
                "value": value,
                "min_chars": MIN_CHARS,
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        value = (data.get(name) or "").strip() or (data.get(f"{name}__q") or "").strip()
        if value and not value.isdigit() and "@" in value and self.queryset is not None:
            lookup = {f"{get_scope(self.scope_name).email}__iexact": value}
            pk = self.queryset.filter(**lookup).values_list("pk", flat=True).first()
            return pk if pk is not None else value
        return value or None

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}__q" not in data

    def use_required_attribute(self, initial):
        return False


def use_picker(field: forms.ModelChoiceField, scope_name: str, *, not_found=None) -> None:
    """Turn a model choice field into a picker of the scope; call it after setting the field's
    queryset (which still validates the choice)."""
    widget = PersonPicker(scope_name)
    widget.queryset = field.queryset
    widget.is_required = field.required
    field.widget = widget
    field.to_field_name = None
    field.error_messages["invalid_choice"] = not_found or _(
        "Choose a person from the search results, or type their full e-mail address. "
        "Only the people you may choose here are found."
    )
