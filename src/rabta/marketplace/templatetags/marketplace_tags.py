"""Template filters of the marketplace pages: readable names for codes and details."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from rabta.accounts.languages import spoken_language_name
from rabta.organisations.countries import country_name

register = template.Library()


@register.filter
def country_names(codes) -> str:
    """["RU", "KZ"] → "Russia, Kazakhstan" in the reader's language."""
    return ", ".join(country_name(code) for code in codes or [])


@register.filter
def language_names(codes) -> str:
    return ", ".join(spoken_language_name(code) for code in codes or [])


@register.filter
def detail_items(details) -> list[tuple[str, str]]:
    """The kind-specific details as (label, text) pairs, labels translated."""
    from rabta.marketplace.forms import DETAIL_LABELS, FORMAT_LABELS

    items = []
    for name, value in (details or {}).items():
        if isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        elif isinstance(value, float):
            text = number_format(value, decimal_pos=2 if value % 1 else 0, use_l10n=True)
        elif name == "format":
            text = str(FORMAT_LABELS.get(value, value))
        elif name in ("source_language", "target_language"):
            text = spoken_language_name(value)
        else:
            text = str(value)
        items.append((str(DETAIL_LABELS.get(name, name)), text))
    return items


@register.filter(name="country_name")
def country_name_filter(code: str) -> str:
    return country_name(code) if code else ""
