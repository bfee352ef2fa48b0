"""Chart geometry: no database."""

from datetime import date
from decimal import Decimal

from pricing.charts import LEFT, WIDTH, PricePoint, build_chart


def test_it_returns_none_without_token_prices():
    assert build_chart({}, today=date(2025, 1, 1)) is None
    assert build_chart({"h": [PricePoint(date(2025, 1, 1), None, None)]}, today=date(2025, 1, 1)) is None


def test_it_draws_steps_from_each_date_to_the_next_and_to_today():
    points = {
        "Host": [
            PricePoint(date(2025, 1, 1), Decimal("10"), Decimal("20")),
            PricePoint(date(2025, 1, 11), Decimal("5"), None),
        ]
    }
    chart = build_chart(points, today=date(2025, 1, 21))
    (series,) = chart.series
    # Plot area x 56..624 (10 of 20 days -> 340), y 212 (zero) .. 12 (the top price, 20).
    assert series.input_paths == ["M56.0,112.0 L340.0,112.0 L340.0,162.0 L624.0,162.0"]
    # The output price is missing from the second row: the line stops there.
    assert series.output_paths == ["M56.0,12.0 L340.0,12.0"]
    assert chart.x_ticks == [(LEFT, "2025-01-01"), (WIDTH - 16, "2025-01-21")]
    assert [label for _, label in chart.y_ticks] == ["$0.00", "$10.00", "$20.00"]


def test_small_prices_keep_their_digits_on_the_axis():
    chart = build_chart({"h": [PricePoint(date(2025, 1, 1), Decimal("0.075"), None)]}, today=date(2025, 1, 1))
    assert [label for _, label in chart.y_ticks] == ["$0.00", "$0.0375", "$0.075"]


def test_hosts_get_distinct_colours():
    points = {name: [PricePoint(date(2025, 1, 1), Decimal(1), Decimal(2))] for name in "abc"}
    chart = build_chart(points, today=date(2025, 2, 1))
    assert [series.host for series in chart.series] == ["a", "b", "c"]
    assert len({series.color for series in chart.series}) == 3


def test_hosts_without_token_prices_get_no_series():
    points = {"a": [PricePoint(date(2025, 1, 1), Decimal(1), None)], "b": [PricePoint(date(2025, 1, 1), None, None)]}
    chart = build_chart(points, today=date(2025, 2, 1))
    assert [series.host for series in chart.series] == ["a"]


def test_each_price_change_is_marked_with_a_dot():
    points = {
        "h": [PricePoint(date(2025, 1, 1), Decimal(1), Decimal(2)), PricePoint(date(2025, 1, 11), Decimal(1), None)]
    }
    (series,) = build_chart(points, today=date(2025, 1, 21)).series
    assert series.markers == [(56.0, 112.0), (56.0, 12.0), (340.0, 112.0)]
    assert series.points == [("2025-01-01", "1", "2"), ("2025-01-11", "1", None)]
