"""Geometry of the admin's price-history chart: dated prices in, SVG coordinates out. No ORM."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pricing.calculator import plain

WIDTH = 640
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 12, 28
# Distinguishable on white and for common colour-vision deficiencies (Okabe-Ito).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


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

    series = []
    for index, (host, points) in enumerate(sorted(points_by_host.items())):
        ordered = sorted(points, key=lambda point: point.effective_from)
        line = Series(host=host, color=PALETTE[index % len(PALETTE)])
        line.input_paths = _step_paths(ordered, "input_per_million", end, x, y)
        line.output_paths = _step_paths(ordered, "output_per_million", end, x, y)
        series.append(line)
    cents = top_amount >= 1  # dollars and cents, unless prices are fractions of a cent
    y_ticks = [
        (y(top_amount * share), _money(top_amount * share, cents=cents))
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


def _money(amount: Decimal, *, cents: bool) -> str:
    return f"${amount.quantize(Decimal('0.01')) if cents else plain(amount):f}"
