"""Build published leaderboards directly (no engine) for endpoint tests."""

from django.test import TestCase

from aimodelsmap.dataversion import data_version_bump
from rankings.models import Score, ScoreRun
from tests.factories import ScoreFactory, ScoreSnapshotFactory


def publish(category, at, ranked, *, current=True, compared=None, **fields):
    """Snapshot ``ranked`` models (best first) at ``at``; also as the current Score rows if ``current``.

    ``compared``: period ("24h", "7d", "30d") -> the earlier run the leaderboard compares with.
    """
    if current:
        Score.objects.filter(category=category).delete()
    for position, model in enumerate(ranked, start=1):
        values = {
            "model": model,
            "category": category,
            "recorded_at": at,
            "rank": position,
            "quality_rank": position,
            "adoption_rank": len(ranked) - position + 1,
            "rank_low": max(1, position - 1),
            "rank_high": min(len(ranked), position + 1),
            "score": 90.0 - 10 * position,
            "confidence": 0.8,
            "top_drivers": ["quality", "demand"],
            **fields,
        }
        ScoreSnapshotFactory(**values)
        if current:
            ScoreFactory(**values)
    compared_at = {f"compared_{period}": when for period, when in (compared or {}).items()}
    ScoreRun.objects.update_or_create(
        category=category,
        recorded_at=at,
        defaults={"models_count": len(ranked), "signals_count": 0, **compared_at},
    )
    # What a recompute's commit does: a new data version, so cached bodies are not served.
    with TestCase.captureOnCommitCallbacks(execute=True):
        data_version_bump()
