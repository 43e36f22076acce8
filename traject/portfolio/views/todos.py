"""To-do lists, their items and files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.core.concurrency import ConflictError, version_from_request
from traject.core.forms import add_service_errors
from traject.core.uploads import accept_attribute

from .. import forms, services
from .. import permissions as perms
from ..models import ItemKind

# --- To-do lists ----------------------------------------------------------------------------


@login_required
def todo_list(request, pk):
    todo = perms.todo_list_for(request.user, pk)
    items = list(todo.items.prefetch_related("files"))
    today = timezone.localdate()
    required_open = [i for i in items if i.required and not i.is_done]
    return render(
        request,
        "portfolio/todo_list.html",
        {
            "todo": todo,
            "items": [{"item": i, "overdue": i.is_overdue_on(today)} for i in items],
            "can_submit": todo.is_editable and not required_open,
            "required_open": required_open,
            "submissions": todo.submissions.select_related("decided_by"),
        },
    )


@login_required
def todo_item(request, pk):
    """Work on one item: note, reflection, files, done."""
    item = perms.todo_item_for(request.user, pk, for_write=request.method == "POST")
    show_reflection = item.kind == ItemKind.REFLECTION
    form = _item_form(item, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.todo_item_update(
                item=item,
                actor=request.user,
                done=data["done"],
                note=data["note"],
                reflection=data.get("reflection") if show_reflection else None,
                uploaded=data.get("file"),
                expected_version=data.get("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            if data.get("file") and not data["done"]:
                return redirect("portfolio:todo_item", pk=item.pk)
            return redirect("portfolio:todo_list", pk=item.todo_list_id)
    return _item_page(request, item, form)


def _item_form(item, data=None, files=None):
    return forms.TodoItemForm(
        data,
        files,
        show_reflection=item.kind == ItemKind.REFLECTION,
        needs_file=item.kind in (ItemKind.UPLOAD, ItemKind.SIGNATURE),
        initial={
            "note": item.note,
            "reflection": item.reflection,
            "done": item.is_done,
            "version": item.version,
        },
    )


def _item_page(request, item, form, *, status=200):
    return render(
        request,
        "portfolio/todo_item.html",
        {
            "item": item,
            "form": form,
            "needs_file": item.kind in (ItemKind.UPLOAD, ItemKind.SIGNATURE),
            "files": item.files.all(),
            "editable": item.todo_list.is_editable,
            "accept": accept_attribute(),
        },
        status=status,
    )


@login_required
@require_POST
def item_file_delete(request, pk):
    item_file = perms.own_item_file(request.user, pk)
    item_pk = item_file.item_id
    version = version_from_request(request, request.POST.get("version"))
    try:
        services.item_file_delete(item_file=item_file, actor=request.user, expected_version=version)
    except ConflictError as exc:
        # Nothing is lost: the item and its files as they are now, with the reason.
        messages.error(request, exc.messages[0])
        item = perms.todo_item_for(request.user, item_pk)
        return _item_page(request, item, _item_form(item), status=409)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The file was removed."))
    return redirect("portfolio:todo_item", pk=item_pk)


@login_required
def item_file(request, pk):
    """Serve an uploaded file after the permission check (never from a public URL)."""
    attached = perms.item_file_for(request.user, pk)
    response = FileResponse(
        attached.file.open("rb"),
        as_attachment=True,
        filename=attached.original_name,
        content_type=attached.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def todo_list_submit(request, pk):
    """Indienen bij titularis."""
    todo = perms.todo_list_for(request.user, pk)
    try:
        services.todo_list_submit(todo_list=todo, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your to-do list was submitted to the titularis."))
    return redirect("portfolio:todo_list", pk=todo.pk)
