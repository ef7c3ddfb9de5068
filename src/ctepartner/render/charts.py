"""Chart geometry for a metric: its observations against the baseline-to-target line.

Computed here, drawn by the template as inline SVG: no JavaScript, no network, and the
numbers are tested without rendering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ctepartner.model.files import Metric

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 10, 24


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: str = ""  # the value written beside an observed point


@dataclass(frozen=True)
class Chart:
    """Everything the SVG needs, in pixels: the observed line, the plan line, the axes."""

    width: int
    height: int
    observed: list[Point]
    plan: tuple[Point, Point] | None
    y_ticks: list[Point]
    x_ticks: list[Point]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.observed)

    @property
    def summary(self) -> str:
        """The chart's data in words, its text alternative: "80 on 2025-06-30, 150 on
        2026-06-30; planned: baseline 80 on 2025-06-30 to target 200 on 2027-06-30"."""
        said = ", ".join(point.label for point in self.observed)
        if self.plan:
            said += f"; planned: {self.plan[0].label} to {self.plan[1].label}"
        return said


def _number(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def metric_chart(metric: Metric) -> Chart | None:
    """The chart of a metric, or None when it has nothing to draw: the measured line from
    the baseline through every observation, against the planned line to the target."""
    dated = [(o.date, o.value) for o in sorted(metric.observations, key=lambda o: o.date)]
    base = metric.baseline
    if dated and base and base.date and base.date < dated[0][0]:
        dated.insert(0, (base.date, base.value))  # where the line starts: the baseline measured
    plan = [(point.date, point.value) for point in (metric.baseline, metric.target)
            if point is not None and point.date is not None]
    if not dated:
        return None
    values = [v for _, v in dated + plan]
    low, high = min(values), max(values)
    return line_chart(dated, plan if len(plan) == 2 else [], min(low, 0.0) if low >= 0 else low,
                      high)


def line_chart(dated: list[tuple[dt.date, float]], plan: list[tuple[dt.date, float]],
               low: float, high: float) -> Chart:
    """A line through `dated` (and a dashed `plan` line, if two points are given), on a
    value axis from `low` to `high` and a time axis over every date."""
    everything = dated + plan
    first, last = min(d for d, _ in everything), max(d for d, _ in everything)
    if high == low:
        high = low + 1
    span = max((last - first).days, 1)

    def place(when: dt.date, value: float, label: str, shown: str = "") -> Point:
        x = LEFT + (WIDTH - LEFT - RIGHT) * (when - first).days / span
        y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - low) / (high - low))
        return Point(round(x, 1), round(y, 1), label, shown)

    observed = [place(d, v, f"{_number(v)} on {d.isoformat()}", _number(v)) for d, v in dated]
    plan_line = None
    if len(plan) == 2:
        (start, begun), (end, aim) = plan
        plan_line = (place(start, begun, f"baseline {_number(begun)} on {start.isoformat()}"),
                     place(end, aim, f"target {_number(aim)} on {end.isoformat()}"))
    y_ticks = [place(first, value, _number(value)) for value in (low, (low + high) / 2, high)]
    x_ticks = [place(when, low, when.isoformat()[:7]) for when in _dates(first, last)]
    return Chart(WIDTH, HEIGHT, observed, plan_line, y_ticks, x_ticks)


def _dates(first: dt.date, last: dt.date, most: int = 4) -> list[dt.date]:
    """Dates to label the time axis with: the ends, and evenly spaced ones between them."""
    if first == last:
        return [first]
    step = (last - first) / (most - 1)
    return [first + step * index for index in range(most)]
