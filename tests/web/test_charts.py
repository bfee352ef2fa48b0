"""The chart geometry and the leaderboard's filtering, without a database."""

from datetime import date
from decimal import Decimal

from web import charts
from web.leaderboard import BoardQuery, BoardRow, filter_and_sort, page_count


def test_forty_series_get_forty_different_styles():
    styles = {charts.series_style(position) for position in range(40)}
    assert len(styles) == 40


def test_a_series_of_one_point_is_drawn_as_a_marker_in_the_middle():
    chart = charts.time_series_chart([("Coding", [(date(2025, 1, 1), 80.0)])], y_label="Score", y_format=str)

    (series,) = chart.series
    assert chart.point_count == 1
    assert series.path.startswith("M")
    marker = series.markers[0]
    assert chart.left < marker.x < chart.right and chart.top < marker.y < chart.bottom


def test_series_without_points_have_no_legend_entry_and_no_points_is_no_chart():
    chart = charts.time_series_chart(
        [("Coding", [(date(2025, 1, 1), 1.0), (date(2025, 6, 1), 2.0)]), ("Vision", [])], y_label="", y_format=str
    )
    assert [s.label for s in chart.series] == ["Coding"]
    assert charts.time_series_chart([("Vision", [])], y_label="", y_format=str) is None


def test_the_time_window_is_the_span_of_the_data():
    old, new = date(2024, 1, 1), date(2025, 1, 1)
    chart = charts.time_series_chart([("a", [(old, 1.0), (new, 2.0)])], y_label="", y_format=str)
    assert [t.label for t in (chart.x_ticks[0], chart.x_ticks[-1])] == ["2024-01-01", "2025-01-01"]


def test_step_lines_hold_a_price_until_the_next_and_the_last_until_today():
    chart = charts.time_series_chart(
        [("host", [(date(2025, 1, 1), 2.0), (date(2025, 2, 1), 1.0)])],
        y_label="",
        y_format=str,
        step=True,
        hold_until=date(2025, 3, 1),
    )
    path = chart.series[0].path
    assert path.count(" H") == 2
    assert path.endswith(f" H{chart.right}.0") or path.endswith(f" H{chart.right}")
    assert chart.x_ticks[-1].label == "2025-03-01"


def test_a_log_axis_ticks_at_decades_and_leaves_out_free_models():
    point = charts.ScatterPoint
    chart = charts.scatter_chart(
        [
            point(0.1, 3, 2, 4, "a", "/a", "a"),
            point(10.0, 1, 1, 2, "b", "/b", "b"),
            point(0.0, 2, None, None, "free", "/f", "free"),
        ],
        x_label="",
        y_label="",
        x_format=lambda v: f"{v:g}",
        y_format=str,
        log_x=True,
        invert_y=True,
    )
    assert [t.label for t in chart.x_ticks] == ["0.1", "1", "10"]
    assert [m.label for m in chart.series[0].markers] == ["a", "b"]
    best, worse = chart.series[0].markers[1], chart.series[0].markers[0]
    assert best.y < worse.y  # rank 1 on top
    assert worse.y_low < worse.y < worse.y_high


def test_a_rank_interval_sits_on_its_pages_axis():
    axis = charts.rank_axis([(1, 1, 3), (2, 1, 5)])
    assert axis == (1, 5)
    assert charts.rank_interval(2, 1, 5, axis=axis) == charts.Interval(0.0, 100.0, 25.0)
    assert charts.rank_interval(2, None, None, axis=axis) is None


def _row(rank, *, price, open_weights=None, maker="acme", name="m"):
    entry = {"rank": rank, "score": 100 - rank, "quality_rank": rank, "adoption_rank": rank, "model": {"name": name}}
    return BoardRow(entry=entry, price=price, open_weights=open_weights, maker_slug=maker, maker_name=maker)


def test_sorting_by_price_puts_unpriced_rows_last_and_breaks_ties_by_rank():
    rows = [_row(1, price=None), _row(2, price=3.0), _row(3, price=1.0), _row(4, price=1.0)]
    ordered = filter_and_sort(rows, BoardQuery(sort="price"))
    assert [r.entry["rank"] for r in ordered] == [3, 4, 2, 1]
    descending = filter_and_sort(rows, BoardQuery(sort="price", descending=True))
    assert [r.entry["rank"] for r in descending] == [2, 3, 4, 1]


def test_filters_combine_and_a_price_ceiling_drops_unpriced_rows():
    rows = [
        _row(1, price=None, open_weights=True),
        _row(2, price=0.5, open_weights=True),
        _row(3, price=0.5, open_weights=True, maker="globex"),
        _row(4, price=5.0, open_weights=True),
        _row(5, price=0.5, open_weights=False),
    ]
    query = BoardQuery(open_weights=True, maker="acme", max_price=Decimal("1"))
    assert [r.entry["rank"] for r in filter_and_sort(rows, query)] == [2]


def test_an_empty_board_still_has_one_page():
    assert page_count(0) == 1
    assert page_count(51) == 2
