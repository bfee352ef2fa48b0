"""Provider health from rollup counts: the thresholds, documented in docs/telemetry.md. No ORM here.

The status is judged on the last hour, where it reflects what a caller sees
now; with no samples in the last hour the last 24 hours are used instead.

* ``down``: uptime below DOWN_BELOW_UPTIME (most probes could not reach a
  working server: timeouts, connection errors, 5xx);
* ``degraded``: uptime below DEGRADED_BELOW_UPTIME, or error rate (any
  failure, 4xx included) above DEGRADED_ABOVE_ERROR_RATE;
* ``healthy``: otherwise;
* ``unknown``: no samples in the last 24 hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from telemetry.stats import rates

HEALTHY, DEGRADED, DOWN, UNKNOWN = "healthy", "degraded", "down", "unknown"
HEALTH_STATUSES = [HEALTHY, DEGRADED, DOWN, UNKNOWN]

DOWN_BELOW_UPTIME = 0.5
DEGRADED_BELOW_UPTIME = 0.99
DEGRADED_ABOVE_ERROR_RATE = 0.05

THRESHOLDS = {
    "down_below_uptime": DOWN_BELOW_UPTIME,
    "degraded_below_uptime": DEGRADED_BELOW_UPTIME,
    "degraded_above_error_rate": DEGRADED_ABOVE_ERROR_RATE,
}


@dataclass(frozen=True)
class WindowHealth:
    sample_count: int
    success_count: int
    outage_count: int

    @property
    def uptime(self) -> float | None:
        return rates(self.sample_count, self.success_count, self.outage_count)[0]

    @property
    def error_rate(self) -> float | None:
        return rates(self.sample_count, self.success_count, self.outage_count)[1]


def combine(windows: Iterable[WindowHealth]) -> WindowHealth:
    """Several endpoints' counts as one provider's: rates weighted by sample count."""
    windows = list(windows)
    return WindowHealth(
        sum(w.sample_count for w in windows),
        sum(w.success_count for w in windows),
        sum(w.outage_count for w in windows),
    )


def status_of(*, last_hour: WindowHealth, last_day: WindowHealth) -> str:
    window = last_hour if last_hour.sample_count else last_day
    if not window.sample_count:
        return UNKNOWN
    if window.uptime < DOWN_BELOW_UPTIME:
        return DOWN
    if window.uptime < DEGRADED_BELOW_UPTIME or window.error_rate > DEGRADED_ABOVE_ERROR_RATE:
        return DEGRADED
    return HEALTHY
