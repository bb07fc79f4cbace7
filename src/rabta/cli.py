"""The `rabta` command.

    rabta schedule INPUT [...]   solve a meeting schedule from JSON/XLSX/.dzn (no database needed)
    rabta serve                  the production web server (gunicorn; see rabta/server.py)
    rabta demo                   load the demo data (same as `rabta manage load_demo`)
    rabta <manage.py command>    anything manage.py does: migrate, runserver, createsuperuser, …

rabta's own commands speak the operator's language: RABTA_LANGUAGE (en, ru or ur), else the
POSIX locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, e.g. ru_RU.UTF-8), else English.
"""

from __future__ import annotations

import os
import sys

# one rule for every `rabta` command, the engine's too (it lives in the engine: no Django there)
from rabta.scheduling.i18n import LOCALE_VARIABLES, cli_language

__all__ = ["LOCALE_VARIABLES", "cli_language", "main"]

# Commands that run until they are stopped (the worker, the development server): when one of
# them dies, its whole traceback goes to the operator's log (systemd, the container's), not the
# one line below. `rabta serve` (gunicorn) never reaches that line either.
LONG_RUNNING = frozenset({"db_worker", "runserver"})


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "schedule":
        from rabta.scheduling.cli import main as schedule_main

        return schedule_main(argv[1:])
    if argv and argv[0] == "serve":
        from rabta.server import serve

        return serve(argv[1:])
    if argv and argv[0] == "demo":
        argv = ["load_demo", *argv[1:]]
    if argv and argv[0] == "manage":
        argv = argv[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rabta.settings")
    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.utils import translation

    try:
        django.setup()
    except ImproperlyConfigured as error:  # no SECRET_KEY, a bad DATABASE_URL…: say what to set
        print(f"rabta: {error}", file=sys.stderr)
        return 2
    codes = [code for code, _name in settings.LANGUAGES]
    translation.activate(cli_language(os.environ, codes, settings.LANGUAGE_CODE))
    if not argv or argv in (["help"], ["-h"], ["--help"]):
        print_own_commands()
    try:
        execute_from_command_line(["rabta", *argv])
    except Exception as error:  # a command's own errors (CommandError) never get here
        if "--traceback" in argv or (argv and argv[0] in LONG_RUNNING):
            raise
        print(one_line_error(argv[0] if argv else "", error), file=sys.stderr)
        return 1
    return 0


def one_line_error(command: str, error: BaseException) -> str:
    """What went wrong, on one line: the error and its causes (Django's loaddata says only
    "Problem installing fixture 'x.json'", the JSON error is its cause), not a traceback."""
    from django.utils.translation import gettext as _

    parts: list[str] = []
    seen = error
    while seen is not None and len(parts) < 4:
        text = " ".join(str(seen).split()).rstrip(": ") or type(seen).__name__
        if len(text) > 2 and not any(text in part for part in parts):
            parts.append(text)
        seen = seen.__cause__ or seen.__context__
    message = ": ".join(parts)
    if len(message) > 300:
        message = message[:299] + "…"
    return _("rabta %(command)s: %(error)s (add --traceback for the details)") % {
        "command": command,
        "error": message,
    }


def print_own_commands() -> None:
    """`rabta`, `rabta help`, `rabta --help`: rabta's own commands first (Django's list below
    them does not know them), in the operator's language."""
    from django.utils.translation import gettext as _

    lines = [
        _("rabta's own commands:"),
        "    schedule INPUT [...]   "
        + _("solve a meeting schedule from a .json, .xlsx or .dzn file (no database needed)"),
        "    serve                  " + _("the production web server (gunicorn)"),
        "    demo                   " + _("load the demo data (the same as load_demo)"),
        _("`rabta COMMAND --help` explains one command. Every manage.py command works too:"),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
