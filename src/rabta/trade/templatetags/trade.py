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


@register.inclusion_tag("trade/_trend_line.html")
def trade_trend_line(hs_codes, country: str, kind: str = ""):
    """The trend of the goods of ``hs_codes`` leaving ``country`` for the other corridor
    country (for a sourcing request, ``country`` is the importer: the goods come to it)."""
    from rabta.trade.trends import corridor, trend_line

    exporter = country
    if kind == "sourcing_request":
        first, second = corridor()
        exporter = second if country == first else first if country == second else ""
    return {"line": trend_line(list(hs_codes or []), exporter=exporter) if exporter else None}


@register.inclusion_tag("trade/_guides_beside.html", takes_context=True)
def trade_guides(context, hs_codes, country: str, sector_codes=()):
    """Published market guides for these goods or sectors, for an exporter from ``country``."""
    from rabta.trade.guides import guides_for

    return {
        "guides": guides_for(
            hs_codes=list(hs_codes or []), origin=country, sector_codes=list(sector_codes or [])
        ),
        "request": context.get("request"),
    }


@register.filter
def trade_country(code: str) -> str:
    from rabta.organisations.countries import country_name

    return country_name(code)


@register.filter
def trade_language(code: str) -> str:
    from rabta.accounts.languages import spoken_language_name

    return spoken_language_name(code)


@register.filter
def trade_isolate(text: str) -> str:
    from rabta.trade.trends import isolated

    return isolated(str(text))
