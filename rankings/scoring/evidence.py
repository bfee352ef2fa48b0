"""Signals to measurements: one per (model, source, board), the newest snapshot at or before T.

A leaderboard republished every week rates the same model again and again;
those snapshots are one measurement seen at several dates, not independent
evidence. The newest snapshot that rates the model is the measurement; older
ones only tell whether it changed and when the model was first seen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIGNAL_TYPES = ("demand", "usage", "quality", "cost", "trust", "social", "expert")
TYPE_INDEX = {name: index for index, name in enumerate(SIGNAL_TYPES)}
# What each type is evidence of: quality (arena ratings, benchmarks, audits),
# price, or adoption (hosts and listings, usage, reviews and mentions).
QUALITY_TYPES = ("quality", "expert", "trust")
ADOPTION_TYPES = ("demand", "usage", "social")
PRICE_TYPES = ("cost",)


def _type_mask(names) -> np.ndarray:
    return np.array([name in names for name in SIGNAL_TYPES])


IS_QUALITY, IS_ADOPTION, IS_PRICE = _type_mask(QUALITY_TYPES), _type_mask(ADOPTION_TYPES), _type_mask(PRICE_TYPES)


@dataclass(frozen=True)
class SignalArrays:
    """The signals recorded up to time T, one entry per signal.

    ``board_id`` codes what was measured within the source (an arena board
    keyed by arena and board, a benchmark, the host count): the pair
    (``source_id``, ``board_id``) is one measurement series. ``std_error`` is
    the standard error the source published on ``raw_value``'s scale (NaN when
    it published none). ``signal_id`` is unique and only breaks ties, so the
    row order never matters.
    """

    signal_id: np.ndarray
    model_id: np.ndarray
    type_index: np.ndarray  # index into SIGNAL_TYPES
    raw_value: np.ndarray  # on the source's own scale (Elo, percent, USD per 1M tokens, hosts)
    std_error: np.ndarray
    age_days: np.ndarray  # T - recorded_at (the date of the data), >= 0
    source_id: np.ndarray
    board_id: np.ndarray
    category_code: np.ndarray  # 0 = general
    self_reported: np.ndarray  # bool: published by the model's maker

    def __len__(self) -> int:
        return len(self.signal_id)


@dataclass(frozen=True)
class Measurements:
    """One row per (model, source, board), sorted by model then series."""

    model_id: np.ndarray
    type_index: np.ndarray
    source_id: np.ndarray
    series: np.ndarray  # dense code of (source, board)
    category_code: np.ndarray
    value: np.ndarray  # the newest snapshot's raw value
    std_error: np.ndarray  # NaN = not published
    lag_days: np.ndarray  # how far this snapshot trails the series' newest snapshot
    age_days: np.ndarray  # T - the newest snapshot's date
    first_age_days: np.ndarray  # T - the oldest snapshot's date: when the model was first seen here
    changed_age_days: np.ndarray  # age of the newest snapshot if it changed the value, else +inf
    self_reported: np.ndarray

    def __len__(self) -> int:
        return len(self.model_id)


def _dense(*columns: np.ndarray) -> np.ndarray:
    """0..n-1 codes of the distinct rows of ``columns``, in lexicographic order of the rows."""
    # A value's position among the sorted distinct values is its code: sorting
    # the values and searching them costs far less than unique's inverse.
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        values = np.unique(column)
        key = key * len(values) + np.searchsorted(values, column)
    return np.searchsorted(np.unique(key), key)


def series_codes(signals: SignalArrays) -> np.ndarray:
    """Each signal's measurement series, (source, board), as the dense code ``Measurements.series`` uses."""
    return _dense(np.asarray(signals.source_id), np.asarray(signals.board_id))


def latest_measurements(signals: SignalArrays) -> Measurements:
    """Collapse the snapshots of each (model, source, board) into its newest one."""
    if not len(signals):
        empty = np.zeros(0)
        return Measurements(*(empty.astype(np.int64),) * 5, *(empty,) * 6, empty.astype(bool))
    series = series_codes(signals)
    model = np.asarray(signals.model_id, dtype=np.int64)
    age = np.asarray(signals.age_days, dtype=np.float64)
    value = np.asarray(signals.raw_value, dtype=np.float64)
    # Newest first within each (model, series); equal dates fall back to the signal id.
    # (model, series) as one number in the same order: one sort key fewer.
    pair = model * (int(series.max()) + 1) + series
    order = np.lexsort((np.asarray(signals.signal_id), age, pair))
    m, s = model[order], series[order]
    starts = np.flatnonzero(np.r_[True, (m[1:] != m[:-1]) | (s[1:] != s[:-1])])
    first = order[starts]
    sizes = np.diff(np.r_[starts, len(order)])
    # The value the previous snapshot gave, to tell a real change from a re-publication.
    previous = np.where(sizes > 1, value[order[np.minimum(starts + 1, len(order) - 1)]], np.nan)
    changed = (sizes == 1) | (value[first] != previous)
    newest_of_series = np.full(series.max() + 1, np.inf)
    np.minimum.at(newest_of_series, series, age)
    return Measurements(
        model_id=m[starts],
        type_index=np.asarray(signals.type_index, dtype=np.int64)[first],
        source_id=np.asarray(signals.source_id, dtype=np.int64)[first],
        series=s[starts],
        category_code=np.asarray(signals.category_code, dtype=np.int64)[first],
        value=value[first],
        std_error=np.asarray(signals.std_error, dtype=np.float64)[first],
        lag_days=age[first] - newest_of_series[s[starts]],
        age_days=age[first],
        first_age_days=np.maximum.reduceat(age[order], starts),
        changed_age_days=np.where(changed, age[first], np.inf),
        self_reported=np.asarray(signals.self_reported, dtype=bool)[first],
    )
