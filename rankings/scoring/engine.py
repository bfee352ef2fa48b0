"""Per category: latent quality, price and adoption into a composite, ranks, spreads and confidence.

Quality comes from ``rankings.scoring.quality`` (a normal posterior per model
on the anchor board's scale). Price is the log of the blended price per 1M
tokens (the mean over sources), adoption the mean of the model's standardised
adoption series (log of hosts, listings, usage, reviews). Each part is
standardised over the category's ranked models (z-scores, clipped to +-3),
a missing part is 0 (neutral) and flagged, and the composite is their weighted
mean. ``score`` = 100 x Phi(composite): the 0-100 scale, 50 for a model at the
category's average on every part. A member with no evidence counting in the
category is still ranked: composite -inf, score 0, confidence 0, no
drivers, after every model with evidence.

Rank spreads sample the quality posterior (price and adoption are taken as
known): ``resamples`` draws per model with a fixed seed, the composite and the
quality ranks of every draw, and their 2.5th and 97.5th percentiles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rankings.scoring.evidence import (
    IS_ADOPTION,
    IS_PRICE,
    IS_QUALITY,
    SIGNAL_TYPES,
    Measurements,
    SignalArrays,
    latest_measurements,
)
from rankings.scoring.quality import QualityPosterior, fit_quality

# Curators weigh the seven signal types (CategoryWeights); the composite has
# three parts, each weighted by the sum of its types' weights. Quality keeps
# most of the weight: a leaderboard answers "which model is best" first.
DEFAULT_WEIGHTS = {
    "quality": 0.55,
    "expert": 0.15,
    "trust": 0.05,
    "cost": 0.10,
    "demand": 0.10,
    "usage": 0.03,
    "social": 0.02,
}
PARTS = ("quality", "price", "adoption")
PART_TYPES = (IS_QUALITY, IS_PRICE, IS_ADOPTION)
DEFAULT_RESAMPLES = 200
DEFAULT_SEED = 20250307
INTERVAL = (2.5, 97.5)  # percentiles of the sampled ranks: a 95% interval
Z_CLIP = 3.0
# Price floor before the log: free listings ($0) stay finite, a cent per 1M
# tokens below the cheapest paid price in the data.
PRICE_FLOOR_USD = 0.01
TOP_DRIVERS = 3
# A model first seen within this many days of T is a new entry.
NEW_ENTRY_DAYS = 7.0

FLAG_NO_QUALITY = "no_quality_evidence"
FLAG_NO_PRICE = "no_price"
FLAG_NO_ADOPTION = "no_adoption_evidence"
FLAG_SELF_REPORTED = "self_reported_evidence"


def weight_vector(weights: dict[str, float] | None = None) -> np.ndarray:
    merged = {**DEFAULT_WEIGHTS, **(weights or {})}
    return np.array([float(merged[name]) for name in SIGNAL_TYPES])


def part_weights(weights: np.ndarray) -> np.ndarray:
    """(quality, price, adoption) weights from the per-type vector."""
    return np.array([weights[mask].sum() for mask in PART_TYPES])


@dataclass(frozen=True)
class CategoryPlan:
    """What counts in one category.

    ``codes``: the category codes whose specific evidence counts here (the
    category and its descendants; ``overall`` also takes 0, general evidence).
    ``members``: the model ids ranked here, each whether or not it has
    evidence counting here (``overall``: every model); a non-member's
    evidence counts nowhere in the category. None ranks every model with
    evidence counting here. Price and adoption are general: they count for
    every ranked model.
    ``own_codes``: the codes of evidence measuring the category itself (not a
    subcategory), preferred for the anchor; empty = no preference.
    """

    key: object
    codes: frozenset[int]
    members: np.ndarray | None
    weights: np.ndarray
    own_codes: frozenset[int] = frozenset()


@dataclass(frozen=True)
class CategoryScores:
    """One row per ranked model, ids ascending."""

    model_id: np.ndarray
    score: np.ndarray  # 0-100
    composite: np.ndarray  # weighted mean of the parts' z-scores; -inf for a member without evidence here
    rank: np.ndarray  # 1..N by composite
    rank_low: np.ndarray
    rank_high: np.ndarray
    quality: np.ndarray  # posterior mean, anchor scale (prior mean where unmeasured)
    quality_sd: np.ndarray
    quality_rank: np.ndarray
    quality_rank_low: np.ndarray
    quality_rank_high: np.ndarray
    adoption_rank: np.ndarray
    confidence: np.ndarray  # 0-1
    points: np.ndarray  # (N, 3) each part's share of the composite
    driver_names: np.ndarray  # (N, 3) the signal type naming each part for this model
    missing: np.ndarray  # (N, 3) bool: no evidence of the part
    self_reported: np.ndarray  # bool
    first_seen_days: np.ndarray  # age of the oldest counted snapshot
    changed_days: np.ndarray  # age of the newest counted snapshot that changed a value (+inf: none)
    posterior: QualityPosterior

    def top_drivers(self, row: int) -> list[str]:
        """The parts lifting this model most (positive share only), largest first, by type name."""
        return _top_drivers(self.points[row].tolist(), self.driver_names[row].tolist())

    def flags(self, row: int) -> list[str]:
        return _flags(self.missing[row].tolist(), bool(self.self_reported[row]))

    def all_top_drivers(self) -> list[list[str]]:
        """``top_drivers`` of every row (a publish needs them all): one sort of the whole (N, 3) array.

        A stable sort of the negated shares orders each row's parts exactly as
        ``top_drivers`` does (largest first, ties by part order).
        """
        order = np.argsort(-self.points, axis=1, kind="stable")
        names = np.take_along_axis(self.driver_names, order, axis=1).tolist()
        # Sorted largest first, the lifting parts lead each row: keep that many.
        lifting = np.minimum((self.points > 0).sum(axis=1), TOP_DRIVERS).tolist()
        return [row_names[:count] for row_names, count in zip(names, lifting, strict=True)]

    def all_flags(self) -> list[list[str]]:
        """``flags`` of every row, in one pass over plain lists."""
        return [_flags(m, s) for m, s in zip(self.missing.tolist(), self.self_reported.tolist(), strict=True)]


def _top_drivers(points: list[float], names: list[str]) -> list[str]:
    order = sorted((p for p in range(len(PARTS)) if points[p] > 0), key=lambda p: (-points[p], p))
    return [str(names[p]) for p in order[:TOP_DRIVERS]]


def _flags(missing: list[bool], self_reported: bool) -> list[str]:
    names = (FLAG_NO_QUALITY, FLAG_NO_PRICE, FLAG_NO_ADOPTION)
    found = [name for name, gone in zip(names, missing, strict=True) if gone]
    return found + ([FLAG_SELF_REPORTED] if self_reported else [])


def ordinal_ranks(values: np.ndarray, model_id: np.ndarray) -> np.ndarray:
    """Ranks 1..N by ``values`` descending; ties go to the smaller model id."""
    order = np.lexsort((model_id, -values))
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.arange(1, len(values) + 1)
    return ranks


def standardise(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    """z-scores over the present entries, clipped to +-Z_CLIP; absent (and a flat set) are 0."""
    z = np.zeros(len(values))
    if present.sum() < 2:
        return z
    mean, sd = values[present].mean(), values[present].std()
    if sd > 0:
        z[present] = np.clip((values[present] - mean) / sd, -Z_CLIP, Z_CLIP)
    return z


_erf = np.frompyfunc(math.erf, 1, 1)


def score_scale(composite: np.ndarray) -> np.ndarray:
    """The 0-100 score: 100 x the standard normal CDF of the composite."""
    return 100.0 * 0.5 * (1.0 + _erf(np.asarray(composite, dtype=np.float64) / math.sqrt(2.0)).astype(np.float64))


def score_categories(
    signals: SignalArrays,
    plans: list[CategoryPlan],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict[object, CategoryScores]:
    """Score and rank, per plan, its members (or, without members, every model with evidence counting there)."""
    measurements = latest_measurements(signals)
    results = {}
    for index, plan in enumerate(plans):
        scores = _score_category(measurements, plan, resamples, np.random.default_rng([seed, index]))
        if scores is not None:
            results[plan.key] = scores
    return results


def _score_category(m: Measurements, plan: CategoryPlan, resamples: int, rng) -> CategoryScores | None:
    codes = np.fromiter(plan.codes, dtype=np.int64, count=len(plan.codes))
    specific = np.isin(m.category_code, codes)
    is_quality = IS_QUALITY[m.type_index]
    quality_here = is_quality & specific
    general = ~is_quality & ((m.category_code == 0) | specific)
    if plan.members is None:
        models = np.unique(m.model_id[quality_here | general])
    else:
        # Exactly the members are ranked: a non-member's evidence counts nowhere
        # here, and a member without any is still ranked (last, see below).
        models = np.unique(np.asarray(plan.members, dtype=np.int64))
    if not len(models):
        return None
    n = len(models)
    counted = (quality_here | general) & np.isin(m.model_id, models)
    idx = np.flatnonzero(counted)
    position = np.searchsorted(models, m.model_id[idx])
    has_evidence = np.bincount(position, minlength=n) > 0
    q = is_quality[idx]
    posterior = fit_quality(
        position=position[q],
        n_models=n,
        type_index=m.type_index[idx][q],
        source_id=m.source_id[idx][q],
        series=m.series[idx][q],
        own=np.isin(m.category_code[idx][q], np.fromiter(plan.own_codes, dtype=np.int64, count=len(plan.own_codes))),
        value=m.value[idx][q],
        std_error=m.std_error[idx][q],
        lag_days=m.lag_days[idx][q],
        self_reported=m.self_reported[idx][q],
    )
    quality_z = standardise(posterior.mean, posterior.measured)
    price, has_price = _price(m, idx, position, n)
    adoption_z, has_adoption, adoption_type = _adoption(m, idx, position, n)
    parts = np.stack([quality_z, standardise(price, has_price) * -1.0, adoption_z], axis=1)
    weights = part_weights(plan.weights)
    total = weights.sum() or 1.0
    points = parts * weights / total
    # A member with no evidence counting here has nothing to rank it on: its
    # composite is -inf, so it scores 0 and ranks after every model with
    # evidence (ties by model id), with no drivers.
    composite = np.where(has_evidence, points.sum(axis=1), -np.inf)
    rank = ordinal_ranks(composite, models)
    quality_key = np.where(posterior.measured, posterior.mean, -np.inf)
    quality_rank = ordinal_ranks(quality_key, models)
    adoption_rank = ordinal_ranks(np.where(has_adoption, adoption_z, -np.inf), models)
    spreads = _rank_spreads(posterior, composite, quality_z, weights[0] / total, models, resamples, rng)
    rank_low, rank_high, q_low, q_high = (
        spreads if spreads is not None else (rank.copy(), rank.copy(), quality_rank.copy(), quality_rank.copy())
    )
    # Evidence-less members sit below every draw of the others: their place is fixed.
    rank_low, rank_high = np.where(has_evidence, rank_low, rank), np.where(has_evidence, rank_high, rank)
    with np.errstate(divide="ignore", invalid="ignore"):
        reliability = 1.0 - (posterior.sd / posterior.prior_sd) ** 2
    # Without evidence a member has neither a first sighting nor a change: +inf
    # for both makes it stable, not a new entry forever.
    first_seen = np.where(has_evidence, 0.0, np.inf)
    np.maximum.at(first_seen, position, m.first_age_days[idx])
    changed = np.full(n, np.inf)
    np.minimum.at(changed, position, m.changed_age_days[idx])
    quality_name = np.where(_has_type(m, idx[q], position[q], n, "quality"), "quality", "expert")
    return CategoryScores(
        model_id=models,
        score=score_scale(composite),
        composite=composite,
        rank=rank,
        rank_low=np.minimum(rank_low, rank),
        rank_high=np.maximum(rank_high, rank),
        quality=posterior.mean,
        quality_sd=posterior.sd,
        quality_rank=quality_rank,
        quality_rank_low=np.minimum(q_low, quality_rank),
        quality_rank_high=np.maximum(q_high, quality_rank),
        adoption_rank=adoption_rank,
        confidence=np.where(posterior.measured, np.clip(np.nan_to_num(reliability), 0.0, 1.0), 0.0),
        points=points,
        driver_names=np.stack([quality_name, np.full(n, "cost"), adoption_type], axis=1),
        missing=np.stack([~posterior.measured, ~has_price, ~has_adoption], axis=1),
        self_reported=posterior.self_reported,
        first_seen_days=first_seen,
        changed_days=changed,
        posterior=posterior,
    )


def _has_type(m: Measurements, idx, position, n, name) -> np.ndarray:
    hit = m.type_index[idx] == SIGNAL_TYPES.index(name)
    return np.bincount(position[hit], minlength=n) > 0


def _price(m: Measurements, idx, position, n):
    """Mean over sources of log(blended USD per 1M tokens), and whether the model has any price."""
    hit = IS_PRICE[m.type_index[idx]] & np.isfinite(m.value[idx])
    logs = np.log(np.maximum(m.value[idx][hit], 0.0) + PRICE_FLOOR_USD)
    count = np.bincount(position[hit], minlength=n)
    total = np.bincount(position[hit], weights=logs, minlength=n)
    has = count > 0
    return np.divide(total, count, out=np.zeros(n), where=has), has


def _adoption(m: Measurements, idx, position, n):
    """Mean of the model's standardised adoption series (log1p of each), its presence and strongest type."""
    hit = np.flatnonzero(IS_ADOPTION[m.type_index[idx]])
    series, pos = m.series[idx][hit], position[hit]
    values = np.log1p(np.maximum(m.value[idx][hit], 0.0))
    z = np.zeros(len(hit))
    for code in np.unique(series):
        here = series == code
        z[here] = standardise(values[here], np.ones(here.sum(), dtype=bool))
    count = np.bincount(pos, minlength=n)
    has = count > 0
    mean_z = np.divide(np.bincount(pos, weights=z, minlength=n), count, out=np.zeros(n), where=has)
    # The type naming the adoption part: the model's strongest adoption series.
    names = np.full(n, "demand", dtype=object)
    types = m.type_index[idx][hit]
    strongest = np.lexsort((-z, pos))
    first = strongest[np.r_[True, pos[strongest][1:] != pos[strongest][:-1]]] if len(hit) else strongest
    names[pos[first]] = np.array(SIGNAL_TYPES, dtype=object)[types[first]]
    return np.clip(mean_z, -Z_CLIP, Z_CLIP), has, names.astype(str)


def _rank_spreads(posterior, composite, quality_z, quality_share, models, resamples, rng):
    """95% intervals of the composite and quality ranks over draws of the quality posterior.

    Models without quality evidence are not drawn: their quality rank (after
    every measured model) is fixed, and their composite is their point value.
    """
    measured = np.flatnonzero(posterior.measured)
    if resamples <= 0 or not len(measured):
        return None
    mean, sd = posterior.mean[measured], posterior.sd[measured]
    centre, spread = mean.mean(), mean.std()
    draws = mean + sd * rng.standard_normal((resamples, len(measured)))
    composite_draws = np.broadcast_to(composite, (resamples, len(models))).copy()
    if spread > 0:
        drawn_z = np.clip((draws - centre) / spread, -Z_CLIP, Z_CLIP)
        composite_draws[:, measured] += quality_share * (drawn_z - quality_z[measured])
    rank_low, rank_high = _rank_interval(composite_draws)
    # Unmeasured models keep their point quality rank (the caller clips to it).
    q_low, q_high = np.full(len(models), len(models), dtype=np.int64), np.ones(len(models), dtype=np.int64)
    q_low[measured], q_high[measured] = _rank_interval(draws)
    return rank_low, rank_high, q_low, q_high


def _rank_interval(draws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column: the 2.5th and 97.5th percentiles of its rank (1 = highest) across the rows (draws).

    Draws are continuous, so ties have probability zero and the fast unstable
    sort is safe; single precision is ample for ordering and halves the work.
    """
    resamples, n = draws.shape
    order = np.argsort(-draws.astype(np.float32), axis=1)
    ranks = np.empty((resamples, n), dtype=np.int32)
    np.put_along_axis(ranks, order, np.arange(1, n + 1, dtype=np.int32)[None, :], axis=1)
    low, high = np.percentile(ranks, INTERVAL, axis=0, method="nearest")
    return low.astype(np.int64), high.astype(np.int64)
