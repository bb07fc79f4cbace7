"""Numbers of the trend pages in the reader's language (Russian 1 234 567,5; Urdu 12,34,567)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _


def usd(value: Decimal | float | None) -> str:
    if value is None:
        return "—"
    return _("USD %(amount)s") % {"amount": number_format(round(value), 0, force_grouping=True)}


def millions(value: Decimal | float) -> str:
    """A short form for chart labels: "12.3 M" in the reader's number format."""
    return _("%(amount)s M") % {
        "amount": number_format(float(value) / 1_000_000, 1, force_grouping=True)
    }


def _isolated(text: str) -> str:
    """On a right-to-left page, a signed number keeps its sign on the left (Unicode isolate)."""
    return f"\u2066{text}\u2069" if get_language_bidi() else text


def percent(growth: float | None) -> str:
    if growth is None:
        return "—"
    sign = "+" if growth > 0 else "−" if growth < 0 else ""
    return _isolated(
        _("%(sign)s%(number)s %%")
        % {"sign": sign, "number": number_format(abs(growth), 1, force_grouping=True)}
    )


def share(value: float) -> str:
    return _("%(number)s %%") % {"number": number_format(value, 1)}


def signed_usd(value: Decimal) -> str:
    """A balance: "+USD 1,234" or "−USD 1,234"."""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return _isolated(sign + usd(abs(value)))
