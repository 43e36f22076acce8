"""The searchable register of recognitions: one page at a time, the whole set as CSV."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import pgettext

from traject.core.csvexport import csv_streaming_response
from traject.organisation.models import Hospital, Specialty

from .. import permissions, selectors

PER_PAGE = 50

# --- Register ------------------------------------------------------------------------------


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _specialty_name_field() -> str:
    language = (translation.get_language() or "nl")[:2]
    return f"name_{language}" if language in ("nl", "fr", "en") else "name_nl"


def _filters(request) -> dict:
    kind = request.GET.get("kind", "")
    return {
        "query": request.GET.get("q", "")[:100],
        "kind": kind if kind in selectors.REGISTER_KINDS else "",
        "hospital_id": _int(request.GET.get("hospital")),
        "specialty_id": _int(request.GET.get("specialty")),
    }


@login_required
def register(request):
    permissions.register_reader(request.user)
    filters = _filters(request)
    queryset = selectors.register_queryset(today=timezone.localdate(), **filters)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = [selectors.register_row(values) for values in page.object_list]
    return render(
        request,
        "quality/register.html",
        {
            "page": page,
            "rows": page.object_list,
            **filters,
            # Plain pairs for the filters: no model instances for a few hundred options.
            "hospitals": Hospital.objects.order_by("name").values_list("pk", "name"),
            "specialties": Specialty.objects.order_by("name_nl").values_list(
                "pk", _specialty_name_field()
            ),
            "querystring": request.GET.urlencode(),
        },
    )


@login_required
def register_csv(request):
    permissions.register_reader(request.user)
    queryset = selectors.register_queryset(today=timezone.localdate(), **_filters(request))
    language = translation.get_language()
    header = [
        pgettext("CSV column", "Kind"),
        pgettext("CSV column", "Name"),
        pgettext("CSV column", "Training service"),
        pgettext("CSV column", "Hospital"),
        pgettext("CSV column", "Specialty"),
        pgettext("CSV column", "Start"),
        pgettext("CSV column", "End"),
        pgettext("CSV column", "Capacity"),
        pgettext("CSV column", "Reference"),
    ]

    def rows():
        yield header
        with translation.override(language):
            for values in queryset.iterator(chunk_size=500):
                row = selectors.register_row(values)
                yield [
                    row["kind"],
                    row["name"],
                    row["service"] or row["name"],
                    row["hospital"],
                    row["specialty"],
                    row["start"].isoformat(),
                    row["end"].isoformat(),
                    row["capacity"],
                    row["reference"],
                ]

    return csv_streaming_response("recognitions.csv", rows(), bom=True)
