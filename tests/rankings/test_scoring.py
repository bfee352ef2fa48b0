"""The scoring engine, without a database: worked cases and hypothesis properties."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rankings import scoring
from rankings.movement import History, movement
from rankings.scoring import CategoryPlan, SignalArrays
from rankings.scoring.quality import DAYS_PER_YEAR, DRIFT_SD_PER_YEAR

ARENA, BENCH, PRICES, HOSTS = 1, 2, 3, 4
CODING = 7
MULTI = 8


def arrays(rows) -> SignalArrays:
    """rows: (model, type, raw value, std error, age days, source, board, category code[, self-reported])."""
    rows = [(*row, False) if len(row) == 8 else row for row in rows]
    columns = list(zip(*rows, strict=True)) if rows else [[]] * 9
    return SignalArrays(
        signal_id=np.arange(len(rows)),
        model_id=np.array(columns[0], dtype=np.int64),
        type_index=np.array([scoring.TYPE_INDEX[t] for t in columns[1]], dtype=np.int64),
        raw_value=np.array(columns[2], dtype=float),
        std_error=np.array(columns[3], dtype=float),
        age_days=np.array(columns[4], dtype=float),
        source_id=np.array(columns[5], dtype=np.int64),
        board_id=np.array(columns[6], dtype=np.int64),
        category_code=np.array(columns[7], dtype=np.int64),
        self_reported=np.array(columns[8], dtype=bool),
    )


def reorder(signals: SignalArrays, permutation) -> SignalArrays:
    return SignalArrays(**{name: getattr(signals, name)[permutation] for name in SignalArrays.__dataclass_fields__})


def score(signals, *, codes=(0,), own=(0,), members=None, resamples=0, weights=None):
    plan = CategoryPlan(
        key="c",
        codes=frozenset(codes),
        members=members,
        weights=scoring.weight_vector(weights),
        own_codes=frozenset(own),
    )
    return scoring.score_categories(signals, [plan], resamples=resamples)["c"]


def arena(model, rating, *, se=5.0, age=10.0, board=100, code=0):
    return (model, "quality", rating, se, age, ARENA, board, code)


def test_the_newest_snapshot_is_the_measurement_and_older_ones_are_history():
    old = [arena(1, 1300, age=200), arena(1, 1310, age=100), arena(2, 1250, age=100)]
    newest = [arena(1, 1400, age=10), arena(2, 1250, age=10)]
    result = score(arrays(old + newest))
    alone = score(arrays(newest))
    assert np.allclose(result.quality, alone.quality)
    assert np.allclose(result.quality_sd, alone.quality_sd)


def test_the_standard_error_comes_from_the_published_interval_and_sets_the_precision():
    # Two models, one board: the prior is the board's mean and its spread less the noise.
    result = score(arrays([arena(1, 1400, se=2.0), arena(2, 1200, se=20.0), arena(3, 1300, se=5.0)]))
    values, se2 = np.array([1400, 1200, 1300.0]), np.array([4.0, 400.0, 25.0])
    prior_mean, prior_var = values.mean(), values.var() - se2.mean()
    expected = (values / se2 + prior_mean / prior_var) / (1 / se2 + 1 / prior_var)
    assert np.allclose(result.quality, expected)
    assert np.allclose(result.quality_sd, 1 / np.sqrt(1 / se2 + 1 / prior_var))
    # Shrinkage is toward the category mean, not toward zero: the noisy model moves up toward 1300.
    assert 1200 < result.quality[1] < 1300


def test_staleness_adds_variance_instead_of_decaying_the_value():
    board = [arena(m, 1200 + 20 * m, age=10) for m in range(1, 8)]
    fresh = score(arrays([*board, arena(9, 1500, age=10)]))
    stale = score(arrays([*board, arena(9, 1500, age=375)]))
    assert stale.quality_sd[-1] > fresh.quality_sd[-1]
    values = np.array([1200 + 20 * m for m in range(1, 8)] + [1500.0])
    drift = (DRIFT_SD_PER_YEAR * values.std()) ** 2 * 365 / DAYS_PER_YEAR
    assert stale.quality_sd[-1] == pytest.approx(1 / math.sqrt(1 / (25 + drift) + 1 / stale.posterior.prior_sd**2))
    # The lagging model keeps most of its lead: staleness makes it less certain, not worse.
    assert stale.quality_rank[-1] == 1


def test_a_benchmark_is_calibrated_onto_the_arena_scale_through_the_models_both_rate():
    # Benchmark = (Elo - 1000) / 5 exactly, for six models on both; a seventh only has the benchmark.
    elo = {m: 1200 + 30 * m for m in range(1, 7)}
    rows = [arena(m, e, se=3.0) for m, e in elo.items()]
    rows += [(m, "expert", (e - 1000) / 5, np.nan, 10, BENCH, 200, 0) for m, e in elo.items()]
    rows.append((7, "expert", (1500 - 1000) / 5, np.nan, 10, BENCH, 200, 0))
    result = score(arrays(rows))
    calibration = next(c for c in result.posterior.calibrations if c.series != result.posterior.anchor_series)
    assert (calibration.slope, calibration.intercept) == pytest.approx((5.0, 1000.0))
    # Model 7 lands on the Elo scale (shrunk a little toward the mean), above every arena-rated model.
    assert result.quality_rank[6] == 1
    assert 1380 < result.quality[6] < 1500


def test_a_series_too_thin_to_calibrate_is_left_out():
    rows = [arena(m, 1200 + 30 * m) for m in range(1, 7)]
    rows += [(m, "expert", 90.0 - m, np.nan, 10, BENCH, 200, 0) for m in (1, 2)]
    rows.append((9, "expert", 99.0, np.nan, 10, BENCH, 200, 0))
    result = score(arrays(rows))
    assert not result.posterior.measured[-1]
    assert "no_quality_evidence" in result.flags(len(result.model_id) - 1)


def test_a_self_reported_result_carries_more_variance_and_a_flag():
    elo = {m: 1200 + 30 * m for m in range(1, 7)}
    rows = [arena(m, e) for m, e in elo.items()]
    rows += [(m, "expert", (e - 1000) / 5 + (m % 2) * 4, np.nan, 10, BENCH, 200, 0) for m, e in elo.items()]
    independent = score(arrays([*rows, (7, "expert", 90.0, np.nan, 10, BENCH, 200, 0, False)]))
    claimed = score(arrays([*rows, (7, "expert", 90.0, np.nan, 10, BENCH, 200, 0, True)]))
    assert claimed.quality_sd[-1] > independent.quality_sd[-1]
    assert claimed.quality[-1] < independent.quality[-1]
    assert "self_reported_evidence" in claimed.flags(6)
    assert "self_reported_evidence" not in independent.flags(6)


def test_a_calibration_carries_its_small_sample_variance():
    # Six models on both: the residual of the fit is an estimate on 6 - 2 degrees of
    # freedom, and a new model's error under it has (6 - 2) / (6 - 4) times its variance.
    elo = np.array([1200.0 + 30 * m for m in range(1, 7)])
    bench = (elo - 1000) / 5 + np.array([2.0, -2.0] * 3)
    rows = [arena(m, e, se=3.0) for m, e in zip(range(1, 7), elo, strict=True)]
    rows += [(m, "expert", x, np.nan, 10, BENCH, 200, 0) for m, x in zip(range(1, 7), bench, strict=True)]
    calibration = next(c for c in score(arrays(rows)).posterior.calibrations if c.series != 0)
    slope = elo.std() / bench.std()
    gap = (elo - elo.mean()) - slope * (bench - bench.mean())
    fit = (gap**2).mean() * 6 / 4 - 9.0 - slope**2 * (0.1 * bench.std()) ** 2
    floor = (0.1 * math.sqrt(elo.var() - 9.0)) ** 2
    assert calibration.residual_sd == pytest.approx(math.sqrt(max(fit, floor) * 4 / 2))


def test_several_benchmarks_cannot_make_a_model_better_known_than_their_calibration():
    # Three benchmarks, each fitted on the same eight arena models with its own errors;
    # model 9 has only the benchmarks. Their model-specific error is shared, so together
    # they are worth no more than the best calibration's residual.
    elo = {m: 1200 + 25 * m for m in range(1, 9)}
    rows = [arena(m, e, se=3.0) for m, e in elo.items()]
    for board, wobble in ((200, 3.0), (201, -4.0), (202, 5.0)):
        rows += [
            (m, "expert", (e - 1000) / 5 + wobble * (m % 3 - 1), np.nan, 10, BENCH, board, 0) for m, e in elo.items()
        ]
        rows.append((9, "expert", (1400 - 1000) / 5, np.nan, 10, BENCH, board, 0))
    result = score(arrays(rows))
    best = min(c.residual_sd for c in result.posterior.calibrations if c.series != 0)
    assert result.quality_sd[-1] >= 1 / math.sqrt(1 / best**2 + 1 / result.posterior.prior_sd**2) - 1e-9
    # Shrunk toward the category mean (1312.5), never above what its benchmarks say.
    assert 1312.5 < result.quality[-1] < 1400


def test_every_board_measuring_the_category_counts_each_with_its_own_deviation():
    # Three language boards of one arena measure multilingual: peers, not slices to skip.
    # Each model's quality is 1200 + 20m; the boards add their own, independent
    # deviations, the third twice as large, and their own offsets.
    rng = np.random.default_rng(7)
    truth = {m: 1200.0 + 20 * m for m in range(1, 31)}
    deviation = {300: 10.0, 301: 10.0, 302: 20.0}
    offset = {300: 0.0, 301: 40.0, 302: -60.0}
    rows = [
        arena(m, q + offset[b] + deviation[b] * rng.standard_normal(), se=3.0, board=b, code=MULTI)
        for b in deviation
        for m, q in truth.items()
        if not (b == 300 and m == 30)  # 30 is not on the first board
    ]
    rows.append(arena(31, 1500.0, board=300, code=MULTI))  # 31 only on the first: it anchors
    result = score(arrays(rows), codes=(MULTI,), own=(MULTI,))
    spread = {c.series: c.residual_sd for c in result.posterior.calibrations}
    # The disagreement is split among the boards by how far each strays from the others.
    assert spread[2] > max(spread[0], spread[1])
    # Every board counts: quality follows the truth better than the anchor board alone.
    anchor_only = score(arrays([r for r in rows if r[6] == 300]), codes=(MULTI,), own=(MULTI,))
    ids = [m for m in range(1, 30)]
    error = np.abs(result.quality[: len(ids)] - np.array([truth[m] for m in ids])).mean()
    alone = np.abs(anchor_only.quality[: len(ids)] - np.array([truth[m] for m in ids])).mean()
    assert error < alone
    # A model missing from the anchor board is measured by the others, on the anchor's scale.
    assert result.posterior.measured[29] and abs(result.quality[29] - truth[30]) < 30


def test_a_category_takes_only_evidence_that_measures_it():
    rows = [arena(1, 1500, code=0), arena(2, 1300, code=0), arena(1, 1200, board=101, code=CODING)]
    rows += [arena(2, 1400, board=101, code=CODING), (3, "cost", 1.0, np.nan, 0, PRICES, 300, 0)]
    # 1 and 2 are coding members through their coding ratings, 3 (say) through a capability.
    coding = score(arrays(rows), codes=(CODING,), own=(CODING,), members=np.array([1, 2, 3]))
    # The general (text) board is not coding evidence: coding follows the coding board only.
    assert list(coding.model_id) == [1, 2, 3]
    assert list(coding.quality_rank) == [2, 1, 3]
    assert coding.flags(2) == ["no_quality_evidence", "no_adoption_evidence"]


def test_a_plan_ranks_exactly_its_members_and_one_without_evidence_last():
    rows = [arena(1, 1500), arena(2, 1450)]  # general ratings: not coding evidence
    rows += [arena(3, 1400, board=101, code=CODING), arena(5, 1300, board=101, code=CODING)]
    rows.append((2, "cost", 1.0, np.nan, 0, PRICES, 300, 0))  # a price counts wherever 2 is a member
    not_a_member = arena(4, 1600, board=101, code=CODING)
    members = np.array([2, 3, 5, 9])
    coding = score(arrays([*rows, not_a_member]), codes=(CODING,), own=(CODING,), members=members, resamples=50)
    # 1's general rating does not make it a member; 4's coding rating counts nowhere it is not one.
    assert list(coding.model_id) == [2, 3, 5, 9]
    without_4 = score(arrays(rows), codes=(CODING,), own=(CODING,), members=members, resamples=50)
    assert np.allclose(coding.quality, without_4.quality)
    assert list(coding.rank) == [2, 1, 3, 4]
    # 9 has no evidence that counts: ranked, last, with nothing to show and no spread.
    assert (coding.score[3], coding.confidence[3], coding.top_drivers(3)) == (0, 0, [])
    assert (coding.rank_low[3], coding.rank_high[3], coding.quality_rank[3], coding.adoption_rank[3]) == (4, 4, 4, 4)
    assert coding.flags(3) == ["no_quality_evidence", "no_price", "no_adoption_evidence"]
    assert np.isinf(coding.first_seen_days[3]) and np.isinf(coding.changed_days[3])
    # Members with evidence never rank below it, in any draw.
    assert coding.rank_high[:3].max() <= 3
    # Every model is a member of overall: with no evidence at all, each is still ranked.
    empty = score(arrays([]), codes=(0, CODING), members=np.array([7, 8]), resamples=50)
    assert (list(empty.model_id), list(empty.rank), list(empty.score)) == ([7, 8], [1, 2], [0, 0])


def test_one_arena_board_per_model_counts_the_others_only_calibrate():
    # The coding board is a slice of the same votes as the text board: in overall a model
    # rated on both counts the text board alone.
    rows = [arena(m, 1200 + 30 * m, se=4.0) for m in range(1, 8)]
    sliced = [arena(m, 1100 + 35 * m, se=8.0, board=101, code=CODING) for m in range(1, 8)]
    both = score(arrays(rows + sliced), codes=(0, CODING), own=(0,))
    text_only = score(arrays(rows), codes=(0, CODING), own=(0,))
    assert np.allclose(both.quality, text_only.quality)


def test_a_missing_part_is_neutral_and_flagged_and_quality_keeps_most_weight():
    rows = [arena(1, 1450), arena(2, 1250), arena(3, 1350)]
    rows += [(m, "cost", price, np.nan, 0, PRICES, 300, 0) for m, price in ((1, 20.0), (2, 0.1), (4, 0.0))]
    rows += [(m, "demand", hosts, np.nan, 0, HOSTS, 400, 0) for m, hosts in ((1, 3), (2, 30), (4, 40))]
    result = score(arrays(rows))
    # Model 4 (free, everywhere, no quality evidence) is neutral on quality; model 1 leads on quality.
    assert result.flags(3) == ["no_quality_evidence"]
    assert result.points[3, 0] == 0
    assert list(result.rank[:2]) == [1, 3] or result.rank[0] == 1
    assert list(result.quality_rank) == [1, 3, 2, 4]
    assert result.adoption_rank[3] == 1 and result.adoption_rank[2] == 4
    assert np.allclose(result.score, [scoring.score_scale(np.array([c]))[0] for c in result.composite])
    assert result.top_drivers(0)[0] == "quality"


def test_the_drivers_and_flags_of_every_row_at_once_are_each_rows_own():
    rows = [arena(1, 1450), arena(2, 1250), arena(3, 1350)]
    rows += [(m, "cost", price, np.nan, 0, PRICES, 300, 0) for m, price in ((1, 20.0), (2, 0.1), (4, 0.0))]
    rows += [(m, "demand", hosts, np.nan, 0, HOSTS, 400, 0) for m, hosts in ((1, 3), (2, 30), (4, 40), (5, 40))]
    result = score(arrays(rows))

    assert result.all_top_drivers() == [result.top_drivers(i) for i in range(len(result.model_id))]
    assert result.all_flags() == [result.flags(i) for i in range(len(result.model_id))]
    assert {len(drivers) for drivers in result.all_top_drivers()} > {1}


def test_the_score_is_the_normal_cdf_of_the_composite():
    assert scoring.score_scale(np.array([0.0]))[0] == pytest.approx(50.0)
    assert scoring.score_scale(np.array([1.0]))[0] == pytest.approx(84.134, abs=1e-3)
    assert scoring.score_scale(np.array([-3.0]))[0] == pytest.approx(0.135, abs=1e-3)


def test_curator_weights_move_the_composite_but_never_the_quality_rank():
    rows = [arena(1, 1450), arena(2, 1300)]
    rows += [(m, "cost", price, np.nan, 0, PRICES, 300, 0) for m, price in ((1, 30.0), (2, 0.1))]
    quality_first = score(arrays(rows))
    price_first = score(arrays(rows), weights={"quality": 0.0, "expert": 0.0, "trust": 0.0, "cost": 1.0})
    assert list(quality_first.rank) == [1, 2]
    assert list(price_first.rank) == [2, 1]
    assert list(price_first.quality_rank) == [1, 2]


def test_spreads_come_from_the_posterior_and_are_reproducible():
    rows = [arena(m, 1200 + 3 * m, se=10.0) for m in range(1, 30)] + [arena(40, 1600, se=2.0)]
    first, second = score(arrays(rows), resamples=200), score(arrays(rows), resamples=200)
    assert np.array_equal(first.rank_low, second.rank_low) and np.array_equal(first.rank_high, second.rank_high)
    # The clear leader has no spread; the close pack spreads widely.
    assert (first.quality_rank_low[-1], first.quality_rank_high[-1]) == (1, 1)
    assert np.median(first.quality_rank_high[:-1] - first.quality_rank_low[:-1]) > 5
    assert first.confidence[-1] > first.confidence[0] > 0


def movement_history(ranks_7d, ranks_24h=None, best=None, worst=None):
    n = len(ranks_7d)
    nan = np.full(n, np.nan)
    return History(
        compared_at={"24h": None, "7d": None, "30d": None},
        previous_rank={
            "24h": np.array(ranks_24h, dtype=float) if ranks_24h is not None else nan,
            "7d": np.array(ranks_7d, dtype=float),
            "30d": nan,
        },
        window_best_rank=np.array(best, dtype=float) if best is not None else nan,
        window_worst_rank=np.array(worst, dtype=float) if worst is not None else nan,
    )


def test_movement_sets_changes_and_states():
    # Five models; 1 first seen 2 days ago, 2 unchanged for a month, 3-5 with a fresh snapshot.
    rows = [arena(1, 1500, age=2), arena(2, 1450, age=60), arena(3, 1400, age=1), arena(3, 1300, age=40)]
    rows += [arena(4, 1350, age=1), arena(4, 1360, age=40), arena(5, 1200, age=1), arena(5, 1250, age=40)]
    rows = [(*r[:3], 0.5, *r[4:]) for r in rows]  # tight intervals: no rank spread
    result = score(arrays(rows), resamples=100)
    moved = movement(result, movement_history([np.nan, 1, 5, 4, 2], ranks_24h=[np.nan, 2, 3, 4, 5]))
    assert list(np.nan_to_num(moved.changes["7d"], nan=99)) == [99, -1, 2, 0, -3]
    assert list(np.nan_to_num(moved.changes["24h"], nan=99)) == [99, 0, 0, 0, 0]
    assert moved.states == ["new_entry", "stable", "rising", "stable", "falling"]


def test_movement_within_the_spread_is_not_rising():
    rows = [arena(m, 1300 + m, se=30.0, age=1) for m in range(1, 6)]
    rows += [arena(m, 1200, age=40) for m in range(1, 6)]
    result = score(arrays(rows), resamples=100)
    moved = movement(result, movement_history(list(result.rank[::-1])))
    assert all(state in ("stable", "volatile") for state in moved.states)


# ---- properties -----------------------------------------------------------------------------------

# Ages in whole days, as snapshot dates are.
board_rows = st.lists(
    st.tuples(st.integers(1, 15), st.floats(1000, 1600), st.floats(0.5, 40), st.integers(0, 300)),
    min_size=2,
    max_size=40,
)


def board_arrays(rows, *, shift=0.0):
    return arrays([arena(m, rating, se=se, age=age + shift) for m, rating, se, age in rows])


@settings(max_examples=60, deadline=None)
@given(rows=board_rows, copies=st.lists(st.integers(0, 1000), max_size=10), older=st.integers(1, 500))
def test_quality_is_invariant_to_duplicate_and_older_snapshots(rows, copies, older):
    base = score(board_arrays(rows))
    extra = [rows[i % len(rows)] for i in copies]
    # The same snapshots again, and older snapshots of the same boards (with any value).
    duplicated = rows + extra + [(m, 1000 + (r * 7) % 600, se, age + older) for m, r, se, age in extra]
    again = score(board_arrays(duplicated))
    assert np.allclose(again.quality, base.quality)
    assert np.array_equal(again.quality_rank, base.quality_rank)


@settings(max_examples=60, deadline=None)
@given(rows=board_rows, later=st.integers(0, 3650))
def test_quality_and_ranks_do_not_change_with_t_when_no_data_is_new(rows, later):
    now = score(board_arrays(rows), resamples=50)
    then = score(board_arrays(rows, shift=later), resamples=50)
    assert np.allclose(then.quality, now.quality)
    for field in ("rank", "quality_rank", "rank_low", "rank_high", "adoption_rank"):
        assert np.array_equal(getattr(then, field), getattr(now, field)), field


@settings(max_examples=100, deadline=None)
@given(
    rated=st.lists(st.tuples(st.floats(1000, 1600), st.floats(0.5, 40)), min_size=2, max_size=30),
    pick=st.integers(0, 1000),
    bump=st.floats(0, 300),
)
def test_a_better_rating_never_lowers_a_quality_rank(rated, pick, bump):
    index = pick % len(rated)
    raised = list(rated)
    raised[index] = (rated[index][0] + bump, rated[index][1])
    before = score(arrays([arena(m, r, se=se) for m, (r, se) in enumerate(rated, 1)]))
    after = score(arrays([arena(m, r, se=se) for m, (r, se) in enumerate(raised, 1)]))
    assert after.quality_rank[index] <= before.quality_rank[index]


@settings(max_examples=50, deadline=None)
@given(rows=board_rows, seed=st.integers(0, 2**32 - 1))
def test_the_result_does_not_depend_on_row_order(rows, seed):
    signals = board_arrays(rows)
    shuffled = reorder(signals, np.random.default_rng(seed).permutation(len(rows)))
    plain, mixed = score(signals, resamples=30), score(shuffled, resamples=30)
    for field in ("model_id", "score", "rank", "rank_low", "rank_high", "quality_rank", "confidence"):
        assert np.allclose(getattr(plain, field), getattr(mixed, field)), field


@settings(max_examples=60, deadline=None)
@given(rows=board_rows, prices=st.lists(st.floats(0, 100), max_size=15))
def test_ranks_are_one_to_n_and_inside_the_rank_spread(rows, prices):
    signals = [arena(m, r, se=se, age=age) for m, r, se, age in rows]
    signals += [(m, "cost", p, np.nan, 0, PRICES, 300, 0) for m, p in enumerate(prices, 1)]
    result = score(arrays(signals), resamples=30)
    n = len(result.model_id)
    for ranks in (result.rank, result.quality_rank, result.adoption_rank):
        assert sorted(ranks) == list(range(1, n + 1))
    assert np.all((result.rank_low <= result.rank) & (result.rank <= result.rank_high))
    assert np.all((result.quality_rank_low <= result.quality_rank) & (result.quality_rank <= result.quality_rank_high))
    assert np.all((result.confidence >= 0) & (result.confidence <= 1))
    assert np.all((result.score >= 0) & (result.score <= 100))


@settings(max_examples=60, deadline=None)
@given(rows=board_rows, extra=st.lists(st.integers(16, 40), max_size=8, unique=True), drop=st.integers(0, 15))
def test_the_members_and_only_they_are_ranked_those_without_evidence_last(rows, extra, drop):
    rated = sorted({m for m, _, _, _ in rows})
    # Members: the rated models but one (when there are two or more), and some never rated.
    dropped = {rated[drop % len(rated)]} if len(rated) > 1 else set()
    members = np.array(sorted({*rated, *extra} - dropped))
    result = score(board_arrays(rows), members=members, resamples=30)
    assert list(result.model_id) == list(members)
    without = ~np.isin(result.model_id, rated)
    n, last = len(members), int(without.sum())
    assert sorted(result.rank[without]) == list(range(n - last + 1, n + 1))
    assert np.all(result.score[without] == 0) and np.all(result.confidence[without] == 0)
    assert np.all(result.rank_high[~without] <= n - last)
    assert np.all((result.rank_low <= result.rank) & (result.rank <= result.rank_high))
