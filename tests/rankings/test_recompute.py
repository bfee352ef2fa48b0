"""score_recompute / score_backfill against the database: what is published, and how safely."""

import gc
import re
import threading
from datetime import UTC, datetime, timedelta
from unittest import mock

import numpy as np
import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aimodelsmap.dataversion import data_version
from models_registry.models import OVERALL_CATEGORY_SLUG, Category
from rankings import loaders, services
from rankings.models import SCORE_ROW_COLUMNS, CategoryWeights, Score, ScoreRun, ScoreSnapshot
from rankings.scoring import SignalArrays
from reviews.models import Review
from tests.factories import CapabilityFactory, CategoryFactory, ModelFactory, ReviewFactory, SignalFactory
from tests.rankings.helpers import publish

T0 = datetime(2025, 6, 1, 12, tzinfo=UTC)
DAY_AGO = T0 - timedelta(days=1)


def board(slug, model=Score):
    return list(model.objects.filter(category__slug=slug).order_by("rank").values_list("model__slug", flat=True))


def rate(model, rating, *, key="full", category=None, at=DAY_AGO, **fields):
    """An arena rating on board ``key`` (general when no category), 95% interval +-8."""
    metadata = {"rating_q025": rating - 8, "rating_q975": rating + 8}
    return SignalFactory(
        model=model,
        category=category,
        signal_type="quality",
        source="arena",
        dedupe_key=key,
        raw_value=rating,
        recorded_at=at,
        metadata=metadata,
        **fields,
    )


@pytest.fixture
def catalog(db):
    coding = CategoryFactory(slug="coding")
    generation = CategoryFactory(slug="coding-generation", parent=coding)
    vision = CategoryFactory(slug="vision")
    alpha, beta, gamma = (ModelFactory(slug=slug) for slug in ("alpha", "beta", "gamma"))
    # Membership comes from evidence (refreshed at the start of every recompute):
    # alpha and beta are rated on a coding board, so coding members; beta
    # claims image input, so a vision member, with no board measuring vision.
    beta.capabilities.add(CapabilityFactory(slug="vision"))
    for model, rating in ((alpha, 1350), (beta, 1380), (gamma, 1200)):
        rate(model, rating)
    for model, rating in ((alpha, 1400), (beta, 1300)):
        rate(model, rating, key="coding", category=coding)
    # gamma's text rating is general (overall); a code-generation result puts it in coding too.
    SignalFactory(
        model=gamma, category=generation, signal_type="expert", source="models-dev", raw_value=71.0, recorded_at=DAY_AGO
    )
    SignalFactory(
        model=beta, signal_type="cost", source="litellm", dedupe_key="blended", raw_value=3.0, recorded_at=DAY_AGO
    )
    return {"coding": coding, "generation": generation, "vision": vision, "models": (alpha, beta, gamma)}


def test_it_publishes_a_leaderboard_per_category(catalog):
    summary = services.score_recompute(at=T0)

    assert summary.published is True
    # Overall follows the general (text) board; coding follows the coding board only.
    assert board(OVERALL_CATEGORY_SLUG) == ["beta", "alpha", "gamma"]
    coding = {s.model.slug: s for s in Score.objects.filter(category__slug="coding").select_related("model")}
    assert [coding[slug].quality_rank for slug in ("alpha", "beta", "gamma")] == [1, 2, 3]
    # gamma's lone benchmark cannot be put on the coding board's scale: no quality evidence, neutral.
    assert coding["gamma"].flags == ["no_quality_evidence", "no_price", "no_adoption_evidence"]
    assert board("coding") == ["alpha", "gamma", "beta"]
    assert board("coding-generation") == ["gamma"]
    # The text board is not vision evidence: beta is ranked in vision on its price alone.
    assert board("vision") == ["beta"]
    assert Score.objects.get(category__slug="vision").flags == ["no_quality_evidence", "no_adoption_evidence"]
    row = Score.objects.get(category__slug="coding", model__slug="alpha")
    assert (row.rank, row.quality_rank, row.state, row.recorded_at) == (1, 1, "new_entry", T0)
    assert row.rank_low <= row.rank <= row.rank_high
    assert row.top_drivers == ["quality"]
    assert ScoreSnapshot.objects.filter(recorded_at=T0).count() == Score.objects.count() == 8
    run = ScoreRun.objects.get(category__slug="coding", recorded_at=T0)
    assert (run.models_count, run.compared_24h, run.compared_7d, run.compared_30d) == (3, None, None, None)


def test_a_member_without_evidence_in_the_category_is_ranked_last_with_nothing_to_show(catalog):
    # delta claims image input (a vision member) and nobody has priced, listed or rated it.
    delta = ModelFactory(slug="delta")
    delta.capabilities.add(catalog["models"][1].capabilities.get())
    services.score_recompute(at=T0)

    assert board("vision") == ["beta", "delta"]
    # overall ranks every model: delta too, after every model with evidence.
    assert board(OVERALL_CATEGORY_SLUG) == ["beta", "alpha", "gamma", "delta"]
    for slug, rank in (("vision", 2), (OVERALL_CATEGORY_SLUG, 4)):
        row = Score.objects.get(category__slug=slug, model=delta)
        assert (row.score, row.confidence, row.top_drivers) == (0, 0, [])
        assert (row.rank, row.rank_low, row.rank_high, row.quality_rank, row.adoption_rank) == (rank,) * 5
        assert row.flags == ["no_quality_evidence", "no_price", "no_adoption_evidence"]
        # No evidence, so nothing changed: stable, not a new entry for ever.
        assert row.state == "stable"
    assert ScoreRun.objects.get(category__slug="vision", recorded_at=T0).models_count == 2


def test_it_only_uses_signals_recorded_up_to_the_time(catalog):
    alpha = catalog["models"][0]
    rate(alpha, 1000, at=T0 + timedelta(seconds=1))
    services.score_recompute(at=T0)
    assert board(OVERALL_CATEGORY_SLUG) == ["beta", "alpha", "gamma"]


def test_the_newest_snapshot_replaces_the_older_ones(catalog):
    alpha = catalog["models"][0]
    for days in range(2, 40):  # many older snapshots of the same board
        rate(alpha, 1500, at=T0 - timedelta(days=days))
    services.score_recompute(at=T0)
    assert board(OVERALL_CATEGORY_SLUG) == ["beta", "alpha", "gamma"]


def test_recomputing_the_same_time_twice_gives_the_same_rows(catalog):
    services.score_recompute(at=T0)
    first = sorted(ScoreSnapshot.objects.values_list(*SCORE_ROW_COLUMNS))
    services.score_recompute(at=T0)
    assert sorted(ScoreSnapshot.objects.values_list(*SCORE_ROW_COLUMNS)) == first
    assert sorted(Score.objects.values_list(*SCORE_ROW_COLUMNS)) == first
    assert ScoreRun.objects.count() == 4


def test_a_year_later_without_new_data_no_rank_changes(catalog):
    columns = ("category_id", "model_id", "rank", "quality_rank", "adoption_rank", "rank_low", "rank_high", "score")
    services.score_recompute(at=T0)
    before = sorted(Score.objects.values_list(*columns))
    services.score_recompute(at=T0 + timedelta(days=365))
    assert sorted(Score.objects.values_list(*columns)) == before
    assert set(Score.objects.values_list("state", flat=True)) == {"stable"}
    # No run near a day, a week or a month before: nothing to compare with.
    assert set(Score.objects.values_list("change_24h", "change_7d", "change_30d")) == {(None, None, None)}
    assert not ScoreRun.objects.filter(compared_7d__isnull=False).exists()


def test_reviews_count_as_adoption_evidence(catalog):
    alpha, beta, gamma = catalog["models"]
    written = [ReviewFactory(model=beta).pk for _ in range(3)] + [ReviewFactory(model=alpha, is_hidden=True).pk]
    Review.objects.filter(pk__in=written).update(created_at=DAY_AGO)
    ReviewFactory(model=gamma)  # written now, after T
    services.score_recompute(at=T0)
    adoption = dict(
        Score.objects.filter(category__slug=OVERALL_CATEGORY_SLUG).values_list("model__slug", "adoption_rank")
    )
    # gamma's review was written after T; alpha's is hidden: neither counts.
    assert adoption == {"beta": 1, "alpha": 2, "gamma": 3}
    assert "no_adoption_evidence" not in Score.objects.get(category__slug=OVERALL_CATEGORY_SLUG, model=beta).flags


def test_a_variant_ranks_as_its_own_row(catalog):
    alpha = catalog["models"][0]
    thinking = ModelFactory(slug="alpha-thinking", variant_of=alpha, variant_label="thinking")
    rate(thinking, 1420)
    services.score_recompute(at=T0)
    assert board(OVERALL_CATEGORY_SLUG) == ["alpha-thinking", "beta", "alpha", "gamma"]


def test_a_backfill_builds_history_and_rank_changes(catalog):
    alpha, beta, gamma = catalog["models"]
    rate(alpha, 1100, at=T0 + timedelta(days=7, hours=1))

    summaries = services.score_backfill(start=T0, end=T0 + timedelta(days=8), step=timedelta(days=1))

    assert len(summaries) == 9
    assert ScoreRun.objects.filter(category__slug="vision").count() == 9
    assert board(OVERALL_CATEGORY_SLUG) == ["beta", "gamma", "alpha"]
    current = Score.objects.get(category__slug=OVERALL_CATEGORY_SLUG, model=gamma)
    assert current.recorded_at == T0 + timedelta(days=8)
    # No run near 30 days before: that change is unknown, not 0.
    assert (current.rank, current.change_24h, current.change_7d, current.change_30d) == (2, 1, 1, None)
    assert Score.objects.get(category__slug=OVERALL_CATEGORY_SLUG, model=alpha).change_24h == -1
    run = ScoreRun.objects.get(category__slug=OVERALL_CATEGORY_SLUG, recorded_at=T0 + timedelta(days=8))
    assert (run.compared_24h, run.compared_7d, run.compared_30d) == (
        T0 + timedelta(days=7),
        T0 + timedelta(days=1),
        None,
    )
    # beta's evidence has not changed for over a week: stable, whatever moved around it.
    assert Score.objects.get(category__slug="vision", model=beta).state == "stable"
    assert Score.objects.get(category__slug=OVERALL_CATEGORY_SLUG, model=beta).state == "stable"


def test_a_change_compares_with_the_run_nearest_the_period_within_a_tolerance(catalog):
    overall = loaders.overall_category()
    models = list(catalog["models"])
    publish(overall, T0 - timedelta(days=7, hours=20), models[::-1], current=False)  # within a day of T - 7d
    publish(overall, T0 - timedelta(days=40), models, current=False)  # too far from T - 30d
    services.score_recompute(at=T0)
    run = ScoreRun.objects.get(category=overall, recorded_at=T0)
    assert (run.compared_24h, run.compared_7d, run.compared_30d) == (None, T0 - timedelta(days=7, hours=20), None)
    changes = dict(Score.objects.filter(category=overall).values_list("model__slug", "change_7d"))
    # A week ago the order was gamma, beta, alpha; now beta, alpha, gamma.
    assert changes == {"beta": 1, "alpha": 1, "gamma": -2}


def test_the_first_run_has_no_changes_and_a_run_a_day_later_compares_with_it(catalog):
    alpha, beta, gamma = catalog["models"]
    overall = loaders.overall_category()
    services.score_recompute(at=T0)
    first = ScoreRun.objects.get(category=overall, recorded_at=T0)
    assert (first.compared_24h, first.compared_7d, first.compared_30d) == (None, None, None)
    # Nothing to compare with: null, on the current rows and in the history.
    for rows in (Score.objects, ScoreSnapshot.objects.filter(recorded_at=T0)):
        assert set(rows.values_list("change_24h", "change_7d", "change_30d")) == {(None, None, None)}

    # A day later alpha's new rating lifts it past beta; delta is ranked for the first time.
    delta = ModelFactory(slug="delta")
    rate(alpha, 1390, at=T0 + timedelta(hours=12))
    rate(delta, 1250, at=T0 + timedelta(hours=12))
    services.score_recompute(at=T0 + timedelta(days=1))

    second = ScoreRun.objects.get(category=overall, recorded_at=T0 + timedelta(days=1))
    assert (second.compared_24h, second.compared_7d, second.compared_30d) == (T0, None, None)
    assert board(OVERALL_CATEGORY_SLUG) == ["alpha", "beta", "delta", "gamma"]
    changes = {
        slug: (change_24h, change_7d)
        for slug, change_24h, change_7d in Score.objects.filter(category=overall).values_list(
            "model__slug", "change_24h", "change_7d"
        )
    }
    # alpha and beta swapped; gamma fell below delta; delta was not in the run compared with.
    assert changes == {"alpha": (1, None), "beta": (-1, None), "gamma": (-1, None), "delta": (None, None)}
    # In coding nothing moved: a real 0, not null.
    coding = dict(Score.objects.filter(category__slug="coding").values_list("model__slug", "change_24h"))
    assert coding == {"alpha": 0, "gamma": 0, "beta": 0}


def test_a_past_time_writes_history_without_replacing_the_current_leaderboard(catalog):
    services.score_recompute(at=T0)
    summary = services.score_recompute(at=T0 - timedelta(hours=1))
    assert summary.published is False
    assert set(Score.objects.values_list("recorded_at", flat=True)) == {T0}
    assert ScoreSnapshot.objects.filter(recorded_at=T0 - timedelta(hours=1)).count() == 8


def test_curator_weights_change_the_composite_but_not_the_quality_rank(catalog):
    alpha, beta, gamma = catalog["models"]
    SignalFactory(
        model=alpha, signal_type="cost", source="litellm", dedupe_key="blended", raw_value=60.0, recorded_at=DAY_AGO
    )
    services.score_recompute(at=T0)
    assert board(OVERALL_CATEGORY_SLUG) == ["beta", "alpha", "gamma"]
    CategoryWeights.objects.create(category=loaders.overall_category(), quality=0, expert=0, trust=0, cost=1.0)
    services.score_recompute(at=T0)
    # Price alone: beta ($3) before gamma (no price: neutral) before alpha ($60).
    assert board(OVERALL_CATEGORY_SLUG) == ["beta", "gamma", "alpha"]
    quality = dict(
        Score.objects.filter(category__slug=OVERALL_CATEGORY_SLUG).values_list("model__slug", "quality_rank")
    )
    assert quality == {"beta": 1, "alpha": 2, "gamma": 3}


def test_a_failed_publish_leaves_the_previous_leaderboard(catalog, monkeypatch):
    services.score_recompute(at=T0)
    before = sorted(Score.objects.values_list(*SCORE_ROW_COLUMNS))

    insert = services._insert

    def explode_on_scores(model, rows):
        if model is Score:
            raise RuntimeError("disk full")
        insert(model, rows)

    monkeypatch.setattr(services, "_insert", explode_on_scores)
    with pytest.raises(RuntimeError):
        services.score_recompute(at=T0 + timedelta(hours=1))
    assert sorted(Score.objects.values_list(*SCORE_ROW_COLUMNS)) == before
    assert not ScoreSnapshot.objects.filter(recorded_at=T0 + timedelta(hours=1)).exists()
    assert not ScoreRun.objects.filter(recorded_at=T0 + timedelta(hours=1)).exists()


def test_a_recompute_pauses_the_cyclic_collector_and_turns_it_back_on_even_when_it_fails(catalog, monkeypatch):
    seen = []
    plans = loaders.category_plans

    def plans_noting_the_collector(categories):
        seen.append(gc.isenabled())
        return plans(categories)

    monkeypatch.setattr(loaders, "category_plans", plans_noting_the_collector)
    assert gc.isenabled()
    services.score_recompute(at=T0)
    assert (seen, gc.isenabled()) == ([False], True)

    monkeypatch.setattr(services, "_publish", mock.Mock(side_effect=RuntimeError("disk full")))
    with pytest.raises(RuntimeError):
        services.score_recompute(at=T0 + timedelta(hours=1))
    assert (seen, gc.isenabled()) == ([False, False], True)


@pytest.mark.django_db(transaction=True)
def test_it_bumps_the_data_version_on_commit():
    SignalFactory(recorded_at=T0)
    before = data_version()
    services.score_recompute(at=T0)
    assert data_version() > before


def test_an_unknown_category_is_rejected(catalog):
    with pytest.raises(services.Category.DoesNotExist):
        services.score_recompute(category="nope", at=T0)


def test_one_category_can_be_recomputed_alone(catalog):
    services.score_recompute(category="vision", at=T0)
    assert set(ScoreRun.objects.values_list("category__slug", flat=True)) == {"vision"}
    assert board("vision") == ["beta"]


@pytest.mark.django_db(transaction=True)
def test_a_second_recompute_is_refused_while_one_holds_the_lock():
    SignalFactory(recorded_at=T0)
    holding, release = threading.Event(), threading.Event()

    def hold_lock():
        try:
            with services.recompute_lock():
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold_lock)
    thread.start()
    try:
        assert holding.wait(10)
        with pytest.raises(services.RecomputeBusy):
            services.score_recompute(at=T0)
        assert not Score.objects.exists()
    finally:
        release.set()
        thread.join()
    assert connection.vendor == "postgresql"
    services.score_recompute(at=T0)
    assert Score.objects.count() == 1


# The packed loader reads the signals a range of ids at a time: in one
# statement, and (2 ids per statement) in several.
@pytest.mark.parametrize("ids_per_statement", [loaders._PACKED_IDS_PER_STATEMENT, 2])
def test_the_packed_and_orm_signal_loaders_agree(catalog, monkeypatch, ids_per_statement):
    monkeypatch.setattr(loaders, "_PACKED_IDS_PER_STATEMENT", ids_per_statement)
    SignalFactory(source="other", recorded_at=T0 - timedelta(hours=3), metadata={"std_error": 4.5})
    SignalFactory(recorded_at=T0 - timedelta(hours=2, microseconds=250), metadata={"self_reported": True})
    SignalFactory(recorded_at=T0 + timedelta(hours=1))  # after T: not loaded
    fast, portable = loaders._signal_arrays_packed(T0), loaders._signal_arrays_orm(T0)

    def by_id(arrays):
        order = np.argsort(arrays.signal_id)
        return {name: getattr(arrays, name)[order] for name in SignalArrays.__dataclass_fields__}

    fast, portable = by_id(fast), by_id(portable)
    assert len(fast["signal_id"]) == 9
    for name in ("signal_id", "model_id", "type_index", "raw_value", "category_code", "self_reported"):
        assert np.array_equal(fast[name], portable[name]), name
    assert np.allclose(fast["std_error"], portable["std_error"], equal_nan=True)
    assert fast["std_error"][0] == 16 / 3.92 and fast["std_error"][-2] == 4.5 and np.isnan(fast["std_error"][-3])
    assert list(fast["self_reported"][-2:]) == [False, True]
    assert np.allclose(fast["age_days"], portable["age_days"])
    assert fast["age_days"][-2] == 0.125
    # Microseconds count: the age is exact up to one rounding of the seconds.
    assert fast["age_days"][-1] == 7200.00025 / 86400
    # Source and board codes are arbitrary but must name the same sources and boards.
    for name in ("source_id", "board_id"):
        pairs = set(zip(fast[name], portable[name], strict=True))
        assert len(pairs) == len(set(fast[name])) == len(set(portable[name])), name


def test_the_packed_loader_reads_no_signals_as_empty_arrays(db):
    SignalFactory(recorded_at=T0 + timedelta(hours=1))  # after T: not loaded

    arrays = loaders._signal_arrays_packed(T0)

    for name in SignalArrays.__dataclass_fields__:
        column = getattr(arrays, name)
        assert (len(column), column.dtype) == (0, loaders._DTYPES[name]), name


def test_a_signal_the_packed_loader_cannot_read_is_an_error_not_a_silent_gap(catalog):
    # A type outside the known ones has no code: its record would be NULL and
    # the aggregate would skip it.
    SignalFactory(signal_type="rumour", recorded_at=DAY_AGO)

    with pytest.raises(ValueError, match="1 signals have a field the loader cannot read"):
        loaders._signal_arrays_packed(T0)


def test_the_earlier_runs_read_together_or_a_category_per_statement_agree(catalog, monkeypatch):
    for days in (30, 7, 3, 2, 1):
        services.score_recompute(at=T0 - timedelta(days=days))
    boards = {}
    for category_id, model_id in Score.objects.order_by("category_id", "model_id").values_list(
        "category_id", "model_id"
    ):
        boards.setdefault(category_id, []).append(model_id)
    boards = {category_id: np.array(ids) for category_id, ids in boards.items()}

    together = loaders.histories(boards, T0)
    monkeypatch.setattr(loaders, "_HISTORY_CATEGORIES_PER_STATEMENT", 1)
    apart = loaders.histories(boards, T0)

    assert together.keys() == apart.keys() == boards.keys()
    for category_id, history in together.items():
        assert history.compared_at == apart[category_id].compared_at
        assert history.compared_at == {"24h": DAY_AGO, "7d": T0 - timedelta(days=7), "30d": T0 - timedelta(days=30)}
        for period in history.previous_rank:
            assert np.array_equal(history.previous_rank[period], apart[category_id].previous_rank[period])
        assert np.array_equal(history.window_best_rank, apart[category_id].window_best_rank)
        assert np.array_equal(history.window_worst_rank, apart[category_id].window_worst_rank)
    # Every ranked model was in every earlier run: ranks, no gaps.
    overall = together[loaders.overall_category().id]
    ranks = dict(Score.objects.filter(category__slug=OVERALL_CATEGORY_SLUG).values_list("model_id", "rank"))
    assert overall.previous_rank["24h"].tolist() == [ranks[m] for m in boards[loaders.overall_category().id]]
    assert (overall.window_best_rank <= overall.window_worst_rank).all()


def test_older_history_is_compacted_to_the_last_leaderboard_of_each_day(db):
    overall, model = CategoryFactory(slug="overall"), SignalFactory(recorded_at=T0 - timedelta(days=30)).model
    start = T0 - timedelta(days=10)
    for hour in range(0, 10 * 24, 6):
        publish(overall, start + timedelta(hours=hour), [model], current=False)

    services.score_recompute(at=T0)

    times = sorted(ScoreRun.objects.filter(category=overall).values_list("recorded_at", flat=True))
    old = [t for t in times if t < T0 - services.HOURLY_HISTORY]
    recent = [t for t in times if t >= T0 - services.HOURLY_HISTORY]
    # Before the cutoff (May 24, 12:00) only the last run of each day stays.
    assert old == [datetime(2025, 5, 22, 18, tzinfo=UTC), datetime(2025, 5, 23, 18, tzinfo=UTC)]
    assert len(recent) == 8 * 4 + 1
    assert sorted(ScoreSnapshot.objects.values_list("recorded_at", flat=True)) == times


@pytest.mark.parametrize(
    ("start", "end", "step", "message"),
    [
        (T0, T0 + timedelta(days=1), timedelta(0), "step must be positive"),
        (T0 + timedelta(days=1), T0, timedelta(days=1), "start must not be after end"),
    ],
)
def test_a_backfill_rejects_a_bad_range(db, start, end, step, message):
    with pytest.raises(ValueError, match=message):
        services.score_backfill(start=start, end=end, step=step)
    assert not ScoreRun.objects.exists()


def _history_add(categories, models, *, days: range) -> None:
    """Daily leaderboards ``days`` days before T0 in each category: history older than any compared run."""
    for day in days:
        for category in categories:
            publish(category, T0 - timedelta(days=day), models, current=False)


def _publish_footprint() -> tuple[list[str], dict[str, tuple[int, int, int]]]:
    """A recompute at T0 rolled back: its statements and the rows it inserted, updated and deleted per table."""
    tables = (
        "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables WHERE relname LIKE 'rankings_%%'"
    )

    def written() -> dict[str, tuple[int, int, int]]:
        with connection.cursor() as cursor:
            cursor.execute(tables)
            return {name: counts for name, *counts in cursor.fetchall() for counts in [tuple(counts)]}

    with transaction.atomic():
        before = written()
        # ScoreRun.computed_at reads the wall clock: hold it still.
        with CaptureQueriesContext(connection) as statements, mock.patch.object(timezone, "now", return_value=T0):
            services.score_recompute(at=T0)
        after = written()
        transaction.set_rollback(True)
    changes = {
        name: tuple(a - b for a, b in zip(after[name], before.get(name, (0, 0, 0)), strict=True)) for name in after
    }
    # Savepoint names differ between any two runs.
    sql = [re.sub(r'"s\d+_x\d+"', '"savepoint"', query["sql"]) for query in statements.captured_queries]
    return sql, {name: counts for name, counts in changes.items() if any(counts)}


def test_a_publish_runs_the_same_statements_and_writes_the_same_rows_however_long_the_history(catalog):
    # The compared runs (a day, a week, a month before T0) are the same in both
    # measurements; only history older than all of them is added in between.
    for days in (30, 7, 1):
        services.score_recompute(at=T0 - timedelta(days=days))
    categories = [catalog["coding"], catalog["vision"], *Category.objects.filter(slug=OVERALL_CATEGORY_SLUG)]
    short_statements, short_rows = _publish_footprint()

    _history_add(categories, catalog["models"], days=range(40, 140))
    assert ScoreSnapshot.objects.filter(recorded_at__lt=T0 - timedelta(days=35)).count() > 500
    long_statements, long_rows = _publish_footprint()

    assert long_statements == short_statements
    assert long_rows == short_rows
    assert short_rows["rankings_scoresnapshot"] == (Score.objects.count(), 0, 0)


def test_every_score_history_index_leads_with_the_category_and_time_a_publish_appends(db):
    table = ScoreSnapshot._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    indexes = {name: c["columns"] for name, c in constraints.items() if c["index"] and not c["primary_key"]}

    assert indexes
    assert all(columns[:2] == ["category_id", "recorded_at"] for columns in indexes.values()), indexes


def test_deleting_a_model_deletes_its_scores_and_their_history(catalog):
    services.score_recompute(at=DAY_AGO)
    services.score_recompute(at=T0)
    alpha = catalog["models"][0]
    assert ScoreSnapshot.objects.filter(model=alpha).count() == 2 * Score.objects.filter(model=alpha).count() > 0

    alpha.delete()

    assert not Score.objects.filter(model_id=alpha.pk).exists()
    assert not ScoreSnapshot.objects.filter(model_id=alpha.pk).exists()
