"""Export of the whole portfolio: machine-readable JSON and a PDF (WeasyPrint)."""

from django.utils import timezone

from traject.core.pdf import render_pdf

from .models import (
    EntrustmentDecision,
    Feedback,
    FeedbackRequest,
    LearningGoal,
    TodoList,
)

FORMAT_VERSION = 1


def _contributions():
    """Other apps' parts of the portfolio (``<app>.portfolio_export``: the transfer documents)."""
    from traject.core.registry import app_modules

    return app_modules("portfolio_export")


def portfolio_data(trainee) -> dict:
    """Everything the ASO's portfolio holds, as plain data (data portability)."""
    data = _portfolio_data(trainee)
    for module in _contributions():
        data.update(module.data(trainee))
    return data


def _portfolio_data(trainee) -> dict:
    lists = TodoList.objects.filter(trainee=trainee).select_related("course__titularis")
    return {
        "format": "traject-portfolio",
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "aso": {
            "name": str(trainee),
            "email": trainee.user.email,
            "specialty": trainee.specialty.code,
            "university": trainee.university.code,
            "training_start": trainee.training_start.isoformat(),
            "training_year": trainee.training_year,
        },
        "todo_lists": [
            {
                "course": {
                    "code": tl.course.code,
                    "name": tl.course.name,
                    "level": tl.course.level,
                    "roles": tl.course.roles,
                    "titularis": str(tl.course.titularis),
                },
                "status": tl.status,
                "items": [
                    {
                        "title": item.title,
                        "kind": item.kind,
                        "roles": item.roles,
                        "required": item.required,
                        "due_date": item.due_date,
                        "done_at": item.done_at,
                        "note": item.note,
                        "reflection_html": item.reflection,
                        "files": [
                            {
                                "name": f.original_name,
                                "content_type": f.content_type,
                                "size": f.size,
                                "uploaded_at": f.uploaded_at,
                            }
                            for f in item.files.all()
                        ],
                    }
                    for item in tl.items.prefetch_related("files")
                ],
                "submissions": [
                    {
                        "number": s.number,
                        "submitted_at": s.submitted_at,
                        "decision": s.decision,
                        "decided_at": s.decided_at,
                        "decided_by": str(s.decided_by) if s.decided_by else None,
                        "feedback": s.feedback,
                    }
                    for s in tl.submissions.select_related("decided_by").order_by("number")
                ],
            }
            for tl in lists
        ],
        "feedback_requests": [
            {
                "asked_of": str(r.supervisor),
                "moment_date": r.moment_date,
                "what": r.what,
                "role": r.role,
                "epa": r.epa.code if r.epa else None,
                "status": r.status,
                "created_at": r.created_at,
            }
            for r in FeedbackRequest.objects.filter(trainee=trainee).select_related(
                "supervisor", "epa"
            )
        ],
        "feedback": [
            {
                "author": str(f.giver),
                "channel": f.channel,
                "moment_date": f.moment_date,
                "what": f.what,
                "role": f.role,
                "epa": f.epa.code if f.epa else None,
                "went_well": f.went_well,
                "to_improve": f.to_improve,
                "entrustment_level": f.entrustment_level,
                "asked": f.request_id is not None,
                "created_at": f.created_at,
            }
            for f in Feedback.objects.filter(trainee=trainee).select_related(
                "author", "team_member", "epa"
            )
        ],
        "entrustment_decisions": [
            {
                "epa": d.epa.code,
                "epa_title": d.epa.title,
                "level": d.level,
                "decided_on": d.decided_on,
                "decided_by": str(d.decided_by),
                "rationale": d.rationale,
                "current": d.superseded_by_id is None,
                "evidence": [f"{f.moment_date} {f.what}" for f in d.evidence.all()],
            }
            for d in EntrustmentDecision.objects.filter(trainee=trainee)
            .select_related("epa", "decided_by")
            .prefetch_related("evidence")
            .order_by("epa__code", "decided_on", "pk")
        ],
        "iop": [
            {
                "title": g.title,
                "planning": g.planning,
                "approach": g.approach,
                "evaluation": g.evaluation,
                "roles": g.roles,
                "epas": [e.code for e in g.epas.all()],
                "status": g.status,
                "version": g.version,
                "agreed_version": g.agreed_version,
                "agreed_by": str(g.agreed_by) if g.agreed_by else None,
                "comments": [
                    {"author": str(c.author), "text": c.text, "at": c.created_at}
                    for c in g.comments.select_related("author")
                ],
                "history": [
                    {"version": r.version, "changed_at": r.changed_at, "content": r.snapshot}
                    for r in g.revisions.order_by("version")
                ],
            }
            for g in LearningGoal.objects.filter(trainee=trainee)
            .select_related("agreed_by")
            .prefetch_related("epas")
        ],
    }


def portfolio_pdf(trainee, *, request=None) -> bytes:
    """Render the portfolio as a PDF document."""
    from . import selectors

    return render_pdf(
        "portfolio/export_pdf.html",
        {
            "trainee": trainee,
            "now": timezone.now(),
            "lists": TodoList.objects.filter(trainee=trainee)
            .select_related("course")
            .prefetch_related("items__files", "submissions"),
            "feedback": selectors.feedback_timeline(trainee),
            "epa_rows": selectors.epa_progress(trainee),
            "goals": LearningGoal.objects.filter(trainee=trainee).prefetch_related(
                "epas", "comments__author"
            ),
            "sections": [s for m in _contributions() for s in m.pdf_sections(trainee)],
        },
        request=request,
    )
