"""The reads a recompute needs: signals as arrays, category plans, earlier leaderboards.

Portable ORM only (the demo runs on SQLite); the heavy read is one query over
the signal table streamed into NumPy arrays.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np
from django.db import connection
from django.db.models import Count, Max, Min
from django.db.models.functions import TruncDate

from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Model
from rankings import movement, scoring
from rankings.models import CategoryWeights, ScoreRun, ScoreSnapshot, Signal
from reviews.models import Review

SECONDS_PER_DAY = 86400.0
_FETCH_CHUNK = 20_000


# Reviews are adoption evidence beside hosts and listings: one usage series,
# a model's count of visible reviews written up to T, dated by its newest.
REVIEWS_SOURCE = "reviews"


def signal_arrays(at: datetime) -> scoring.SignalArrays:
    """Every signal recorded up to ``at``, and each model's review count, as arrays."""
    signals = _signal_arrays_copy(at) if connection.vendor == "postgresql" else _signal_arrays_orm(at)
    return _with_reviews(signals, at)


def _with_reviews(signals: scoring.SignalArrays, at: datetime) -> scoring.SignalArrays:
    counts = list(
        Review.objects.filter(is_hidden=False, created_at__lte=at)
        .order_by()
        .values("model_id")
        .annotate(reviews=Count("id"), newest=Max("created_at"))
        .values_list("model_id", "reviews", "newest")
    )
    if not counts:
        return signals
    n = len(counts)
    # One code for the series; negative ids cannot collide with signal ids.
    code = int(np.iinfo(np.int64).min)
    added = {
        "signal_id": -np.array([m for m, _, _ in counts], dtype=np.int64),
        "model_id": np.array([m for m, _, _ in counts], dtype=np.int64),
        "type_index": np.full(n, scoring.TYPE_INDEX["usage"], dtype=np.int64),
        "raw_value": np.array([c for _, c, _ in counts], dtype=np.float64),
        "std_error": np.full(n, np.nan),
        "age_days": np.array([(at - newest).total_seconds() / SECONDS_PER_DAY for _, _, newest in counts]),
        "source_id": np.full(n, code, dtype=np.int64),
        "board_id": np.full(n, code, dtype=np.int64),
        "category_code": np.zeros(n, dtype=np.int64),
        "self_reported": np.zeros(n, dtype=bool),
    }
    return scoring.SignalArrays(**{name: np.concatenate([getattr(signals, name), added[name]]) for name in added})


# Every column is cast to a fixed-width type (NULLs coalesced), so each row of
# a binary COPY is the same size: a field count, then (length, value) per
# field. Sources and boards only need telling apart, so hashes of their names
# do, without the sort a dense rank over a million rows would cost. A board is
# keyed by source and ``dedupe_key`` exactly as the Signal row has it (an arena
# board keyed by arena and board stays distinct from another arena's).
# The standard error is the source's own when it states one, else the width
# of the published 95% interval / 3.92.
_STD_ERROR_SQL = """COALESCE(
    (metadata->>'std_error')::float8,
    ((metadata->>'rating_q975')::float8 - (metadata->>'rating_q025')::float8) / 3.92,
    'NaN'::float8)"""
_COPY_SQL = """
COPY (
    SELECT id::int8, model_id::int8, CASE signal_type {types} END::int8, raw_value::float8,
           {std_error}, (%s - EXTRACT(EPOCH FROM recorded_at))::float8 / 86400.0,
           hashtext(source)::int8, hashtext(source || '/' || dedupe_key)::int8,
           COALESCE(category_id, 0)::int8,
           (CASE WHEN metadata->>'self_reported' = 'true' THEN 1 ELSE 0 END)::int8
    FROM rankings_signal WHERE recorded_at <= %s
) TO STDOUT (FORMAT BINARY)
"""
_COLUMNS = [
    ("signal_id", ">i8"),
    ("model_id", ">i8"),
    ("type_index", ">i8"),
    ("raw_value", ">f8"),
    ("std_error", ">f8"),
    ("age_days", ">f8"),
    ("source_id", ">i8"),
    ("board_id", ">i8"),
    ("category_code", ">i8"),
    ("self_reported", ">i8"),
]
_ROW = np.dtype(
    [("fields", ">i2")] + [(f, t) for name, kind in _COLUMNS for f, t in ((name + "_len", ">i4"), (name, kind))]
)
_HEADER_BYTES = 19  # signature (11) + flags (4) + header extension length (4), extension empty


def _signal_arrays_copy(at: datetime) -> scoring.SignalArrays:
    """PostgreSQL: stream the signals as binary COPY straight into NumPy (no Python object per row)."""
    types = " ".join(f"WHEN '{name}' THEN {index}" for name, index in scoring.TYPE_INDEX.items())
    buffer = bytearray()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor: Django's wrapper has no COPY
        with raw.copy(_COPY_SQL.format(types=types, std_error=_STD_ERROR_SQL), [at.timestamp(), at]) as copy:
            for block in copy:
                buffer += block
    body = memoryview(buffer)[_HEADER_BYTES : len(buffer) - 2]  # the trailer is one int16 (-1)
    rows = np.frombuffer(body, dtype=_ROW)
    arrays = {name: rows[name].astype(kind[1:]) for name, kind in _COLUMNS}
    arrays["self_reported"] = arrays["self_reported"].astype(bool)
    return scoring.SignalArrays(**arrays)


def std_error(metadata: dict) -> float:
    """The ORM loader's reading of what ``_STD_ERROR_SQL`` reads."""
    if metadata.get("std_error") is not None:
        return float(metadata["std_error"])
    low, high = metadata.get("rating_q025"), metadata.get("rating_q975")
    if low is None or high is None:
        return float("nan")
    return (float(high) - float(low)) / 3.92


def _signal_arrays_orm(at: datetime) -> scoring.SignalArrays:
    rows = (
        Signal.objects.filter(recorded_at__lte=at)
        .order_by()
        .values_list(
            "id",
            "model_id",
            "signal_type",
            "raw_value",
            "metadata",
            "recorded_at",
            "source",
            "dedupe_key",
            "category_id",
        )
    )
    columns = {name: [] for name, _ in _COLUMNS}
    codes: dict[str, int] = {}
    reference = at.timestamp()
    for id_, model_id, signal_type, raw_value, metadata, recorded_at, source, key, category_id in rows.iterator(
        chunk_size=_FETCH_CHUNK
    ):
        metadata = metadata or {}
        for name, value in (
            ("signal_id", id_),
            ("model_id", model_id),
            ("type_index", scoring.TYPE_INDEX[signal_type]),
            ("raw_value", raw_value),
            ("std_error", std_error(metadata)),
            ("age_days", (reference - recorded_at.timestamp()) / SECONDS_PER_DAY),
            ("source_id", codes.setdefault(source, len(codes))),
            ("board_id", codes.setdefault(f"{source}/{key}", len(codes))),
            ("category_code", category_id or 0),
            ("self_reported", metadata.get("self_reported") is True),
        ):
            columns[name].append(value)
    arrays = {name: np.array(columns[name], dtype=kind[1:]) for name, kind in _COLUMNS}
    arrays["self_reported"] = arrays["self_reported"].astype(bool)
    return scoring.SignalArrays(**arrays)


def overall_category() -> Category:
    """The category every model is ranked in, created on first use."""
    category, _ = Category.objects.get_or_create(
        slug=OVERALL_CATEGORY_SLUG,
        defaults={"name": "Overall", "description": "Every model, every signal.", "display_order": 0},
    )
    return category


def category_plans(categories: list[Category]) -> list[scoring.CategoryPlan]:
    """What counts where: a category's own and descendants' signals, and who is ranked there.

    The ranked models are the category's (and its descendants') members as
    ``models_registry.membership`` stored them, the same rows the model list
    and ``model_count`` read; ``overall`` ranks every model on every signal.
    """
    children = defaultdict(list)
    for category_id, parent_id in Category.objects.values_list("id", "parent_id"):
        children[parent_id].append(category_id)
    members = defaultdict(list)
    for model_id, category_id in Model.categories.through.objects.values_list("model_id", "category_id"):
        members[category_id].append(model_id)
    overrides = {w.category_id: w.as_dict() for w in CategoryWeights.objects.all()}
    plans = []
    for category in categories:
        subtree = _subtree(category.id, children)
        if category.slug == OVERALL_CATEGORY_SLUG:
            # Overall takes general evidence (code 0) and every category's, and ranks every model.
            codes = frozenset(id_ for ids in children.values() for id_ in ids) | {category.id, 0}
            plan_members = np.fromiter(Model.objects.order_by("pk").values_list("pk", flat=True), dtype=np.int64)
            own = frozenset({category.id, 0})
        else:
            codes = frozenset(subtree)
            plan_members = np.array(sorted({m for c in subtree for m in members[c]}), dtype=np.int64)
            own = frozenset({category.id})
        weights = scoring.weight_vector(overrides.get(category.id))
        plans.append(
            scoring.CategoryPlan(key=category.id, codes=codes, members=plan_members, weights=weights, own_codes=own)
        )
    return plans


def _subtree(root: int, children: dict) -> list[int]:
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(children.get(node, []))
    return found


def _ranks_at(category_id: int, at: datetime | None) -> dict[int, int]:
    if at is None:
        return {}
    return dict(ScoreSnapshot.objects.filter(category_id=category_id, recorded_at=at).values_list("model_id", "rank"))


def nearest_run(category_id: int, *, target: datetime, tolerance: timedelta, before: datetime) -> datetime | None:
    """The published run nearest to ``target`` within the tolerance and earlier than ``before`` (None if none)."""
    times = ScoreRun.objects.filter(
        category_id=category_id, recorded_at__gte=target - tolerance, recorded_at__lte=target + tolerance
    ).filter(recorded_at__lt=before)
    # Nearest first; of two equally near, the earlier.
    return min(times.values_list("recorded_at", flat=True), key=lambda t: (abs(t - target), t), default=None)


def daily_run_times(category_id: int, *, start: datetime | None, end: datetime | None) -> list[datetime]:
    """The last published leaderboard time of each day in [start, end]."""
    runs = ScoreRun.objects.filter(category_id=category_id)
    if start is not None:
        runs = runs.filter(recorded_at__gte=start)
    if end is not None:
        runs = runs.filter(recorded_at__lte=end)
    by_day = runs.annotate(day=TruncDate("recorded_at")).values("day").annotate(last=Max("recorded_at"))
    return sorted(row["last"] for row in by_day)


def history(category_id: int, model_ids: np.ndarray, at: datetime) -> movement.History:
    """What the runs nearest ``at`` minus 24 hours, 7 and 30 days, and the last week's runs, say of these models."""
    compared, previous = {}, {}
    ids = [int(m) for m in model_ids]
    nan = float("nan")
    for period, (length, tolerance) in movement.PERIODS.items():
        run = nearest_run(category_id, target=at - length, tolerance=tolerance, before=at)
        ranks = _ranks_at(category_id, run)
        compared[period] = run
        previous[period] = np.array([ranks.get(m, nan) for m in ids], dtype=np.float64)
    window = [t for t in daily_run_times(category_id, start=at - timedelta(days=7), end=at) if t < at]
    ranges = {
        row["model_id"]: (row["best"], row["worst"])
        for row in ScoreSnapshot.objects.filter(category_id=category_id, recorded_at__in=window)
        .values("model_id")
        .annotate(best=Min("rank"), worst=Max("rank"))
    }
    return movement.History(
        compared_at=compared,
        previous_rank=previous,
        window_best_rank=np.array([ranges.get(m, (nan, nan))[0] for m in ids], dtype=np.float64),
        window_worst_rank=np.array([ranges.get(m, (nan, nan))[1] for m in ids], dtype=np.float64),
    )
