"""The course-evaluation instrument and the yearly requirements, shipped as data."""

import json
from pathlib import Path

DATA = Path(__file__).parent / "data"


def load_course_instrument(apps=None, *, refresh: bool = False) -> int:
    """Create the course-evaluation instrument in quality's tables (idempotent); ``refresh``
    also updates the texts of an existing one (the demo loader does, like quality's)."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Instrument = apps.get_model("quality", "Instrument")
    Theme = apps.get_model("quality", "Theme")
    Item = apps.get_model("quality", "Item")
    spec = json.loads((DATA / "course_instrument.json").read_text(encoding="utf-8"))
    if (
        not refresh
        and Instrument.objects.filter(code=spec["code"]).exists()
        and Item.objects.filter(theme__instrument__code=spec["code"]).exists()
    ):
        return 0
    fields = {k: v for k, v in spec.items() if k not in {"code", "themes"}}
    instrument, _ = Instrument.objects.update_or_create(code=spec["code"], defaults=fields)
    count = 0
    for t_order, t_spec in enumerate(spec["themes"], start=1):
        t_fields = {k: v for k, v in t_spec.items() if k not in {"code", "items"}}
        theme, _ = Theme.objects.update_or_create(
            instrument=instrument, code=t_spec["code"], defaults={**t_fields, "order": t_order}
        )
        for i_order, i_spec in enumerate(t_spec["items"], start=1):
            i_fields = {k: v for k, v in i_spec.items() if k != "code"}
            Item.objects.update_or_create(
                code=i_spec["code"], defaults={**i_fields, "theme": theme, "order": i_order}
            )
            count += 1
    return count


def load_requirements(apps=None) -> int:
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    YearlyRequirement = apps.get_model("programme", "YearlyRequirement")
    rows = json.loads((DATA / "requirements.json").read_text(encoding="utf-8"))
    for row in rows:
        YearlyRequirement.objects.update_or_create(
            role=row["role"],
            country=row["country"],
            defaults={"points": row["points"], "source": row["source"]},
        )
    return len(rows)
