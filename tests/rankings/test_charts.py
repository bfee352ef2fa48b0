"""Score-history chart geometry: no database."""

from datetime import UTC, datetime, timedelta

from rankings.charts import LEFT, MARKED_POINTS_MAX, RIGHT, WIDTH, ScorePoint, build_chart

T = datetime(2026, 2, 25, tzinfo=UTC)
# The plot runs from x=34 to x=624, and from y=12 (score 100) down to y=196 (score 0): 50 -> 104, 40 -> 122.4.


def test_it_returns_none_without_points():
    assert build_chart({}) is None
    assert build_chart({"Coding": []}) is None


def test_categories_without_points_get_no_series():
    chart = build_chart({"Coding": [ScorePoint(T, 50.0, 3)], "Vision": []})
    assert [series.category for series in chart.series] == ["Coding"]


def test_a_single_moment_stands_in_the_middle_as_a_dot():
    chart = build_chart({"Coding": [ScorePoint(T, 50.0, 3)], "Math": [ScorePoint(T, 100.0, 1)]})
    coding, math = chart.series
    middle = round(LEFT + (WIDTH - LEFT - RIGHT) / 2, 1)
    assert (coding.line, coding.markers) == ("", [(middle, 104.0)])
    assert math.markers == [(middle, 12.0)]


def test_the_window_runs_from_the_oldest_point_to_the_newest():
    old = [ScorePoint(T - timedelta(days=days), 40.0, 2) for days in (500, 300)]
    chart = build_chart({"Coding": old, "Math": [ScorePoint(T, 60.0, 1)]})
    assert (chart.start, chart.end) == (T - timedelta(days=500), T)
    # 200 of 500 days into a plot from x=34 to x=624.
    assert chart.series[0].line == "34.0,122.4 270.0,122.4"
    assert chart.series[1].markers == [(WIDTH - RIGHT, 85.6)]


def test_long_series_are_lines_with_only_their_latest_point_dotted():
    points = [ScorePoint(T - timedelta(days=days), 50.0, 1) for days in range(MARKED_POINTS_MAX + 1)]
    (series,) = build_chart({"Coding": points}).series
    assert len(series.line.split()) == MARKED_POINTS_MAX + 1
    assert series.markers == [(WIDTH - RIGHT, 104.0)]
    assert series.latest == points[0]


def test_every_category_gets_its_own_colour():
    chart = build_chart({f"c{index}": [ScorePoint(T, 50.0, 1)] for index in range(15)})
    assert len({series.color for series in chart.series}) == 15
