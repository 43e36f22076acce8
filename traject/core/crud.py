"""List, create, edit and delete pages for reference data, driven by one description per model.

Every view checks the description's permission predicates (deny by default) and writes through
the service functions given, so the rules stay in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import add_service_errors
from .permissions import ensure, get_scoped_or_404


@dataclass
class Crud:
    key: str
    model: type
    form_class: type
    title: Callable[[], str]
    columns: list[tuple[Callable[[], str], Callable]]
    can_view: Callable
    can_edit: Callable
    save: Callable  # save(instance=, actor=, expected_version=)
    delete: Callable | None = None  # delete(instance=, actor=)
    queryset: Callable[[object], QuerySet] | None = None
    search_fields: list[str] = field(default_factory=list)
    namespace: str = ""
    intro: Callable[[], str] | None = None

    def scoped(self, user) -> QuerySet:
        return self.queryset(user) if self.queryset else self.model._default_manager.all()

    def url(self, action: str, *args) -> str:
        return reverse(f"{self.namespace}:{self.key}_{action}", args=args)

    def urls(self) -> list:
        return [
            path(f"{self.key}s/", login_required(self.list_view), name=f"{self.key}_list"),
            path(f"{self.key}s/new/", login_required(self.create_view), name=f"{self.key}_create"),
            path(f"{self.key}s/<int:pk>/", login_required(self.edit_view), name=f"{self.key}_edit"),
            *(
                [
                    path(
                        f"{self.key}s/<int:pk>/delete/",
                        login_required(require_POST(self.delete_view)),
                        name=f"{self.key}_delete",
                    )
                ]
                if self.delete
                else []
            ),
        ]

    def list_view(self, request):
        ensure(self.can_view(request.user))
        queryset = self.scoped(request.user)
        query = request.GET.get("q", "").strip()
        if query and self.search_fields:
            condition = Q()
            for name in self.search_fields:
                condition |= Q(**{f"{name}__icontains": query})
            queryset = queryset.filter(condition)
        page = Paginator(queryset, 50).get_page(request.GET.get("page"))
        rows = [
            (
                obj,
                [
                    str(getter(obj)) if getter(obj) is not None else ""
                    for _label, getter in self.columns
                ],
            )
            for obj in page
        ]
        return render(
            request,
            "core/crud_list.html",
            {
                "crud": self,
                "title": self.title(),
                "intro": self.intro() if self.intro else "",
                "headers": [label() for label, _getter in self.columns],
                "rows": rows,
                "page": page,
                "query": query,
                "can_edit": self.can_edit(request.user),
                "create_url": self.url("create"),
                "edit_url_name": f"{self.namespace}:{self.key}_edit",
            },
        )

    def _form_page(self, request, form, instance=None):
        return render(
            request,
            "core/form.html",
            {
                "title": str(instance)
                if instance is not None
                else _("New: %(what)s") % {"what": self.model._meta.verbose_name},
                "form": form,
                "cancel_url": self.url("list"),
                "delete_url": self.url("delete", instance.pk)
                if instance is not None and self.delete and self.can_edit(request.user)
                else "",
                "readonly": not self.can_edit(request.user),
            },
        )

    def create_view(self, request):
        ensure(self.can_edit(request.user))
        form = self.form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                instance = self.save(
                    instance=form.save(commit=False), actor=request.user, expected_version=None
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(what)s saved.") % {"what": instance})
                return redirect(self.url("list"))
        return self._form_page(request, form)

    def edit_view(self, request, pk):
        ensure(self.can_view(request.user))
        instance = get_scoped_or_404(self.scoped(request.user), pk=pk)
        if request.method == "POST":
            ensure(self.can_edit(request.user))
        form = self.form_class(request.POST or None, request.FILES or None, instance=instance)
        if not self.can_edit(request.user):
            for field_ in form.fields.values():
                field_.disabled = True
        if request.method == "POST" and form.is_valid():
            try:
                saved = self.save(
                    instance=form.save(commit=False),
                    actor=request.user,
                    expected_version=form.cleaned_data.get("expected_version"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(what)s saved.") % {"what": saved})
                return redirect(self.url("list"))
        return self._form_page(request, form, instance)

    def delete_view(self, request, pk):
        ensure(self.can_view(request.user))
        instance = get_scoped_or_404(self.scoped(request.user), pk=pk)
        ensure(self.can_edit(request.user))
        try:
            self.delete(instance=instance, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.url("edit", pk))
        messages.success(request, _("Deleted."))
        return redirect(self.url("list"))
