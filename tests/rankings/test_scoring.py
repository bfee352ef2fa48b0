"""The scoring engine, without a database: worked cases and hypothesis properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rankings import scoring
from rankings.movement import History, movement
from rankings.scoring import CategoryPlan, SignalArrays

WEIGHTS = scoring.weight_vector()


def arrays(rows) -> SignalArrays:
    """rows: (model_id, type, value, confidence, age_days, source_id, category_code)."""
    columns = list(zip(*rows, strict=True)) if rows else [[]] * 7
    return SignalArrays(
        signal_id=np.arange(len(rows)),
        model_id=np.array(columns[0], dtype=np.int64),
        type_index=np.array([scoring.TYPE_INDEX[t] for t in columns[1]], dtype=np.int64),
        value=np.array(columns[2], dtype=float),
        confidence=np.array(columns[3], dtype=float),
        age_days=np.array(columns[4], dtype=float),
        source_id=np.array(columns[5], dtype=np.int64),
        category_code=np.array(columns[6], dtype=np.int64),
    )


def reorder(signals: SignalArrays, permutation) -> SignalArrays:
    return SignalArrays(**{name: getattr(signals, name)[permutation] for name in SignalArrays.__dataclass_fields__})


def test_it_averages_each_type_by_confidence_and_age_then_weights_the_types():
    # quality: (0.9 * 1.0 * 1 + 0.5 * 0.5 * 0.5) / (1 + 0.25) at ages 0 and one half-life
    signals = arrays(
        [
            (1, "quality", 0.9, 1.0, 0.0, 1, 0),
            (1, "quality", 0.5, 0.5, scoring.DEFAULT_HALF_LIFE_DAYS, 1, 0),
            (1, "demand", 0.4, 1.0, 0.0, 2, 0),
        ]
    )
    result = scoring.score_category(signals, weights=WEIGHTS, resamples=0)
    quality = (0.9 * 1.0 + 0.5 * 0.25) / 1.25
    expected = 100 * (0.30 * quality + 0.15 * 0.4) / (0.30 + 0.15)
    assert result.score[0] == pytest.approx(expected)
    assert result.top_drivers(0) == ["quality", "demand"]
    assert result.contributions[0].sum() == pytest.approx(expected)


def test_it_ranks_the_quality_and_adoption_sides_separately():
    signals = arrays(
        [
            (1, "quality", 0.9, 1.0, 0, 1, 0),
            (1, "usage", 0.1, 1.0, 0, 1, 0),
            (2, "quality", 0.2, 1.0, 0, 1, 0),
            (2, "usage", 0.95, 1.0, 0, 1, 0),
        ]
    )
    result = scoring.score_category(signals, weights=WEIGHTS, resamples=0)
    assert list(result.model_id) == [1, 2]
    assert list(result.quality_rank) == [1, 2]
    assert list(result.adoption_rank) == [2, 1]
    assert list(result.rank) == [1, 2]


def test_rank_spread_follows_lmarena_overlaps():
    low = np.array([90.0, 85.0, 50.0, 10.0])
    high = np.array([95.0, 92.0, 60.0, 20.0])
    best, worst = scoring.rank_spread(low, high)
    assert list(best) == [1, 1, 3, 4]
    assert list(worst) == [2, 2, 3, 4]


def test_it_counts_category_signals_in_their_plans_and_general_signals_for_members():
    signals = arrays(
        [
            (1, "quality", 0.9, 1.0, 0, 1, 0),
            (2, "quality", 0.5, 1.0, 0, 1, 0),
            (3, "quality", 0.7, 1.0, 0, 1, 5),
        ]
    )
    plans = [
        CategoryPlan(key="overall", codes=frozenset({5}), members=None, weights=WEIGHTS),
        CategoryPlan(key="coding", codes=frozenset({5}), members=np.array([2]), weights=WEIGHTS),
    ]
    results = scoring.score_categories(signals, plans, resamples=50)
    assert list(results["overall"].model_id) == [1, 2, 3]
    assert list(results["coding"].model_id) == [2, 3]
    assert list(results["coding"].rank) == [2, 1]


def test_a_recompute_is_reproducible():
    rng = np.random.default_rng(3)
    rows = [
        (int(m), str(rng.choice(scoring.SIGNAL_TYPES)), float(rng.random()), 0.8, float(rng.random() * 60), 1, 0)
        for m in rng.integers(1, 30, 300)
    ]
    first = scoring.score_category(arrays(rows), weights=WEIGHTS)
    second = scoring.score_category(arrays(rows), weights=WEIGHTS)
    assert np.array_equal(first.score_low, second.score_low)
    assert np.array_equal(first.rank_high, second.rank_high)
    assert len(first.score) == len(np.unique([row[0] for row in rows]))


def test_movement_sets_changes_and_states():
    scores = scoring.score_category(
        arrays([(m, "quality", v, 1.0, 0, 1, 0) for m, v in [(1, 0.9), (2, 0.7), (3, 0.5), (4, 0.3), (5, 0.1)]]),
        weights=WEIGHTS,
        resamples=0,
    )
    nan = np.nan
    history = History(
        rank_24h_ago=np.array([2, nan, 3, 4, 5]),
        rank_7d_ago=np.array([1, nan, 1, 4, 5]),
        first_scored_days_ago=np.array([30, 2, 30, 30, 30]),
        window_min_score=np.array([90, nan, 50, 10, 10]),
        window_max_score=np.array([90, nan, 50, 30, 10]),
    )
    change_24h, change_7d, states = movement(scores, history)
    assert list(change_24h) == [1, 0, 0, 0, 0]
    assert list(change_7d) == [0, 0, -2, 0, 0]
    assert states == ["stable", "new_entry", "falling", "volatile", "stable"]


signal_rows = st.lists(
    st.tuples(
        st.integers(1, 12),
        st.sampled_from(scoring.SIGNAL_TYPES),
        st.floats(0, 1),
        st.floats(0.05, 1),
        st.floats(0, 400),
        st.integers(1, 4),
        st.integers(0, 2),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(rows=signal_rows, pick=st.integers(0, 10_000), bump=st.floats(0, 1))
def test_raising_a_models_signal_never_lowers_its_own_score(rows, pick, bump):
    index = pick % len(rows)
    raised = list(rows)
    row = raised[index]
    raised[index] = (row[0], row[1], min(1.0, row[2] + bump), *row[3:])
    before = scoring.score_category(arrays(rows), weights=WEIGHTS, resamples=20)
    after = scoring.score_category(arrays(raised), weights=WEIGHTS, resamples=20)
    position = int(np.searchsorted(before.model_id, row[0]))
    assert after.score[position] >= before.score[position] - 1e-9


@settings(max_examples=60, deadline=None)
@given(rows=signal_rows, seed=st.integers(0, 2**32 - 1))
def test_the_result_does_not_depend_on_row_order(rows, seed):
    signals = arrays(rows)
    shuffled = reorder(signals, np.random.default_rng(seed).permutation(len(rows)))
    plain = scoring.score_category(signals, weights=WEIGHTS, resamples=30)
    mixed = scoring.score_category(shuffled, weights=WEIGHTS, resamples=30)
    for field in ("model_id", "score", "score_low", "score_high", "rank", "rank_low", "rank_high", "confidence"):
        assert np.allclose(getattr(plain, field), getattr(mixed, field)), field
    assert np.array_equal(plain.quality_rank, mixed.quality_rank)


@settings(max_examples=80, deadline=None)
@given(rows=signal_rows)
def test_ranks_are_one_to_n_and_inside_the_rank_spread(rows):
    result = scoring.score_category(arrays(rows), weights=WEIGHTS, resamples=30)
    n = len(result.model_id)
    for ranks in (result.rank, result.quality_rank, result.adoption_rank):
        assert sorted(ranks) == list(range(1, n + 1))
    assert np.all(result.rank_low <= result.rank)
    assert np.all(result.rank <= result.rank_high)
    assert np.all((result.confidence >= 0) & (result.confidence <= 1))
    assert np.all((result.score >= 0) & (result.score <= 100))


def test_the_worked_example_of_the_methodology_doc():
    sources = {"arena": 1, "genai-prices": 2, "openrouter": 3, "models-dev": 4}
    rows = [
        ("A", "quality", 0.92, 0.95, 0, "arena"),
        ("A", "quality", 0.88, 0.95, 90, "arena"),
        ("A", "cost", 0.35, 1.0, 0, "genai-prices"),
        ("A", "demand", 0.80, 0.6, 0, "openrouter"),
        ("B", "quality", 0.90, 0.90, 0, "arena"),
        ("B", "quality", 0.86, 0.90, 90, "arena"),
        ("B", "cost", 0.55, 1.0, 0, "genai-prices"),
        ("B", "demand", 0.70, 0.6, 0, "openrouter"),
        ("B", "expert", 0.78, 0.8, 30, "models-dev"),
        ("C", "quality", 0.74, 0.85, 0, "arena"),
        ("C", "cost", 0.90, 1.0, 0, "genai-prices"),
        ("C", "demand", 0.30, 0.6, 0, "openrouter"),
    ]
    ids = {"A": 1, "B": 2, "C": 3}
    signals = arrays([(ids[m], t, v, c, age, sources[s], 0) for m, t, v, c, age, s in rows])

    result = scoring.score_category(signals, weights=WEIGHTS)

    table = [
        (
            round(result.score[i], 2),
            round(result.score_low[i], 2),
            round(result.score_high[i], 2),
            int(result.rank[i]),
            (int(result.rank_low[i]), int(result.rank_high[i])),
            int(result.quality_rank[i]),
            int(result.adoption_rank[i]),
            round(result.confidence[i], 3),
        )
        for i in range(3)
    ]
    assert table == [
        (74.08, 57.5, 92.0, 2, (1, 3), 1, 1, 0.622),
        (75.93, 62.5, 87.03, 1, (1, 3), 2, 2, 0.683),
        (67.0, 30.0, 90.0, 3, (1, 3), 3, 3, 0.562),
    ]
    assert np.round(result.contributions[0], 2).tolist() == [20.0, 0.0, 45.33, 8.75, 0.0, 0.0, 0.0]
    assert result.top_drivers(0) == ["quality", "demand", "cost"]
