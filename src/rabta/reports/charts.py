"""Small server-side SVG charts: geometry computed here, drawn by templates/reports/charts/.

No JavaScript and no plotting library: a chart is a list of bars with their positions and
labels, which the template turns into <rect> and <text> elements (they print in the PDF too).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    kind: str  # "bars" (horizontal, labelled) or "columns" (vertical, over time)
    baseline: float = 0

    @property
    def is_empty(self) -> bool:
        return not self.bars


def _number(value) -> float:
    return float(value) if isinstance(value, int | float | Decimal) else 0.0


def bar_chart(title: str, items: list[tuple[str, float]], *, unit: str = "") -> Chart:
    """Horizontal bars, one per item, the label on the left and the value at the bar's end."""
    top = max((_number(v) for _l, v in items), default=0) or 1
    span = WIDTH - LABEL - 80
    bars = []
    for n, (label, value) in enumerate(items):
        number = _number(value)
        text = (
            f"{number:,.0f}{unit}"
            if number >= 100 or float(number).is_integer()
            else f"{number:,.1f}{unit}"
        )
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
