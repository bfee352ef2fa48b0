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
    # Each type mean is shrunk toward 0 by the prior strength k: sum(w v) / (sum(w) + k).
    k = scoring.PRIOR_STRENGTH
    quality = (0.9 * 1.0 + 0.5 * 0.25) / (1.25 + k)
    demand = 0.4 * 1.0 / (1.0 + k)
    expected = 100 * (0.35 * quality + 0.10 * demand) / (0.35 + 0.10)
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


def test_it_ranks_exactly_a_plans_members_on_their_general_and_specific_signals():
    signals = arrays(
        [
            (1, "quality", 0.9, 1.0, 0, 1, 0),
            (2, "quality", 0.5, 1.0, 0, 1, 0),
            (3, "quality", 0.7, 1.0, 0, 1, 5),
            (4, "quality", 1.0, 1.0, 0, 1, 5),
        ]
    )
    plans = [
        CategoryPlan(key="overall", codes=frozenset({5}), members=None, weights=WEIGHTS),
        # 1's general rating does not make it a member; 4's coding rating counts nowhere it is not one.
        CategoryPlan(key="coding", codes=frozenset({5}), members=np.array([2, 3, 9]), weights=WEIGHTS),
    ]
    results = scoring.score_categories(signals, plans, resamples=50)
    assert list(results["overall"].model_id) == [1, 2, 3, 4]
    coding = results["coding"]
    assert list(coding.model_id) == [2, 3, 9]
    assert list(coding.rank) == [2, 1, 3]
    # 9 has no signal that counts: it is ranked, last, with nothing to show.
    assert (coding.score[2], coding.confidence[2], coding.top_drivers(2)) == (0, 0, [])
    assert (coding.quality_rank[2], coding.adoption_rank[2]) == (3, 3)


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
    nan, now = np.nan, scores.score
    history = History(
        rank_24h_ago=np.array([2, nan, 3, 4, 5]),
        rank_7d_ago=np.array([1, nan, 1, 4, 5]),
        first_scored_days_ago=np.array([30, 2, 30, 30, 30]),
        # Model 4 swung 20 points within the window; the others held their score.
        window_min_score=np.array([now[0], nan, now[2], now[3] - 10, now[4]]),
        window_max_score=np.array([now[0], nan, now[2], now[3] + 10, now[4]]),
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
    # Real rows of the demo data (snapshots up to 2026-08-21), ages in days at T = 2026-08-21.
    sources = {"arena": 1, "genai-prices": 2, "litellm": 3, "models-dev": 4, "openrouter": 5}
    rows = [
        ("gemini", "quality", 0.8814, 0.93, 253, "arena"),
        ("gemini", "quality", 0.8860, 0.91, 253, "arena"),
        ("gemini", "expert", 0.4280, 0.80, 80, "models-dev"),
        ("gemini", "cost", 0.5058, 1.00, 0, "genai-prices"),
        ("gemini", "demand", 1.0000, 0.60, 51, "openrouter"),
        ("claude", "quality", 0.6787, 0.90, 253, "arena"),
        ("claude", "quality", 0.8227, 0.87, 253, "arena"),
        ("claude", "cost", 0.2225, 1.00, 51, "litellm"),
        ("claude", "demand", 0.6309, 0.60, 51, "litellm"),
        ("glm", "expert", 0.5920, 0.80, 51, "models-dev"),
        ("glm", "cost", 1.0000, 1.00, 51, "models-dev"),
        ("glm", "demand", 0.8982, 0.60, 51, "models-dev"),
        ("qwen-free", "cost", 1.0000, 0.70, 51, "openrouter"),
        ("qwen-free", "demand", 1.0000, 0.60, 51, "openrouter"),
    ]
    ids = {"gemini": 1, "claude": 2, "glm": 3, "qwen-free": 4}
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
        for i in range(4)
    ]
    assert table == [
        (29.94, 8.24, 39.05, 1, (1, 4), 1, 1, 0.579),
        (17.2, 2.17, 24.7, 3, (1, 4), 2, 4, 0.526),
        (21.22, 5.36, 28.21, 2, (1, 4), 3, 3, 0.531),
        (12.45, 5.97, 18.17, 4, (1, 4), 4, 2, 0.523),
    ]
    assert np.round(result.contributions[0], 2).tolist() == [5.97, 0.0, 14.19, 4.5, 0.0, 0.0, 5.29]
    assert result.top_drivers(0) == ["quality", "demand", "expert"]
    assert result.top_drivers(3) == ["cost", "demand"]


def test_a_missing_type_adds_nothing_and_thin_evidence_counts_for_less():
    k = scoring.PRIOR_STRENGTH
    signals = arrays(
        [
            (1, "quality", 0.8, 1.0, 0, 1, 0),
            (1, "cost", 1.0, 1.0, 0, 2, 0),
            (2, "quality", 0.8, 1.0, 0, 1, 0),
            (2, "quality", 0.8, 1.0, 0, 3, 0),
            (3, "cost", 1.0, 1.0, 0, 2, 0),
        ]
    )
    result = scoring.score_category(signals, weights=WEIGHTS, resamples=0)
    in_play = 0.35 + 0.10  # quality and cost: no model has the other types
    assert result.score[0] == pytest.approx(100 * (0.35 * 0.8 / (1 + k) + 0.10 * 1.0 / (1 + k)) / in_play)
    # Two agreeing ratings are more evidence than one: less shrinkage.
    assert result.score[1] == pytest.approx(100 * 0.35 * 1.6 / (2 + k) / in_play)
    # No quality evidence: the quality type adds 0, it is not left out of the denominator.
    assert result.score[2] == pytest.approx(100 * 0.10 * 1.0 / (1 + k) / in_play)
    assert list(result.rank) == [1, 2, 3]
    assert result.top_drivers(2) == ["cost"]


def test_arena_leaders_outrank_cheap_widely_hosted_models_without_quality_evidence():
    # Shaped like the demo data: rated models have several arena ratings and a
    # benchmark but cost more; unrated ones are free and served everywhere.
    rated = {1: 0.95, 2: 0.90, 3: 0.85}
    rows = []
    for model, rating in rated.items():
        rows += [(model, "quality", rating - 0.02 * snapshot, 0.9, 30.0 * snapshot, 1, 0) for snapshot in range(4)]
        rows += [
            (model, "expert", rating - 0.3, 0.8, 20, 2, 0),
            (model, "cost", 0.3, 1.0, 0, 3, 0),
            (model, "demand", 0.6, 0.6, 0, 4, 0),
        ]
    for model in (10, 11, 12, 13):
        rows += [(model, "cost", 1.0, 1.0, 0, 3, 0), (model, "demand", 1.0, 0.6, 0, 4, 0)]
        rows += [(model, "demand", 1.0, 0.6, 0, 5, 0), (model, "usage", 0.9, 0.7, 0, 5, 0)]

    result = scoring.score_category(arrays(rows), weights=WEIGHTS)

    ranked = [int(model) for model in result.model_id[np.argsort(result.rank)]]
    assert ranked[:3] == [1, 2, 3]
    assert set(ranked[3:]) == {10, 11, 12, 13}
    assert result.top_drivers(0)[0] == "quality"
    assert list(result.quality_rank[:3]) == [1, 2, 3]


@settings(max_examples=60, deadline=None)
@given(
    rows=signal_rows,
    cost=st.tuples(st.floats(0, 1), st.floats(0.05, 1), st.floats(0, 400)),
    demand=st.tuples(st.floats(0, 1), st.floats(0.05, 1), st.floats(0, 400)),
    quality=st.tuples(st.floats(0.5, 1), st.floats(0.5, 1), st.floats(0, 180)),
)
def test_a_model_without_quality_evidence_never_outranks_its_twin_with_a_strong_rating(rows, cost, demand, quality):
    # Model 100 has only cost and demand; model 101 has the same plus a strong
    # quality signal. 100 wins ties (smaller id), so 101 must score strictly higher.
    twins = []
    for model in (100, 101):
        twins += [(model, "cost", *cost, 6, 0), (model, "demand", *demand, 7, 0)]
    twins.append((101, "quality", *quality, 8, 0))
    result = scoring.score_category(arrays(rows + twins), weights=WEIGHTS, resamples=20)
    cheap, rated = np.searchsorted(result.model_id, [100, 101])
    assert result.score[rated] > result.score[cheap]
    assert result.rank[rated] < result.rank[cheap]
    assert result.quality_rank[rated] < result.quality_rank[cheap]
