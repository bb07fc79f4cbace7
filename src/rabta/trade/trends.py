"""Reading the trends: series of yearly totals, growth, shares, one-line trends per HS code.

Every figure carries its source and year. A *direction* is goods moving from one country to the
other (Pakistan → Russia); it has up to two measures per source, which mirror each other: the
exporter's reported exports and the importer's reported imports. They are shown side by side,
labelled, and never added together.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from rabta.organisations.countries import country_name
from rabta.organisations.hs import HS_CHAPTER_NUMBERS, hs_chapter
from rabta.trade.models import Flow, TradeTotal
from rabta.trade.rows import DEMO_SOURCE


def isolated(text: str) -> str:
    """A source's own name inside a translated sentence: isolated (FSI … PDI), so it keeps its
    direction on an Urdu page and reads as data, not as an untranslated word. The demo's own
    illustrative source is rabta's words, so it is said in the reader's language."""
    if text == DEMO_SOURCE:
        text = _("Illustrative figures (rabta demo, not official)")
    return f"\u2068{text}\u2069"


def corridor() -> tuple[str, str]:
    first, second = settings.RABTA_TRADE_CORRIDOR
    return first, second


@dataclass(frozen=True)
class SeriesKey:
    source: str
    reporter: str
    partner: str
    flow: str

    @property
    def exporter(self) -> str:
        return self.reporter if self.flow == Flow.EXPORT else self.partner

    @property
    def importer(self) -> str:
        return self.partner if self.flow == Flow.EXPORT else self.reporter

    @property
    def reported_by(self) -> str:
        return (
            _("exports reported by %(country)s")
            if self.flow == Flow.EXPORT
            else _("imports reported by %(country)s")
        ) % {"country": country_name(self.reporter)}

    @property
    def label(self) -> str:
        return _("%(source)s: %(reported_by)s") % {
            "source": isolated(self.source),
            "reported_by": self.reported_by,
        }


@dataclass
class Point:
    year: int
    value: Decimal
    months: int

    @property
    def is_whole_year(self) -> bool:
        return self.months >= 12


@dataclass
class Series:
    key: SeriesKey
    points: dict[int, Point] = field(default_factory=dict)

    @property
    def latest_whole_year(self) -> int | None:
        years = [y for y, p in self.points.items() if p.is_whole_year]
        return max(years) if years else None

    def value(self, year: int) -> Decimal | None:
        point = self.points.get(year)
        return point.value if point else None

    def growth(self, year: int) -> float | None:
        """Percent change of ``year`` on the year before (both whole years), or None."""
        now, before = self.points.get(year), self.points.get(year - 1)
        if not (now and before and now.is_whole_year and before.is_whole_year and before.value):
            return None
        return float((now.value - before.value) / before.value * 100)


@dataclass
class Direction:
    exporter: str
    importer: str
    series: list[Series]

    @property
    def label(self) -> str:
        return _("%(exporter)s → %(importer)s") % {
            "exporter": country_name(self.exporter),
            "importer": country_name(self.importer),
        }

    @property
    def years(self) -> list[int]:
        return sorted({year for s in self.series for year in s.points})

    @property
    def primary(self) -> Series | None:
        """The measure trends are read from: the importer's own figures (customs at the border
        where duties are paid) when it has whole years, else the exporter's."""
        ranked = sorted(
            (s for s in self.series if s.latest_whole_year),
            key=lambda s: (s.latest_whole_year, s.key.flow == Flow.IMPORT, s.key.source),
            reverse=True,
        )
        return ranked[0] if ranked else None


def _load(code: str | None = None, *, codes=None, countries=None) -> dict[SeriesKey, Series]:
    first, second = countries or corridor()
    totals = TradeTotal.objects.filter(reporter__in=(first, second), partner__in=(first, second))
    if code is not None:
        totals = totals.filter(code=code)
    if codes is not None:
        totals = totals.filter(code__in=codes)
    found: dict[tuple, Series] = {}
    for total in totals.order_by("year"):
        key = SeriesKey(total.source, total.reporter, total.partner, total.flow)
        series = found.setdefault((key, total.code), Series(key))
        series.points[total.year] = Point(total.year, total.value_usd, total.months)
    return found


def directions(code: str = "") -> list[Direction]:
    """Both directions of the corridor for all goods (``""``), a chapter or a heading."""
    first, second = corridor()
    loaded = _load(code)
    result = []
    for exporter, importer in ((first, second), (second, first)):
        series = [
            s
            for (key, _code), s in loaded.items()
            if key.exporter == exporter and key.importer == importer
        ]
        series.sort(key=lambda s: (s.key.source, s.key.flow != Flow.EXPORT))
        result.append(Direction(exporter, importer, series))
    return result


@dataclass
class Balance:
    reporter: str
    partner: str
    source: str
    rows: list[
        tuple[int, Decimal, Decimal, Decimal, bool]
    ]  # year, exports, imports, balance, whole

    @property
    def label(self) -> str:
        return _(
            "%(source)s: balance of %(reporter)s with %(partner)s, as reported by %(reporter)s"
        ) % {
            "source": self.source,
            "reporter": country_name(self.reporter),
            "partner": country_name(self.partner),
        }


def balances(found: list[Direction]) -> list[Balance]:
    """Each reporter's exports minus its imports, from its own figures only."""
    by_reporter: dict[tuple[str, str, str], dict[str, Series]] = defaultdict(dict)
    for direction in found:
        for series in direction.series:
            key = series.key
            by_reporter[(key.source, key.reporter, key.partner)][key.flow] = series
    result = []
    for (source, reporter, partner), flows in sorted(by_reporter.items()):
        exports, imports = flows.get(Flow.EXPORT), flows.get(Flow.IMPORT)
        if not (exports and imports):
            continue
        rows = []
        for year in sorted(set(exports.points) & set(imports.points)):
            out, back = exports.points[year], imports.points[year]
            rows.append(
                (year, out.value, back.value, out.value - back.value,
                 out.is_whole_year and back.is_whole_year)
            )  # fmt: skip
        result.append(Balance(reporter, partner, source, rows))
    return result


@dataclass
class CodeChange:
    code: str
    value: Decimal
    previous: Decimal | None
    growth: float | None
    share: float  # percent of the direction's total that year

    @property
    def name(self) -> str:
        chapter = hs_chapter(self.code)
        return chapter.name() if chapter else self.code


@dataclass
class Breakdown:
    """The chapters (or a chapter's headings) of one measure in one year."""

    series: SeriesKey
    year: int
    items: list[CodeChange]

    @property
    def growing(self) -> list[CodeChange]:
        rising = [i for i in self.items if i.growth is not None and i.growth > 0]
        return sorted(rising, key=lambda i: -i.growth)[:5]

    @property
    def shrinking(self) -> list[CodeChange]:
        falling = [i for i in self.items if i.growth is not None and i.growth < 0]
        return sorted(falling, key=lambda i: i.growth)[:5]

    @property
    def by_share(self) -> list[CodeChange]:
        return sorted(self.items, key=lambda i: -i.value)


def breakdown(direction: Direction, parent: str = "") -> Breakdown | None:
    """The chapters of all goods (``parent=""``) or the headings of a chapter, in the primary
    measure's latest whole year, with their growth on the year before and their share."""
    primary = direction.primary
    if primary is None:
        return None
    year = primary.latest_whole_year
    key = primary.key
    base = TradeTotal.objects.filter(
        source=key.source, reporter=key.reporter, partner=key.partner, flow=key.flow
    )
    length = len(parent) + 2
    rows = base.filter(year__in=(year, year - 1), code__startswith=parent).values_list(
        "code", "year", "value_usd"
    )
    values: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for code, row_year, value in rows:
        if len(code) == length:
            values[code][row_year] = value
    previous_whole = (year - 1) in primary.points and primary.points[year - 1].is_whole_year
    total = primary.value(year) if not parent else sum(
        (v.get(year, Decimal(0)) for v in values.values()), Decimal(0)
    )  # fmt: skip
    items = []
    for code, by_year in values.items():
        now = by_year.get(year)
        if now is None:
            continue
        before = by_year.get(year - 1) if previous_whole else None
        growth = float((now - before) / before * 100) if before else None
        share = float(now / total * 100) if total else 0.0
        items.append(CodeChange(code, now, before, growth, share))
    return Breakdown(key, year, items)


# --- one line beside an opportunity or a profile --------------------------------------------


@dataclass
class TrendLine:
    code: str  # the HS chapter or heading the figures are for
    exporter: str
    importer: str
    series: SeriesKey
    year: int
    value: Decimal
    growth: float | None


def trend_line(hs_codes: list[str], *, exporter: str) -> TrendLine | None:
    """The trend of the first of ``hs_codes`` that has figures, for goods leaving ``exporter``
    for the other corridor country: its heading when the figures go that deep, else its
    chapter. None when there are no figures (or ``exporter`` is outside the corridor)."""
    first, second = corridor()
    if exporter not in (first, second):
        return None
    importer = second if exporter == first else first
    wanted: list[str] = []
    for code in hs_codes or []:
        code = str(code)
        for candidate in (code[:4], code[:2]):
            if len(candidate) in (2, 4) and candidate not in wanted:
                wanted.append(candidate)
    if not wanted:
        return None
    loaded = _load(codes=wanted)
    for code in wanted:
        series = [
            s
            for (key, found_code), s in loaded.items()
            if found_code == code and key.exporter == exporter and key.importer == importer
        ]
        primary = Direction(exporter, importer, series).primary
        if primary is None:
            continue
        year = primary.latest_whole_year
        return TrendLine(
            code, exporter, importer, primary.key, year, primary.value(year), primary.growth(year)
        )
    return None


def chapter_growth(*, exporter: str) -> dict[str, float]:
    """Each chapter's growth (percent, latest whole year on the one before) for goods leaving
    ``exporter`` for the other corridor country, from the primary measure."""
    first, second = corridor()
    importer = second if exporter == first else first
    loaded = _load(codes=sorted(HS_CHAPTER_NUMBERS))
    by_code: dict[str, list[Series]] = defaultdict(list)
    for (key, code), series in loaded.items():
        if len(code) == 2 and key.exporter == exporter and key.importer == importer:
            by_code[code].append(series)
    result = {}
    for code, series in by_code.items():
        primary = Direction(exporter, importer, series).primary
        if primary is not None:
            growth = primary.growth(primary.latest_whole_year)
            if growth is not None:
                result[code] = growth
    return result
