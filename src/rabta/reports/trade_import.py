"""The trade statistics import: UN Comtrade's CSV export or rabta's own format (docs/trade.md).

Rows are read by ``trade.rows`` and written by ``trade.statistics``; this class fits them into the
import pipeline (preview, all rows or none, background task, progress). A million rows keep
memory small: per row, the import keeps 12 bytes (a 64-bit hash of its key and its line number,
in arrays) to find rows repeated within the file, which are reported at the end of the pass.
"""

from __future__ import annotations

from array import array

import numpy
from django.utils.translation import gettext as _

from rabta.reports.importers import Column, Importer, RowResult
from rabta.trade import rows as trade_rows
from rabta.trade.statistics import ExistingFigures, figures_write, totals_rebuild


class TradeStatisticsImporter(Importer):
    kind = "trade_statistics"
    columns = tuple(Column(c.name, c.required, c.help, c.example) for c in trade_rows.RABTA_COLUMNS)
    batch_size = 2000

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.comtrade: dict[str, str] | None = None
        self.existing = ExistingFigures()
        self.hashes = array("q")
        self.lines = array("q")
        self.series: set[tuple[str, str, str]] = set()

    def check_header(self, header: list[str]) -> list[str]:
        if not trade_rows.is_comtrade(header):
            return super().check_header(header)
        self.header = header
        unknown = [name for name in header if name and name not in trade_rows.COMTRADE_COLUMNS]
        if unknown:
            return [
                _(
                    "Unknown column “%(column)s”: this looks like a UN Comtrade file, and that "
                    "column is not one of Comtrade's."
                )
                % {"column": unknown[0]}
            ]
        self.comtrade = trade_rows.comtrade_columns(header)
        missing = [f for f in trade_rows.COMTRADE_REQUIRED if not self.comtrade[f]]
        if not (self.comtrade["year"] or self.comtrade["period"]):
            missing.append("year")
        if missing:
            return [
                _("The column “%(column)s” is missing.")
                % {"column": trade_rows.COMTRADE_FIELDS[missing[0]][0]}
            ]
        return []

    def check(self, rows):
        results, figures = [], []
        for line, values in rows:
            row = self.as_dict(values)
            result = RowResult(line)
            if self.comtrade is not None:
                figure, problems = trade_rows.parse_comtrade(row, self.comtrade)
            else:
                figure, problems = trade_rows.parse_rabta(row)
            result.errors.extend(problems)
            if figure is not None:
                result.plan = figure
                result.label = f"{figure.reporter}→{figure.partner} {figure.flow} {figure.year}"
                self.hashes.append(hash(figure.key))
                self.lines.append(line)
                figures.append(figure)
            results.append(result)
        found = self.existing.find(figures)
        for result in results:
            if result.plan is not None:
                result.existing = found.get(result.plan.key)
        return results

    def write(self, results, *, merge):
        new, replaced, skipped = [], [], 0
        for result in results:
            figure = result.plan
            self.series.add((figure.source, figure.reporter, figure.partner))
            if result.existing is None:
                new.append(figure)
            elif merge:
                replaced.append((result.existing, figure))
            else:
                skipped += 1
        figures_write(new, replaced)
        return len(new), len(replaced), skipped

    def finish(self, *, commit: bool) -> list[tuple[int, str, str]]:
        """Rows repeated within the file (each after the first), then, when committing, the
        yearly totals of every series the file touched."""
        problems = []
        if self.hashes:
            hashes = numpy.frombuffer(self.hashes, dtype=numpy.int64)
            order = numpy.argsort(hashes, kind="stable")
            ordered = hashes[order]
            repeats = numpy.nonzero(ordered[1:] == ordered[:-1])[0] + 1
            lines = numpy.frombuffer(self.lines, dtype=numpy.int64)
            for position in repeats[:1000]:
                first = position
                while first > 0 and ordered[first - 1] == ordered[position]:
                    first -= 1
                problems.append(
                    (
                        int(lines[order[position]]),
                        "",
                        _(
                            "The same figure (reporter, partner, flow, period and HS code) is "
                            "already on line %(line)d of this file."
                        )  # fmt: skip
                        % {"line": int(lines[order[first]])},
                    )
                )
            problems.sort()
        if commit and not problems:
            totals_rebuild(self.series)
        return problems
