"""The reads a recompute needs: signals as arrays, category plans, earlier leaderboards.

Portable ORM, except the heavy read: on PostgreSQL the signal table arrives as
packed binary records read straight into NumPy arrays (the demo's SQLite
reads it through the ORM).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Max
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
    signals = _signal_arrays_packed(at) if connection.vendor == "postgresql" else _signal_arrays_orm(at)
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


# The dtype of each SignalArrays field, whichever loader fills it.
_DTYPES = {
    "signal_id": np.int64,
    "model_id": np.int64,
    "type_index": np.int64,
    "raw_value": np.float64,
    "std_error": np.float64,
    "age_days": np.float64,
    "source_id": np.int64,
    "board_id": np.int64,
    "category_code": np.int64,
    "self_reported": bool,
}

# Every signal becomes one fixed-width big-endian record, and the records of
# a range of ids are concatenated into one bytea by one aggregate: a handful
# of result rows instead of a COPY message per signal, whose per-row handling
# in Python was most of the load. A record is self-contained, so the order the
# aggregate meets the rows in does not matter. The fields and the record's
# layout (``_RECORD``) must change together. Sources and boards only need
# telling apart, so hashes of their names do, without the sort a dense rank
# over a million rows would cost. A board is keyed by source and
# ``dedupe_key`` exactly as the Signal row has it (an arena board keyed by
# arena and board stays distinct from another arena's). The standard error is
# the source's own when it states one, else the width of the published 95%
# interval / 3.92. The time is sent as stored (microseconds since 2000), so
# the age is exact integer arithmetic up to one rounding.
_STD_ERROR_SQL = """COALESCE(
    (metadata->>'std_error')::float8,
    ((metadata->>'rating_q975')::float8 - (metadata->>'rating_q025')::float8) / 3.92,
    'NaN'::float8)"""
_PACKED_SQL = """
SELECT count(*), string_agg(
    int8send(id) || int8send(model_id) || int2send((CASE signal_type {types} END)::int2)
    || float8send(raw_value) || float8send({std_error}) || timestamptz_send(recorded_at)
    || int4send(hashtext(source)) || int4send(hashtext(source || '/' || dedupe_key))
    || int8send(COALESCE(category_id, 0)) || boolsend(COALESCE(metadata->>'self_reported' = 'true', false)),
    ''::bytea)
FROM rankings_signal WHERE recorded_at <= %s AND id >= %s AND id < %s
"""
_RECORD = np.dtype(
    [
        ("signal_id", ">i8"),
        ("model_id", ">i8"),
        ("type_index", ">i2"),
        ("raw_value", ">f8"),
        ("std_error", ">f8"),
        ("recorded_us", ">i8"),
        ("source_id", ">i4"),
        ("board_id", ">i4"),
        ("category_code", ">i8"),
        ("self_reported", "?"),
    ]
)
# Ids per statement: a bytea (and the aggregate building it) holds at most
# 1 GB; this many records stay well under it.
_PACKED_IDS_PER_STATEMENT = 4_000_000
_POSTGRES_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@contextmanager
def _without_jit() -> Iterator[None]:
    """A transaction whose statements PostgreSQL runs without JIT compilation.

    The two large reads here are simple scans whose estimated cost passes the
    JIT thresholds: compiling them (up to seconds, for the history's many
    branches) would cost far more than running them.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        yield


def _signal_arrays_packed(at: datetime) -> scoring.SignalArrays:
    """PostgreSQL: the signals as packed binary records straight into NumPy (no Python object per row)."""
    types = " ".join(f"WHEN '{name}' THEN {index}" for name, index in scoring.TYPE_INDEX.items())
    sql = _PACKED_SQL.format(types=types, std_error=_STD_ERROR_SQL)
    chunks = []
    with _without_jit(), connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM rankings_signal")
        low, high = cursor.fetchone()
        raw = cursor.cursor  # the psycopg cursor: Django's wrapper cannot ask for binary results
        for start in range(low or 0, (high or -1) + 1, _PACKED_IDS_PER_STATEMENT):
            raw.execute(sql, [at, start, start + _PACKED_IDS_PER_STATEMENT], binary=True)
            count, packed = raw.fetchone()
            records = np.frombuffer(packed or b"", dtype=_RECORD)
            if len(records) != count:  # a NULL field would drop its record from the aggregate
                raise ValueError(f"{count - len(records)} signals have a field the loader cannot read")
            chunks.append(records)
    records = np.concatenate(chunks) if chunks else np.zeros(0, dtype=_RECORD)
    at_us = (at - _POSTGRES_EPOCH) // _MICROSECOND
    # (T - recorded_at) in seconds, rounded once, then in days.
    age_days = (at_us - records["recorded_us"]).astype(np.float64) / 1e6 / SECONDS_PER_DAY
    return scoring.SignalArrays(
        **{name: records[name].astype(kind) for name, kind in _DTYPES.items() if name != "age_days"},
        age_days=age_days,
    )


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
    columns = {name: [] for name in _DTYPES}
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
    return scoring.SignalArrays(**{name: np.array(columns[name], dtype=kind) for name, kind in _DTYPES.items()})


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


def _nearest(times: list[datetime], *, target: datetime, tolerance: timedelta, before: datetime) -> datetime | None:
    """Of ``times``, the one nearest to ``target`` within the tolerance and earlier than ``before`` (None if none)."""
    near = (t for t in times if target - tolerance <= t <= target + tolerance and t < before)
    # Nearest first; of two equally near, the earlier.
    return min(near, key=lambda t: (abs(t - target), t), default=None)


def daily_run_times(category_id: int, *, start: datetime | None, end: datetime | None) -> list[datetime]:
    """The last published leaderboard time of each day in [start, end]."""
    return daily_run_times_by_category([category_id], start=start, end=end).get(category_id, [])


def daily_run_times_by_category(
    category_ids: list[int], *, start: datetime | None, end: datetime | None
) -> dict[int, list[datetime]]:
    """``daily_run_times`` of each of these categories, in one query (a category without runs is left out)."""
    runs = ScoreRun.objects.filter(category_id__in=category_ids)
    if start is not None:
        runs = runs.filter(recorded_at__gte=start)
    if end is not None:
        runs = runs.filter(recorded_at__lte=end)
    by_day = runs.annotate(day=TruncDate("recorded_at")).values("category_id", "day").annotate(last=Max("recorded_at"))
    found = defaultdict(list)
    for row in by_day:
        found[row["category_id"]].append(row["last"])
    return {category_id: sorted(times) for category_id, times in found.items()}


# The earlier leaderboards a recompute compares with, read for every category
# in one statement: one branch per category and role (each a lookup of the
# snapshot index's leading (category, recorded_at)), aggregated per model.
# Roles: the compared run of each period (movement.PERIODS, in order), then
# the week's daily runs. A branch per lookup, not a join with a list of
# (category, time) pairs: the planner would hash such a join against the
# whole history. A category has at most four branches, and SQLite allows 500
# in one statement.
_WINDOW_ROLE = len(movement.PERIODS)
_HISTORY_CATEGORIES_PER_STATEMENT = 100
_HISTORY_SQL = """
SELECT category_id, model_id, {compared},
       MIN(CASE WHEN role = {window} THEN rank END), MAX(CASE WHEN role = {window} THEN rank END)
FROM ({branches}) runs GROUP BY category_id, model_id
"""


def histories(boards: dict[int, np.ndarray], at: datetime) -> dict[int, movement.History]:
    """Per category (id -> its ranked model ids, ascending): what the runs nearest ``at`` minus 24 hours,
    7 and 30 days, and the last week's daily runs, say of these models.
    """
    category_ids = list(boards)
    longest = max(length + tolerance for length, tolerance in movement.PERIODS.values())
    recent = defaultdict(list)
    for category_id, recorded_at in ScoreRun.objects.filter(
        category_id__in=category_ids, recorded_at__gte=at - longest, recorded_at__lt=at
    ).values_list("category_id", "recorded_at"):
        recent[category_id].append(recorded_at)
    compared = {
        category_id: {
            period: _nearest(recent[category_id], target=at - length, tolerance=tolerance, before=at)
            for period, (length, tolerance) in movement.PERIODS.items()
        }
        for category_id in category_ids
    }
    daily = daily_run_times_by_category(category_ids, start=at - timedelta(days=7), end=at)
    lookups = defaultdict(list)  # category id -> (role, times)
    for category_id in category_ids:
        for role, run in enumerate(compared[category_id].values()):
            if run is not None:
                lookups[category_id].append((role, [run]))
        window = [t for t in daily.get(category_id, []) if t < at]
        if window:
            lookups[category_id].append((_WINDOW_ROLE, window))
    rows = []
    with _without_jit():
        for start in range(0, len(category_ids), _HISTORY_CATEGORIES_PER_STATEMENT):
            chunk = category_ids[start : start + _HISTORY_CATEGORIES_PER_STATEMENT]
            rows += _history_ranks({c: lookups[c] for c in chunk})
    # Columns: category, model, the rank in each period's run, best and worst in the window (NaN: not there).
    found = np.array(rows, dtype=np.float64).reshape(-1, 2 + _WINDOW_ROLE + 2)
    category_of, model_of = found[:, 0].astype(np.int64), found[:, 1].astype(np.int64)
    result = {}
    for category_id, model_ids in boards.items():
        n = len(model_ids)
        here = np.flatnonzero(category_of == category_id)
        position = np.searchsorted(model_ids, model_of[here])
        ranked = position < n
        ranked[ranked] = model_ids[position[ranked]] == model_of[here][ranked]
        columns = np.full((n, found.shape[1] - 2), np.nan)
        columns[position[ranked]] = found[here[ranked], 2:]
        result[category_id] = movement.History(
            compared_at=compared[category_id],
            previous_rank={period: columns[:, role] for role, period in enumerate(movement.PERIODS)},
            window_best_rank=columns[:, _WINDOW_ROLE],
            window_worst_rank=columns[:, _WINDOW_ROLE + 1],
        )
    return result


def _history_ranks(lookups: dict[int, list[tuple[int, list[datetime]]]]) -> list[tuple]:
    """(category, model, rank in each period's run, best and worst in the window) rows, None where not there."""
    table = ScoreSnapshot._meta.db_table
    branches, params = [], []
    for category_id, role, times in ((c, role, times) for c, found in lookups.items() for role, times in found):
        branches.append(
            f"SELECT category_id, model_id, rank, {role} AS role FROM {table} "
            f"WHERE category_id = %s AND recorded_at IN ({', '.join(['%s'] * len(times))})"
        )
        params += [category_id, *(connection.ops.adapt_datetimefield_value(t) for t in times)]
    if not branches:
        return []
    compared = ", ".join(f"MAX(CASE WHEN role = {role} THEN rank END)" for role in range(_WINDOW_ROLE))
    sql = _HISTORY_SQL.format(compared=compared, window=_WINDOW_ROLE, branches=" UNION ALL ".join(branches))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
