"""``worktime check FILE.json``: check one trainee's schedule from the command line.

No database and no Django: the rule engine alone. Exit status 0 when compliant, 1 when a rule
is broken, 2 when the input cannot be checked (the reasons go to stderr).
"""

import argparse
import sys
from typing import Any

import orjson

from traject.worktime.rules import LANGUAGES, ScheduleError, check_json
from traject.worktime.rules.messages import (
    DEFAULT_LANGUAGE,
    format_number,
    problem_message,
    text,
)
from traject.worktime.rules.rulesets import rule_source

EXIT_COMPLIANT = 0
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2

_WEEK_COLUMNS = (
    ("hours", "hours"),
    ("night", "night_hours"),
    ("weekend", "weekend_hours"),
    ("holiday", "holiday_hours"),
    ("above_48", "hours_above_48"),
    ("standby", "standby_hours"),
    ("blocks", "standby_blocks"),
    ("leave", "leave_days"),
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="traject worktime",
        description="Check working time against the BE, NL, EU or US rules.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser(
        "check", help="check a schedule in the exchange format (JSON)"
    )
    check_parser.add_argument("file", help="the schedule as JSON; - reads standard input")
    check_parser.add_argument("--format", choices=("json", "text"), default="json")
    check_parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``worktime`` with the arguments after the command name; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        # argparse exits on --help (0) and on bad arguments (2); a caller wants the status.
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    lang = args.lang
    name = "<stdin>" if args.file == "-" else args.file
    try:
        if args.file == "-":
            stdin = sys.stdin
            raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
        else:
            with open(args.file, "rb") as handle:
                raw = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        print(problem_message("cannot_read", lang, file=name, error=exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        # orjson: the JSON in and out costs as much as the check itself with the standard one.
        schedule = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        print(problem_message("invalid_json", lang, file=name, error=exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        # The report's JSON (Report.to_json) read back costs less than building its dicts.
        report = orjson.loads(check_json(schedule, lang))
    except ScheduleError as exc:
        for problem in exc.problems:
            print(problem.message, file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.format == "json":
        out = orjson.dumps(report, option=orjson.OPT_INDENT_2)
        if hasattr(sys.stdout, "buffer"):
            sys.stdout.flush()
            sys.stdout.buffer.write(out + b"\n")
            sys.stdout.buffer.flush()
        else:
            print(out.decode())
    else:
        print(render_text(report, lang))
    return EXIT_COMPLIANT if report["compliant"] else EXIT_VIOLATIONS


def render_text(report: dict[str, Any], lang: str) -> str:
    """Render a report as plain-text tables: weeks, averaging blocks, then violations."""
    lines: list[str] = []
    if report["weeks"]:
        header = [text("week", lang)] + [text(label, lang) for label, _ in _WEEK_COLUMNS]
        rows = [
            [week["start"]] + [format_number(week[field], lang) for _, field in _WEEK_COLUMNS]
            for week in report["weeks"]
        ]
        lines += _table(header, rows)
    else:
        lines.append(text("no_entries", lang))
    if report["blocks"]:
        lines += ["", text("averages", lang)]
        header = [
            text(key, lang) for key in ("rule", "from", "hours", "average", "limit", "available")
        ]
        rows = [
            [
                block["rule"],
                block["start"][:10],
                format_number(block["hours"], lang),
                format_number(block["average"], lang),
                format_number(block["limit"], lang),
                format_number(block["available"], lang),
            ]
            for block in report["blocks"]
        ]
        lines += _table(header, rows)
    lines.append("")
    if report["violations"]:
        lines.append(f"{text('violations', lang)} ({len(report['violations'])})")
        for v in report["violations"]:
            lines.append(f"- {v['rule']}: {v['message']}")
            source = rule_source(v["rule"])
            if source:
                lines.append(f"  {text('source', lang)}: {source}")
    else:
        lines.append(text("compliant", lang))
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        # First column left-aligned (dates, rule ids), figures right-aligned.
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    return [line(header)] + [line(row) for row in rows]


if __name__ == "__main__":
    sys.exit(main())
