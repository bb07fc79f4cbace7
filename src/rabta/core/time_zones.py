"""Time zones of people: validation, the choice list and a sensible zone for a country.

A person sees times in their own zone (``User.time_zone``, activated per request by
``accounts.middleware.PersonTimeZoneMiddleware`` and per e-mail or PDF by the code that writes
it); the event's own zone is shown beside when it differs. Zone names are IANA names
(``Europe/Moscow``), read by the standard library's :mod:`zoneinfo`.
"""

from __future__ import annotations

import functools
import zoneinfo
from importlib import resources

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Countries with several zones: the one most people of the corridor meet in (the capital's,
# or the business centre's). Every other country: the first zone tzdata lists for it.
PREFERRED = {
    "RU": "Europe/Moscow",
    "KZ": "Asia/Almaty",
    "US": "America/New_York",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CN": "Asia/Shanghai",
    "ID": "Asia/Jakarta",
    "MX": "America/Mexico_City",
    "UZ": "Asia/Tashkent",
    "MN": "Asia/Ulaanbaatar",
    "DE": "Europe/Berlin",
    "ES": "Europe/Madrid",
    "PT": "Europe/Lisbon",
    "UA": "Europe/Kyiv",
}


def validate_time_zone(value: str) -> None:
    if value not in available():
        raise ValidationError(_("Enter a time zone such as Asia/Karachi."), code="time_zone")


@functools.cache
def available() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def choices() -> tuple[tuple[str, str], ...]:
    """Every IANA zone except the legacy aliases, sorted (``Asia/Karachi``, ``Europe/Moscow``)."""
    names = sorted(
        name
        for name in available()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return tuple((name, name.replace("_", " ")) for name in names)


@functools.cache
def _zone_table() -> dict[str, str]:
    """Country code → its first zone in tzdata's zone.tab (the tzdata package pinned in
    pyproject.toml carries it; Debian's /usr/share/zoneinfo as a fallback)."""
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        with open("/usr/share/zoneinfo/zone.tab", encoding="utf-8") as handle:
            text = handle.read()
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _coordinates, zone, *_rest = line.split("\t")
        table.setdefault(code, zone)
    return table


def country_time_zone(country: str | None) -> str | None:
    """A sensible zone for an ISO country code (``PK`` → ``Asia/Karachi``, ``RU`` →
    ``Europe/Moscow``), None for an unknown code."""
    code = (country or "").upper()
    zone = PREFERRED.get(code) or _zone_table().get(code)
    return zone if zone in available() else None


@functools.lru_cache(maxsize=2048)
def _cldr_zone_name(zone: str, language: str) -> str:
    from babel import UnknownLocaleError
    from babel.dates import get_timezone_name

    try:
        return get_timezone_name(zone, locale=language)
    except (LookupError, ValueError, UnknownLocaleError):
        return zone.replace("_", " ")


def zone_name(zone: str, language: str | None = None) -> str:
    """A zone as a reader says it, from the Unicode CLDR through Babel: ``Asia/Karachi`` is
    "Pakistan Time", «Пакистан», «پاکستان کا وقت»; ``Europe/Moscow`` "Moscow Time", «Москва»,
    «ماسکو ٹائم». An unknown zone keeps its IANA name."""
    from django.utils.translation import get_language

    code = (language or get_language() or "en").split("-")[0]
    return _cldr_zone_name(str(zone), code)
