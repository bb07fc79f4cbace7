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


# Names pycountry's Urdu catalogue lacks (it would show them in English on Urdu pages).
URDU_NAMES: dict[str, str] = {
    "AQ": "انٹارکٹیکا", "TF": "فرانسیسی جنوبی علاقہ جات", "BQ": "بونایر، سینٹ یوسٹیشیئس اور سابا",
    "BS": "بہاماس", "BL": "سینٹ برتھیلمی", "BN": "برونائی", "CN": "چین", "CI": "کوٹ ڈی آئیوری",
    "CD": "جمہوری جمہوریہ کانگو", "CG": "کانگو", "CV": "کیپ وردے", "CX": "جزیرہ کرسمس",
    "CZ": "چیک جمہوریہ", "EE": "اسٹونیا", "FK": "جزائر فاک لینڈ", "FM": "مائکرونیشیا",
    "GM": "گیمبیا", "IR": "ایران", "KR": "جنوبی کوریا", "LA": "لاؤس", "MO": "مکاؤ",
    "MF": "سینٹ مارٹن (فرانسیسی حصہ)", "MH": "جزائر مارشل", "MK": "شمالی مقدونیہ",
    "PN": "جزائر پٹکیرن", "KP": "شمالی کوریا", "PS": "فلسطین", "RU": "روس", "SZ": "ایسواتینی",
    "SX": "سنٹ مارٹن (ولندیزی حصہ)", "SY": "شام", "TL": "مشرقی تیمور", "TR": "ترکیہ",
    "US": "ریاستہائے متحدہ امریکہ", "VA": "ویٹیکن سٹی", "VG": "برطانوی جزائر ورجن",
    "VI": "امریکی جزائر ورجن",
}  # fmt: skip


def _language(language: str | None) -> str:
    return (language or get_language() or "en").split("-")[0]


def country_name(code: str, language: str | None = None) -> str:
    return _country_name(code, _language(language)) if code else code


@cache
def _country_name(code: str, language: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    if language == "ur" and country.alpha_2 in URDU_NAMES:
        return URDU_NAMES[country.alpha_2]
    return (
        _catalogue(language).gettext(getattr(country, "common_name", None) or country.name)
        if language != "en"
        else getattr(country, "common_name", None) or country.name
    )


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Every country, sorted by its name in ``language`` (computed once per language)."""
    return list(_country_choices(_language(language)))


@cache
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    choices = [(c.alpha_2, _country_name(c.alpha_2, language)) for c in pycountry.countries]
    return tuple(sorted(choices, key=lambda item: item[1]))


COUNTRY_CODES = frozenset(c.alpha_2 for c in pycountry.countries)


# Everyday names people type into the search box that the ISO catalogues do not use.
SEARCH_ALIASES: dict[str, tuple[str, ...]] = {
    "RU": ("Russia", "Россия", "روس"),
    "PK": ("Pakistan", "Пакистан", "پاکستان"),
    "GB": ("Britain", "UK", "Великобритания", "برطانیہ"),
    "US": ("USA", "США", "امریکہ"),
    "AE": ("UAE", "ОАЭ", "متحدہ عرب امارات"),
    "CN": ("China", "Китай", "چین"),
    "KZ": ("Kazakhstan", "Казахстан", "قازقستان"),
    "UZ": ("Uzbekistan", "Узбекистан", "ازبکستان"),
}


def country_search_names(code: str, languages: list[str]) -> set[str]:
    """Every name of a country a reader might search for: ISO names per language and aliases."""
    return {country_name(code, language) for language in languages} | set(
        SEARCH_ALIASES.get(code, ())
    )
