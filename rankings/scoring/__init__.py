"""The scoring engine: signal arrays in, per-category scores, ranks, spreads and confidence out.

Contract: pure NumPy, no ORM and no clock. ``score_categories(signals, plans)``
takes every signal recorded up to T (``SignalArrays``, ages relative to T) and
one ``CategoryPlan`` per category (its members: exactly the models it
ranks), and returns a ``CategoryScores`` per category with at least one
ranked model. The same arrays in any row order give
the same result; the posterior draws are seeded. ``rankings.services`` loads
the arrays and writes the results. Every formula here is the one
``docs/methodology.md`` states; change both together.

- ``evidence``: signals to one measurement per (model, source, board).
- ``quality``: latent quality per category on the anchor board's scale.
- ``engine``: the composite, ranks, rank spreads and confidence.
"""

from rankings.scoring.engine import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    DEFAULT_WEIGHTS,
    NEW_ENTRY_DAYS,
    PARTS,
    CategoryPlan,
    CategoryScores,
    ordinal_ranks,
    part_weights,
    score_categories,
    score_scale,
    weight_vector,
)
from rankings.scoring.evidence import SIGNAL_TYPES, TYPE_INDEX, SignalArrays, latest_measurements, series_codes
from rankings.scoring.quality import QualityPosterior, fit_quality

__all__ = [
    "DEFAULT_RESAMPLES",
    "DEFAULT_SEED",
    "DEFAULT_WEIGHTS",
    "NEW_ENTRY_DAYS",
    "PARTS",
    "SIGNAL_TYPES",
    "TYPE_INDEX",
    "CategoryPlan",
    "CategoryScores",
    "QualityPosterior",
    "SignalArrays",
    "fit_quality",
    "latest_measurements",
    "ordinal_ranks",
    "part_weights",
    "score_categories",
    "score_scale",
    "series_codes",
    "weight_vector",
]
