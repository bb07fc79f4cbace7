"""Countries (ISO 3166-1 alpha-2) with names in the reader's language, from pycountry's catalogues."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str, language: str | None = None) -> str:
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return code
    language = (language or get_language() or "en").split("-")[0]
    return (
        _catalogue(language).gettext(getattr(country, "common_name", None) or country.name)
        if language != "en"
        else getattr(country, "common_name", None) or country.name
    )


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    choices = [(c.alpha_2, country_name(c.alpha_2, language)) for c in pycountry.countries]
    return sorted(choices, key=lambda item: item[1])


COUNTRY_CODES = frozenset(c.alpha_2 for c in pycountry.countries)
