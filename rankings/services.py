"""Recomputing and publishing scores.

``score_recompute`` turns the signals recorded up to T into one leaderboard per
category and publishes them in one transaction: Score rows (what reads serve)
are replaced, ScoreSnapshot rows for T are upserted, a ScoreRun marks each
leaderboard complete, and the data version is bumped on commit. A reader sees
the old leaderboards or the new ones; a failure leaves the old ones in place.
"""

from __future__ import annotations

import gc
import logging
import math
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

import numpy as np
import orjson
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from aimodelsmap.dataversion import data_version_bump
from models_registry.membership import memberships_refresh
from models_registry.models import OVERALL_CATEGORY_SLUG, Category
from rankings import loaders, movement, scoring
from rankings.cache import warm_leaderboard_cache
from rankings.models import SCORE_ROW_COLUMNS, Score, ScoreRun, ScoreSnapshot

logger = logging.getLogger(__name__)

# Any fixed 64-bit number; it names the recompute lock among advisory locks.
ADVISORY_LOCK_ID = 0x5C0E_5EC0_4E00_0001 - 2**63
CACHE_LOCK_KEY = "rankings:recompute-lock"
# Longer than the task's hard time limit, so a running task never loses the lock.
CACHE_LOCK_TIMEOUT_SECONDS = 30 * 60
_BULK_BATCH = 5000
# Leaderboards newer than this keep every run; older ones only the last of each day.
HOURLY_HISTORY = timedelta(days=8)


class RecomputeBusy(Exception):
    """Another recompute holds the lock."""


@dataclass(frozen=True)
class RecomputeSummary:
    at: datetime
    categories: int
    scores: int
    signals: int
    seconds: float
    published: bool  # False when T is older than the current leaderboard (history only)


@contextmanager
def recompute_lock() -> Iterator[None]:
    """One recompute at a time, across processes and hosts.

    On PostgreSQL a session advisory lock: the server releases it if the
    worker dies, so it needs no timeout. Elsewhere (SQLite demo) a cache lock
    that expires after CACHE_LOCK_TIMEOUT_SECONDS.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_ID])
            if not cursor.fetchone()[0]:
                raise RecomputeBusy("A score recompute is already running.")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_ID])
        return
    token = uuid.uuid4().hex
    if not cache.add(CACHE_LOCK_KEY, token, CACHE_LOCK_TIMEOUT_SECONDS):
        raise RecomputeBusy("A score recompute is already running.")
    try:
        yield
    finally:
        if cache.get(CACHE_LOCK_KEY) == token:
            cache.delete(CACHE_LOCK_KEY)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration (it stays off if it was off).

    A recompute builds hundreds of thousands of small lists, tuples and
    strings (memberships, rows, drivers, the COPY text), none of them part of a
    cycle. Every burst of allocations starts a collection that walks the
    process's tracked objects, and those walks cost more than building the
    objects: 0.15-0.26 s against 0.05 s for the top drivers of 49,000 rows.
    Reference counting still frees everything as usual; the collector catches
    up on any cycles afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _categories(slug: str | None) -> list[Category]:
    overall = loaders.overall_category()
    if slug is None:
        return list(Category.objects.order_by("id"))
    if slug == OVERALL_CATEGORY_SLUG:
        return [overall]
    return [Category.objects.get(slug=slug)]


def score_recompute(
    *, category: str | None = None, at: datetime | None = None, resamples: int = scoring.DEFAULT_RESAMPLES
) -> RecomputeSummary:
    """Score every category (or one, by slug) from the signals recorded up to ``at`` (default now).

    Raises Category.DoesNotExist for an unknown slug and RecomputeBusy when
    another recompute is running. Recomputing the same ``at`` again writes the
    same rows (the posterior draws are seeded and snapshots are replaced, not added).
    """
    at = (at or timezone.now()).replace(microsecond=0)
    started = time.perf_counter()
    with recompute_lock(), _cyclic_gc_paused():
        # The leaderboards rank the categories' members: bring membership up to
        # the evidence first, so a leaderboard never names a model its
        # category's list lacks (or the reverse).
        memberships_refresh()
        categories = _categories(category)
        signals = loaders.signal_arrays(at)
        plans = loaders.category_plans(categories)
        results = scoring.score_categories(signals, plans, resamples=resamples)
        histories = loaders.histories({key: result.model_id for key, result in results.items()}, at)
        rows = {c.id: _rows(c.id, results.get(c.id), histories.get(c.id), at) for c in categories}
        published = _publish(rows, at, signals_count=len(signals))
        if published:
            score_history_compact(before=at - HOURLY_HISTORY, category_ids=list(rows))
            transaction.on_commit(warm_leaderboard_cache)  # after the publish's version bump
    summary = RecomputeSummary(
        at=at,
        categories=len(categories),
        scores=sum(len(board) for board in rows.values()),
        signals=len(signals),
        seconds=time.perf_counter() - started,
        published=published,
    )
    logger.info("scores recomputed: %s", summary)
    return summary


@dataclass(frozen=True)
class CategoryRows:
    """One category's leaderboard as columns (SCORE_ROW_COLUMNS), and the earlier runs its changes compare with.

    Columns of plain Python values, not a dict per row: the publish step
    renders them for COPY a column at a time.
    """

    columns: dict[str, list]
    compared_at: dict[str, datetime | None]

    def __len__(self) -> int:
        return len(self.columns["model_id"])

    def rows(self) -> Iterator[dict]:
        names = list(self.columns)
        return (dict(zip(names, values, strict=True)) for values in zip(*self.columns.values(), strict=True))

    @cached_property
    def copy_text(self) -> str:
        """The rows in COPY's text format, rendered a column at a time, once for both tables.

        Every value is a number, None (a change with nothing to compare with:
        COPY's \\N), a state word, a list of flag or type names or a UTC time:
        nothing that needs escaping. Flags are JSON, drivers a PostgreSQL array
        literal (rankings.fields.NameListField). Category and time are one
        value per board.
        """
        count = len(self)
        rendered = []
        for name in SCORE_ROW_COLUMNS:
            values = self.columns[name]
            if name in ("category_id", "recorded_at"):
                text = values[0].isoformat() if name == "recorded_at" else str(values[0])
                rendered.append([text] * count)
            elif name == "flags":
                rendered.append([orjson.dumps(flags).decode() for flags in values])
            elif name == "top_drivers":
                rendered.append(["{" + ",".join(drivers) + "}" for drivers in values])
            else:
                rendered.append(["\\N" if value is None else str(value) for value in values])
        return "\n".join(map("\t".join, zip(*rendered, strict=True))) + "\n"


def _changes(values: np.ndarray) -> list[int | None]:
    # NaN (no run near enough, or the model was not in it) is published as
    # None: there is nothing to compare with, which a 0 ("same rank") would hide.
    return [None if math.isnan(value) else int(value) for value in values.tolist()]


def _rows(
    category_id: int, result: scoring.CategoryScores | None, history: movement.History | None, at: datetime
) -> CategoryRows:
    if result is None:
        return CategoryRows({name: [] for name in SCORE_ROW_COLUMNS}, {period: None for period in movement.PERIODS})
    moved = movement.movement(result, history)
    count = len(result.model_id)
    columns = {
        "model_id": result.model_id.tolist(),
        "category_id": [category_id] * count,
        "score": [round(value, 2) for value in result.score.astype(np.float64).tolist()],
        "rank": result.rank.tolist(),
        "quality_rank": result.quality_rank.tolist(),
        "adoption_rank": result.adoption_rank.tolist(),
        "rank_low": result.rank_low.tolist(),
        "rank_high": result.rank_high.tolist(),
        "confidence": [round(value, 3) for value in result.confidence.astype(np.float64).tolist()],
        "state": list(moved.states),
        "change_24h": _changes(moved.changes["24h"]),
        "change_7d": _changes(moved.changes["7d"]),
        "change_30d": _changes(moved.changes["30d"]),
        "flags": result.all_flags(),
        "top_drivers": result.all_top_drivers(),
        "recorded_at": [at] * count,
    }
    return CategoryRows(columns, history.compared_at)


def _publish(leaderboards: dict[int, CategoryRows], at: datetime, *, signals_count: int) -> bool:
    """Write every category's leaderboard in one transaction.

    Score rows are only replaced when ``at`` is not older than the published
    leaderboard, so a backfill of past times writes history without rolling
    the current leaderboard back. The statements and the rows they touch
    depend on the leaderboards only, never on the history already stored
    (the history's indexes lead with the run's category and time, see
    ScoreSnapshot).
    """
    with transaction.atomic():
        latest = dict(
            ScoreRun.objects.filter(category_id__in=leaderboards.keys())
            .order_by()
            .values("category_id")
            .annotate(last=Max("recorded_at"))
            .values_list("category_id", "last")
        )
        current = [cid for cid in leaderboards if latest.get(cid) is None or latest[cid] <= at]
        ScoreSnapshot.objects.filter(category_id__in=leaderboards.keys(), recorded_at=at).delete()
        _insert(ScoreSnapshot, list(leaderboards.values()))
        if current:
            Score.objects.filter(category_id__in=current).delete()
            _insert(Score, [leaderboards[cid] for cid in current])
        compared = [f"compared_{period}" for period in movement.PERIODS]
        ScoreRun.objects.bulk_create(
            [
                ScoreRun(
                    category_id=category_id,
                    recorded_at=at,
                    models_count=len(board),
                    signals_count=signals_count,
                    **{f"compared_{period}": when for period, when in board.compared_at.items()},
                )
                for category_id, board in leaderboards.items()
            ],
            update_conflicts=True,
            unique_fields=["category", "recorded_at"],
            update_fields=["models_count", "signals_count", "computed_at", *compared],
        )
        data_version_bump()
    if current:
        _current_scores_vacuum()
    return bool(current)


def _current_scores_vacuum() -> None:
    """Reclaim the Score rows a publish replaced, so the table stays the size of one set of leaderboards.

    Every publish replaces every current row. Left to autovacuum (which may
    be off, or behind), the next publish checks each unique key against every
    earlier generation's dead rows, and publishing slows with the number of
    publishes. VACUUM cannot run inside a transaction: within a caller's
    (a test's, say) it is left to autovacuum.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {Score._meta.db_table}")


def _insert(model, boards: list[CategoryRows]) -> None:
    """Insert the leaderboards' rows; on PostgreSQL with COPY (building INSERT SQL is most of a bulk_create's time)."""
    if connection.vendor != "postgresql":
        rows = (model(**row) for board in boards for row in board.rows())
        model.objects.bulk_create(rows, batch_size=_BULK_BATCH)
        return
    sql = f"COPY {model._meta.db_table} ({', '.join(SCORE_ROW_COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for board in boards:
            if len(board):
                copy.write(board.copy_text)


def score_history_compact(*, before: datetime, category_ids: list[int]) -> int:
    """Keep only the last leaderboard of each day before ``before``; returns the snapshot rows removed.

    Hourly recomputes would otherwise add a full copy of every leaderboard per
    hour. Daily resolution is all the history, scores and movers endpoints
    read beyond the last week; the hourly ones within it feed change_24h,
    change_7d and the state. Each category is compacted in its own short
    transaction: readers never depend on the removed (older, non-final) runs.
    """
    kept = {
        category_id: set(times)
        for category_id, times in loaders.daily_run_times_by_category(category_ids, start=None, end=before).items()
    }
    dropped = defaultdict(list)
    runs = ScoreRun.objects.filter(category_id__in=category_ids, recorded_at__lt=before).order_by()
    for category_id, recorded_at in runs.values_list("category_id", "recorded_at"):
        if recorded_at not in kept.get(category_id, ()):
            dropped[category_id].append(recorded_at)
    removed = 0
    for category_id, drop in dropped.items():
        with transaction.atomic():
            removed += ScoreSnapshot.objects.filter(category_id=category_id, recorded_at__in=drop).delete()[0]
            ScoreRun.objects.filter(category_id=category_id, recorded_at__in=drop).delete()
    return removed


def score_backfill(
    *, start: datetime, end: datetime, step: timedelta, category: str | None = None
) -> list[RecomputeSummary]:
    """Recompute at start, start + step, ... up to end, oldest first (so 24h/7d changes see earlier runs)."""
    if step <= timedelta(0):
        raise ValueError("step must be positive")
    if start > end:
        raise ValueError("start must not be after end")
    summaries, at = [], start
    while at <= end:
        summaries.append(score_recompute(category=category, at=at))
        at += step
    return summaries
