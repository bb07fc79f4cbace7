"""Exports of the statistics (rabta's import format, so an export imports again unchanged) and
of the trends (one row per series and year), streamed as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from rabta.core.spreadsheets import csv_row
from rabta.trade.models import TradeFigure
from rabta.trade.rows import RABTA_COLUMNS
from rabta.trade.trends import Direction

STATISTICS_HEADER = [column.name for column in RABTA_COLUMNS]


class _Line:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow(csv_row(row))  # no cell a formula (a source "=…" is text)


def _plain(value) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def statistics_rows(figures=None) -> Iterator[list]:
    """Every figure, in rabta's own format, in a stable order."""
    yield STATISTICS_HEADER
    figures = figures if figures is not None else TradeFigure.objects.all()
    for f in figures.order_by(
        "source", "reporter", "partner", "flow", "year", "month", "hs_code"
    ).iterator(chunk_size=2000):
        yield [
            f.source, f.reporter, f.partner, f.flow, f.year, f.month or "",
            f.hs_code or "TOTAL", _plain(f.value_usd), _plain(f.net_weight_kg),
            _plain(f.quantity), f.quantity_unit,
        ]  # fmt: skip


TRENDS_HEADER = ["hs_code", "exporter", "importer", "source", "reporter", "flow", "year",
                 "value_usd", "months", "change_percent"]  # fmt: skip


def trends_rows(code: str, directions: list[Direction]) -> Iterator[list]:
    yield TRENDS_HEADER
    for direction in directions:
        for series in direction.series:
            for year, point in sorted(series.points.items()):
                growth = series.growth(year)
                yield [
                    code or "TOTAL", direction.exporter, direction.importer, series.key.source,
                    series.key.reporter, series.key.flow, year, _plain(point.value), point.months,
                    "" if growth is None else f"{growth:.1f}",
                ]  # fmt: skip
