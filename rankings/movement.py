"""Rank movement and state: how each model's place compares with earlier published leaderboards.

Pure NumPy like ``rankings.scoring``; ``rankings.loaders.histories`` supplies
the earlier leaderboards. The rules are the ones ``docs/methodology.md`` states.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from rankings.scoring import NEW_ENTRY_DAYS, CategoryScores

# A change over a period compares with the published leaderboard nearest to
# T minus the period, if one lies within the tolerance; otherwise there is no
# change to report (a year-old run is not "7 days ago").
PERIODS = {
    "24h": (timedelta(hours=24), timedelta(hours=6)),
    "7d": (timedelta(days=7), timedelta(days=1)),
    "30d": (timedelta(days=30), timedelta(days=3)),
}
# States look back over this window (the 7-day change, input changes, volatility).
STATE_WINDOW_DAYS = 7.0


@dataclass(frozen=True)
class History:
    """What earlier leaderboards say about each ranked model (NaN = not in that leaderboard)."""

    compared_at: dict[str, datetime | None]  # period -> the run compared with, None when none is near enough
    previous_rank: dict[str, np.ndarray]  # period -> the model's rank in that run
    window_best_rank: np.ndarray  # best rank in the daily leaderboards of the last 7 days
    window_worst_rank: np.ndarray


@dataclass(frozen=True)
class Movement:
    changes: dict[str, np.ndarray]  # period -> previous rank - rank now (positive = moved up), NaN = unknown
    states: list[str]


def movement(scores: CategoryScores, history: History) -> Movement:
    """Changes per period and the state of every ranked model, first rule that applies:

    new_entry (first seen within 7 days), stable (no input changed within 7
    days: its own evidence says the same), rising / falling (the 7-day change
    exceeds the width of its rank spread), volatile (its rank ranged over the
    week by more than its spread is wide), else stable.
    """
    changes = {period: history.previous_rank[period] - scores.rank for period in PERIODS}
    width = scores.rank_high - scores.rank_low
    week = changes["7d"]
    best = np.fmin(history.window_best_rank, scores.rank)
    worst = np.fmax(history.window_worst_rank, scores.rank)
    # One pass over plain lists (NaN compares as NumPy's does: never true);
    # indexing NumPy arrays one element at a time costs more than the rules.
    columns = zip(
        scores.first_seen_days.tolist(),
        scores.changed_days.tolist(),
        week.tolist(),
        width.tolist(),
        (worst - best).tolist(),
        strict=True,
    )
    states = []
    for first_seen, changed, moved, spread, ranged in columns:
        if first_seen < NEW_ENTRY_DAYS:
            states.append("new_entry")
        elif changed > STATE_WINDOW_DAYS:
            states.append("stable")
        elif moved > spread:
            states.append("rising")
        elif -moved > spread:
            states.append("falling")
        elif ranged > spread:
            states.append("volatile")
        else:
            states.append("stable")
    return Movement(changes=changes, states=states)
