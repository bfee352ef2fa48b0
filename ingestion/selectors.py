"""Pipeline health as /health/pipelines reports it.

Per source, from its last ``RECENT_RUNS`` recorded (non-dry) runs:
- down: never succeeded, or no success for 3x its ``stale_after_hours``, or
  its last ``DOWN_AFTER_FAILURES`` runs all failed;
- degraded: its latest run failed, or no success for ``stale_after_hours``,
  or fewer than ``DEGRADED_BELOW_SUCCESS_RATE`` of recent runs succeeded;
- healthy otherwise.
Overall: ``all_healthy`` when every source is healthy, ``critical`` when at
least half are down, else ``partial_degradation``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from ingestion.models import ABANDONED_ERROR, DataSource, PipelineRun

RECENT_RUNS = 20
DOWN_AFTER_FAILURES = 3
DEGRADED_BELOW_SUCCESS_RATE = 0.8
HEALTHY, DEGRADED, DOWN = "healthy", "degraded", "down"


def source_health(source: DataSource, runs: list[PipelineRun], *, now: datetime) -> dict:
    """Health of one source from its recent runs, newest first.

    A run still "running" past its time limit was killed: it counts as the
    failure it is, even before the next run of the source marks it failed.
    """
    for run in runs:
        if run.is_overdue(now):
            run.status, run.error, run.finished_at = PipelineRun.Status.FAILED, ABANDONED_ERROR, now
    finished = [r for r in runs if r.status != PipelineRun.Status.RUNNING]
    successes = [r for r in finished if r.status == PipelineRun.Status.SUCCESS]
    failures = [r for r in finished if r.status == PipelineRun.Status.FAILED]
    last_success = successes[0].finished_at if successes else source.last_success_at
    last_failure = failures[0] if failures else None
    rate = len(successes) / len(finished) if finished else 0.0
    durations = [r.duration_ms for r in finished if r.duration_ms is not None]
    stale_after = timedelta(hours=source.stale_after_hours)
    latest = finished[:DOWN_AFTER_FAILURES]
    if (
        last_success is None
        or now - last_success > 3 * stale_after
        or (len(latest) == DOWN_AFTER_FAILURES and all(r.status == PipelineRun.Status.FAILED for r in latest))
    ):
        status = DOWN
    elif (
        (finished and finished[0].status == PipelineRun.Status.FAILED)
        or now - last_success > stale_after
        or rate < DEGRADED_BELOW_SUCCESS_RATE
    ):
        status = DEGRADED
    else:
        status = HEALTHY
    return {
        "source_name": source.name,
        "source_type": source.source_type,
        "status": status,
        "last_success_at": last_success,
        "last_failure_at": last_failure.finished_at if last_failure else None,
        "last_error": last_failure.error if last_failure else None,
        "avg_latency_ms": round(sum(durations) / len(durations)) if durations else 0,
        "success_rate": round(rate, 2),
        "checked_at": now,
    }


def pipelines_health(*, now: datetime | None = None) -> dict:
    now = (now or timezone.now()).replace(microsecond=0)
    sources = list(DataSource.objects.filter(Q(enabled=True) | Q(runs__dry_run=False)).distinct().order_by("name"))
    pipelines = []
    for source in sources:
        runs = list(source.runs.recorded().order_by("-started_at", "-id")[:RECENT_RUNS])
        source.last_success_at = (
            source.runs.recorded()
            .filter(status=PipelineRun.Status.SUCCESS)
            .order_by("-finished_at")
            .values_list("finished_at", flat=True)
            .first()
        )
        pipelines.append(source_health(source, runs, now=now))
    healthy = sum(1 for p in pipelines if p["status"] == HEALTHY)
    down = sum(1 for p in pipelines if p["status"] == DOWN)
    if healthy == len(pipelines):
        overall = "all_healthy"
    elif down * 2 >= len(pipelines):
        overall = "critical"
    else:
        overall = "partial_degradation"
    return {
        "status": overall,
        "summary": {"total": len(pipelines), "healthy": healthy, "unhealthy": len(pipelines) - healthy},
        "pipelines": pipelines,
    }
