"""Rank movement and state: how each model's place compares with earlier leaderboards.

Pure NumPy like ``rankings.scoring``; ``rankings.loaders.history`` supplies
the earlier leaderboards. The rules are the ones ``docs/methodology.md`` states.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rankings.scoring import CategoryScores


@dataclass(frozen=True)
class History:
    """What earlier snapshots say about each ranked model (NaN = no such snapshot)."""

    rank_24h_ago: np.ndarray
    rank_7d_ago: np.ndarray
    first_scored_days_ago: np.ndarray  # age of the model's first snapshot in this category
    window_min_score: np.ndarray  # lowest score within the last 7 days (current included)
    window_max_score: np.ndarray


NEW_ENTRY_DAYS = 7.0


def movement(scores: CategoryScores, history: History) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``change_24h``, ``change_7d`` (positive = moved up) and ``state`` per model."""

    def change(previous):
        return np.where(np.isnan(previous), 0, np.nan_to_num(previous) - scores.rank).astype(np.int64)

    change_24h, change_7d = change(history.rank_24h_ago), change(history.rank_7d_ago)
    spread = scores.rank_high - scores.rank_low
    known_7d = ~np.isnan(history.rank_7d_ago)
    swing = np.fmax(history.window_max_score, scores.score) - np.fmin(history.window_min_score, scores.score)
    states = []
    for i in range(len(scores.rank)):
        first = history.first_scored_days_ago[i]
        if np.isnan(first) or first < NEW_ENTRY_DAYS:
            states.append("new_entry")
        elif known_7d[i] and change_7d[i] > spread[i]:
            states.append("rising")
        elif known_7d[i] and -change_7d[i] > spread[i]:
            states.append("falling")
        elif swing[i] > scores.score_high[i] - scores.score_low[i]:
            states.append("volatile")
        else:
            states.append("stable")
    return change_24h, change_7d, states
