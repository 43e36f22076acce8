"""Compile the translation catalogues with polib (no GNU gettext needed on a fresh machine)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile every .po catalogue of Traject into .mo; --check also fails on untranslated or fuzzy entries."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail when a catalogue has untranslated or fuzzy entries.",
        )

    def handle(self, *args, check=False, **options):
        problems = []
        count = 0
        for locale_dir in _locale_dirs():
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                try:
                    catalogue = polib.pofile(str(po_path), check_for_duplicates=True)
                except (OSError, ValueError) as exc:
                    raise CommandError(f"{po_path}: broken catalogue: {exc}")
                if check:
                    untranslated = catalogue.untranslated_entries()
                    fuzzy = catalogue.fuzzy_entries()
                    for entry in untranslated[:10]:
                        problems.append(f"{po_path}: untranslated: {entry.msgid[:80]!r}")
                    if len(untranslated) > 10:
                        problems.append(
                            f"{po_path}: … and {len(untranslated) - 10} more untranslated"
                        )
                    for entry in fuzzy[:10]:
                        problems.append(f"{po_path}: fuzzy: {entry.msgid[:80]!r}")
                    for entry in catalogue.translated_entries():
                        if _placeholder_problem(entry):
                            problems.append(
                                f"{po_path}: placeholders differ in {entry.msgid[:80]!r}"
                            )
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(f"compiled {count} catalogue(s)")


def _locale_dirs() -> list[Path]:
    """The project's locale paths and every Traject app's own ``locale`` directory."""
    from django.apps import apps

    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    for config in apps.get_app_configs():
        if config.name.startswith("traject."):
            dirs.append(Path(config.path) / "locale")
    unique = dict.fromkeys(d.resolve() for d in dirs if d.is_dir())
    return list(unique)


def _placeholder_problem(entry) -> bool:
    """A translation may not use a placeholder its source lacks, nor drop one (plural forms may)."""
    if entry.msgid_plural:
        known = set(_placeholders(entry.msgid)) | set(_placeholders(entry.msgid_plural))
        return any(set(_placeholders(text)) - known for text in entry.msgstr_plural.values())
    return sorted(_placeholders(entry.msgid)) != sorted(_placeholders(entry.msgstr))


def _placeholders(text: str) -> list[str]:
    import re

    return sorted(re.findall(r"%\(\w+\)[sdif]|\{\w+\}", text))
