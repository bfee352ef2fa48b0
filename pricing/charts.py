"""Geometry of the admin's price-history chart: dated prices in, SVG coordinates out. No ORM."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from aimodelsmap.palette import series_colors
from pricing.calculator import CENT, plain
from pricing.formatting import money

WIDTH = 640
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 12, 28


@dataclass(frozen=True)
class PricePoint:
    effective_from: date
    input_per_million: Decimal | None
    output_per_million: Decimal | None


@dataclass
class Series:
    host: str
    color: str
    input_paths: list[str] = field(default_factory=list)
    output_paths: list[str] = field(default_factory=list)
    # A dot where each price starts: a price set today is a step of no length.
    markers: list[tuple[float, float]] = field(default_factory=list)
    # The plotted values, for the page's embedded chart data: (date, input, output).
    points: list[tuple[str, str | None, str | None]] = field(default_factory=list)


@dataclass
class Chart:
    width: int
    height: int
    series: list[Series]
    y_ticks: list[tuple[float, str]]  # (y, label)
    x_ticks: list[tuple[float, str]]  # (x, label)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM

    def as_data(self) -> dict:
        """What the chart draws, as JSON-ready data the page embeds beside the SVG (for tests and tools)."""
        return {
            "start": self.x_ticks[0][1],
            "end": self.x_ticks[-1][1],
            "series": [
                {
                    "host": line.host,
                    "color": line.color,
                    "points": [
                        {"from": day, "input_per_million": input_, "output_per_million": output}
                        for day, input_, output in line.points
                    ],
                }
                for line in self.series
            ],
        }


def build_chart(points_by_host: dict[str, list[PricePoint]], *, today: date) -> Chart | None:
    """Step lines of input and output price per host from each price's date to the next.

    The last price of a host runs to ``today`` (or its own date, if later).
    Returns None when no host has a token price to draw.
    """
    amounts = [
        amount
        for points in points_by_host.values()
        for point in points
        for amount in (point.input_per_million, point.output_per_million)
        if amount is not None
    ]
    if not amounts:
        return None
    dates = [point.effective_from for points in points_by_host.values() for point in points]
    start, end = min(dates), max(max(dates), today)
    span_days = max((end - start).days, 1)
    top_amount = max(max(amounts), Decimal("0.01"))

    def x(day: date) -> float:
        return round(LEFT + (day - start).days / span_days * (WIDTH - LEFT - RIGHT), 1)

    def y(amount: Decimal) -> float:
        return round(HEIGHT - BOTTOM - float(amount / top_amount) * (HEIGHT - TOP - BOTTOM), 1)

    charted = {host: points for host, points in sorted(points_by_host.items()) if _has_token_price(points)}
    series = []
    for (host, points), color in zip(charted.items(), series_colors(len(charted)), strict=True):
        ordered = sorted(points, key=lambda point: point.effective_from)
        line = Series(host=host, color=color)
        line.input_paths = _step_paths(ordered, "input_per_million", end, x, y)
        line.output_paths = _step_paths(ordered, "output_per_million", end, x, y)
        line.markers = [
            (x(point.effective_from), y(amount))
            for point in ordered
            for amount in (point.input_per_million, point.output_per_million)
            if amount is not None
        ]
        line.points = [
            (point.effective_from.isoformat(), _text(point.input_per_million), _text(point.output_per_million))
            for point in ordered
        ]
        series.append(line)
    cents = top_amount >= 1  # dollars and cents, unless prices are fractions of a cent
    y_ticks = [
        (y(top_amount * share), money((top_amount * share).quantize(CENT) if cents else top_amount * share))
        for share in (Decimal(0), Decimal("0.5"), Decimal(1))
    ]
    x_ticks = [(x(start), start.isoformat()), (x(end), end.isoformat())]
    return Chart(width=WIDTH, height=HEIGHT, series=series, y_ticks=y_ticks, x_ticks=x_ticks)


def _step_paths(points: list[PricePoint], attr: str, end: date, x, y) -> list[str]:
    """SVG path data for one price over time; a missing price breaks the line."""
    paths: list[str] = []
    current: list[str] = []
    for index, point in enumerate(points):
        amount = getattr(point, attr)
        until = points[index + 1].effective_from if index + 1 < len(points) else end
        if amount is None:
            if current:
                paths.append(" ".join(current))
                current = []
            continue
        start_x, end_x, level = x(point.effective_from), x(until), y(amount)
        current.append(f"{'M' if not current else 'L'}{start_x},{level}")
        current.append(f"L{end_x},{level}")
    if current:
        paths.append(" ".join(current))
    return paths


def _has_token_price(points: list[PricePoint]) -> bool:
    """A host with image or video prices only has no line here, so no colour or legend entry either."""
    return any(point.input_per_million is not None or point.output_per_million is not None for point in points)


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{plain(amount):f}"
