"""Reads behind the rankings endpoints: leaderboard pages, histories, movers, signals."""

from __future__ import annotations

import functools
import operator
import threading
from collections import namedtuple
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import orjson
from django.db import connection
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

from aimodelsmap.api.pagination import OrderKey, Page, cursor_position, keyset_page
from models_registry.models import Category, Model, Provider
from models_registry.search import VersionedIndex
from rankings.loaders import daily_run_times
from rankings.models import Score, ScoreRun, ScoreSnapshot, Signal

# Without modelSlug, the history of a category is its top of each day.
HISTORY_TOP = 10


def day_start(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=UTC) if day else None


def day_end(day: date | None) -> datetime | None:
    """The last instant of ``day``: an end date includes the whole day."""
    return datetime.combine(day, time.max, tzinfo=UTC) if day else None


def _in_range(queryset: QuerySet, start: date | None, end: date | None) -> QuerySet:
    if start:
        queryset = queryset.filter(recorded_at__gte=day_start(start))
    if end:
        queryset = queryset.filter(recorded_at__lte=day_end(end))
    return queryset


# A leaderboard row: its snapshot's columns and its model's names. Every row
# of a page has the pinned leaderboard time, so it is not fetched per row.
LEADERBOARD_COLUMNS = (
    "rank",
    "model_id",
    "score",
    "quality_rank",
    "adoption_rank",
    "rank_low",
    "rank_high",
    "state",
    "confidence",
    "change_24h",
    "change_7d",
    "top_drivers",
    "model_slug",
    "model_name",
    "creator_name",
    "creator_slug",
)
LeaderboardRow = namedtuple("LeaderboardRow", LEADERBOARD_COLUMNS)
# The snapshot's own columns, then its model's labels (MODEL_LABELS).
_SNAPSHOT_COLUMNS = LEADERBOARD_COLUMNS[: LEADERBOARD_COLUMNS.index("model_slug")]
LEADERBOARD_ORDER = [OrderKey("rank"), OrderKey("model_id")]
_RANK_ORDER = operator.attrgetter("rank", "model_id")


# The periods whose changes a leaderboard row carries (change_24h, change_7d),
# and so the runs a leaderboard names as compared with.
LEADERBOARD_PERIODS = ("24h", "7d")


@dataclass(frozen=True)
class Leaderboard:
    page: Page
    at: datetime | None  # the leaderboard's time; None before the first recompute
    compared_with: dict[str, datetime | None]  # period -> the run its changes compare with, None when none


# A page of a leaderboard as one statement: the category by slug, its newest
# published run (or the run a cursor pinned), that run's size and compared
# runs, and the page of its snapshot rows; their models' and creators' names
# come from ``MODEL_LABELS`` (joining them cost PostgreSQL half of the
# statement's time), or from the statement itself when a row's model is no
# longer there. The ORM needed two statements and spent more time building them than
# PostgreSQL spends running this one (bench/rankings.md, "Uncached
# leaderboard"). The first part is the board: one row when the category
# exists (NULLs when it has no run, or its pinned run was compacted away),
# none for an unknown slug. The second is the page, whose rows have a rank:
# its category and time are scalar subqueries, which PostgreSQL evaluates once
# and then walks the (category, recorded_at, rank) index for LIMIT rows only
# (joining the board instead had it join and sort the whole run). A row shows
# only with its model (no foreign key constraint, see ScoreFields). No
# LATERAL, so SQLite (the embedded default) runs it too.
_LEADERBOARD_SQL = """
WITH board AS (
    SELECT category.id AS category_id, (
        SELECT run.recorded_at FROM {run} run
        WHERE run.category_id = category.id{pinned}
        ORDER BY run.recorded_at DESC LIMIT 1
    ) AS recorded_at
    FROM {category} category WHERE category.slug = %s
)
SELECT board.category_id, run.recorded_at, run.models_count, {compared}, {no_row}
FROM board
LEFT JOIN {run} run ON run.category_id = board.category_id AND run.recorded_at = board.recorded_at
UNION ALL
SELECT {no_board}, page.* FROM (
    SELECT row.rank, row.model_id, row.score, row.quality_rank, row.adoption_rank, row.rank_low, row.rank_high,
           row.state, row.confidence, row.change_24h, row.change_7d, row.top_drivers{labels}
    FROM {snapshot} row{labelled}
    WHERE row.category_id = (SELECT category_id FROM board)
      AND row.recorded_at = (SELECT recorded_at FROM board){after}
    ORDER BY row.rank, row.model_id
    LIMIT {fetch}
) page
"""
_LEADERBOARD_TABLES = {
    "run": ScoreRun._meta.db_table,
    "category": Category._meta.db_table,
    "snapshot": ScoreSnapshot._meta.db_table,
    "model": Model._meta.db_table,
    "provider": Provider._meta.db_table,
    "compared": ", ".join(f"run.compared_{period}" for period in LEADERBOARD_PERIODS),
    "no_board": ", ".join(["NULL"] * (3 + len(LEADERBOARD_PERIODS))),
}
# The board's columns come first in every row of the statement: category id, time, size, compared runs.
_BOARD_WIDTH = 3 + len(LEADERBOARD_PERIODS)


# How many rows a page fetches: the first of these above its size (one more
# row says whether there is a next page; keyset_page cuts the rest). A few
# sizes, so a client cycling through page sizes makes a few statement texts,
# not a hundred that would push the hot statements out of psycopg's cache of
# prepared statements (100 per connection).
_FETCH_SIZES = (11, 21, 51, 101)


# A page whose models' labels are not all remembered reads them with its rows: a row shows
# only with its model, and the labels come from the same statement.
_LABELLED = {
    False: {"labels": "", "labelled": ""},
    True: {
        "labels": ", model.slug, model.name, creator.name, creator.slug",
        "labelled": "\n    JOIN {model} model ON model.id = row.model_id"
        "\n    JOIN {provider} creator ON creator.id = model.creator_id",
    },
}


@functools.lru_cache(maxsize=64)
def _leaderboard_statement(*, pinned: bool, after: bool, fetch: int, labelled: bool) -> str:
    """The page statement, with the number of rows to fetch written into its text.

    psycopg prepares a statement it has run five times, and PostgreSQL then
    weighs a generic plan against planning each execution. With the LIMIT a
    parameter, the generic plan's row estimate is a guess (10% of the run)
    that makes it look dearer than a custom one, so PostgreSQL planned every
    execution again, which took longer than running it (bench/rankings.md,
    "Uncached leaderboard"). With the LIMIT in the text, the generic plan is
    the custom plan and is kept. ``fetch`` is one of _FETCH_SIZES (a page is
    at most 100 rows: the query's LimitField), so there are at most sixteen
    texts, each prepared once per connection when used.
    """
    width = len(LEADERBOARD_COLUMNS) if labelled else len(_SNAPSHOT_COLUMNS)
    return _LEADERBOARD_SQL.format(
        **_LEADERBOARD_TABLES,
        no_row=", ".join(["NULL"] * width),
        labels=_LABELLED[labelled]["labels"],
        labelled=_LABELLED[labelled]["labelled"].format(**_LEADERBOARD_TABLES),
        pinned=" AND run.recorded_at = %s" if pinned else "",
        after=" AND (row.rank, row.model_id) > (%s, %s)" if after else "",
        fetch=int(fetch),
    )


def leaderboard_page(slug: str, *, limit: int, cursor: str | None) -> Leaderboard | None:
    """One page of the published leaderboard of category ``slug`` by rank, with its time and compared runs.

    None if no category has this slug.

    Every page reads the ScoreSnapshot rows of the leaderboard time pinned in
    the cursor (the first page pins the newest published run, whose snapshot
    is identical to the current Score rows), so pages stay consistent while a
    newer recompute is published in between. One statement once the models'
    labels are remembered (``MODEL_LABELS``); the published run's size is the
    page's total, so there is no count.
    """
    if "\x00" in slug:  # PostgreSQL rejects NUL in text: no category has it
        return None
    scope = f"rankings:{slug}"
    position, pinned = cursor_position(cursor, ordering=LEADERBOARD_ORDER, scope=scope)
    pinned_at = parse_datetime(pinned["at"]) if isinstance(pinned.get("at"), str) else None
    params: list = [connection.ops.adapt_datetimefield_value(pinned_at)] if pinned_at else []
    params += [slug, *(position or ())]
    fetch = next((size for size in _FETCH_SIZES if size > limit), limit + 1)
    shape = {"pinned": pinned_at is not None, "after": position is not None, "fetch": fetch}
    fetched = _fetch(_leaderboard_statement(**shape, labelled=False), params)
    boards = [row for row in fetched if row[_BOARD_WIDTH] is None]  # the board row has no rank
    if not boards:
        return None
    _, at, total, *compared = boards[0][:_BOARD_WIDTH]
    at = _db_datetime(at)
    snapshots = [row[_BOARD_WIDTH:] for row in fetched if row[_BOARD_WIDTH] is not None]
    model_ids = {row[1] for row in snapshots}
    labels = MODEL_LABELS.get().of(model_ids)
    if len(labels) == len(model_ids):
        labelled = [(*row, *labels[row[1]]) for row in snapshots]
    else:
        # A row's model is gone (deleted since the run was published): a row shows only with its
        # model, so the page is read again with its models, and still fills its LIMIT. Pinned to the
        # run just read, as a cursor pins it, in case a publish committed in between.
        pinned_params = [connection.ops.adapt_datetimefield_value(at), slug, *(position or ())]
        statement = _leaderboard_statement(**{**shape, "pinned": True}, labelled=True)
        fetched = _fetch(statement, pinned_params)
        labelled = [row[_BOARD_WIDTH:] for row in fetched if row[_BOARD_WIDTH] is not None]
    rows = sorted(map(LeaderboardRow._make, labelled), key=_RANK_ORDER)
    if connection.vendor != "postgresql":
        # SQLite returns the drivers as the JSON text it stores (PostgreSQL: a native array).
        rows = [row._replace(top_drivers=orjson.loads(row.top_drivers)) for row in rows]
    page = keyset_page(
        rows,
        ordering=LEADERBOARD_ORDER,
        limit=limit,
        scope=scope,
        pinned={"at": at.isoformat()} if at else {},
        total=total or 0,
    )
    return Leaderboard(
        page=page,
        at=at,
        compared_with=dict(zip(LEADERBOARD_PERIODS, map(_db_datetime, compared), strict=True)),
    )


def _fetch(statement: str, params: list) -> list[tuple]:
    with connection.cursor() as db:
        db.execute(statement, params)
        return db.fetchall()


_LABEL_FIELDS = ("pk", "slug", "name", "creator__name", "creator__slug")


class ModelLabels:
    """One data version's slug, name and creator (name, slug) of each model a leaderboard row showed,
    filled as pages ask: a page then reads only its snapshot rows, not their models and creators too
    (bench/README.md, "Hot paths"). ``MODEL_LABELS`` keeps one per process and starts a new one when
    the catalog's data version changes, as the search index does (``VersionedIndex``)."""

    def __init__(self, _loaded=None):
        self._labels: dict[int, tuple[str, str, str, str] | None] = {}  # None: the model is gone
        self._lock = threading.Lock()

    def of(self, model_ids: set[int]) -> dict[int, tuple[str, str, str, str]]:
        """The labels of these models; a model that no longer exists is missing from the answer."""
        with self._lock:
            known = {pk: self._labels[pk] for pk in model_ids if pk in self._labels}
        if missing := model_ids - known.keys():
            read = {
                pk: tuple(labels) for pk, *labels in Model.objects.filter(pk__in=missing).values_list(*_LABEL_FIELDS)
            }
            # A model gone is remembered as gone for the version: its pages go straight to the join.
            known |= {pk: read.get(pk) for pk in missing}
            with self._lock:
                self._labels.update({pk: known[pk] for pk in missing})
        return {pk: labels for pk, labels in known.items() if labels is not None}


MODEL_LABELS = VersionedIndex(lambda: None, build=ModelLabels)


def _db_datetime(value) -> datetime | None:
    """A timestamp column read by hand-written SQL: aware from PostgreSQL, naive UTC (or its text) from SQLite."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def leaderboard_body(slug: str, *, limit: int, cursor: str | None) -> dict | None:
    """The v1 leaderboard response body of one page (RankingResponseSerializer documents it); None without the category.

    One home for it: the view builds it on a cache miss and
    ``rankings.cache.warm_leaderboard_cache`` after a publish, so a warmed
    body is the body a miss would have built.
    """
    board = leaderboard_page(slug, limit=limit, cursor=cursor)
    if board is None:
        return None
    recorded_at = iso_z(board.at) if board.at else None
    return {
        "data": [ranking_entry(row, recorded_at) for row in board.page.rows],
        "category": slug,
        "pagination": board.page.pagination(),
        "compared_with": {
            period: iso_z(when) if when is not None else None for period, when in board.compared_with.items()
        },
    }


def ranking_entry(row, recorded_at: str) -> dict:
    """A leaderboard row (named tuple of LEADERBOARD_COLUMNS) at its time in the response shape.

    RankingEntrySerializer documents it; built by hand because the leaderboard
    is the hottest read.
    """
    return {
        "rank": row.rank,
        "model": {
            "slug": row.model_slug,
            "name": row.model_name,
            "provider": {"name": row.creator_name, "slug": row.creator_slug},
        },
        "score": row.score,
        "quality_rank": row.quality_rank,
        "adoption_rank": row.adoption_rank,
        "rank_spread": None if row.rank_low is None else {"low": row.rank_low, "high": row.rank_high},
        "state": row.state,
        "confidence": row.confidence,
        "change_24h": row.change_24h,
        "change_7d": row.change_7d,
        "top_drivers": row.top_drivers,
        "recorded_at": recorded_at,
    }


# A model's snapshots, found through the published runs: the history's
# indexes lead with (category, recorded_at), not the model (see
# ScoreSnapshot), so PostgreSQL probes the unique (category, recorded_at,
# model) index once per run in range.
_MODEL_HISTORY_SQL = f"""
SELECT snapshot.* FROM {ScoreRun._meta.db_table} run
JOIN {ScoreSnapshot._meta.db_table} snapshot
  ON snapshot.category_id = run.category_id AND snapshot.recorded_at = run.recorded_at AND snapshot.model_id = %s
WHERE run.recorded_at >= %s AND run.recorded_at <= %s{{category}}
ORDER BY snapshot.recorded_at
"""


def model_score_history(
    model: Model, *, category: Category | None, start: date | None, end: date | None, granularity: str
) -> list[ScoreSnapshot]:
    """The model's last snapshot of each day (or ISO week) per category, oldest first."""
    bounds = [day_start(start) or datetime.min.replace(tzinfo=UTC), day_end(end) or datetime.max.replace(tzinfo=UTC)]
    params = [model.pk, *(connection.ops.adapt_datetimefield_value(bound) for bound in bounds)]
    sql = _MODEL_HISTORY_SQL.format(category=" AND run.category_id = %s" if category is not None else "")
    snapshots = ScoreSnapshot.objects.raw(sql, params + ([category.pk] if category is not None else []))
    categories = Category.objects.in_bulk()
    last: dict[tuple, ScoreSnapshot] = {}
    for snapshot in snapshots:
        snapshot.category = categories[snapshot.category_id]
        day = snapshot.recorded_at.astimezone(UTC).date()
        period = day.isocalendar()[:2] if granularity == "weekly" else day
        last[(snapshot.category_id, period)] = snapshot
    return sorted(last.values(), key=lambda s: (s.recorded_at, s.category.display_order, s.category.slug))


def model_signals(model: Model, *, signal_type: str | None, start: date | None, end: date | None) -> QuerySet:
    signals = _in_range(Signal.objects.filter(model=model), start, end)
    if signal_type:
        signals = signals.filter(signal_type=signal_type)
    return signals.order_by("-recorded_at", "-id")


def ranking_history(category: Category, *, start: date | None, end: date | None, model: Model | None) -> list[dict]:
    """The category's last leaderboard of each day: its top HISTORY_TOP, or one model's rows.

    Rows come out in the response shape straight from ``values_list``: a
    90-day history is ~900 rows, and model instances plus a DRF serializer per
    row would cost ten times the query.
    """
    times = daily_run_times(category.pk, start=day_start(start), end=day_end(end))
    snapshots = ScoreSnapshot.objects.filter(category=category, recorded_at__in=times)
    snapshots = snapshots.filter(model=model) if model is not None else snapshots.filter(rank__lte=HISTORY_TOP)
    rows = snapshots.order_by("recorded_at", "rank").values_list(
        "model__slug", "model__name", "score", "quality_rank", "adoption_rank", "state", "recorded_at"
    )
    stamps = {moment: iso_z(moment) for moment in times}
    return [
        {
            "model": {"slug": slug, "name": name},
            "score": score,
            "quality_rank": quality_rank,
            "adoption_rank": adoption_rank,
            "state": state,
            "recorded_at": stamps[recorded_at],
        }
        for slug, name, score, quality_rank, adoption_rank, state, recorded_at in rows
    ]


def iso_z(moment: datetime) -> str:
    """The API's timestamp format (what DRF's DateTimeField renders): UTC with a Z."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Mover:
    model: Model
    current_score: float
    previous_score: float
    current_rank: int
    previous_rank: int

    @property
    def rank_change(self) -> int:
        return self.previous_rank - self.current_rank

    @property
    def score_change(self) -> float:
        return round(self.current_score - self.previous_score, 2)

    @property
    def direction(self) -> str:
        return "up" if self.rank_change > 0 else "down"


@dataclass(frozen=True)
class Movers:
    gainers: list[Mover]
    losers: list[Mover]
    compared_with: datetime | None  # the run compared with; None when there is none (and so no movers)


def movers(category: Category, *, period: str, limit: int) -> Movers:
    """Models that moved most between the current leaderboard and the run it compared with ``period`` before.

    The run compared with is the one the recompute chose (ScoreRun.compared_*:
    nearest to T minus the period, within a tolerance), so movers and the
    leaderboard's changes never disagree; with no such run there are no
    movers. Only models in both runs can move (a model absent from the
    earlier run has a null change, so it is neither gainer nor loser). A
    gainer rose and its score rose; a loser fell and its score fell: a model
    whose rank moved only because others moved around it is neither.
    """
    current = {row.model_id: row for row in Score.objects.filter(category=category).select_related("model__creator")}
    if not current:
        return Movers([], [], None)
    now = next(iter(current.values())).recorded_at
    previous_at = (
        ScoreRun.objects.filter(category=category, recorded_at=now).values_list(f"compared_{period}", flat=True).first()
    )
    if previous_at is None:
        return Movers([], [], None)
    previous = ScoreSnapshot.objects.filter(category=category, recorded_at=previous_at, model_id__in=current.keys())
    moved = [
        Mover(
            model=current[old.model_id].model,
            current_score=current[old.model_id].score,
            previous_score=old.score,
            current_rank=current[old.model_id].rank,
            previous_rank=old.rank,
        )
        for old in previous.only("model_id", "score", "rank")
        if old.rank != current[old.model_id].rank
    ]
    gainers = sorted(
        (m for m in moved if m.rank_change > 0 and m.score_change > 0), key=lambda m: (-m.rank_change, m.current_rank)
    )
    losers = sorted(
        (m for m in moved if m.rank_change < 0 and m.score_change < 0), key=lambda m: (m.rank_change, m.current_rank)
    )
    return Movers(gainers[:limit], losers[:limit], previous_at)
