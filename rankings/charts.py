"""Geometry of the admin's score-history chart: dated scores per category in, SVG coordinates out. No ORM.

The window is the data's own: from the oldest point to the newest, so a model
whose snapshots stopped months ago still shows them. Each point gets a dot
while a series is short enough to read them, and always its latest point, so
a category with one snapshot is visible rather than a line of no length. A
category without points has no series, no colour and no legend entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from aimodelsmap.palette import series_colors

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 34, 16, 12, 24
SCORE_TICKS = (0, 25, 50, 75, 100)
# Past this many points a series is a line; dots would hide it.
MARKED_POINTS_MAX = 60


@dataclass(frozen=True)
class ScorePoint:
    recorded_at: datetime
    score: float
    rank: int


@dataclass
class Series:
    category: str
    color: str
    latest: ScorePoint
    points: list[ScorePoint]
    line: str = ""  # SVG polyline points; empty for a single point
    markers: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class Chart:
    start: datetime
    end: datetime
    series: list[Series]
    y_ticks: list[tuple[float, int]]  # (y, score)
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM

    def as_data(self) -> dict:
        """What the chart draws, as JSON-ready data the page embeds beside the SVG (for tests and tools)."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "series": [
                {
                    "category": line.category,
                    "color": line.color,
                    "points": [
                        {"recorded_at": point.recorded_at.isoformat(), "score": point.score, "rank": point.rank}
                        for point in line.points
                    ],
                }
                for line in self.series
            ],
        }


def build_chart(points_by_category: dict[str, list[ScorePoint]]) -> Chart | None:
    """One line per category that has points, in the given order; None when there is nothing to draw."""
    charted = {category: points for category, points in points_by_category.items() if points}
    if not charted:
        return None
    moments = [point.recorded_at for points in charted.values() for point in points]
    start, end = min(moments), max(moments)
    span = (end - start).total_seconds()

    def x(moment: datetime) -> float:
        # One moment only: the points stand in the middle rather than on the axis.
        share = (moment - start).total_seconds() / span if span else 0.5
        return round(LEFT + share * (WIDTH - LEFT - RIGHT), 1)

    series = []
    for (category, points), color in zip(charted.items(), series_colors(len(charted)), strict=True):
        ordered = sorted(points, key=lambda point: point.recorded_at)
        coords = [(x(point.recorded_at), _y(point.score)) for point in ordered]
        line = Series(category=category, color=color, latest=ordered[-1], points=ordered)
        line.line = " ".join(f"{px},{py}" for px, py in coords) if len(coords) > 1 else ""
        line.markers = coords if len(coords) <= MARKED_POINTS_MAX else coords[-1:]
        series.append(line)
    return Chart(start=start, end=end, series=series, y_ticks=[(_y(score), score) for score in SCORE_TICKS])


def _y(score: float) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / 100.0), 1)
