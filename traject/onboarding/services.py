"""Writes for onboarding: run an import (dry or real), all or nothing, line by line."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record

from . import tables
from .kinds import KINDS, Context, error_message
from .models import ImportRun
from .permissions import can_import

INLINE_LIMIT = 500  # larger files run as a task with progress
PROGRESS_EVERY = 250
REFUSED = "refused"


@dataclass
class Report:
    kind: str
    dry_run: bool
    lines: list[dict] = field(default_factory=list)

    @property
    def counts(self) -> dict:
        counts = {"created": 0, "changed": 0, "unchanged": 0, REFUSED: 0}
        for line in self.lines:
            counts[line["outcome"]] += 1
        return counts

    @property
    def refused(self) -> bool:
        return any(line["outcome"] == REFUSED for line in self.lines)

    @property
    def applied(self) -> bool:
        return not self.dry_run and not self.refused


def check_header(kind_name: str, header: list[str]) -> None:
    kind = KINDS[kind_name]
    missing = [c for c in kind.required if c not in header]
    if missing:
        raise ValidationError(
            _("The file lacks the columns %(columns)s (see the template).")
            % {"columns": ", ".join(missing)}
        )


def screen(row: dict) -> str:
    """Why a line is refused before it is even read (a formula, an over-long cell), or ''."""
    formulas = [c for c, v in row.items() if tables.is_formula(v)]
    if formulas:
        return _("A cell holds a formula (column %(columns)s).") % {"columns": ", ".join(formulas)}
    if any(len(v) > 1000 for v in row.values()):
        return _("A cell is longer than 1,000 characters.")
    return ""


def import_rows(*, kind: str, rows, actor, dry_run: bool, progress=None) -> Report:
    """Apply the lines of one kind. Nothing is kept when a line is refused or in a dry run.

    A kind with a bulk plan (``Kind.plan``) checks every line first, reading with one query per
    kind of record and writing nothing, then writes all lines at once; the other kinds apply
    line by line through their services. ``progress(n)`` is told the lines processed so far.
    """
    if not can_import(actor):
        raise PermissionDenied
    if kind not in KINDS:
        raise ValidationError(_("Unknown kind of import: %(kind)s.") % {"kind": kind})
    spec = KINDS[kind]
    ctx = Context(actor=actor)
    report = Report(kind=kind, dry_run=dry_run)
    rows = list(rows)
    plan = spec.plan(ctx, rows, screen, progress) if spec.plan is not None else None
    with transaction.atomic():
        if plan is not None:
            report.lines = plan.entries
            plan.write(new=not report.refused)
        else:
            for index, (line, row) in enumerate(rows):
                entry = {"line": line, "outcome": REFUSED, "key": "", "message": screen(row)}
                if not entry["message"]:
                    try:
                        with transaction.atomic():
                            entry["outcome"], entry["key"] = spec.apply(ctx, row)
                    except (ValidationError, PermissionDenied) as exc:
                        entry["message"] = error_message(exc)
                report.lines.append(entry)
                if progress is not None and index % PROGRESS_EVERY == 0:
                    progress(index)
        if report.applied:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.CREATE,
                summary=f"import {kind}: "
                + ", ".join(f"{k} {v}" for k, v in report.counts.items()),
            )
        else:
            transaction.set_rollback(True)
    return report


def import_file(*, kind: str, data: bytes, filename: str, actor, dry_run: bool) -> Report:
    """Read a CSV or XLSX file and import it (the command and the API use this)."""
    try:
        header, rows = tables.read_table(data, filename)
    except tables.TableError as exc:
        raise ValidationError(str(exc)) from exc
    if kind not in KINDS:
        raise ValidationError(_("Unknown kind of import: %(kind)s.") % {"kind": kind})
    check_header(kind, header)
    return import_rows(kind=kind, rows=rows, actor=actor, dry_run=dry_run)


class ProgressRecorder:
    """Records the lines processed in the run's row, where the page and the API read them.

    Outside a transaction the row is updated at once. Inside the import's transaction (which is
    all or nothing, so it stays open until the end) the update goes through a database
    connection of its own, committed at once, so other requests see it. SQLite has one writer
    at a time: there the row is brought up to date only outside the transaction (the bulk
    kinds check their lines outside it) and when the run ends.
    """

    def __init__(self, run: ImportRun):
        self.pk = run.pk
        self.side = None

    def __call__(self, processed: int) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        if not connection.in_atomic_block:
            ImportRun.objects.filter(pk=self.pk).update(processed=processed)
            return
        if connection.vendor == "sqlite":
            return
        try:
            if self.side is None:
                self.side = type(connection)(dict(connection.settings_dict), DEFAULT_DB_ALIAS)
            quote = self.side.ops.quote_name
            # only quoted names of the model are formatted in; the values are parameters
            sql = f"UPDATE {quote(ImportRun._meta.db_table)} SET {quote('processed')} = %s WHERE {quote('id')} = %s"  # noqa: S608, E501
            with self.side.cursor() as cursor:
                cursor.execute(sql, [processed, self.pk])
        except DatabaseError:  # progress is a courtesy: never let it break the import
            self.close()

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


def import_run_start(*, kind: str, upload, actor, dry_run: bool) -> ImportRun:
    """Check the file, record the run and process it: inline when small, else as a task."""
    from .tasks import process_import_run

    if not can_import(actor):
        raise PermissionDenied
    data = upload.read()
    try:
        header, rows = tables.read_table(data, upload.name)
    except tables.TableError as exc:
        raise ValidationError(str(exc)) from exc
    if kind not in KINDS:
        raise ValidationError(_("Unknown kind of import: %(kind)s.") % {"kind": kind})
    check_header(kind, header)
    run = ImportRun(
        kind=kind, filename=upload.name[:255], dry_run=dry_run, created_by=actor, total=len(rows)
    )
    if len(rows) <= INLINE_LIMIT:
        run.save()
        _finish(run, import_rows(kind=kind, rows=rows, actor=actor, dry_run=dry_run))
        return run
    upload.seek(0)
    run.upload.save(f"{timezone.now():%Y%m%d%H%M%S}-{actor.pk}.bin", upload, save=True)
    transaction.on_commit(lambda: process_import_run.enqueue(run_id=run.pk))
    return run


def _finish(run: ImportRun, report: Report) -> None:
    run.lines = report.lines
    run.counts = report.counts
    run.processed = len(report.lines)
    run.status = ImportRun.Status.REFUSED if report.refused else ImportRun.Status.DONE
    run.finished_at = timezone.now()
    run.save()


def import_run_process(*, run: ImportRun) -> ImportRun:
    """Process a recorded run (the task): read its file, import, report, delete the file.

    The run's row holds the state (waiting, running, done, refused, failed), the lines
    processed of the total and the report, so the progress is read from the database.
    """
    if run.finished:
        return run
    run.status = ImportRun.Status.RUNNING
    run.processed = 0
    run.save(update_fields=["status", "processed"])
    progress = ProgressRecorder(run)
    try:
        with run.upload.open("rb") as handle:
            data = handle.read()
        _header, rows = tables.read_table(data, run.filename)
        report = import_rows(
            kind=run.kind, rows=rows, actor=run.created_by, dry_run=run.dry_run, progress=progress
        )
        _finish(run, report)
    except Exception as exc:  # a broken run is reported, never left running
        run.status = ImportRun.Status.FAILED
        run.error = exc.__class__.__name__
        run.finished_at = timezone.now()
        run.save()
        raise
    finally:
        progress.close()
        if run.upload:
            run.upload.delete(save=False)
            ImportRun.objects.filter(pk=run.pk).update(upload="")
    return run


def progress_of(run: ImportRun) -> int:
    """Lines processed so far, as recorded in the run's row."""
    return run.processed
