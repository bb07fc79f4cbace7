"""Writing imported figures and rebuilding the yearly totals the trend pages read.

The import (``reports.importers.TradeStatisticsImporter``) checks rows with ``trade.rows`` and
calls these in batches inside its one transaction; ``totals_rebuild`` runs once at its end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Sum
from django.utils import timezone

from rabta.core.cache import bump
from rabta.trade.models import TradeFigure, TradeTotal
from rabta.trade.rows import Figure

Series = tuple[str, str, str]  # (source, reporter, partner)


class ExistingFigures:
    """Finds which figures of a batch are already stored, in a query or two per batch (none
    while the series has no figure at all, as on a first import)."""

    def __init__(self) -> None:
        self.empty: dict[Series, bool] = {}

    def _is_empty(self, series: Series) -> bool:
        if series not in self.empty:
            source, reporter, partner = series
            self.empty[series] = not TradeFigure.objects.filter(
                source=source, reporter=reporter, partner=partner
            ).exists()
        return self.empty[series]

    def find(self, figures: Iterable[Figure]) -> dict[tuple, TradeFigure]:
        groups: dict[tuple, list[str]] = defaultdict(list)
        for figure in figures:
            if not self._is_empty((figure.source, figure.reporter, figure.partner)):
                groups[figure.key[:6]].append(figure.hs_code)
        found: dict[tuple, TradeFigure] = {}
        for (source, reporter, partner, flow, year, month), codes in groups.items():
            for stored in TradeFigure.objects.filter(
                source=source,
                reporter=reporter,
                partner=partner,
                flow=flow,
                year=year,
                month=month,
                hs_code__in=codes,
            ):
                found[
                    (source, reporter, partner, flow, year, month, stored.hs_code)
                ] = stored  # fmt: skip
        return found


VALUE_FIELDS = ("value_usd", "net_weight_kg", "quantity", "quantity_unit")


INSERT_COLUMNS = ("source", "reporter", "partner", "flow", "year", "month", "hs_code", "level",
                  "chapter", "heading", "value_usd", "net_weight_kg", "quantity", "quantity_unit",
                  "imported_at")  # fmt: skip


def figures_write(new: list[Figure], replaced: list[tuple[TradeFigure, Figure]]) -> None:
    """Create ``new`` figures; give each stored figure of ``replaced`` the file's values.

    New figures go in with one ``executemany`` per batch: a million rows through the ORM's
    ``bulk_create`` spend most of their time compiling SQL, not writing."""
    if new:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        table = connection.ops.quote_name(TradeFigure._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in INSERT_COLUMNS)
        placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
        values = [
            (
                f.source,
                f.reporter,
                f.partner,
                f.flow,
                f.year,
                f.month,
                f.hs_code,
                len(f.hs_code),
                f.hs_code[:2],
                f.hs_code[:4] if len(f.hs_code) >= 4 else "",
                f.value_usd,
                f.net_weight_kg,
                f.quantity,
                f.quantity_unit,
                now,
            )  # fmt: skip
            for f in new
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608 - names are ours
                values,
            )
    if replaced:
        for stored, figure in replaced:
            for name in VALUE_FIELDS:
                setattr(stored, name, getattr(figure, name))
        TradeFigure.objects.bulk_update([s for s, _f in replaced], VALUE_FIELDS, batch_size=500)


def _best(candidates: dict[int, Decimal]) -> Decimal:
    """The figure at the most aggregate level reported (a chapter's own figure, else the sum of
    its headings, else of its six-digit lines): never two levels added together."""
    return candidates[min(candidates)]


def totals_rebuild(series: Iterable[Series]) -> int:
    """Recompute the yearly totals of each series (all goods, every chapter and heading).

    Per flow and year, annual figures win over monthly ones; monthly figures are summed and the
    total records how many months the series covers. Returns how many totals were written."""
    written = 0
    for source, reporter, partner in set(series):
        figures = TradeFigure.objects.filter(source=source, reporter=reporter, partner=partner)
        coverage = {
            (row["flow"], row["year"]): row["months"]
            for row in figures.filter(month__gt=0)
            .values("flow", "year")
            .annotate(months=Count("month", distinct=True))
        }
        # (flow, year, annual?, code) → {level: value}
        sums: dict[tuple, dict[int, Decimal]] = defaultdict(dict)
        for code_field, min_level in ((None, 0), ("chapter", 2), ("heading", 4)):
            for row in _grouped(figures, code_field, min_level):
                code = row[code_field] if code_field else ""
                sums[(row["flow"], row["year"], row["annual"], code)][row["level"]] = row["total"]
        # a year reported as a whole is read from its annual figures only, else from its months
        annual_years = {(flow, year) for flow, year, annual, _c in sums if annual}
        totals: dict[tuple, Decimal] = {
            (flow, year, code): _best(by_level)
            for (flow, year, annual, code), by_level in sums.items()
            if annual == ((flow, year) in annual_years)
        }
        # all goods without a TOTAL line: the sum of the chapters
        for flow, year in {(f, y) for f, y, _c in totals}:
            if (flow, year, "") not in totals:
                totals[(flow, year, "")] = sum(
                    (
                        v
                        for (f, y, c), v in totals.items()
                        if (f, y) == (flow, year) and len(c) == 2
                    ),
                    Decimal(0),
                )
        TradeTotal.objects.filter(source=source, reporter=reporter, partner=partner).delete()
        objs = [
            TradeTotal(
                source=source,
                reporter=reporter,
                partner=partner,
                flow=flow,
                year=year,
                code=code,
                value_usd=value,
                months=12 if (flow, year) in annual_years else coverage.get((flow, year), 12),
            )
            for (flow, year, code), value in totals.items()
        ]
        TradeTotal.objects.bulk_create(objs, batch_size=1000)
        written += len(objs)
    bump("marketplace")  # its cached counts of the trend filter
    return written


def _grouped(figures, code_field: str | None, min_level: int):
    """Sums by flow, year, annual-or-monthly, level and code (one query per kind of row)."""
    for annual in (True, False):
        chosen = figures.filter(month=0) if annual else figures.filter(month__gt=0)
        if code_field is None:
            chosen = chosen.filter(level=0)
            fields = ("flow", "year", "level")
        else:
            chosen = chosen.filter(level__gte=min_level)
            fields = ("flow", "year", "level", code_field)
        for row in chosen.values(*fields).annotate(total=Sum("value_usd")).order_by():
            row["annual"] = annual
            yield row
