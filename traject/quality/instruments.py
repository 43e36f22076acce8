"""Load the shipped survey instruments from data/instruments.json (idempotent)."""

import json
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "instruments.json"

ASO_INSTRUMENT = "aso-learning-climate"
AIOS_INSTRUMENT = "aios-learning-climate"  # the same themes in the Dutch training's words
STAGEMEESTER_INSTRUMENT = "stagemeester-workload"
COORDINATOR_INSTRUMENT = "coordinator-workload"
TRAINER_PROFILE = "trainer-competency-profile"
# The same four competencies in the Dutch training's words (opleider, aios, opleidingsgroep,
# gesprekscyclus): a Dutch opleider evaluates themself on this one.
TRAINER_PROFILE_NL = "opleider-competency-profile"


def load_instruments(apps=None) -> int:
    """Create or update the instruments, themes and items; return the number of items."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Instrument = apps.get_model("quality", "Instrument")
    Theme = apps.get_model("quality", "Theme")
    Item = apps.get_model("quality", "Item")
    # A data migration runs this with the models of its time: keys of fields added later are
    # left for the migration that adds them (it loads the data again).
    known = {field.name for field in Instrument._meta.get_fields()}
    count = 0
    for spec in json.loads(DATA_FILE.read_text(encoding="utf-8")):
        fields = {k: v for k, v in spec.items() if k not in {"code", "themes"} and k in known}
        instrument, _ = Instrument.objects.update_or_create(code=spec["code"], defaults=fields)
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


def get_instrument(code: str):
    """Return a shipped instrument, loading the data again if a test flushed the tables."""
    from .models import Instrument

    instrument = Instrument.objects.filter(code=code).first()
    if instrument is None:
        load_instruments()
        instrument = Instrument.objects.get(code=code)
    return instrument


def trainer_profile_for(user):
    """The competency profile a trainer evaluates themself on: their country's wording."""
    from traject.organisation.models import Country
    from traject.organisation.vocabulary import user_country

    if user_country(user) == Country.NETHERLANDS:
        return get_instrument(TRAINER_PROFILE_NL)
    return get_instrument(TRAINER_PROFILE)


def campaign_country(university) -> str:
    """The training a campaign's scope addresses: the university's country, or Belgium for a
    national campaign (the FOD's: "All ASO and trainers in Belgium")."""
    return university.country if university is not None else "BE"


def report_country(kind: str, group) -> str:
    """The training a report's group belongs to (a training year: the Belgian one)."""
    if kind == "service":
        return group.specialty.country
    if kind in {"hospital", "specialty"}:
        return group.country
    return "BE"


def default_report_instrument(kind: str, group) -> str:
    """The learning-climate survey of the group's training: what its report opens on."""
    return AIOS_INSTRUMENT if report_country(kind, group) == "NL" else ASO_INSTRUMENT
