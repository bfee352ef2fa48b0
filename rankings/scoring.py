"""The scoring engine: signal arrays in, per-model scores, ranks and intervals out.

Pure NumPy, no ORM: ``rankings.services`` loads the arrays and writes the
results. Every formula here is the one ``docs/methodology.md`` states; change
both together.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIGNAL_TYPES = ("demand", "usage", "quality", "cost", "trust", "social", "expert")
TYPE_INDEX = {name: index for index, name in enumerate(SIGNAL_TYPES)}
QUALITY_SIDE = ("quality", "expert", "trust")
ADOPTION_SIDE = ("demand", "usage", "social")

# The quality side (quality, expert, trust) carries 0.65 of the weight: a
# leaderboard ranks how good a model is first, how adopted and cheap second.
DEFAULT_WEIGHTS = {
    "quality": 0.35,
    "expert": 0.20,
    "trust": 0.10,
    "demand": 0.10,
    "usage": 0.10,
    "social": 0.05,
    "cost": 0.10,
}
DEFAULT_HALF_LIFE_DAYS = 90.0
DEFAULT_RESAMPLES = 200
DEFAULT_SEED = 20250307
# Evidence a type mean is shrunk with: each type mean is pulled toward the
# prior 0 as if it had this much extra signal weight (one fresh signal of
# confidence 0.5) valued 0, so thin evidence counts for less than strong.
PRIOR_STRENGTH = 0.5
INTERVAL = (2.5, 97.5)  # percentiles of the bootstrap: a 95% interval
TOP_DRIVERS = 3

# Scales of the confidence factors (see the methodology): 5 signals give a
# count factor of 0.63; an interval 25 points wide halves the width factor.
COUNT_SCALE = 5.0
WIDTH_SCALE = 25.0

# Poisson(1) bootstrap weights drawn from one random byte: the 256 byte values
# map onto the Poisson(1) quantiles, which is ~10x faster than sampling a
# Poisson per signal and keeps the mean weight at ~1.
_BYTE_QUANTILES = (np.arange(256) + 0.5) / 256
_POISSON_CDF = np.cumsum([np.exp(-1.0) / np.prod(np.arange(1, k + 1)) for k in range(12)])
POISSON_TABLE = np.searchsorted(_POISSON_CDF, _BYTE_QUANTILES).astype(np.float32)

_RESAMPLE_CHUNK_CELLS = 4_000_000  # bounds memory: resamples x signals per chunk


@dataclass(frozen=True)
class SignalArrays:
    """The signals recorded up to time T, one entry per signal.

    ``signal_id`` must be unique: it fixes the order the bootstrap draws in, so
    a recompute is reproducible whatever order the rows arrive in.
    ``category_code`` is 0 for a general signal, else the code of its category.
    """

    signal_id: np.ndarray  # int64
    model_id: np.ndarray  # int64
    type_index: np.ndarray  # int, index into SIGNAL_TYPES
    value: np.ndarray  # normalised value in [0, 1], higher is better
    confidence: np.ndarray  # in [0, 1]
    age_days: np.ndarray  # T - recorded_at, >= 0
    source_id: np.ndarray  # int code of the source
    category_code: np.ndarray  # int, 0 = general

    def __len__(self) -> int:
        return len(self.signal_id)


@dataclass(frozen=True)
class CategoryPlan:
    """Which signals count in one category and how its types are weighted.

    ``codes``: the category codes whose specific signals count here (the
    category and its descendants). ``members``: the model ids ranked here,
    each whether or not it has a counted signal (general and specific signals
    count for members only); None ranks every model with a counted signal.
    """

    key: object
    codes: frozenset[int]
    members: np.ndarray | None
    weights: np.ndarray


@dataclass(frozen=True)
class CategoryScores:
    """One row per ranked model: the plan's members, or every model with a counted signal."""

    model_id: np.ndarray
    score: np.ndarray  # 0-100
    score_low: np.ndarray
    score_high: np.ndarray
    rank: np.ndarray  # 1..N
    rank_low: np.ndarray  # best plausible rank
    rank_high: np.ndarray  # worst plausible rank
    quality_rank: np.ndarray
    adoption_rank: np.ndarray
    confidence: np.ndarray  # 0-1
    contributions: np.ndarray  # (N, len(SIGNAL_TYPES)) score points per type
    signal_count: np.ndarray

    def top_drivers(self, row: int) -> list[str]:
        """The signal types adding most points to this model's score, largest first."""
        points = self.contributions[row]
        order = sorted((t for t in range(len(SIGNAL_TYPES)) if points[t] > 0), key=lambda t: (-points[t], t))
        return [SIGNAL_TYPES[t] for t in order[:TOP_DRIVERS]]


def weight_vector(weights: dict[str, float] | None = None) -> np.ndarray:
    merged = {**DEFAULT_WEIGHTS, **(weights or {})}
    return np.array([float(merged[name]) for name in SIGNAL_TYPES])


def decay(age_days: np.ndarray, half_life_days: float) -> np.ndarray:
    """Weight of a signal of this age: halves every ``half_life_days``."""
    return np.power(0.5, np.maximum(age_days, 0.0) / half_life_days)


def shrunk_means(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """Per-type means shrunk toward the prior 0: ``sum(w x value) / (sum(w) + PRIOR_STRENGTH)``.

    A type without evidence is 0, so it adds nothing; a type with little
    evidence is pulled toward 0 more than one with a lot.
    """
    return num / (den + PRIOR_STRENGTH)


def type_points(means: np.ndarray, in_play: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Score points per type: ``100 x W_t x mean_t / sum of W over the types in play``.

    ``in_play`` marks the types some model of the category has evidence of: a
    type nobody has is left out of every model's denominator alike, while a
    type a model lacks but others have counts as 0 for it.
    """
    active = np.where(in_play, weights, 0.0)
    total = active.sum()
    if total <= 0:
        return np.zeros(means.shape)
    return 100.0 * means * active / total


def composite(means: np.ndarray, in_play: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The score: the sum of a model's type points (0-100)."""
    return type_points(means, in_play, weights).sum(axis=-1)


def ordinal_ranks(values: np.ndarray, model_id: np.ndarray) -> np.ndarray:
    """Ranks 1..N by ``values`` descending; ties go to the smaller model id."""
    order = np.lexsort((model_id, -values))
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.arange(1, len(values) + 1)
    return ranks


def rank_spread(low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LMArena's rank interval from score intervals [low, high].

    Best rank = 1 + models whose interval lies wholly above this one (their low
    above our high); worst rank = N - models whose interval lies wholly below.
    """
    n = len(low)
    wholly_above = n - np.searchsorted(np.sort(low), high, side="right")
    wholly_below = np.searchsorted(np.sort(high), low, side="left")
    return 1 + wholly_above, n - wholly_below


def _side_score(means, present, in_play, weights, side) -> np.ndarray:
    """The composite over one side's types; a model without evidence on the side gets -1 (last)."""
    mask = np.array([name in side for name in SIGNAL_TYPES])
    side_score = composite(means, in_play & mask, weights)
    return np.where((present & mask).any(axis=-1), side_score, -1.0)


@dataclass
class _Groups:
    """Signals grouped by (model, type, category code): the unit every category sums."""

    model: np.ndarray  # model id per group
    type_index: np.ndarray
    code: np.ndarray
    num: np.ndarray  # sum of weight x value
    den: np.ndarray  # sum of weight
    count: np.ndarray
    conf_total: np.ndarray
    starts: np.ndarray  # first signal of each group in ``order``
    order: np.ndarray  # signals sorted by group (canonical order within a group)
    sources: np.ndarray  # distinct (model, code, source) rows, shape (3, n)


def _dense_codes(*columns: np.ndarray) -> np.ndarray:
    """0..n-1 ids of the distinct rows of ``columns``, in lexicographic order of the rows.

    One int64 key per row instead of ``np.unique(axis=...)``, which is an order
    of magnitude slower on a million rows.
    """
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        values, position = np.unique(column, return_inverse=True)
        key = key * len(values) + position.ravel()
    _, dense = np.unique(key, return_inverse=True)
    return dense.ravel()


def _distinct_rows(*columns: np.ndarray) -> np.ndarray:
    dense = _dense_codes(*columns)
    _, first = np.unique(dense, return_index=True)
    return np.stack([column[first] for column in columns])


def _group(signals: SignalArrays, half_life_days: float):
    canonical = np.argsort(np.asarray(signals.signal_id), kind="stable")

    def col(values, dtype):
        return np.asarray(values, dtype=dtype)[canonical]

    model_id, type_index = col(signals.model_id, np.int64), col(signals.type_index, np.int64)
    code, source = col(signals.category_code, np.int64), col(signals.source_id, np.int64)
    confidence = col(signals.confidence, np.float64)
    w = confidence * decay(col(signals.age_days, np.float64), half_life_days)
    wv = w * col(signals.value, np.float64)
    group = _dense_codes(model_id, type_index, code)
    order = np.argsort(group, kind="stable")
    sorted_group = group[order]
    starts = np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]]) if len(group) else np.zeros(0, int)
    first = order[starts]
    n_groups = len(starts)
    groups = _Groups(
        model=model_id[first],
        type_index=type_index[first],
        code=code[first],
        num=np.bincount(group, weights=wv, minlength=n_groups),
        den=np.bincount(group, weights=w, minlength=n_groups),
        count=np.bincount(group, minlength=n_groups),
        conf_total=np.bincount(group, weights=confidence, minlength=n_groups),
        starts=starts,
        order=order,
        sources=_distinct_rows(model_id, code, source),
    )
    return groups, wv[order].astype(np.float32), w[order].astype(np.float32)


@dataclass
class _Selection:
    """The groups counting in one category, mapped onto that category's (model, type) cells."""

    plan: CategoryPlan
    groups: np.ndarray  # group indices
    models: np.ndarray  # ranked model ids, ascending
    cell: np.ndarray  # per selected group: model position x types + type
    sources: np.ndarray  # distinct sources per ranked model
    cell_starts: np.ndarray  # first selected group of each non-empty cell
    cells: np.ndarray  # the non-empty cells
    takes_all: bool  # every group counts (overall): skip the copy


def _select(groups: _Groups, plan: CategoryPlan) -> _Selection:
    specific = np.isin(groups.code, np.fromiter(plan.codes, dtype=np.int64, count=len(plan.codes)))
    selected = (groups.code == 0) | specific
    if plan.members is None:
        models = np.unique(groups.model[selected])
    else:
        # Exactly the members are ranked: one without a counted signal scores 0 and
        # ranks last, and a non-member's signals (general or specific) count nowhere here.
        models = np.unique(np.asarray(plan.members, dtype=np.int64))
        selected &= np.isin(groups.model, models)
    index = np.flatnonzero(selected)
    model_pos = np.searchsorted(models, groups.model[index])
    cell = model_pos * len(SIGNAL_TYPES) + groups.type_index[index]
    # Groups are ordered by (model, type, code), so a cell's groups are adjacent.
    cell_starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]]) if len(cell) else np.zeros(0, int)
    model, code, source = groups.sources
    counted = (np.isin(code, list(plan.codes)) | (code == 0)) & np.isin(model, models)
    pairs = _distinct_rows(model[counted], source[counted])
    sources = np.bincount(np.searchsorted(models, pairs[0]), minlength=len(models)).astype(np.float64)
    takes_all = len(index) == len(groups.model)
    return _Selection(plan, index, models, cell, sources, cell_starts, cell[cell_starts], takes_all)


def _cell_sums(selection: _Selection, values: np.ndarray) -> np.ndarray:
    """Sum group ``values`` (..., groups) into (..., models, types) cells of the category."""
    n_cells = len(selection.models) * len(SIGNAL_TYPES)
    picked = values if selection.takes_all else values[..., selection.groups]
    if picked.ndim == 1:
        return np.bincount(selection.cell, weights=picked, minlength=n_cells).reshape(-1, len(SIGNAL_TYPES))
    sums = np.zeros((*picked.shape[:-1], n_cells), dtype=picked.dtype)
    sums[..., selection.cells] = np.add.reduceat(picked, selection.cell_starts, axis=-1)
    return sums.reshape(*picked.shape[:-1], len(selection.models), len(SIGNAL_TYPES))


def _bootstrap(groups, wv, w, selections, points, plays, resamples, seed) -> list[np.ndarray]:
    """Composite scores per category under ``resamples`` Poisson(1) reweightings of the signals.

    The draws are made once per signal and shared by every category the signal
    counts in, so a signal weighs the same in a resample everywhere.
    """
    rng = np.random.default_rng(seed)
    n_signals = len(wv)
    out = [np.empty((resamples, len(s.models))) for s in selections]
    chunk = max(1, min(resamples, _RESAMPLE_CHUNK_CELLS // max(n_signals, 1)))
    both = np.stack([wv, w])
    for start in range(0, resamples, chunk):
        size = min(chunk, resamples - start)
        draws = POISSON_TABLE[rng.integers(0, 256, size=(size, n_signals), dtype=np.uint8)]
        sums = np.add.reduceat(draws[:, None, :] * both[None], groups.starts, axis=2)
        for selection, point, in_play, scores in zip(selections, points, plays, out, strict=True):
            cell_sums = _cell_sums(selection, sums)
            num, den = cell_sums[:, 0], cell_sums[:, 1]
            drawn = composite(shrunk_means(num, den), in_play, selection.plan.weights)
            # A resample that drew none of a model's signals says nothing about it.
            nothing = ~(den > 0).any(axis=-1)
            scores[start : start + size] = np.where(nothing, point[None, :], drawn)
    return out


def score_categories(
    signals: SignalArrays,
    plans: list[CategoryPlan],
    *,
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict[object, CategoryScores]:
    """Score and rank, per plan, its members (or, without members, every model with a counted signal)."""
    if not len(signals):
        return {}
    groups, wv, w = _group(signals, half_life_days)
    selections = [_select(groups, plan) for plan in plans]
    selections = [s for s in selections if len(s.models)]
    points, cells, plays = [], [], []
    for selection in selections:
        num, den = _cell_sums(selection, groups.num), _cell_sums(selection, groups.den)
        present = den > 0
        in_play = present.any(axis=0)
        means = shrunk_means(num, den)
        points.append(composite(means, in_play, selection.plan.weights))
        cells.append((means, present))
        plays.append(in_play)
    boots = _bootstrap(groups, wv, w, selections, points, plays, resamples, seed) if resamples > 0 else None
    results = {}
    for i, selection in enumerate(selections):
        point, (means, present), in_play = points[i], cells[i], plays[i]
        if boots is not None:
            low, high = np.percentile(boots[i], INTERVAL, axis=0)
        else:
            low, high = point.copy(), point.copy()
        # The interval always contains the point score, so best <= rank <= worst.
        low, high = np.minimum(low, point), np.maximum(high, point)
        results[selection.plan.key] = _finish(groups, selection, point, low, high, means, present, in_play)
    return results


def _finish(groups, selection, point, low, high, means, present, in_play) -> CategoryScores:
    models, weights = selection.models, selection.plan.weights
    rank = ordinal_ranks(point, models)
    rank_low, rank_high = rank_spread(low, high)
    per_model = selection.cell // len(SIGNAL_TYPES)
    g = selection.groups
    count = np.bincount(per_model, weights=groups.count[g], minlength=len(models))
    return CategoryScores(
        model_id=models,
        score=point,
        score_low=low,
        score_high=high,
        rank=rank,
        rank_low=rank_low,
        rank_high=rank_high,
        quality_rank=ordinal_ranks(_side_score(means, present, in_play, weights, QUALITY_SIDE), models),
        adoption_rank=ordinal_ranks(_side_score(means, present, in_play, weights, ADOPTION_SIDE), models),
        confidence=model_confidence(
            count=count,
            sources=selection.sources,
            conf_total=np.bincount(per_model, weights=groups.conf_total[g], minlength=len(models)),
            conf_decayed=np.bincount(per_model, weights=groups.den[g], minlength=len(models)),
            width=high - low,
        ),
        contributions=type_points(means, in_play, weights),
        signal_count=count.astype(np.int64),
    )


def model_confidence(*, count, sources, conf_total, conf_decayed, width) -> np.ndarray:
    """Geometric mean of four factors in [0, 1]: count, source diversity, recency, interval width."""
    f_count = 1.0 - np.exp(-count / COUNT_SCALE)
    f_sources = sources / (sources + 1.0)
    f_recency = np.divide(conf_decayed, conf_total, out=np.zeros(len(count)), where=conf_total > 0)
    f_width = 1.0 / (1.0 + width / WIDTH_SCALE)
    return np.power(f_count * f_sources * f_recency * f_width, 0.25)


def score_category(signals: SignalArrays, *, weights: np.ndarray, **options) -> CategoryScores | None:
    """Score one category in which every given signal counts (None when there are none)."""
    codes = frozenset(int(code) for code in np.unique(signals.category_code))
    plan = CategoryPlan(key="all", codes=codes, members=None, weights=weights)
    return score_categories(signals, [plan], **options).get("all")
