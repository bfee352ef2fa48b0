"""Pure rules: provider health thresholds, host comparison and ranking. No database."""

from decimal import Decimal

import pytest

from telemetry.health import WindowHealth, combine, status_of
from telemetry.ranking import BALANCED_WEIGHTS, HostFigures, balanced_scores, best_by_column, blended_price, rank
from telemetry.stats import percentile_cont

NONE = WindowHealth(0, 0, 0)


@pytest.mark.parametrize(
    ("hour", "day", "status"),
    [
        (WindowHealth(100, 100, 0), NONE, "healthy"),
        (WindowHealth(100, 96, 0), NONE, "healthy"),  # 4% errors (4xx): still within 5%
        (WindowHealth(100, 94, 0), NONE, "degraded"),  # 6% errors
        (WindowHealth(100, 98, 2), NONE, "degraded"),  # uptime 98% < 99%
        (WindowHealth(100, 51, 49), NONE, "degraded"),  # uptime exactly 51%
        (WindowHealth(100, 40, 60), NONE, "down"),  # uptime 40% < 50%
        (NONE, WindowHealth(10, 10, 0), "healthy"),  # no probe in the last hour: judge the day
        (NONE, WindowHealth(10, 0, 10), "down"),
        (NONE, NONE, "unknown"),
    ],
)
def test_provider_status_follows_the_documented_thresholds(hour, day, status):
    assert status_of(last_hour=hour, last_day=day) == status


def test_combining_endpoints_weights_rates_by_sample_count():
    combined = combine([WindowHealth(90, 90, 0), WindowHealth(10, 0, 10)])

    assert combined.sample_count == 100
    assert (combined.uptime, combined.error_rate) == pytest.approx((0.9, 0.1))
    assert combine([]).uptime is None


def test_percentile_cont_interpolates_and_is_none_when_empty():
    assert percentile_cont([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile_cont([5.0], 0.99) == 5.0
    assert percentile_cont([], 0.5) is None


def _host(key, price, p50, p95, tps, uptime):
    return HostFigures(key, None if price is None else Decimal(price), p50, p95, tps, uptime)


HOSTS = [
    _host("a", "1.0", 500.0, 900.0, 40.0, 0.99),
    _host("b", "2.0", 300.0, 600.0, 80.0, 1.0),
    _host("c", None, 300.0, None, None, None),
]


def test_blended_price_weights_input_three_to_one():
    assert blended_price(Decimal("3"), Decimal("15")) == Decimal("6")
    assert blended_price(None, Decimal("15")) is None


def test_best_by_column_marks_ties_and_skips_missing_values():
    assert best_by_column(HOSTS) == {
        "price": ["a"],
        "latency_p50": ["b", "c"],
        "latency_p95": ["b"],
        "throughput": ["b"],
        "uptime": ["b"],
    }
    assert best_by_column([]) == {
        column: [] for column in ("price", "latency_p50", "latency_p95", "throughput", "uptime")
    }


def test_balanced_scores_scale_each_column_and_give_missing_figures_nothing():
    assert sum(BALANCED_WEIGHTS.values()) == pytest.approx(1.0)
    scores = balanced_scores(HOSTS)

    # a: cheapest (0.30), slowest (0), lowest throughput (0), uptime 0.99 is the worst measured (0).
    assert scores["a"] == pytest.approx(0.30)
    # b: priciest (0), fastest (0.25), best throughput (0.20) and uptime (0.25).
    assert scores["b"] == pytest.approx(0.70)
    # c: only latency measured, tied best.
    assert scores["c"] == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("balanced", ["b", "a", "c"]),
        ("price", ["a", "b", "c"]),
        ("latency", ["b", "c", "a"]),
        ("throughput", ["b", "a", "c"]),
        ("uptime", ["b", "a", "c"]),
    ],
)
def test_rank_orders_by_the_sort_with_missing_figures_last(sort, order):
    assert [host.key for host, _ in rank(HOSTS, sort)] == order
