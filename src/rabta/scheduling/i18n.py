"""The engine's messages in the reader's language, without Django.

The engine's strings live in the project's catalogue
(``rabta/locale/<lang>/LC_MESSAGES/django.mo``, built by ``make messages``),
read here with the standard library's :mod:`gettext`. The active language is a
:class:`contextvars.ContextVar`: English (the source strings) unless
:func:`set_language` or :func:`language` chose another.

    from rabta.scheduling.i18n import language
    with language("ru"):
        result = solve(problem)   # warnings, errors and the report in Russian

The web app runs the engine inside ``language(django.utils.translation.get_language())``;
``rabta schedule`` takes :func:`environment_language` (RABTA_LANGUAGE, else the
POSIX locale), as the other ``rabta`` commands do.

A thread the engine does not start itself (e.g. a solver's callback thread)
sees English: translate the templates before handing them to such a thread.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT_LANGUAGE = "en"
#: The languages rabta ships (English is the source language of the catalogue).
LANGUAGES = ("en", "ru", "ur")
#: Where an operator names their language, first match wins (see :func:`environment_language`).
LOCALE_VARIABLES = ("RABTA_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_language: ContextVar[str] = ContextVar("rabta_scheduling_language", default=DEFAULT_LANGUAGE)


def normalise(code: str | None) -> str:
    """``"ru-RU"``, ``"ru_RU.UTF-8"`` → ``"ru"``; an empty code → English."""
    if not code:
        return DEFAULT_LANGUAGE
    return code.split(".")[0].split("@")[0].replace("_", "-").split("-")[0].lower()


@cache
def _catalogue(code: str) -> _gettext.NullTranslations:
    if code == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation("django", localedir=LOCALE_DIR, languages=[code], fallback=True)


def get_language() -> str:
    return _language.get()


def set_language(code: str | None) -> None:
    """Make ``code`` the language of the engine's messages in the current context."""
    _language.set(normalise(code))


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Run a block with the engine speaking ``code`` (then restore the previous language)."""
    token = _language.set(normalise(code))
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def gettext(message: str) -> str:
    return _catalogue(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue(_language.get()).ngettext(singular, plural, n)


_ = gettext


def cli_language(environ: Mapping[str, str], available, default: str) -> str:
    """The first language the environment names that rabta speaks; ``default`` otherwise.

    RABTA_LANGUAGE, then the POSIX locale (LANGUAGE may list several, ``ru:en``;
    ``ru_RU.UTF-8@euro`` names ru; C and POSIX name none).
    """
    for variable in LOCALE_VARIABLES:
        for entry in environ.get(variable, "").split(":"):
            code = entry.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
            if code in available:
                return code
    return default


def environment_language(environ: Mapping[str, str]) -> str:
    """The language of ``rabta schedule``: the same rule as the other ``rabta`` commands."""
    return cli_language(environ, LANGUAGES, DEFAULT_LANGUAGE)
