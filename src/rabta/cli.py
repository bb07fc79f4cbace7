"""The `rabta` command.

    rabta schedule INPUT [...]   solve a meeting schedule from JSON/XLSX/.dzn (no database needed)
    rabta demo                   load the demo data (same as `rabta manage load_demo`)
    rabta <manage.py command>    anything manage.py does: migrate, runserver, createsuperuser, …
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "schedule":
        from rabta.scheduling.cli import main as schedule_main

        return schedule_main(argv[1:])
    if argv and argv[0] == "demo":
        argv = ["load_demo", *argv[1:]]
    if argv and argv[0] == "manage":
        argv = argv[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rabta", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
