"""Messages a trainee reads, in Dutch (default), French and English.

The engine has no Django, so no gettext: a small catalogue keyed by message id and language.
"""

from datetime import date, datetime

LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")
DEFAULT_LANGUAGE = "nl"

MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

# Violation sentences by message id. Placeholders: week (a date), start/end (date and time),
# value, limit, weeks (block length), stint (length of the stint before a rest), extra.
VIOLATIONS: dict[str, dict[str, str]] = {
    "week_max": {
        "nl": "Week van {week}: {value} u gewerkt, de grens is {limit} u",
        "fr": "Semaine du {week} : {value} h travaillées, la limite est de {limit} h",
        "en": "Week of {week}: {value} h worked, the limit is {limit} h",
    },
    "average": {
        "nl": "{weeks} weken vanaf {week}: gemiddeld {value} u per week, de grens is {limit} u",
        "fr": "{weeks} semaines à partir du {week} : en moyenne {value} h par semaine, "
        "la limite est de {limit} h",
        "en": "{weeks} weeks from {week}: on average {value} h a week, the limit is {limit} h",
    },
    "average_excluding_leave": {
        "nl": "{weeks} weken vanaf {week}: gemiddeld {value} u per week (verlofdagen niet "
        "meegeteld), de grens is {limit} u",
        "fr": "{weeks} semaines à partir du {week} : en moyenne {value} h par semaine (jours de "
        "congé non comptés), la limite est de {limit} h",
        "en": "{weeks} weeks from {week}: on average {value} h a week (leave days left out), "
        "the limit is {limit} h",
    },
    "stint_max": {
        "nl": "Dienst van {start} tot {end}: {value} u aan één stuk, de grens is {limit} u",
        "fr": "Service du {start} au {end} : {value} h d'affilée, la limite est de {limit} h",
        "en": "Shift from {start} to {end}: {value} h in a row, the limit is {limit} h",
    },
    "stint_max_without_inhouse": {
        "nl": "Dienst zonder aanwezigheidsdienst van {start} tot {end}: {value} u aan één stuk, "
        "de grens is {limit} u",
        "fr": "Service sans garde sur place du {start} au {end} : {value} h d'affilée, "
        "la limite est de {limit} h",
        "en": "Shift without in-house call from {start} to {end}: {value} h in a row, "
        "the limit is {limit} h",
    },
    "stint_max_with_inhouse": {
        "nl": "Dienst met aanwezigheidsdienst van {start} tot {end}: {value} u aan één stuk, "
        "de grens is {limit} u",
        "fr": "Service avec garde sur place du {start} au {end} : {value} h d'affilée, "
        "la limite est de {limit} h",
        "en": "Shift with in-house call from {start} to {end}: {value} h in a row, "
        "the limit is {limit} h",
    },
    "stint_clinical": {
        "nl": "Dienst van {start} tot {end}: {value} u klinisch werk, de grens is {limit} u "
        "(plus hoogstens {extra} u voor de overdracht)",
        "fr": "Service du {start} au {end} : {value} h de travail clinique, la limite est de "
        "{limit} h (plus {extra} h au plus pour la transmission)",
        "en": "Shift from {start} to {end}: {value} h of clinical work, the limit is {limit} h "
        "(plus at most {extra} h for the handover)",
    },
    "stint_transition": {
        "nl": "Dienst van {start} tot {end}: {value} u overdracht, de grens is {limit} u",
        "fr": "Service du {start} au {end} : {value} h de transmission, la limite est de {limit} h",
        "en": "Shift from {start} to {end}: {value} h of handover, the limit is {limit} h",
    },
    "rest": {
        "nl": "Rust van {start} tot {end}: {value} u, minstens {limit} u is vereist",
        "fr": "Repos du {start} au {end} : {value} h, il faut au moins {limit} h",
        "en": "Rest from {start} to {end}: {value} h, at least {limit} h is required",
    },
    "rest_after": {
        "nl": "Rust na een dienst van {stint} u, van {start} tot {end}: {value} u, "
        "minstens {limit} u is vereist",
        "fr": "Repos après un service de {stint} h, du {start} au {end} : {value} h, "
        "il faut au moins {limit} h",
        "en": "Rest after a {stint} h shift, from {start} to {end}: {value} h, "
        "at least {limit} h is required",
    },
    "weekly_rest": {
        "nl": "Week van {week}: langste rust {value} u, minstens {limit} u aan één stuk is vereist",
        "fr": "Semaine du {week} : plus long repos de {value} h, il faut au moins {limit} h "
        "d'affilée",
        "en": "Week of {week}: longest rest {value} h, at least {limit} h in one stretch "
        "is required",
    },
    "days_off": {
        "nl": "{weeks} weken vanaf {week}: {value} vrije periodes van 24 u aan één stuk, "
        "minstens {limit} zijn vereist",
        "fr": "{weeks} semaines à partir du {week} : {value} périodes libres de 24 h d'affilée, "
        "il en faut au moins {limit}",
        "en": "{weeks} weeks from {week}: {value} free periods of 24 h in a row, at least "
        "{limit} are required",
    },
    "rest_after_call": {
        "nl": "Rust na een dienst van {stint} u met aanwezigheidsdienst, van {start} tot {end}: "
        "{value} u, minstens {limit} u is vereist",
        "fr": "Repos après un service de {stint} h avec garde sur place, du {start} au {end} : "
        "{value} h, il faut au moins {limit} h",
        "en": "Rest after a {stint} h shift with in-house call, from {start} to {end}: "
        "{value} h, at least {limit} h is required",
    },
    "rest_after_night": {
        "nl": "Rust na een nachtdienst, van {start} tot {end}: {value} u, minstens {limit} u "
        "is vereist",
        "fr": "Repos après un service de nuit, du {start} au {end} : {value} h, il faut au "
        "moins {limit} h",
        "en": "Rest after a night shift, from {start} to {end}: {value} h, at least {limit} h "
        "is required",
    },
    "weekly_rest_or": {
        "nl": "Week van {week}: langste rust {value} u; vereist is {limit} u aan één stuk, of "
        "{total} u in 14 × 24 u in rusten van minstens {each} u",
        "fr": "Semaine du {week} : plus long repos de {value} h ; il faut {limit} h d'affilée, "
        "ou {total} h sur 14 × 24 h en repos d'au moins {each} h",
        "en": "Week of {week}: longest rest {value} h; required is {limit} h in one stretch, or "
        "{total} h in 14 × 24 h in rests of at least {each} h",
    },
    "night_shift_max": {
        "nl": "Nachtdienst van {start} tot {end}: {value} u, de grens is {limit} u (tot "
        "{extended} u mag hoogstens {count} keer in {days} × 24 u)",
        "fr": "Service de nuit du {start} au {end} : {value} h, la limite est de {limit} h "
        "(jusqu'à {extended} h au plus {count} fois en {days} × 24 h)",
        "en": "Night shift from {start} to {end}: {value} h, the limit is {limit} h (up to "
        "{extended} h at most {count} times in {days} × 24 h)",
    },
    "night_shifts": {
        "nl": "{weeks} weken vanaf {week}: {value} nachtdiensten, hoogstens {limit} zijn "
        "toegestaan",
        "fr": "{weeks} semaines à partir du {week} : {value} services de nuit, au plus {limit} "
        "sont permis",
        "en": "{weeks} weeks from {week}: {value} night shifts, at most {limit} are allowed",
    },
    "inhouse_calls": {
        "nl": "{weeks} weken vanaf {week}: {value} aanwezigheidsdiensten, hoogstens {limit} "
        "zijn toegestaan",
        "fr": "{weeks} semaines à partir du {week} : {value} gardes sur place, au plus "
        "{limit} sont permises",
        "en": "{weeks} weeks from {week}: {value} in-house calls, at most {limit} are allowed",
    },
}

# Input problems. {entry} is filled with ENTRY_LABEL, {other} with a second one.
PROBLEMS: dict[str, dict[str, str]] = {
    "not_an_object": {
        "nl": "Het schema is geen JSON-object",
        "fr": "L'horaire n'est pas un objet JSON",
        "en": "The schedule is not a JSON object",
    },
    "missing_field": {
        "nl": "Het veld “{field}” ontbreekt",
        "fr": "Le champ « {field} » manque",
        "en": "The field “{field}” is missing",
    },
    "entries_not_list": {
        "nl": "“entries” moet een lijst zijn",
        "fr": "« entries » doit être une liste",
        "en": "“entries” must be a list",
    },
    "unknown_jurisdiction": {
        "nl": "Onbekend regelstelsel “{value}”; kies uit {choices}",
        "fr": "Jeu de règles « {value} » inconnu ; choisissez parmi {choices}",
        "en": "Unknown jurisdiction “{value}”; choose from {choices}",
    },
    "unknown_timezone": {
        "nl": "Onbekende tijdzone “{value}”",
        "fr": "Fuseau horaire « {value} » inconnu",
        "en": "Unknown time zone “{value}”",
    },
    "unknown_holiday_country": {
        "nl": "Onbekend land voor feestdagen “{value}”",
        "fr": "Pays inconnu pour les jours fériés « {value} »",
        "en": "Unknown country for public holidays “{value}”",
    },
    "malformed_reference": {
        "nl": "“reference_start” “{value}” is geen geldige datum (JJJJ-MM-DD)",
        "fr": "« reference_start » « {value} » n'est pas une date valide (AAAA-MM-JJ)",
        "en": "“reference_start” “{value}” is not a valid date (YYYY-MM-DD)",
    },
    "reference_not_monday": {
        "nl": "“reference_start” {value} is geen maandag",
        "fr": "« reference_start » {value} n'est pas un lundi",
        "en": "“reference_start” {value} is not a Monday",
    },
    "bad_opt_out": {
        "nl": "“opt_out” moet true, false of een lijst van periodes {{from, until}} zijn: {value}",
        "fr": "« opt_out » doit être true, false ou une liste de périodes {{from, until}} : "
        "{value}",
        "en": "“opt_out” must be true, false or a list of periods {{from, until}}: {value}",
    },
    "entry_not_object": {
        "nl": "{entry} is geen object",
        "fr": "{entry} n'est pas un objet",
        "en": "{entry} is not an object",
    },
    "entry_missing_field": {
        "nl": "{entry}: het veld “{field}” ontbreekt",
        "fr": "{entry} : le champ « {field} » manque",
        "en": "{entry}: the field “{field}” is missing",
    },
    "unknown_kind": {
        "nl": "{entry}: onbekende soort “{value}”",
        "fr": "{entry} : type « {value} » inconnu",
        "en": "{entry}: unknown kind “{value}”",
    },
    "malformed_time": {
        "nl": "{entry}: “{value}” is geen geldig tijdstip (JJJJ-MM-DDTUU:MM)",
        "fr": "{entry} : « {value} » n'est pas une date et heure valide (AAAA-MM-JJTHH:MM)",
        "en": "{entry}: “{value}” is not a valid date and time (YYYY-MM-DDTHH:MM)",
    },
    "malformed_date": {
        "nl": "{entry}: “{value}” is geen geldige datum (JJJJ-MM-DD)",
        "fr": "{entry} : « {value} » n'est pas une date valide (AAAA-MM-JJ)",
        "en": "{entry}: “{value}” is not a valid date (YYYY-MM-DD)",
    },
    "end_not_after_start": {
        "nl": "{entry}: het einde {value} ligt niet na het begin",
        "fr": "{entry} : la fin {value} n'est pas après le début",
        "en": "{entry}: the end {value} is not after the start",
    },
    "nonexistent_time": {
        "nl": "{entry}: {value} bestaat niet in {tz} (de klok springt vooruit)",
        "fr": "{entry} : {value} n'existe pas dans {tz} (l'horloge avance)",
        "en": "{entry}: {value} does not exist in {tz} (the clock jumps forward)",
    },
    "overlap": {
        "nl": "{entry} overlapt met {other}",
        "fr": "{entry} chevauche {other}",
        "en": "{entry} overlaps {other}",
    },
    "bad_restrictive": {
        "nl": "{entry}: “restrictive” moet true of false zijn, niet “{value}”",
        "fr": "{entry} : « restrictive » doit être true ou false, pas « {value} »",
        "en": "{entry}: “restrictive” must be true or false, not “{value}”",
    },
    "restrictive_overlap": {
        "nl": "{entry} overlapt met de restrictieve thuiswacht {other}; alleen een oproep die er "
        "helemaal binnen valt mag dat",
        "fr": "{entry} chevauche la garde à domicile restrictive {other} ; seul un rappel "
        "entièrement compris dedans le peut",
        "en": "{entry} overlaps the restrictive home standby {other}; only a call-out wholly "
        "inside it may",
    },
    "duplicate_leave": {
        "nl": "{entry}: op die dag staat al een verlofdag ({other})",
        "fr": "{entry} : ce jour a déjà un jour de congé ({other})",
        "en": "{entry}: that day already has a leave day ({other})",
    },
}

PROBLEMS["cannot_read"] = {
    "nl": "Kan {file} niet lezen: {error}",
    "fr": "Impossible de lire {file} : {error}",
    "en": "Cannot read {file}: {error}",
}
PROBLEMS["invalid_json"] = {
    "nl": "{file} is geen geldige JSON: {error}",
    "fr": "{file} n'est pas du JSON valide : {error}",
    "en": "{file} is not valid JSON: {error}",
}

# "Entry 4 (start 2025-01-06T08:00)"; numbered from 1 for people, Problem.index is 0-based.
ENTRY_LABEL: dict[str, str] = {
    "nl": "Registratie {number} ({what} {value})",
    "fr": "Entrée {number} ({what} {value})",
    "en": "Entry {number} ({what} {value})",
}
ENTRY_LABEL_BARE: dict[str, str] = {
    "nl": "Registratie {number}",
    "fr": "Entrée {number}",
    "en": "Entry {number}",
}
START_WORD = {"nl": "begin", "fr": "début", "en": "start"}
DATE_WORD = {"nl": "datum", "fr": "date", "en": "date"}

# Column headers of the CLI text report.
TEXT: dict[str, dict[str, str]] = {
    "week": {"nl": "Week", "fr": "Semaine", "en": "Week"},
    "hours": {"nl": "Uren", "fr": "Heures", "en": "Hours"},
    "night": {"nl": "Nacht", "fr": "Nuit", "en": "Night"},
    "weekend": {"nl": "Weekend", "fr": "Week-end", "en": "Weekend"},
    "holiday": {"nl": "Feestdag", "fr": "Férié", "en": "Holiday"},
    "above_48": {"nl": ">48", "fr": ">48", "en": ">48"},
    "standby": {"nl": "Wacht", "fr": "Appelable", "en": "Standby"},
    "blocks": {"nl": "Blokken", "fr": "Blocs", "en": "Blocks"},
    "leave": {"nl": "Verlof", "fr": "Congé", "en": "Leave"},
    "averages": {"nl": "Gemiddelden", "fr": "Moyennes", "en": "Averages"},
    "rule": {"nl": "Regel", "fr": "Règle", "en": "Rule"},
    "from": {"nl": "Vanaf", "fr": "Du", "en": "From"},
    "average": {"nl": "Gem.", "fr": "Moy.", "en": "Avg."},
    "limit": {"nl": "Grens", "fr": "Limite", "en": "Limit"},
    "available": {"nl": "Nog", "fr": "Reste", "en": "Left"},
    "violations": {"nl": "Overtredingen", "fr": "Infractions", "en": "Violations"},
    "source": {"nl": "Bron", "fr": "Source", "en": "Source"},
    "compliant": {
        "nl": "In orde: geen overtredingen.",
        "fr": "Conforme : aucune infraction.",
        "en": "Compliant: no violations.",
    },
    "no_entries": {
        "nl": "Geen registraties.",
        "fr": "Aucune entrée.",
        "en": "No entries.",
    },
}


def check_lang(lang: str) -> str:
    """Return the language code or raise ValueError for an unsupported one."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return lang


_NUMBERS: dict[tuple[float, str], str] = {}


def format_number(value: float, lang: str) -> str:
    """Format hours or counts: no needless decimals, a decimal comma in nl and fr."""
    # The same few values (limits, whole hours) recur in every report; remember them.
    key = (value, lang)
    text = _NUMBERS.get(key)
    if text is not None:
        return text
    rounded = round(float(value), 2)
    if rounded == int(rounded):
        text = str(int(rounded))
    else:
        text = f"{rounded:.2f}".rstrip("0").rstrip(".")
    if lang in ("nl", "fr"):
        text = text.replace(".", ",")
    if len(_NUMBERS) < 100_000:
        _NUMBERS[key] = text
    return text


def format_day(d: date, lang: str) -> str:
    """Format a date as "6 January" (fr "1er janvier")."""
    day = "1er" if lang == "fr" and d.day == 1 else str(d.day)
    return f"{day} {MONTHS[lang][d.month - 1]}"


def format_moment(moment: datetime, lang: str) -> str:
    """Format a local time as "Tuesday 7 January 08:00"."""
    return f"{WEEKDAYS[lang][moment.weekday()]} {format_day(moment, lang)} {moment:%H:%M}"


def violation_message(message_id: str, lang: str, **values: object) -> str:
    """Return a violation sentence."""
    return VIOLATIONS[message_id][lang].format(**values)


def problem_message(code: str, lang: str, **values: object) -> str:
    """Return an input-problem sentence."""
    return PROBLEMS[code][lang].format(**values)


def entry_label(lang: str, index: int, what: str | None = None, value: str | None = None) -> str:
    """Name an entry for a person: its number from 1 and its start or date."""
    if value is None:
        return ENTRY_LABEL_BARE[lang].format(number=index + 1)
    word = DATE_WORD[lang] if what == "date" else START_WORD[lang]
    return ENTRY_LABEL[lang].format(number=index + 1, what=word, value=value)


def text(key: str, lang: str) -> str:
    """Return a label of the text report."""
    return TEXT[key][lang]
