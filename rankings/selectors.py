"""Reads behind the rankings endpoints: leaderboard pages, histories, movers, signals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db.models import F, QuerySet
from django.utils.dateparse import parse_datetime

from aimodelsmap.api.pagination import OrderKey, Page, paginate_keyset, peek_cursor_extra
from models_registry.models import Category, Model
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


# A leaderboard row's snapshot columns and its model's names, fetched as named
# tuples: model instances (a snapshot, its model and its creator, every column
# of each) cost more than the page's query. Every row of a page has the pinned
# leaderboard time, so it is not fetched per row.
LEADERBOARD_NAMES = {
    "model_slug": F("model__slug"),
    "model_name": F("model__name"),
    "creator_name": F("model__creator__name"),
    "creator_slug": F("model__creator__slug"),
}
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
    *LEADERBOARD_NAMES,
)


# The periods whose changes a leaderboard row carries (change_24h, change_7d),
# and so the runs a leaderboard names as compared with.
LEADERBOARD_PERIODS = ("24h", "7d")


@dataclass(frozen=True)
class Leaderboard:
    page: Page
    at: datetime | None  # the leaderboard's time; None before the first recompute
    compared_with: dict[str, datetime | None]  # period -> the run its changes compare with, None when none


def leaderboard_page(slug: str, *, limit: int, cursor: str | None) -> Leaderboard | None:
    """One page of the published leaderboard of category ``slug`` by rank, with its time and compared runs.

    None if no category has this slug.

    Every page reads the ScoreSnapshot rows of the leaderboard time pinned in
    the cursor (the first page pins the newest published run, whose snapshot
    is identical to the current Score rows), so pages stay consistent while a
    newer recompute is published in between. Two plain queries: the run
    (its time, its size, so no count, and the runs its changes compare
    with), then the page with its models' names; ORM subqueries cost more to
    build than to run here.
    """
    if "\x00" in slug:  # PostgreSQL rejects NUL in text: no category has it
        return None
    scope = f"rankings:{slug}"
    pinned = peek_cursor_extra(cursor, scope=scope).get("at")
    runs = ScoreRun.objects.filter(category__slug=slug)
    if isinstance(pinned, str):
        runs = runs.filter(recorded_at=parse_datetime(pinned))
    compared_columns = [f"compared_{period}" for period in LEADERBOARD_PERIODS]
    run = (
        runs.order_by("-recorded_at")
        .values_list("category_id", "recorded_at", "models_count", *compared_columns)
        .first()
    )
    if run is None:
        # Nothing published yet (or the pinned run was compacted away since):
        # an empty leaderboard, if the category exists.
        category_id = Category.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if category_id is None:
            return None
        run = (category_id, None, 0, *(None for _ in LEADERBOARD_PERIODS))
    category_id, at, total, *compared = run
    rows = (
        ScoreSnapshot.objects.filter(category_id=category_id, recorded_at=at)
        .annotate(**LEADERBOARD_NAMES)
        .values_list(*LEADERBOARD_COLUMNS, named=True)
    )
    page = paginate_keyset(
        rows if at else rows.none(),
        ordering=[OrderKey("rank"), OrderKey("model_id")],
        limit=limit,
        cursor=cursor,
        scope=scope,
        extra={"at": at.isoformat()} if at else {},
        total=total,
    )
    return Leaderboard(page=page, at=at, compared_with=dict(zip(LEADERBOARD_PERIODS, compared, strict=True)))


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


def model_score_history(
    model: Model, *, category: Category | None, start: date | None, end: date | None, granularity: str
) -> list[ScoreSnapshot]:
    """The model's last snapshot of each day (or ISO week) per category, oldest first."""
    snapshots = _in_range(ScoreSnapshot.objects.filter(model=model), start, end).select_related("category")
    if category is not None:
        snapshots = snapshots.filter(category=category)
    last: dict[tuple, ScoreSnapshot] = {}
    for snapshot in snapshots.order_by("recorded_at"):
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
