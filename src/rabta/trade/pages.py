"""What the trend pages show: each direction's chart and the table under it, the chapters'
growth and shares, the balances — every figure with its source and year, in the reader's
language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from rabta.core.charts import Chart, bar_chart, grouped_column_chart
from rabta.organisations.hs import hs_chapter
from rabta.trade import trends
from rabta.trade.formatting import millions, percent, share, signed_usd, usd
from rabta.trade.models import TradeTotal
from rabta.trade.rows import DEMO_SOURCE


@dataclass
class Cell:
    text: str
    note: str = ""  # e.g. "3 months": a year under way


@dataclass
class DirectionView:
    direction: trends.Direction
    chart: Chart
    columns: list[str]  # one per measure: its source and reporter
    rows: list[tuple[int, list[Cell]]]
    breakdown: trends.Breakdown | None
    share_chart: Chart | None


def _months_note(point: trends.Point) -> str:
    if point.is_whole_year:
        return ""
    return _("%(count)s months so far") % {"count": point.months}


def direction_view(direction: trends.Direction, *, code: str, parent: str | None) -> DirectionView:
    years = direction.years
    chart = grouped_column_chart(
        _("%(direction)s, USD million per year") % {"direction": direction.label},
        [str(y) for y in years],
        [
            (s.key.label, {str(y): float(p.value) for y, p in s.points.items()})
            for s in direction.series
        ],
        fmt=millions,
    )
    rows = []
    for year in reversed(years):
        cells = []
        for series in direction.series:
            point = series.points.get(year)
            if point is None:
                cells.append(Cell("—"))
                continue
            growth = series.growth(year)
            text = usd(point.value)
            if growth is not None:
                text = _("%(value)s (%(change)s)") % {"value": text, "change": percent(growth)}
            cells.append(Cell(text, _months_note(point)))
        rows.append((year, cells))
    found = trends.breakdown(direction, parent) if parent is not None else None
    share_chart = None
    if found and found.items:
        share_chart = bar_chart(
            _("Share of each HS code in %(year)s (%(source)s, %(reported_by)s)")
            % {
                "year": found.year,
                "source": trends.isolated(found.series.source),
                "reported_by": found.series.reported_by,
            },
            [(_label(i.code), i.share) for i in found.by_share[:12]],
            fmt=share,
        )
    return DirectionView(
        direction, chart, [s.key.label for s in direction.series], rows, found, share_chart
    )


def _label(code: str) -> str:
    chapter = hs_chapter(code)
    if chapter is None:
        return code
    return (
        _("%(code)s: %(name)s") % {"code": code, "name": chapter.name()} if len(code) == 2 else code
    )


def is_illustrative() -> bool:
    """Whether the demo's invented figures are loaded (every page then says so)."""
    return TradeTotal.objects.filter(source=DEMO_SOURCE).exists()


def corridor_context() -> dict:
    found = trends.directions("")
    return {
        "demo_statistics": is_illustrative(),
        "views": [direction_view(d, code="", parent="") for d in found],
        "balances": [
            (
                balance,
                [
                    (year, usd(out), usd(back), signed_usd(net), net >= 0, whole)
                    for year, out, back, net, whole in reversed(balance.rows)
                ],
            )
            for balance in trends.balances(found)
        ],
    }


def code_context(code: str) -> dict:
    found = trends.directions(code)
    parent = code if len(code) == 2 else None
    return {
        "demo_statistics": is_illustrative(),
        "code": code,
        "chapter": hs_chapter(code),
        "views": [direction_view(d, code=code, parent=parent) for d in found],
        "has_figures": any(d.series for d in found),
    }
