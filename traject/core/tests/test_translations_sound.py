"""The translation catalogues hold together: no clash between apps, nothing translated at import.

Django merges every app's catalogue into one per language; when two apps translate the same
source string differently, one silently wins on the other's pages (the register heading once read
"Registreren"). Such strings get a message context (pgettext / {% translate "..." context "..." %}).
A string translated when a module is imported is frozen in the language of whoever imported it
first (the week view's day names stayed Dutch in French): labels use gettext_lazy.
"""

import ast
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def catalogue_clashes(root: Path = ROOT) -> list[str]:
    by_language: dict[str, dict[tuple, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for po_path in sorted(root.glob("*/locale/*/LC_MESSAGES/django.po")):
        app = po_path.parts[-5]
        language = po_path.parts[-3]
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete or not entry.msgstr or "fuzzy" in entry.flags:
                continue
            key = (entry.msgctxt or "", entry.msgid)
            by_language[language][key][app] = entry.msgstr
    clashes = []
    for language, entries in sorted(by_language.items()):
        for (context, msgid), per_app in sorted(entries.items()):
            if len(set(per_app.values())) > 1:
                where = ", ".join(f"{app}: {text!r}" for app, text in sorted(per_app.items()))
                label = f"{context}|{msgid}" if context else msgid
                clashes.append(f"[{language}] {label!r} is translated differently: {where}")
    return clashes


def _eager_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in EAGER:
                    names.add(alias.asname or alias.name)
    return names


def import_time_translations(root: Path = ROOT) -> list[str]:
    """Calls of gettext & co. that run when the module is imported (module or class body)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        eager = _eager_names(tree)
        if not eager:
            continue

        def visit(node, in_function=False, eager=eager, path=path):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                in_function = True
            if (
                not in_function
                and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in eager
            ):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
            for child in ast.iter_child_nodes(node):
                visit(child, in_function)

        visit(tree)
    return found


# Known debts of the conversations app (merged from #12 after these checks were written): its
# catalogue still needs message contexts and the "u" register. Listed one by one so that any NEW
# clash or "je" still fails; remove a line when it is fixed.
KNOWN_CLASHES = {
    ("fr", "From"),
    ("fr", "Until"),
    ("fr", "changed on"),
    ("fr", "open"),
    ("fr", "planned"),
    ("fr", "until"),
    ("nl", "Decision"),
    ("nl", "Outcome"),
    ("nl", "Someone else changed this in the meantime. Reload the page and try again."),
    ("nl", "Until"),
    ("nl", "deadline"),
    ("nl", "draft"),
    ("nl", "open"),
    ("nl", "outcome"),
    ("nl", "position"),
    ("fr", "report"),  # the report of a talk ("compte rendu") vs an import run's report
}
# Where the same English word means something else in two apps (noun vs verb, "created" vs
# "created on", a grammatical gender), the code gives it a message context (pgettext_lazy("app",
# ...) or {% translate "..." context "app" %}) and each catalogue translates its own meaning: no
# such clash is left (the list of known ones is gone, issue #11).
KNOWN_INFORMAL: set[str] = set()  # the conversations catalogue says "u" now


def test_no_two_apps_translate_the_same_string_differently():
    clashes = [
        c
        for c in catalogue_clashes()
        if (c[1:3], _msgid_of(c)) not in KNOWN_CLASHES or "conversations:" not in c
    ]
    assert not clashes, "Give these a message context:\n" + "\n".join(clashes)


def test_the_list_of_known_clashes_only_shrinks():
    """A listed debt that is fixed must leave the list, so that it cannot come back unseen."""
    current = {(c[1:3], _msgid_of(c)) for c in catalogue_clashes()}
    fixed = sorted(KNOWN_CLASHES - current)
    assert not fixed, f"No longer clashing, remove from KNOWN_CLASHES: {fixed}"


def test_a_context_entry_exists_for_every_context_used():
    """A string given a context in the code but not in its Dutch or French catalogue would
    show in English."""
    missing = []
    for app_dir in sorted(p for p in ROOT.iterdir() if (p / "locale").is_dir()):
        used = set()
        for path in app_dir.rglob("*"):
            if path.suffix not in (".py", ".html", ".txt") or "tests" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            used |= {(m[0], m[1]) for m in CONTEXT_IN_PYTHON.findall(text)}
            used |= {(m[1], m[0]) for m in CONTEXT_IN_TEMPLATE.findall(text)}
        for po_path in sorted(app_dir.glob("locale/*/LC_MESSAGES/django.po")):
            if po_path.parts[-3] == "en":  # the source text is English already
                continue
            have = {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path)) if e.msgstr}
            missing += [f"{po_path.relative_to(ROOT)}: {c}|{m}" for c, m in used - have]
    assert not missing, "Translate these in their catalogue:\n" + "\n".join(sorted(missing))


CONTEXT_IN_PYTHON = re.compile(r'pgettext(?:_lazy)?\(\s*"([^"]+)",\s*"([^"]+)"\s*\)')
CONTEXT_IN_TEMPLATE = re.compile(r'{%\s*translate\s+"([^"]+)"\s+context\s+"([^"]+)"')


def test_no_string_is_translated_when_its_module_is_imported():
    found = import_time_translations()
    assert not found, "Use gettext_lazy for these:\n" + "\n".join(found)


def test_the_checks_find_what_they_look_for(tmp_path):
    """Both checks fail on a planted clash and a planted import-time translation."""
    for app, text in (("one", "Inscrire"), ("two", "Registreren")):
        po = polib.POFile()
        po.append(polib.POEntry(msgid="Register", msgstr=text))
        target = tmp_path / app / "locale" / "fr" / "LC_MESSAGES"
        target.mkdir(parents=True)
        po.save(str(target / "django.po"))
    assert len(catalogue_clashes(tmp_path)) == 1
    (tmp_path / "one" / "labels.py").write_text(
        "from django.utils.translation import gettext as _\n"
        "DAYS = [_('Monday')]\n"
        "class Form:\n    label = _('Name')\n"
        "def ok():\n    return _('Fine')\n"
    )
    assert len(import_time_translations(tmp_path)) == 2


INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jijzelf)\b", re.IGNORECASE)


def informal_dutch(root: Path = ROOT) -> list[str]:
    """Dutch texts that say "je" where the application says "u"."""
    found = []
    for po_path in sorted(root.glob("*/locale/nl/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(po_path)):
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            if any(INFORMAL.search(text) for text in texts):
                found.append(f"{po_path.relative_to(root)}: {entry.msgid!r}")
    for data in sorted(root.glob("*/data/*.json")):
        for match in re.finditer(r'"(\w+_nl)":\s*"([^"]*)"', data.read_text(encoding="utf-8")):
            if INFORMAL.search(match.group(2)):
                found.append(f"{data.relative_to(root)}: {match.group(1)} {match.group(2)[:40]!r}")
    return found


def _msgid_of(clash: str) -> str:
    return ast.literal_eval(re.match(r"\[\w+\] (.+) is translated differently", clash).group(1))


def test_dutch_says_u_everywhere():
    found = [
        f
        for f in informal_dutch()
        if not (
            f.startswith("conversations/locale/")
            and ast.literal_eval(f.split(": ", 1)[1]) in KNOWN_INFORMAL
        )
    ]
    assert not found, "One register in Dutch (u, uw):\n" + "\n".join(found)


def messages_without_translation(root: Path = ROOT, languages=("nl", "fr")) -> list[str]:
    """Messages of the code (extracted afresh by ``makemessages`` in a copy of the tree) that no
    catalogue translates: the code's English changed and the catalogue kept the old text, so the
    page shows English (the working-time settings' help text did, in Dutch and French)."""
    import subprocess
    import sys
    import tempfile

    translated: dict[str, set] = {language: set() for language in languages}
    for language in languages:
        for po_path in root.glob(f"*/locale/{language}/LC_MESSAGES/django.po"):
            for e in polib.pofile(str(po_path)):
                if e.translated() and not e.obsolete:
                    translated[language].add((e.msgctxt or "", e.msgid))
    missing = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(
            root,
            copy,
            ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "tests", "migrations"),
        )
        for app_dir in sorted(p for p in copy.iterdir() if (p / "locale").is_dir()):
            subprocess.run(
                # -P: the app's own modules (selectors.py) must not shadow the standard library.
                [sys.executable, "-P", "-m", "django", "makemessages", "--no-obsolete"]
                + [f"--locale={language}" for language in languages],
                cwd=app_dir,
                # Without the project's settings: the copy is extracted as plain files.
                env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
                check=True,
                capture_output=True,
            )
            for language in languages:
                po_path = app_dir / "locale" / language / "LC_MESSAGES" / "django.po"
                for e in polib.pofile(str(po_path)):
                    if e.obsolete or e.msgid == "":
                        continue
                    if (e.msgctxt or "", e.msgid) not in translated[language]:
                        label = f"{e.msgctxt}|{e.msgid}" if e.msgctxt else e.msgid
                        missing.append(f"[{language}] {app_dir.name}: {label[:100]!r}")
    return missing


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is needed")
def test_every_message_of_the_code_has_a_dutch_and_a_french_translation():
    missing = messages_without_translation()
    assert not missing, (
        "Run `django-admin makemessages -l nl -l fr` in the app and translate:\n"
        + "\n".join(missing)
    )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is needed")
def test_the_translation_check_finds_a_message_no_catalogue_has(tmp_path):
    app = tmp_path / "app"
    (app / "locale" / "nl" / "LC_MESSAGES").mkdir(parents=True)
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Old help text.", msgstr="Oude hulptekst."))
    po.save(str(app / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    (app / "labels.py").write_text(
        "from django.utils.translation import gettext_lazy as _\n"
        "HELP = _('Old help text. And a new sentence.')\n"
        "KEPT = _('Old help text.')\n"
    )
    assert messages_without_translation(tmp_path, languages=("nl",)) == [
        "[nl] app: 'Old help text. And a new sentence.'"
    ]
