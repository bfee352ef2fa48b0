"""Comparing and ranking the hosts of one model. Pure: plain values in, plain values out.

Columns and which way is better:

* ``price``: blended USD per 1M tokens, (3 x input + output) / 4, the usual
  3:1 input:output mix of chat traffic; lower is better;
* ``latency_p50`` / ``latency_p95``: total request time, ms; lower is better;
* ``throughput``: median output tokens/s; higher is better;
* ``uptime``: fraction of probes that reached a working server; higher is better.

The balanced score is a weighted sum of each column min-max scaled across
the hosts being compared (1 = best host, 0 = worst; all equal -> 1). A host
missing a figure scores 0 in that column, so no data never beats a measured
value. The weights sum to 1 and are returned with every ranking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

SORTS = ["balanced", "price", "latency", "throughput", "uptime"]

BALANCED_WEIGHTS = {"price": 0.30, "latency": 0.25, "throughput": 0.20, "uptime": 0.25}

# column -> True when higher is better
COLUMNS = {
    "price": False,
    "latency_p50": False,
    "latency_p95": False,
    "throughput": True,
    "uptime": True,
}

# The column behind each sort and balanced weight; latency means the median.
METRIC_COLUMN = {"price": "price", "latency": "latency_p50", "throughput": "throughput", "uptime": "uptime"}


def blended_price(input_per_million: Decimal | None, output_per_million: Decimal | None) -> Decimal | None:
    if input_per_million is None or output_per_million is None:
        return None
    return (3 * input_per_million + output_per_million) / 4


@dataclass(frozen=True)
class HostFigures:
    key: str  # unique among the compared hosts (the endpoint id); also the last tie-breaker
    price: Decimal | None
    latency_p50: float | None
    latency_p95: float | None
    throughput: float | None
    uptime: float | None

    def value(self, column: str):
        return getattr(self, column)


def best_by_column(hosts: Sequence[HostFigures]) -> dict[str, list[str]]:
    """For each column, the keys of the hosts holding the best value (ties all marked; none if no data)."""
    best = {}
    for column, higher_is_better in COLUMNS.items():
        values = [host.value(column) for host in hosts if host.value(column) is not None]
        if not values:
            best[column] = []
            continue
        target = max(values) if higher_is_better else min(values)
        best[column] = [host.key for host in hosts if host.value(column) == target]
    return best


def _scaled(hosts: Sequence[HostFigures], column: str) -> dict[str, float]:
    higher_is_better = COLUMNS[column]
    values = [float(host.value(column)) for host in hosts if host.value(column) is not None]
    scaled = {}
    for host in hosts:
        raw = host.value(column)
        if raw is None:
            scaled[host.key] = 0.0
            continue
        low, high = min(values), max(values)
        if high == low:
            scaled[host.key] = 1.0
            continue
        position = (float(raw) - low) / (high - low)
        scaled[host.key] = position if higher_is_better else 1 - position
    return scaled


def balanced_scores(hosts: Sequence[HostFigures], weights: dict[str, float] = BALANCED_WEIGHTS) -> dict[str, float]:
    per_column = {name: _scaled(hosts, METRIC_COLUMN[name]) for name in weights}
    return {
        host.key: round(sum(weight * per_column[name][host.key] for name, weight in weights.items()), 6)
        for host in hosts
    }


def rank(hosts: Sequence[HostFigures], sort: str) -> list[tuple[HostFigures, float]]:
    """Hosts best first with their balanced score. Hosts without the sort's figure come last."""
    scores = balanced_scores(hosts)
    if sort == "balanced":
        ordered = sorted(hosts, key=lambda host: (-scores[host.key], host.key))
    else:
        column = METRIC_COLUMN[sort]
        sign = -1 if COLUMNS[column] else 1

        def key(host: HostFigures):
            value = host.value(column)
            return (value is None, sign * float(value) if value is not None else 0.0, -scores[host.key], host.key)

        ordered = sorted(hosts, key=key)
    return [(host, scores[host.key]) for host in ordered]
