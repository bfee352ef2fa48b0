"""The reads a recompute needs: signals as arrays, category plans, earlier leaderboards.

Portable ORM only (the demo runs on SQLite); the heavy read is one query over
the signal table streamed into NumPy arrays.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np
from django.db import connection
from django.db.models import Max, Min
from django.db.models.functions import TruncDate

from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Model
from rankings import movement, scoring
from rankings.models import CategoryWeights, ScoreRun, ScoreSnapshot, Signal

SECONDS_PER_DAY = 86400.0
_FETCH_CHUNK = 20_000


def signal_arrays(at: datetime) -> scoring.SignalArrays:
    """Every signal recorded up to ``at``, as arrays."""
    if connection.vendor == "postgresql":
        return _signal_arrays_copy(at)
    return _signal_arrays_orm(at)


# Every column is cast to a fixed-width type, so each row of a binary COPY is
# the same 98 bytes: a field count, then (length, value) per field. Sources
# only need telling apart (for source diversity), so a hash of the name does,
# without the sort a dense rank over a million rows would cost.
_COPY_SQL = """
COPY (
    SELECT id::int8, model_id::int8, CASE signal_type {types} END::int8, normalized_value::float8,
           confidence::float8, (%s - EXTRACT(EPOCH FROM recorded_at))::float8 / 86400.0,
           hashtext(source)::int8, COALESCE(category_id, 0)::int8
    FROM rankings_signal WHERE recorded_at <= %s
) TO STDOUT (FORMAT BINARY)
"""
_COLUMNS = [
    ("signal_id", ">i8"),
    ("model_id", ">i8"),
    ("type_index", ">i8"),
    ("value", ">f8"),
    ("confidence", ">f8"),
    ("age_days", ">f8"),
    ("source_id", ">i8"),
    ("category_code", ">i8"),
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
        with raw.copy(_COPY_SQL.format(types=types), [at.timestamp(), at]) as copy:
            for block in copy:
                buffer += block
    body = memoryview(buffer)[_HEADER_BYTES : len(buffer) - 2]  # the trailer is one int16 (-1)
    rows = np.frombuffer(body, dtype=_ROW)
    return scoring.SignalArrays(**{name: rows[name].astype(kind[1:]) for name, kind in _COLUMNS})


def _signal_arrays_orm(at: datetime) -> scoring.SignalArrays:
    rows = (
        Signal.objects.filter(recorded_at__lte=at)
        .order_by()
        .values_list(
            "id", "model_id", "signal_type", "normalized_value", "confidence", "recorded_at", "source", "category_id"
        )
    )
    ids, models, types, values, confidences, ages, sources, categories = [], [], [], [], [], [], [], []
    type_codes, source_codes = scoring.TYPE_INDEX, {}
    reference = at.timestamp()
    for row in rows.iterator(chunk_size=_FETCH_CHUNK):
        ids.append(row[0])
        models.append(row[1])
        types.append(type_codes[row[2]])
        values.append(row[3])
        confidences.append(row[4])
        ages.append((reference - row[5].timestamp()) / SECONDS_PER_DAY)
        sources.append(source_codes.setdefault(row[6], len(source_codes)))
        categories.append(row[7] or 0)
    return scoring.SignalArrays(
        signal_id=np.array(ids, dtype=np.int64),
        model_id=np.array(models, dtype=np.int64),
        type_index=np.array(types, dtype=np.int64),
        value=np.array(values, dtype=np.float64),
        confidence=np.array(confidences, dtype=np.float64),
        age_days=np.array(ages, dtype=np.float64),
        source_id=np.array(sources, dtype=np.int64),
        category_code=np.array(categories, dtype=np.int64),
    )


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
            codes = frozenset(id_ for ids in children.values() for id_ in ids) | {category.id}
            plan_members = np.fromiter(Model.objects.order_by("pk").values_list("pk", flat=True), dtype=np.int64)
        else:
            codes = frozenset(subtree)
            plan_members = np.array(sorted({m for c in subtree for m in members[c]}), dtype=np.int64)
        weights = scoring.weight_vector(overrides.get(category.id))
        plans.append(scoring.CategoryPlan(key=category.id, codes=codes, members=plan_members, weights=weights))
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


def _latest_run_at(category_id: int, *, before_or_at: datetime) -> datetime | None:
    return (
        ScoreRun.objects.filter(category_id=category_id, recorded_at__lte=before_or_at)
        .order_by("-recorded_at")
        .values_list("recorded_at", flat=True)
        .first()
    )


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
    """What the leaderboards published 24 hours and 7 days before ``at`` say about these models."""
    week_ago = at - timedelta(days=7)
    ranks_24h = _ranks_at(category_id, _latest_run_at(category_id, before_or_at=at - timedelta(hours=24)))
    run_7d = _latest_run_at(category_id, before_or_at=week_ago)
    ranks_7d = _ranks_at(category_id, run_7d)
    # Volatility looks at the last leaderboard of each day in the window.
    window = [t for t in daily_run_times(category_id, start=week_ago, end=at) if t < at]
    swings = {
        row["model_id"]: (row["low"], row["high"])
        for row in ScoreSnapshot.objects.filter(category_id=category_id, recorded_at__in=window)
        .values("model_id")
        .annotate(low=Min("score"), high=Max("score"))
    }
    nan = float("nan")
    ids = [int(m) for m in model_ids]
    return movement.History(
        rank_24h_ago=np.array([ranks_24h.get(m, nan) for m in ids], dtype=np.float64),
        rank_7d_ago=np.array([ranks_7d.get(m, nan) for m in ids], dtype=np.float64),
        # Scored in the leaderboard of a week ago = not new; the exact first date is not needed.
        first_scored_days_ago=np.array([7.0 if m in ranks_7d else nan for m in ids], dtype=np.float64),
        window_min_score=np.array([swings.get(m, (nan, nan))[0] for m in ids], dtype=np.float64),
        window_max_score=np.array([swings.get(m, (nan, nan))[1] for m in ids], dtype=np.float64),
    )
