"""To-do items, their files, submissions and decisions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import delete_versioned, save_versioned
from traject.core.notifications import notify
from traject.core.uploads import validate_upload

from .. import permissions as perms
from ..content import sanitize_reflection
from ..models import (
    ItemFile,
    ItemKind,
    Submission,
    TodoItem,
    TodoList,
)

CREATE = AuditEvent.Action.CREATE
UPDATE = AuditEvent.Action.UPDATE
DELETE = AuditEvent.Action.DELETE


# --- To-do items ------------------------------------------------------------------------------


def _ensure_editable(todo_list: TodoList, actor) -> None:
    if not perms.can_edit_todo_list(actor, todo_list):
        raise PermissionDenied
    if not todo_list.is_editable:
        raise ValidationError(
            _("This to-do list was submitted to the titularis and cannot be changed now.")
        )


def todo_item_update(
    *,
    item: TodoItem,
    actor,
    done: bool,
    note: str = "",
    reflection: str | None = None,
    uploaded=None,
    expected_version: int | None = None,
) -> TodoItem:
    """Work on an item: note, reflection, a new document, and mark it done or not done.

    Everything the person sent in one form is saved together, or nothing is.
    """
    _ensure_editable(item.todo_list, actor)
    if uploaded is not None:
        try:
            validate_upload(uploaded)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
    item.note = note.strip()
    if reflection is not None:
        item.reflection = sanitize_reflection(reflection)
    if done:
        if item.kind == ItemKind.REFLECTION and not item.reflection:
            raise ValidationError({"reflection": _("Write the reflection before marking it done.")})
        if (
            item.kind in (ItemKind.UPLOAD, ItemKind.SIGNATURE)
            and uploaded is None
            and not item.files.exists()
        ):
            raise ValidationError({"file": _("Upload the document before marking this item done.")})
        item.done_at = item.done_at or timezone.now()
    else:
        item.done_at = None
    with transaction.atomic():
        save_versioned(item, expected_version=expected_version)
        if uploaded is not None:
            todo_item_attach_file(item=item, actor=actor, uploaded=uploaded)
        audit_record(
            actor=actor,
            action=UPDATE,
            target=item,
            subject=item.todo_list.trainee.user,
            summary="done" if done else "open",
        )
    return item


def todo_item_attach_file(*, item: TodoItem, actor, uploaded) -> ItemFile:
    """Store a validated file for an item (in MEDIA_ROOT, served only through a checked view)."""
    _ensure_editable(item.todo_list, actor)
    content_type = validate_upload(uploaded)
    with transaction.atomic():
        attached = ItemFile(
            item=item,
            original_name=uploaded.name[-255:],
            content_type=content_type,
            size=uploaded.size,
            uploaded_by=actor,
        )
        attached.file.save(uploaded.name, uploaded, save=False)
        attached.save()
        audit_record(
            actor=actor,
            action=CREATE,
            target=attached,
            subject=item.todo_list.trainee.user,
            summary=attached.original_name,
        )
    return attached


def item_file_delete(*, item_file: ItemFile, actor, expected_version: int) -> None:
    """Remove a file from an item that is still being worked on (the version the ASO saw is
    required: 409 when it is stale)."""
    item = item_file.item
    _ensure_editable(item.todo_list, actor)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=DELETE,
            target=item_file,
            subject=item.todo_list.trainee.user,
            summary=item_file.original_name,
        )
        stored = item_file.file
        if not delete_versioned(item_file, expected_version=expected_version):
            return
        if item.kind in (ItemKind.UPLOAD, ItemKind.SIGNATURE) and not item.files.exists():
            TodoItem.objects.filter(pk=item.pk).update(done_at=None)
        transaction.on_commit(lambda: stored.delete(save=False))


def _snapshot(todo_list: TodoList) -> list[dict]:
    return [
        snapshot_entry(
            item_id=item.pk,
            title=item.title,
            kind=item.kind,
            required=item.required,
            done=item.is_done,
            note=item.note,
            reflection=item.reflection,
            files=[{"id": f.pk, "name": f.original_name, "size": f.size} for f in item.files.all()],
        )
        for item in todo_list.items.prefetch_related("files")
    ]


def snapshot_entry(
    *, item_id, title, kind, required, done, note="", reflection="", files=()
) -> dict:
    """One item of a submission's snapshot, as the submission page and its changes read it."""
    return {
        "item_id": item_id,
        "title": title,
        "kind": kind,
        "required": required,
        "done": done,
        "note": note,
        "reflection": reflection,
        "files": list(files),
    }


def todo_list_submit(*, todo_list: TodoList, actor) -> Submission:
    """Indienen bij titularis: hand in a finished to-do list with one button."""
    with transaction.atomic():
        todo_list = TodoList.objects.select_for_update().get(pk=todo_list.pk)
        _ensure_editable(todo_list, actor)
        missing = todo_list.items.filter(required=True, done_at__isnull=True)
        if missing.exists():
            raise ValidationError(
                _("Finish every required item before you submit: %(items)s."),
                params={"items": ", ".join(missing.values_list("title", flat=True))},
                code="incomplete",
            )
        number = todo_list.submissions.count() + 1
        submission = Submission.objects.create(
            todo_list=todo_list,
            number=number,
            submitted_by=actor,
            snapshot=_snapshot(todo_list),
        )
        todo_list.status = TodoList.Status.SUBMITTED
        todo_list.version += 1
        todo_list.save(update_fields=["status", "version"])
        audit_record(
            actor=actor,
            action=CREATE,
            target=submission,
            subject=todo_list.trainee.user,
            summary=f"submitted #{number}",
        )
        notify(
            user=todo_list.course.titularis,
            subject_template="portfolio/email/submitted_subject.txt",
            body_template="portfolio/email/submitted_body.txt",
            context={
                "trainee": str(todo_list.trainee),
                "course": todo_list.course.name,
                "submission_id": submission.pk,
            },
        )
    return submission


def submission_decide(
    *, submission: Submission, actor, decision: str, feedback: str = ""
) -> Submission:
    """The titularis accepts a submission or returns it with feedback."""
    if not perms.can_decide_submission(actor, submission):
        raise PermissionDenied
    if decision not in (Submission.Decision.ACCEPTED, Submission.Decision.RETURNED):
        raise ValidationError({"decision": _("Choose to accept or to return the submission.")})
    feedback = (feedback or "").strip()
    if decision == Submission.Decision.RETURNED and not feedback:
        raise ValidationError(
            {"feedback": _("Tell the ASO what to change when you return a submission.")}
        )
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.decision != Submission.Decision.PENDING:
            raise ValidationError(_("This submission was already decided on."), code="decided")
        submission.decision = decision
        submission.feedback = feedback
        submission.decided_at = timezone.now()
        submission.decided_by = actor
        submission.save()
        todo_list = submission.todo_list
        todo_list.status = (
            TodoList.Status.ACCEPTED
            if decision == Submission.Decision.ACCEPTED
            else TodoList.Status.RETURNED
        )
        todo_list.version += 1
        todo_list.save(update_fields=["status", "version"])
        audit_record(
            actor=actor,
            action=UPDATE,
            target=submission,
            subject=todo_list.trainee.user,
            summary=decision,
        )
        notify(
            user=todo_list.trainee.user,
            subject_template="portfolio/email/decided_subject.txt",
            body_template="portfolio/email/decided_body.txt",
            context={
                "course": todo_list.course.name,
                "accepted": decision == Submission.Decision.ACCEPTED,
                "feedback": feedback,
                "list_id": todo_list.pk,
            },
        )
    return submission
