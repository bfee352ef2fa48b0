"""Beat-scheduled telemetry tasks (schedule in settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from telemetry import services

# A probe round waits on hosts (each bounded by TELEMETRY_PROBE_TIMEOUT_SECONDS,
# PROBE_CONCURRENCY at a time); it must end well before the next round starts.
PROBE_TIME_LIMIT = 4 * 60
ROLLUP_TIME_LIMIT = 4 * 60
PRUNE_TIME_LIMIT = 30 * 60


@shared_task(
    name="telemetry.tasks.probe_all_endpoints",
    acks_late=True,
    soft_time_limit=PROBE_TIME_LIMIT - 30,
    time_limit=PROBE_TIME_LIMIT,
)
def probe_all_endpoints() -> dict[str, int]:
    return services.endpoints_probe_all()


@shared_task(
    name="telemetry.tasks.refresh_rollups",
    acks_late=True,
    soft_time_limit=ROLLUP_TIME_LIMIT - 30,
    time_limit=ROLLUP_TIME_LIMIT,
)
def refresh_rollups() -> dict[str, int]:
    return services.rollups_refresh()


@shared_task(
    name="telemetry.tasks.prune_samples",
    acks_late=True,
    soft_time_limit=PRUNE_TIME_LIMIT - 60,
    time_limit=PRUNE_TIME_LIMIT,
)
def prune_samples() -> int:
    return services.samples_prune()
