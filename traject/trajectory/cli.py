"""``trajectory end-date FILE.json``: the expected end date of a training, without a database.

Exit status 0 with the result (JSON or text) on standard output, 2 when the input cannot be
computed (every reason on standard error).
"""

import argparse
import json
import sys

from .enddate import LANGUAGES, EndDateInputError, end_date_from_dict

EXIT_OK = 0
EXIT_BAD_INPUT = 2
RESULT_KEYS = (
    "counted_start",
    "planned_end",
    "submission_delay_days",
    "interruption_days",
    "extension_days",
    "expected_end",
    "lines",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="traject trajectory",
        description="Compute the expected end date of a Belgian specialist training.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    end_date = commands.add_parser("end-date", help="compute the expected end date (JSON input)")
    end_date.add_argument("file", help="the input as JSON; - reads standard input")
    end_date.add_argument("--format", choices=("json", "text"), default="json")
    end_date.add_argument("--lang", choices=LANGUAGES, default="en")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``trajectory`` with the arguments after the command name; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    name = "<stdin>" if args.file == "-" else args.file
    try:
        if args.file == "-":
            raw = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as handle:
                raw = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{name}: cannot be read ({exc}).", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        print(f"{name}: not valid JSON ({exc}).", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        result = end_date_from_dict(data, lang=args.lang)
    except EndDateInputError as exc:
        for problem in exc.problems:
            print(f"{name}: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = result.to_dict()
    if args.format == "json":
        print(json.dumps({key: report[key] for key in RESULT_KEYS}, indent=2, ensure_ascii=False))
    else:
        print("\n".join(report["lines"]))
    return EXIT_OK
