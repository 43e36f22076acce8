"""The French interface says MACCS, never the Dutch abbreviation ASO (docs/glossary.md)."""

import json
import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
ASO = re.compile(r"\bASO\b")


def test_no_french_catalogue_says_aso():
    found = []
    for po_path in sorted(ROOT.glob("*/locale/fr/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(po_path)):
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            if any(ASO.search(text) for text in texts):
                found.append(f"{po_path.relative_to(ROOT)}: {entry.msgid[:60]!r}")
    assert not found, "Say MACCS in French:\n" + "\n".join(found)


def test_no_french_survey_text_says_aso_and_the_term_reads_maccs():
    from django.utils import translation

    from traject.organisation.models import Country
    from traject.organisation.vocabulary import term

    for data in sorted(ROOT.glob("*/data/*.json")):
        for key, text in re.findall(r'"(\w+_fr)":\s*"([^"]*)"', data.read_text(encoding="utf-8")):
            assert not ASO.search(text), f"{data.relative_to(ROOT)}: {key} {text[:50]!r}"
    json.loads((ROOT / "quality" / "data" / "instruments.json").read_text(encoding="utf-8"))
    with translation.override("fr"):
        assert term("trainee", Country.BELGIUM) == "MACCS"
    with translation.override("nl"):
        assert term("trainee", Country.BELGIUM) == "ASO"
