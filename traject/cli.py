"""The ``traject`` command line: ``traject demo``, ``traject worktime check FILE``,
``traject trajectory end-date FILE`` and every
Django management command (``traject migrate``, ``traject db_worker``, ...)."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run a Traject command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["worktime"] and args[1:2] == ["check"]:
        # The compliance check needs no database and no Django set-up.
        from traject.worktime.cli import main as worktime_main

        return worktime_main(args[1:])
    if args[:1] == ["trajectory"] and args[1:2] == ["end-date"]:
        # The end-date computation needs no database either.
        from traject.trajectory.cli import main as trajectory_main

        return trajectory_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traject.config.settings")
    from django.core.management import execute_from_command_line

    if not args:
        args = ["help"]
    execute_from_command_line(["traject", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
