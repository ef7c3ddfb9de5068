"""Chart geometry for a metric: its observations against the baseline-to-target line.

Computed here, drawn by the template as inline SVG: no JavaScript, no network, and the
numbers are tested without rendering.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from ctepartner.domain import long_ago
from ctepartner.language import gettext, long_date, number, short_month
from ctepartner.model.files import Metric

WIDTH, HEIGHT = 360, 166
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 26, 24  # the legend sits in the top band
Label = Callable[[float], str]  # a value as the axis and the points show it: "86 %"


def _plain(value: float) -> str:
    return number(round(value, 1))


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: str = ""  # the value written beside an observed point
    anchor: str = "middle"  # where its value label hangs: start, middle or end
    old: bool = False  # measured more than a year ago: drawn hollow, its date beside it
    label_y: float = 0.0  # the baseline of its value label: above the point, or below


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
        """The chart's data in words, its text alternative: "2025-06-30: 80, 2026-06-30:
        150; planned: baseline 80 (2025-06-30) to target 200 (2027-06-30)"."""
        said = ", ".join(point.label for point in self.observed)
        if self.plan:
            said += "; " + gettext("planned: {start} to {end}").format(
                start=self.plan[0].label, end=self.plan[1].label)
        return said


def metric_chart(metric: Metric, label: Label = _plain, as_of: dt.date | None = None
                 ) -> Chart | None:
    """The chart of a metric, or None when it has nothing to draw: the measured line from
    the baseline through every observation, against the planned line to the target; values
    in the metric's unit (`label`); a latest value older than a year (by `as_of`) marked."""
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
    old = as_of is not None and long_ago(dated[-1][0], as_of)
    return line_chart(dated, plan if len(plan) == 2 else [], min(low, 0.0) if low >= 0 else low,
                      high, label, old_last=old)


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round values for an axis that spans `low` to `high` (0, 1,000 ... 4,000, or 0, 2, 4,
    6): steps of 1, 2, 2.5 or 5 times a power of ten, the smallest that needs at most
    `most` ticks."""
    if high <= low:
        high = low + 1
    power = 10.0 ** math.floor(math.log10((high - low) / (most - 1)))
    while True:
        for factor in (1, 2, 2.5, 5):
            step = power * factor
            first, last = math.floor(low / step), math.ceil(high / step)
            if last - first + 1 <= most:
                return [round(count * step, 10) for count in range(first, last + 1)]
        power *= 10


def line_chart(dated: list[tuple[dt.date, float]], plan: list[tuple[dt.date, float]],
               low: float, high: float, label: Label = _plain, *, old_last: bool = False
               ) -> Chart:
    """A line through `dated` (and a dashed `plan` line, if two points are given), on a
    value axis of round ticks over `low` to `high` and a time axis over every date."""
    everything = dated + plan
    first, last = min(d for d, _ in everything), max(d for d, _ in everything)
    ticks = nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    span = max((last - first).days, 1)

    def place(when: dt.date, value: float, said: str, shown: str = "", anchor: str = "middle",
              old: bool = False) -> Point:
        x = LEFT + (WIDTH - LEFT - RIGHT) * (when - first).days / span
        y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - low) / (high - low))
        return Point(round(x, 1), round(y, 1), said, shown, anchor, old)

    observed = []
    for index, (when, value) in enumerate(dated):
        stale = old_last and index == len(dated) - 1
        shown = f"{label(value)} ({short_month(when)})" if stale else label(value)
        anchor = "start" if index == 0 else "end" if index == len(dated) - 1 else "middle"
        said = f"{long_date(when)}: {label(value)}"
        if stale:
            said += " " + gettext("(more than a year ago)")
        observed.append(place(when, value, said, shown, anchor, stale))
    observed = _labelled(observed)
    plan_line = None
    if len(plan) == 2:
        (start, begun), (end, aim) = plan
        plan_line = (place(start, begun, gettext("baseline {value} ({day})").format(
                         value=label(begun), day=long_date(start))),
                     place(end, aim, gettext("target {value} ({day})").format(
                         value=label(aim), day=long_date(end))))
    y_ticks = [place(first, value, label(value)) for value in ticks]
    x_ticks = [place(when, low, short_month(when)) for when in _dates(first, last)]
    return Chart(WIDTH, HEIGHT, observed, plan_line, y_ticks, x_ticks)


CHARACTER_PX = 5.5  # the width of a character of a 9-pixel label, about


def _labelled(points: list[Point]) -> list[Point]:
    """Each point's value label above it, or below where it would touch the label before
    it (two close values) or the top of the plot: no two labels overlap."""
    placed: list[Point] = []
    for point in points:
        left, right = label_span(point)
        above, below = point.y - 7, point.y + 14
        label_y = above if point.y > TOP + 10 else below
        if placed:
            last_left, last_right = label_span(placed[-1])
            touching = left < last_right and last_left < right
            if touching and abs(label_y - placed[-1].label_y) < 11:
                label_y = below if label_y == above else above
        placed.append(replace(point, label_y=round(label_y, 1)))
    return placed


def label_span(point: Point) -> tuple[float, float]:
    """Where a point's value label runs, left to right, as its anchor hangs it."""
    width = len(point.value) * CHARACTER_PX
    left = {"start": point.x + 4, "end": point.x - 4 - width}.get(point.anchor,
                                                                   point.x - width / 2)
    return left, left + width


def _dates(first: dt.date, last: dt.date, most: int = 4) -> list[dt.date]:
    """Dates to label the time axis with: the ends, and evenly spaced ones between them."""
    if first == last:
        return [first]
    step = (last - first) / (most - 1)
    return [first + step * index for index in range(most)]
