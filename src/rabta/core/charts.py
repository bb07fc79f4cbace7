"""Small server-side SVG charts: geometry computed here, drawn by templates/core/charts/.

No JavaScript and no plotting library: a chart is a list of bars with their positions and
labels, which the template turns into <rect> and <text> elements (they print in the PDF too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 640
BAR = 22
GAP = 8
LABEL = 200


@dataclass
class Bar:
    label: str
    value: float
    text: str
    x: float
    y: float
    width: float
    height: float

    percent: float = 0.0  # the bar's length in percent of the longest (horizontal bars)

    @property
    def end(self) -> float:
        return self.x + self.width


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    kind: str  # "bars" (horizontal, labelled), "columns" (vertical, over time) or "groups"
    baseline: float = 0
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, label) of each group
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, label) under the columns

    @property
    def is_empty(self) -> bool:
        return not self.bars


def _number(value) -> float:
    return float(value) if isinstance(value, int | float | Decimal) else 0.0


def _plain_text(number: float, unit: str) -> str:
    return (
        f"{number:,.0f}{unit}"
        if number >= 100 or float(number).is_integer()
        else f"{number:,.1f}{unit}"
    )


def bar_chart(
    title: str,
    items: list[tuple[str, float]],
    *,
    unit: str = "",
    fmt: Callable[[float], str] | None = None,
) -> Chart:
    """Horizontal bars, one per item, the label on the left and the value at the bar's end
    (written by ``fmt``, e.g. a number formatted for the reader's language)."""
    top = max((_number(v) for _l, v in items), default=0) or 1
    span = WIDTH - LABEL - 80
    bars = []
    for n, (label, value) in enumerate(items):
        number = _number(value)
        text = fmt(number) if fmt else _plain_text(number, unit)
        bars.append(
            Bar(
                str(label),
                number,
                text,
                LABEL,
                n * (BAR + GAP),
                span * number / top,
                BAR,
                round(100 * number / top, 1),
            )
        )
    return Chart(title, bars, WIDTH, max(1, len(items)) * (BAR + GAP), "bars")


def column_chart(title: str, items: list[tuple[str, float]]) -> Chart:
    """Vertical columns over time (e.g. registrations per day), labels under the first and last."""
    height = 160
    top = max((_number(v) for _l, v in items), default=0) or 1
    step = (WIDTH - 40) / max(1, len(items))
    bars = []
    for n, (label, value) in enumerate(items):
        number = _number(value)
        h = (height - 30) * number / top
        bars.append(
            Bar(
                str(label),
                number,
                f"{number:,.0f}",
                20 + n * step,
                height - 20 - h,
                max(1.0, step * 0.8),
                h,
            )
        )
    return Chart(title, bars, WIDTH, height, "columns", baseline=height - 20)


COLOURS = ("#2e6f95", "#c0692b", "#4f8a3c", "#8a4f9e")


@dataclass
class GroupBar(Bar):
    colour: str = COLOURS[0]


def grouped_column_chart(
    title: str,
    groups: list[str],
    series: list[tuple[str, dict[str, float | None]]],
    *,
    fmt: Callable[[float], str],
) -> Chart:
    """Columns over time, side by side per group (e.g. a year): one colour per series (e.g. a
    country's reported exports and its partner's mirror imports), never stacked or added."""
    height = 200
    values = [_number(v) for _n, by in series for v in by.values() if v is not None]
    top = max(values, default=0) or 1
    step = (WIDTH - 40) / max(1, len(groups))
    width = max(1.0, step * 0.8 / max(1, len(series)))
    bars = []
    for g, group in enumerate(groups):
        for s, (name, by_group) in enumerate(series):
            value = by_group.get(group)
            if value is None:
                continue
            number = _number(value)
            h = (height - 30) * number / top
            bars.append(
                GroupBar(
                    f"{name}, {group}",
                    number,
                    fmt(number),
                    20 + g * step + s * width,
                    height - 20 - h,
                    width,
                    h,
                    colour=COLOURS[s % len(COLOURS)],
                )  # fmt: skip
            )
    chart = Chart(title, bars, WIDTH, height, "groups", baseline=height - 20)
    chart.legend = [(COLOURS[s % len(COLOURS)], name) for s, (name, _by) in enumerate(series)]
    chart.ticks = [(20 + g * step, group) for g, group in enumerate(groups)]
    return chart
