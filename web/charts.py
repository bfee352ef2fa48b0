"""Geometry of the public pages' charts, drawn as server-rendered SVG. Pure: numbers in, coordinates out.

Every chart is a fixed viewBox the browser scales to the page's width, so the
same markup reads at phone width and on a desktop. Each series gets its own
(colour, dash) pair, so a legend never repeats a style however many hosts
there are; a series of one point is still drawn (its marker), and the x
window is the span of the data that exists, never a fixed look-back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 14, 34
# Okabe-Ito plus four darker tones: distinguishable for common colour-vision
# deficiencies, and readable on both the light and the dark background.
PALETTE = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#8C6D31",
    "#7F7F7F",
    "#B22222",
    "#6A3D9A",
]
DASHES = ["", "6 3", "2 3", "8 3 2 3"]
TICKS = 5


def series_style(position: int) -> tuple[str, str]:
    """The (colour, dash pattern) of the series at ``position``: unique for 40 series, then repeating."""
    colour = PALETTE[position % len(PALETTE)]
    dash = DASHES[(position // len(PALETTE)) % len(DASHES)]
    return colour, dash


@dataclass(frozen=True)
class Tick:
    at: float  # pixel coordinate along its axis
    label: str


@dataclass
class Marker:
    x: float
    y: float
    title: str  # the point's value in words, shown as its tooltip and read by screen readers
    href: str = ""
    y_low: float | None = None  # the ends of its error bar, when it has one
    y_high: float | None = None
    label: str = ""


@dataclass
class Series:
    label: str
    colour: str
    dash: str
    path: str
    markers: list[Marker] = field(default_factory=list)


@dataclass
class Chart:
    series: list[Series]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    x_label: str
    y_label: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def point_count(self) -> int:
        return sum(len(s.markers) for s in self.series)


class _Scale:
    """Maps a value range onto a pixel range, linearly or on a log10 axis."""

    def __init__(self, low: float, high: float, start: float, end: float, *, log: bool = False):
        self.log = log
        if log:
            low, high = math.log10(low), math.log10(high)
        if high == low:  # one value: centre it in a window of +-1 (or a decade either side)
            low, high = low - 1, high + 1
        self.low, self.high, self.start, self.end = low, high, start, end

    def __call__(self, value: float) -> float:
        if self.log:
            value = math.log10(value)
        return round(self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start), 2)

    def ticks(self, fmt: Callable[[float], str]) -> list[Tick]:
        if self.log:
            decades = range(math.floor(self.low), math.ceil(self.high) + 1)
            values = [10.0**d for d in decades if self.low <= d <= self.high] or [10**self.low, 10**self.high]
        else:
            values = [self.low + (self.high - self.low) * i / (TICKS - 1) for i in range(TICKS)]
        return [Tick(self(v), fmt(v)) for v in values]


def _timestamp(moment: date | datetime) -> float:
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, tzinfo=UTC)
    return moment.timestamp()


def _date_label(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d")


def time_series_chart(
    series: Sequence[tuple[str, Sequence[tuple[date | datetime, float]]]],
    *,
    y_label: str,
    y_format: Callable[[float], str],
    step: bool = False,
    hold_until: date | None = None,
    invert_y: bool = False,
    y_floor: float | None = None,
) -> Chart | None:
    """Lines over time, one per labelled series; None when no series has a point.

    ``step`` draws a value as holding until the next one (prices), and the
    last one until ``hold_until`` (today: a price is in force until replaced);
    ``invert_y`` puts the smallest value on top (ranks); ``y_floor`` keeps
    the axis from starting above that value (scores from 0).
    """
    drawn = [(label, sorted(points)) for label, points in series if points]
    if not drawn:
        return None
    xs = [_timestamp(moment) for _, points in drawn for moment, _ in points]
    if hold_until is not None:
        xs.append(_timestamp(hold_until))
    ys = [value for _, points in drawn for _, value in points]
    low = min(ys) if y_floor is None else min(min(ys), y_floor)
    x_scale = _Scale(min(xs), max(xs), LEFT, WIDTH - RIGHT)
    top, bottom = (TOP, HEIGHT - BOTTOM) if invert_y else (HEIGHT - BOTTOM, TOP)
    y_scale = _Scale(low, max(ys), top, bottom)
    result = []
    for position, (label, points) in enumerate(drawn):
        colour, dash = series_style(position)
        coordinates = [(x_scale(_timestamp(moment)), y_scale(value)) for moment, value in points]
        path = _path(coordinates, step=step)
        if hold_until is not None:
            path += f" H{x_scale(_timestamp(hold_until))}"
        markers = [
            Marker(x, y, f"{label}, {_date_label(_timestamp(moment))}: {y_format(value)}")
            for (x, y), (moment, value) in zip(coordinates, points, strict=True)
        ]
        result.append(Series(label, colour, dash, path, markers))
    return Chart(result, x_scale.ticks(_date_label), y_scale.ticks(y_format), "Date (UTC)", y_label)


def _path(coordinates: list[tuple[float, float]], *, step: bool) -> str:
    commands = []
    for index, (x, y) in enumerate(coordinates):
        if index and step:
            commands.append(f"H{x}")
        commands.append(f"{'L' if index else 'M'}{x},{y}")
    return " ".join(commands)


@dataclass(frozen=True)
class ScatterPoint:
    x: float
    y: float
    y_low: float | None
    y_high: float | None
    label: str
    href: str
    title: str


def scatter_chart(
    points: Sequence[ScatterPoint],
    *,
    x_label: str,
    y_label: str,
    x_format: Callable[[float], str],
    y_format: Callable[[float], str],
    log_x: bool = False,
    invert_y: bool = False,
) -> Chart | None:
    """Linked points with vertical error bars (``y_low``..``y_high``); None without points.

    On a log axis, points at or below zero cannot be placed and are left out
    (a free model has no place on a log price axis; the page lists it apart).
    """
    placed = [p for p in points if not log_x or p.x > 0]
    if not placed:
        return None
    xs = [p.x for p in placed]
    ys = [v for p in placed for v in (p.y, p.y_low, p.y_high) if v is not None]
    x_scale = _Scale(min(xs), max(xs), LEFT, WIDTH - RIGHT, log=log_x)
    top, bottom = (TOP, HEIGHT - BOTTOM) if invert_y else (HEIGHT - BOTTOM, TOP)
    y_scale = _Scale(min(ys), max(ys), top, bottom)
    colour, dash = series_style(0)
    markers = [
        Marker(
            x_scale(p.x),
            y_scale(p.y),
            p.title,
            href=p.href,
            y_low=None if p.y_low is None else y_scale(p.y_low),
            y_high=None if p.y_high is None else y_scale(p.y_high),
            label=p.label,
        )
        for p in placed
    ]
    series = Series(y_label, colour, dash, "", markers)
    return Chart([series], x_scale.ticks(x_format), y_scale.ticks(y_format), x_label, y_label)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as printed beside the bar
    href: str = ""
    width_percent: float = 0.0


def bars(rows: Sequence[tuple[str, float | None, str, str]]) -> list[Bar]:
    """Horizontal bars (label, value, text, href) scaled to the largest value; rows without a value are left out."""
    present = [row for row in rows if row[1] is not None]
    largest = max((value for _, value, _, _ in present), default=0) or 1
    return [Bar(label, value, text, href, round(100 * value / largest, 1)) for label, value, text, href in present]


@dataclass(frozen=True)
class Interval:
    """A rank and its spread as percentages of a rank axis: the leaderboard's inline error bar."""

    low_percent: float
    width_percent: float
    at_percent: float


def rank_interval(rank: int, low: int | None, high: int | None, *, axis: tuple[int, int]) -> Interval | None:
    """Where a rank's interval lies on the axis ``(first rank, last rank)``; None without an interval.

    A page draws every row on one axis, the span of its rows' intervals, so
    bars compare down the page and stay readable on a board of hundreds.
    """
    if low is None or high is None:
        return None
    first, last = axis

    def percent(value: int) -> float:
        return round(100 * (value - first) / max(last - first, 1), 2)

    return Interval(percent(low), round(percent(high) - percent(low), 2), percent(rank))


def rank_axis(intervals: Sequence[tuple[int, int | None, int | None]]) -> tuple[int, int]:
    """The span of (rank, low, high) triples: the axis ``rank_interval`` draws them on."""
    values = [v for triple in intervals for v in triple if v is not None] or [1]
    return min(values), max(values)
