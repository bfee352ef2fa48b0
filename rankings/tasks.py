"""The hourly recompute (schedule in settings.CELERY_BEAT_SCHEDULE)."""

import logging
from datetime import datetime

from celery import shared_task
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from rankings import services

logger = logging.getLogger(__name__)

# Shorter than services.CACHE_LOCK_TIMEOUT_SECONDS: the lock outlives any run.
RECOMPUTE_TIME_LIMIT = 20 * 60


@shared_task(
    name="rankings.tasks.recompute_scores",
    acks_late=True,
    soft_time_limit=RECOMPUTE_TIME_LIMIT - 60,
    time_limit=RECOMPUTE_TIME_LIMIT,
)
def recompute_scores(at: str | None = None, category: str | None = None) -> dict | None:
    """Recompute at ``at`` (ISO datetime) or at the start of the current hour.

    Pinning T to the hour makes the task idempotent: a redelivered run (acks_late
    after a worker crash) recomputes the same T and writes the same rows.
    """
    moment = parse_datetime(at) if at else timezone.now().replace(minute=0, second=0, microsecond=0)
    if not isinstance(moment, datetime):
        raise ValueError(f"not an ISO datetime: {at!r}")
    try:
        summary = services.score_recompute(category=category, at=moment)
    except services.RecomputeBusy:
        logger.info("recompute at %s skipped: another recompute is running", moment)
        return None
    return {"at": summary.at.isoformat(), "scores": summary.scores, "published": summary.published}
