"""Rolling samples up into per-endpoint windows (1h, 24h, 7d)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Aggregate, Count, FloatField, Max, Q
from django.utils import timezone

from aimodelsmap.dataversion import data_version_bump
from telemetry import stats
from telemetry.models import OUTAGE_KINDS, WINDOW_SECONDS, Rollup, Sample, Window

ROLLUP_FIELDS = [
    "computed_at",
    "sample_count",
    "success_count",
    "outage_count",
    "uptime",
    "error_rate",
    *(f"{metric}_{suffix}_ms" for metric in stats.PERCENTILE_METRICS for suffix, _ in stats.PERCENTILES),
    "tokens_per_second_p50",
    "last_failure_at",
    "last_failure_kind",
    "last_failure_http_status",
]


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set ``percentile_cont(f) WITHIN GROUP (ORDER BY x)``.

    Several of these over the same column and filter share one sort per group
    (PostgreSQL shares ordered-set transition state), so p50..p99 cost one sort.
    """

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, *, fraction: float, **extra):
        # A float literal we produce ourselves, never user input.
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def _postgres_window(start: datetime, end: datetime) -> dict[int, dict]:
    ok = Q(success=True)
    percentiles = {
        f"{metric}_{suffix}_ms": PercentileCont(f"{metric}_ms", fraction=fraction, filter=ok)
        for metric in stats.PERCENTILE_METRICS
        for suffix, fraction in stats.PERCENTILES
    }
    # Only columns of the covering (endpoint, measured_at) index are read, so
    # PostgreSQL answers from an index-only scan already ordered by endpoint.
    rows = (
        Sample.objects.between(start, end)
        .order_by()
        .values("endpoint_id")
        .annotate(
            sample_count=Count("*"),
            success_count=Count("measured_at", filter=ok),
            outage_count=Count("measured_at", filter=Q(success=False, error_kind__in=OUTAGE_KINDS)),
            tokens_per_second_p50=PercentileCont("tokens_per_second", fraction=0.5, filter=ok),
            last_failure_at=Max("measured_at", filter=Q(success=False)),
            **percentiles,
        )
    )
    result = {}
    for row in rows:
        endpoint_id = row.pop("endpoint_id")
        row["uptime"], row["error_rate"] = stats.rates(row["sample_count"], row["success_count"], row["outage_count"])
        result[endpoint_id] = row
    _attach_last_failure_details(result)
    return result


def _attach_last_failure_details(result: dict[int, dict]) -> None:
    """Kind and status of each endpoint's latest failure: (endpoint, measured_at) is unique."""
    wanted = {(endpoint_id, row["last_failure_at"]) for endpoint_id, row in result.items() if row["last_failure_at"]}
    for row in result.values():
        row["last_failure_kind"], row["last_failure_http_status"] = "", None
    if not wanted:
        return
    found = Sample.objects.filter(
        endpoint_id__in={endpoint_id for endpoint_id, _ in wanted},
        measured_at__in={at for _, at in wanted},
        success=False,
    ).values_list("endpoint_id", "measured_at", "error_kind", "http_status")
    for endpoint_id, measured_at, kind, status in found:
        if (endpoint_id, measured_at) in wanted:
            result[endpoint_id]["last_failure_kind"] = kind
            result[endpoint_id]["last_failure_http_status"] = status


def _python_window(start: datetime, end: datetime) -> dict[int, dict]:
    """The same figures computed in Python, for databases without ``percentile_cont`` (SQLite)."""
    grouped: dict[int, list[stats.SampleRow]] = defaultdict(list)
    columns = ("measured_at", "success", "error_kind", "http_status", "ttft_ms", "latency_ms", "tokens_per_second")
    for endpoint_id, *values in Sample.objects.between(start, end).order_by().values_list("endpoint_id", *columns):
        grouped[endpoint_id].append(stats.SampleRow(*values))
    return {endpoint_id: stats.aggregate(rows, outage_kinds=OUTAGE_KINDS) for endpoint_id, rows in grouped.items()}


def window_figures(start: datetime, end: datetime) -> dict[int, dict]:
    """Rollup fields per endpoint id for samples in (start, end]."""
    if connection.vendor == "postgresql":
        return _postgres_window(start, end)
    return _python_window(start, end)


def _empty_figures() -> dict:
    figures = dict.fromkeys(ROLLUP_FIELDS)
    figures.update(sample_count=0, success_count=0, outage_count=0, last_failure_kind="")
    return figures


def rollups_refresh(*, as_of: datetime | None = None) -> dict[str, int]:
    """Recompute every endpoint's rollups for the windows ending at ``as_of`` (default now).

    One transaction: readers see the previous rollups or the new ones. An
    endpoint whose samples have left a window gets a zero-count row there
    rather than keeping figures that are no longer current.
    Returns the number of rows written per window.
    """
    as_of = as_of or timezone.now()
    written = {}
    with transaction.atomic():
        for window in Window:
            start = as_of - timedelta(seconds=WINDOW_SECONDS[window])
            figures = window_figures(start, as_of)
            stale = (
                Rollup.objects.for_window(window).exclude(endpoint_id__in=figures).values_list("endpoint_id", flat=True)
            )
            for endpoint_id in stale:
                figures[endpoint_id] = _empty_figures()
            rows = [
                Rollup(endpoint_id=endpoint_id, window=window, **{**values, "computed_at": as_of})
                for endpoint_id, values in figures.items()
            ]
            Rollup.objects.bulk_create(
                rows,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["endpoint", "window"],
                update_fields=ROLLUP_FIELDS,
            )
            written[str(window)] = len(rows)
        data_version_bump()
    return written
