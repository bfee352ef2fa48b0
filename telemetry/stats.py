"""Pure rollup arithmetic, shared by the PostgreSQL and the in-Python paths. No ORM here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

# (field suffix, fraction) of every percentile a rollup stores.
PERCENTILES = (("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99))
PERCENTILE_METRICS = ("ttft", "latency")


def percentile_cont(values: Sequence[float], fraction: float) -> float | None:
    """PostgreSQL's ``percentile_cont``: linear interpolation between the closest ranks; None if empty."""
    if not values:
        return None
    return float(np.percentile(np.asarray(values, dtype=float), fraction * 100, method="linear"))


@dataclass(frozen=True)
class SampleRow:
    measured_at: datetime
    success: bool
    error_kind: str
    http_status: int | None
    ttft_ms: float | None
    latency_ms: float | None
    tokens_per_second: float | None


def rates(sample_count: int, success_count: int, outage_count: int) -> tuple[float | None, float | None]:
    """(uptime, error_rate) as fractions; None when there were no samples."""
    if not sample_count:
        return None, None
    return (sample_count - outage_count) / sample_count, (sample_count - success_count) / sample_count


def aggregate(rows: Iterable[SampleRow], *, outage_kinds: Iterable[str]) -> dict:
    """The rollup fields of one endpoint's samples in one window."""
    rows = list(rows)
    outage_kinds = set(outage_kinds)
    ok = [row for row in rows if row.success]
    outage_count = sum(1 for row in rows if not row.success and row.error_kind in outage_kinds)
    failures = sorted((row for row in rows if not row.success), key=lambda row: row.measured_at)
    uptime, error_rate = rates(len(rows), len(ok), outage_count)
    fields = {
        "sample_count": len(rows),
        "success_count": len(ok),
        "outage_count": outage_count,
        "uptime": uptime,
        "error_rate": error_rate,
        "tokens_per_second_p50": percentile_cont(
            [row.tokens_per_second for row in ok if row.tokens_per_second is not None], 0.5
        ),
        "last_failure_at": failures[-1].measured_at if failures else None,
        "last_failure_kind": failures[-1].error_kind if failures else "",
        "last_failure_http_status": failures[-1].http_status if failures else None,
    }
    for metric in PERCENTILE_METRICS:
        values = [getattr(row, f"{metric}_ms") for row in ok if getattr(row, f"{metric}_ms") is not None]
        for suffix, fraction in PERCENTILES:
            fields[f"{metric}_{suffix}_ms"] = percentile_cont(values, fraction)
    return fields
