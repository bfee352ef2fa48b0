"""score_recompute / score_backfill against the database: what is published, and how safely."""

import threading
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from django.db import connection, connections

from aimodelsmap.dataversion import data_version
from models_registry.models import OVERALL_CATEGORY_SLUG
from rankings import loaders, scoring, services
from rankings.models import SCORE_ROW_COLUMNS, CategoryWeights, Score, ScoreRun, ScoreSnapshot
from rankings.scoring import SignalArrays
from tests.factories import CapabilityFactory, CategoryFactory, ModelFactory, SignalFactory
from tests.rankings.helpers import publish

T0 = datetime(2025, 6, 1, 12, tzinfo=UTC)


def shrunk(value, confidence=0.9, age_days=1.0):
    """A lone signal's type mean after shrinkage toward the prior 0."""
    weight = confidence * scoring.decay(np.array(age_days), scoring.DEFAULT_HALF_LIFE_DAYS)
    return weight * value / (weight + scoring.PRIOR_STRENGTH)


def board(slug, model=Score):
    return list(model.objects.filter(category__slug=slug).order_by("rank").values_list("model__slug", flat=True))


@pytest.fixture
def catalog(db):
    coding = CategoryFactory(slug="coding")
    generation = CategoryFactory(slug="coding-generation", parent=coding)
    vision = CategoryFactory(slug="vision")
    alpha, beta, gamma = (ModelFactory(slug=slug) for slug in ("alpha", "beta", "gamma"))
    # beta claims image input: a vision member, with no signal measuring vision.
    beta.capabilities.add(CapabilityFactory(slug="vision"))
    # alpha and beta are rated on a coding board; gamma's rating is general
    # (overall), and a code-generation benchmark puts it in coding too.
    for model, value, category in ((alpha, 0.9, coding), (beta, 0.6, coding), (gamma, 0.3, None)):
        SignalFactory(
            model=model,
            category=category,
            signal_type="quality",
            normalized_value=value,
            recorded_at=T0 - timedelta(days=1),
        )
    SignalFactory(
        model=gamma, category=generation, signal_type="expert", normalized_value=1.0, recorded_at=T0 - timedelta(days=1)
    )
    return {"coding": coding, "generation": generation, "vision": vision, "models": (alpha, beta, gamma)}


def test_it_publishes_a_leaderboard_per_category(catalog):
    summary = services.score_recompute(at=T0)

    assert summary.published is True
    # gamma's code-generation benchmark (expert 1.0) lifts it above beta, which only has quality 0.6.
    assert board(OVERALL_CATEGORY_SLUG) == ["alpha", "gamma", "beta"]
    assert board("coding") == ["alpha", "gamma", "beta"]
    assert board("coding-generation") == ["gamma"]
    # A member without a signal counting in the category is still ranked: last, with nothing to show.
    assert board("vision") == ["beta"]
    vision = Score.objects.get(category__slug="vision", model__slug="beta")
    assert (vision.score, vision.confidence, vision.top_drivers) == (0, 0, [])
    row = Score.objects.get(category__slug="coding", model__slug="alpha")
    assert (row.rank, row.quality_rank, row.adoption_rank, row.state, row.recorded_at) == (1, 1, 1, "new_entry", T0)
    assert row.rank_low <= row.rank <= row.rank_high
    assert row.top_drivers == ["quality"]
    assert ScoreSnapshot.objects.filter(recorded_at=T0).count() == Score.objects.count() == 8
    assert ScoreRun.objects.get(category__slug="coding", recorded_at=T0).models_count == 3


def test_it_only_uses_signals_recorded_up_to_the_time(catalog):
    alpha = catalog["models"][0]
    SignalFactory(model=alpha, signal_type="quality", normalized_value=0.0, recorded_at=T0 + timedelta(seconds=1))
    services.score_recompute(at=T0)
    # Types in play in overall: quality (0.35) and gamma's expert (0.20).
    expected = 100 * 0.35 * shrunk(0.9) / 0.55
    assert Score.objects.get(category__slug=OVERALL_CATEGORY_SLUG, model=alpha).score == pytest.approx(
        expected, abs=0.005
    )


def test_recomputing_the_same_time_twice_gives_the_same_rows(catalog):
    services.score_recompute(at=T0)
    first = sorted(ScoreSnapshot.objects.values_list(*SCORE_ROW_COLUMNS))
    services.score_recompute(at=T0)
    assert sorted(ScoreSnapshot.objects.values_list(*SCORE_ROW_COLUMNS)) == first
    assert sorted(Score.objects.values_list(*SCORE_ROW_COLUMNS)) == first
    assert ScoreRun.objects.count() == 4


def test_a_backfill_builds_history_and_rank_changes(catalog):
    alpha, beta, gamma = catalog["models"]
    alpha_drop = T0 + timedelta(days=7, hours=1)
    SignalFactory(model=alpha, signal_type="quality", normalized_value=0.0, confidence=1.0, recorded_at=alpha_drop)

    summaries = services.score_backfill(start=T0, end=T0 + timedelta(days=8), step=timedelta(days=1))

    assert len(summaries) == 9
    assert ScoreRun.objects.filter(category__slug="vision").count() == 9
    current = Score.objects.get(category__slug=OVERALL_CATEGORY_SLUG, model=gamma)
    assert current.recorded_at == T0 + timedelta(days=8)
    assert (current.rank, current.change_24h, current.change_7d) == (1, 1, 1)
    assert board(OVERALL_CATEGORY_SLUG) == ["gamma", "beta", "alpha"]
    assert Score.objects.get(category__slug=OVERALL_CATEGORY_SLUG, model=alpha).change_24h == -2
    assert Score.objects.get(category__slug="vision", model=beta).state == "stable"


def test_a_past_time_writes_history_without_replacing_the_current_leaderboard(catalog):
    services.score_recompute(at=T0)
    summary = services.score_recompute(at=T0 - timedelta(hours=1))
    assert summary.published is False
    assert set(Score.objects.values_list("recorded_at", flat=True)) == {T0}
    assert ScoreSnapshot.objects.filter(recorded_at=T0 - timedelta(hours=1)).count() == 8


def test_curator_weights_change_the_composite(catalog):
    alpha, beta, gamma = catalog["models"]
    SignalFactory(model=alpha, signal_type="usage", normalized_value=0.0, recorded_at=T0 - timedelta(days=1))
    services.score_recompute(at=T0)
    # In play in coding: quality 0.35, usage 0.10 (alpha's 0.0) and gamma's expert 0.20.
    with_usage = 100 * 0.35 * shrunk(0.9) / 0.65
    assert Score.objects.get(category__slug="coding", model=alpha).score == pytest.approx(with_usage, abs=0.005)
    CategoryWeights.objects.create(category=catalog["coding"], usage=0.0)
    services.score_recompute(at=T0)
    without_usage = 100 * 0.35 * shrunk(0.9) / 0.55
    assert Score.objects.get(category__slug="coding", model=alpha).score == pytest.approx(without_usage, abs=0.005)
    assert Score.objects.get(category__slug=OVERALL_CATEGORY_SLUG, model=alpha).score == pytest.approx(
        with_usage, abs=0.005
    )


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


def test_the_copy_and_orm_signal_loaders_agree(catalog):
    SignalFactory(source="other", recorded_at=T0 - timedelta(hours=3), confidence=0.25)
    SignalFactory(recorded_at=T0 + timedelta(hours=1))  # after T: not loaded
    fast, portable = loaders._signal_arrays_copy(T0), loaders._signal_arrays_orm(T0)

    def by_id(arrays):
        order = np.argsort(arrays.signal_id)
        return {name: getattr(arrays, name)[order] for name in SignalArrays.__dataclass_fields__}

    fast, portable = by_id(fast), by_id(portable)
    assert len(fast["signal_id"]) == 5
    for name in ("signal_id", "model_id", "type_index", "value", "confidence", "category_code"):
        assert np.array_equal(fast[name], portable[name]), name
    assert np.allclose(fast["age_days"], portable["age_days"])
    assert np.allclose(fast["age_days"][-1], 0.125)
    # Source codes are arbitrary but must name the same sources.
    assert len(set(zip(fast["source_id"], portable["source_id"], strict=True))) == 2


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
