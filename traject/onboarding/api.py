from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from . import permissions, services
from .kinds import KINDS

PREFIX = "/onboarding/"
router = Router(tags=["onboarding"])


class KindOut(Schema):
    name: str
    label: str
    columns: list[str]
    required: list[str]


class LineOut(Schema):
    line: int
    outcome: str
    key: str
    message: str


class RunOut(Schema):
    id: int
    kind: str
    filename: str
    dry_run: bool
    status: str
    total: int
    processed: int
    counts: dict
    created_at: datetime
    finished_at: datetime | None
    lines: list[LineOut]


def _out(run) -> dict:
    return {
        "id": run.pk,
        "kind": run.kind,
        "filename": run.filename,
        "dry_run": run.dry_run,
        "status": run.status,
        "total": run.total,
        "processed": services.progress_of(run),
        "counts": run.counts,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "lines": run.lines,
    }


@router.get("/kinds", response=list[KindOut], summary="What can be imported, with the columns")
def list_kinds(request):
    permissions.importer(request.auth)
    return [
        {"name": k.name, "label": str(k.label), "columns": k.columns, "required": k.required}
        for k in KINDS.values()
    ]


@router.post(
    "/imports",
    response={201: RunOut},
    summary="Import a CSV or XLSX file (dry_run=true changes nothing; all or nothing)",
)
def create_import(request, kind: Form[str], file: File[UploadedFile], dry_run: Form[bool] = True):
    permissions.importer(request.auth)
    if kind not in KINDS:
        raise ValidationError({"kind": [_("Unknown kind of import: %(kind)s.") % {"kind": kind}]})
    run = services.import_run_start(kind=kind, upload=file, actor=request.auth, dry_run=dry_run)
    return Status(201, _out(run))


@router.get("/imports/{run_id}", response=RunOut, summary="An import's status, progress and report")
def get_import(request, run_id: int):
    return _out(permissions.import_run_for(request.auth, run_id))
