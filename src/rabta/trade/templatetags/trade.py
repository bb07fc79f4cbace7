"""Template tags of the trade app: numbers in the reader's language, and the one-line trend
beside an opportunity or a profile (``{% load trade %}{% trade_trend_line hs_codes country %}``),
so the marketplace and organisation pages show it without importing this app."""

from __future__ import annotations

from django import template

from rabta.trade import formatting

register = template.Library()


@register.filter
def trade_usd(value):
    return formatting.usd(value)


@register.filter
def trade_percent(value):
    return formatting.percent(value)


@register.filter
def trade_share(value):
    return formatting.share(value)
