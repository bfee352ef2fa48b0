"""Latent quality of each model in one category, on the anchor board's own scale.

The category's **peer boards** are its arena type (``quality``) series that
measure the category itself (not one of its subcategories; for ``overall``,
general boards): every language board for multilingual, ``coding`` and the
software occupation board for coding. The anchor is the peer rating the most
models (failing peers, the series rating the most models): it fixes the scale,
so where an arena board measures the category, quality is in that board's
Elo. Every other series is put on the anchor's scale by a linear map fitted
on the models both rate (reduced major axis: slope = sd_anchor / sd_series,
through the means). Peers are equal measurements of the category, each with
its own deviation (what its slice of prompts or voters weighs differently),
estimated from how far the peers disagree pairwise; any other series carries
its calibration's predictive variance (residual, small-sample and leverage
terms) on top of its own. A model's measurements combine by precision
(inverse variance) and are shrunk toward the category mean with a normal
prior whose spread is the anchor's spread less its measurement noise and
deviation (empirical Bayes). The result is a normal posterior per model:
mean and standard deviation on the anchor scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rankings.scoring.evidence import TYPE_INDEX

# A series is calibrated onto the anchor only through at least this many
# models rated by both, and only if it ranks them the same way on the whole
# (positive correlation): otherwise it does not measure the same thing.
MIN_COMMON_MODELS = 5
# Staleness: a snapshot that trails its series' newest one by a year may have
# drifted by this fraction of the series' spread (a random walk: the variance
# grows linearly with the lag).
DRIFT_SD_PER_YEAR = 0.2
DAYS_PER_YEAR = 365.0
# A result published by the model's maker: extra standard deviation, as a
# multiple of the series' spread, on top of the calibration residual. Two
# spreads: makers choose which results to publish and run them under their
# own settings (prompts, tools, attempts), and the shipped data holds almost
# no model with both a claim and an independent rating to check one against,
# so a claim alone moves a model about a quarter of the way from the category
# mean toward what it claims, not past the models the arena rates.
SELF_REPORTED_SD = 2.0
# The calibration residual is never taken below this fraction of the anchor's
# spread: a fit on a handful of models understates it.
MIN_CALIBRATION_SD = 0.1
# The residual of a fit on n models is an estimate with n - 2 degrees of
# freedom: a new model's error under it follows Student's t, whose variance is
# the residual's times (n - 2) / (n - 4). Fits below this many models take the
# factor at this size (5 models: x3).
T_MIN_MODELS = MIN_COMMON_MODELS


@dataclass(frozen=True)
class Calibration:
    """How one series maps onto the anchor scale: anchor ~ intercept + slope x value."""

    series: int
    intercept: float
    slope: float
    residual_sd: float
    common_models: int


@dataclass(frozen=True)
class QualityPosterior:
    """Per model position (0..n-1 in the category): the posterior of latent quality."""

    mean: np.ndarray  # anchor scale; the prior mean where there is no evidence
    sd: np.ndarray  # the prior sd where there is no evidence
    measured: np.ndarray  # bool: at least one usable measurement
    self_reported: np.ndarray  # bool: some of the evidence is the maker's own
    anchor_series: int  # -1 when the category has no quality evidence
    prior_mean: float
    prior_sd: float
    calibrations: tuple[Calibration, ...]


def _no_evidence(n: int) -> QualityPosterior:
    zeros = np.zeros(n)
    return QualityPosterior(zeros, np.ones(n), zeros.astype(bool), zeros.astype(bool), -1, 0.0, 1.0, ())


def fit_quality(
    *,
    position: np.ndarray,
    n_models: int,
    type_index: np.ndarray,
    source_id: np.ndarray,
    series: np.ndarray,
    own: np.ndarray,
    value: np.ndarray,
    std_error: np.ndarray,
    lag_days: np.ndarray,
    self_reported: np.ndarray,
) -> QualityPosterior:
    """Posterior quality per model from its quality measurements in the category (one per series).

    ``position``: the model's 0..n_models-1 position of each measurement;
    ``own``: whether the measurement's board measures the category itself.
    """
    if not len(position):
        return _no_evidence(n_models)
    codes, board = np.unique(series, return_inverse=True)
    board = board.ravel()
    n_boards = len(codes)
    counts = np.bincount(board, minlength=n_boards)
    is_arena, is_own = np.zeros(n_boards, dtype=bool), np.zeros(n_boards, dtype=bool)
    is_arena[board] = type_index == TYPE_INDEX["quality"]
    is_own[board] = own
    by_priority = np.lexsort((codes, -counts, ~is_own, ~is_arena))
    anchor = int(by_priority[0])
    priority = np.empty(n_boards, dtype=np.int64)
    priority[by_priority] = np.arange(n_boards)

    # Each series' own spread, for the staleness and self-reported variances.
    mean_b = np.bincount(board, weights=value, minlength=n_boards) / counts
    sd_b = np.sqrt(np.bincount(board, weights=(value - mean_b[board]) ** 2, minlength=n_boards) / counts)
    # A result without a stated error takes its series' typical stated one; a
    # series that states none (benchmarks) is taken as good to a tenth of its
    # spread, and whatever it misses shows in its calibration residual.
    stated = np.isfinite(std_error)
    stated_count = np.bincount(board[stated], minlength=n_boards)
    stated_mean = np.bincount(board[stated], weights=std_error[stated] ** 2, minlength=n_boards)
    fill = np.where(stated_count > 0, stated_mean / np.maximum(stated_count, 1), (MIN_CALIBRATION_SD * sd_b) ** 2)
    se2 = np.where(stated, np.nan_to_num(std_error) ** 2, fill[board])

    # Peers: the arena boards measuring the category itself when the anchor is
    # one of them; otherwise the anchor alone defines the category.
    peer_boards = (is_arena & is_own) if (is_arena & is_own)[anchor] else (np.arange(n_boards) == anchor)

    on_anchor = board == anchor
    anchor_value = np.full(n_models, np.nan)
    anchor_se2 = np.zeros(n_models)
    anchor_value[position[on_anchor]] = value[on_anchor]
    anchor_se2[position[on_anchor]] = se2[on_anchor]
    a_values = value[on_anchor]
    prior_mean = float(a_values.mean())
    noise = float(se2[on_anchor].mean())
    spread = float(a_values.var())
    rough_sd = float(np.sqrt(spread - noise if spread > noise else max(spread, noise, 1e-12)))

    fit = _calibrate(board, position, value, se2, anchor_value, anchor_se2, n_boards, rough_sd)
    intercept, slope, residual_var, common, centre, spread_x = fit
    intercept[anchor], slope[anchor], residual_var[anchor], common[anchor] = 0.0, 1.0, 0.0, counts[anchor]
    peer_boards &= np.isfinite(slope)
    deviation = _peer_deviation(board, position, value, se2, intercept, slope, peer_boards, n_models)
    residual_var = np.where(peer_boards, deviation, residual_var)
    # The prior: the spread of the category's quality, i.e. the anchor's
    # ratings less their noise and the anchor's own deviation from its peers.
    true_var = spread - noise - deviation[anchor]
    prior_var = true_var if true_var > 0 else max(spread, noise, 1e-12)
    anchor_sd = float(np.sqrt(prior_var))

    counted = _primary_arena_board(position, type_index, source_id, board, priority, peer_boards)
    usable = np.isfinite(slope[board]) & counted
    b = board[usable]
    stale_var = (DRIFT_SD_PER_YEAR * sd_b[b]) ** 2 * np.maximum(lag_days[usable], 0.0) / DAYS_PER_YEAR
    claim_var = np.where(self_reported[usable], (SELF_REPORTED_SD * sd_b[b]) ** 2, 0.0)
    calibrated = intercept[b] + slope[b] * value[usable]
    # The fit's prediction variance: a result far outside the range of the
    # models both rate is an extrapolation, and less certain.
    with np.errstate(invalid="ignore", divide="ignore"):
        leverage = np.nan_to_num(1.0 / common[b] + (value[usable] - centre[b]) ** 2 / (common[b] * spread_x[b]))
    peer = peer_boards[b]
    leverage = np.where(peer, 0.0, leverage)
    # What the calibration cannot vouch for: the model's own deviation from the
    # anchor, the line's uncertainty at this value and, for a claim, the maker's bias.
    unexplained = residual_var[b] * (1.0 + leverage) + slope[b] ** 2 * claim_var
    variance = slope[b] ** 2 * (se2[usable] + stale_var) + unexplained
    # Only a flat series with no stated error could give 0; keep it finite.
    variance = np.maximum(variance, 1e-9 * prior_var)
    p = position[usable]

    def total(mask, weights):
        return np.bincount(p[mask], weights=weights[mask], minlength=n_models)

    # Peers are independent measurements of the category: they add up.
    precision = total(peer, 1.0 / variance)
    weighted = total(peer, calibrated / variance)
    # What a calibration leaves unexplained is mostly the model's own (it does
    # better on tests than in votes, or the reverse), and a maker's bias is
    # the same in all its claims: both are shared by the model's calibrated
    # results, so averaging them cannot bring their variance below the
    # smallest such unexplained part among them.
    other = ~peer
    shared = np.full(n_models, np.inf)
    np.minimum.at(shared, p[other], unexplained[other])
    other_precision = total(other, 1.0 / variance)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(other_precision > 0, np.minimum(1.0, 1.0 / (shared * other_precision)), 0.0)
    precision = precision + other_precision * scale
    weighted = weighted + total(other, calibrated / variance) * scale
    post_precision = precision + 1.0 / prior_var
    mean = (weighted + prior_mean / prior_var) / post_precision
    measured = precision > 0
    flagged = np.bincount(p, weights=self_reported[usable].astype(float), minlength=n_models) > 0
    calibrations = tuple(
        Calibration(
            int(codes[i]), float(intercept[i]), float(slope[i]), float(np.sqrt(residual_var[i])), int(common[i])
        )
        for i in range(n_boards)
        if np.isfinite(slope[i])
    )
    return QualityPosterior(
        mean=mean,
        sd=1.0 / np.sqrt(post_precision),
        measured=measured,
        self_reported=flagged,
        anchor_series=int(codes[anchor]),
        prior_mean=prior_mean,
        prior_sd=anchor_sd,
        calibrations=calibrations,
    )


def _primary_arena_board(position, type_index, source_id, board, priority, peer_boards) -> np.ndarray:
    """Mask of the measurements that count: every benchmark and peer board, one other arena board per (model, source).

    The boards of one arena (text, coding, math, a language...) are slices of
    one pool of votes. The category's peer boards each measure the category
    and all count; of the arena's other boards (in ``overall``, the
    category-specific ones) a model counts only its highest-priority one, and
    only when it is on no peer of that arena: the others only calibrate.
    Benchmarks are separate test sets and all count.
    """
    arena = type_index == TYPE_INDEX["quality"]
    keep = ~arena | peer_boards[board]
    index = np.flatnonzero(arena)
    if len(index):
        # Peers sort first (they lead the priority order), so a model on a peer
        # has a peer as its first row and no other board of that arena counts.
        order = index[np.lexsort((priority[board[index]], source_id[index], position[index]))]
        p, s = position[order], source_id[order]
        first = np.r_[True, (p[1:] != p[:-1]) | (s[1:] != s[:-1])]
        keep[order[first]] = True
    return keep


def _peer_deviation(board, position, value, se2, intercept, slope, peer_boards, n_models) -> np.ndarray:
    """Each peer board's own deviation variance on the anchor scale (0 for every other series).

    Over the models two peers both rate, the variance of the difference of
    their calibrated ratings, less both stated errors, is the sum of the two
    deviations. With three or more peers the pairs determine each deviation
    (least squares over the pairs); with two, the minimum-norm solution splits
    the disagreement equally. A board that is the union of the others' votes
    comes out with a deviation near 0 and dominates, as it should.
    """
    deviation = np.zeros(len(slope))
    peers = np.flatnonzero(peer_boards)
    if len(peers) < 2:
        return deviation
    column = np.full(len(slope), -1)
    column[peers] = np.arange(len(peers))
    on_peer = peer_boards[board]
    calibrated = np.full((n_models, len(peers)), np.nan)
    noise = np.zeros((n_models, len(peers)))
    rows, cols = position[on_peer], column[board[on_peer]]
    calibrated[rows, cols] = intercept[board[on_peer]] + slope[board[on_peer]] * value[on_peer]
    noise[rows, cols] = slope[board[on_peer]] ** 2 * se2[on_peer]
    design, observed = [], []
    for i in range(len(peers)):
        for j in range(i + 1, len(peers)):
            both = np.isfinite(calibrated[:, i]) & np.isfinite(calibrated[:, j])
            if both.sum() < MIN_COMMON_MODELS:
                continue
            gap = calibrated[both, i] - calibrated[both, j]
            design.append(np.isin(np.arange(len(peers)), (i, j)).astype(float))
            observed.append(gap.var() * both.sum() / (both.sum() - 1) - noise[both, i].mean() - noise[both, j].mean())
    if not design:
        return deviation
    solved = np.linalg.lstsq(np.array(design), np.array(observed), rcond=None)[0]
    deviation[peers] = np.maximum(solved, 0.0)
    return deviation


def _calibrate(board, position, value, se2, anchor_value, anchor_se2, n_boards, anchor_sd):
    """Reduced-major-axis fit of the anchor on each series over the models both rate, all series at once.

    Returns intercept, slope (NaN where the series cannot be calibrated),
    residual variance beyond both sides' stated errors, the common count, and
    the mean and variance of the series' values over those common models.
    """
    y = anchor_value[position]
    both = np.isfinite(y)
    bb, x, y, ys2, xs2 = board[both], value[both], y[both], anchor_se2[position[both]], se2[both]

    def total(weights):
        return np.bincount(bb, weights=weights, minlength=n_boards)

    n = total(np.ones(len(bb)))
    with np.errstate(invalid="ignore", divide="ignore"):
        mx, my = total(x) / n, total(y) / n
        vx = total(x * x) / n - mx**2
        vy = total(y * y) / n - my**2
        cov = total(x * y) / n - mx * my
        ok = (n >= MIN_COMMON_MODELS) & (vx > 0) & (vy > 0) & (cov > 0)
        slope = np.where(ok, np.sqrt(np.where(ok, vy / vx, 1.0)), np.nan)
        intercept = my - slope * mx
        # Residual of the fit, corrected for the n - 2 fitted degrees of freedom,
        # less what both sides' stated errors already account for.
        residual = (vy + slope**2 * vx - 2 * slope * cov) * n / np.maximum(n - 2, 1)
        stated = total(ys2) / n + slope**2 * total(xs2) / n
    residual_var = np.maximum(residual - stated, (MIN_CALIBRATION_SD * anchor_sd) ** 2)
    # A new model's error under a fit on n models: Student's t with n - 2 degrees of freedom.
    small_sample = (np.maximum(n, T_MIN_MODELS) - 2) / (np.maximum(n, T_MIN_MODELS) - 4)
    residual_var = residual_var * small_sample
    return intercept, slope, np.where(ok, residual_var, np.nan), n.astype(np.int64), mx, vx
