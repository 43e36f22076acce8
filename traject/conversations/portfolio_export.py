"""The conversation cycle's part of the aios's portfolio export: the transfer documents.

``traject.portfolio.exports`` discovers this module through the registry (``portfolio_export``):
``data(trainee)`` is merged into the JSON export, ``pdf_sections(trainee)`` adds sections to the
PDF. Only what the aios may read is exported: a document still in draft with the opleider is not.
"""

from .models import TransferDocument


def _documents(trainee):
    return (
        TransferDocument.objects.filter(trainee=trainee)
        .exclude(status=TransferDocument.Status.DRAFT)
        .select_related(
            "author",
            "from_stage__service__hospital",
            "to_stage__service__hospital",
            "to_stage__stagemeester",
        )
        .order_by("from_stage__start", "pk")
    )


def data(trainee) -> dict:
    """The transfer documents the aios has read or may read, as plain data."""
    return {
        "transfer_documents": [
            {
                "from_stage": {
                    "service": str(d.from_stage.service),
                    "start": d.from_stage.start,
                    "end": d.from_stage.end,
                },
                "to_stage": {
                    "service": str(d.to_stage.service),
                    "start": d.to_stage.start,
                    "trainer": str(d.to_stage.stagemeester),
                },
                "written_by": str(d.author),
                "status": d.status,
                "facts": d.facts,
                "summary": d.summary,
                "attention_points": d.attention_points,
                "agreed_support": d.agreed_support,
                "trainee_reaction": d.trainee_reaction,
                "read_by_trainee_at": d.read_by_trainee_at,
                "handed_over_at": d.handed_over_at,
            }
            for d in _documents(trainee)
        ]
    }


def pdf_sections(trainee) -> list[tuple[str, dict]]:
    """Templates and their ``section`` context that the portfolio PDF includes at its end."""
    documents = list(_documents(trainee))
    if not documents:
        return []
    return [("conversations/partials/transfer_export.html", {"documents": documents})]
