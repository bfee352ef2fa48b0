"""Pure arithmetic that turns source facts into signal values in [0, 1]."""

from __future__ import annotations

import math
from collections.abc import Sequence
from urllib.parse import urlsplit

# A 95% interval this wide (in rating points) or wider gives the minimum confidence.
ARENA_CI_WIDTH_FOR_MIN_CONFIDENCE = 100.0
MIN_CONFIDENCE = 0.05
UNKNOWN_CI_CONFIDENCE = 0.5
BENCHMARK_CONFIDENCE = 0.8


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def min_max(values: Sequence[float]) -> list[float]:
    """Rescale to [0, 1] within the sequence; a single or flat sequence maps to 1."""
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [1.0 for _ in values]
    return [round((v - low) / (high - low), 6) for v in values]


def ci_confidence(low: float | None, high: float | None) -> float:
    """Narrow bootstrap intervals mean many votes: confidence falls linearly with CI width."""
    if low is None or high is None or high < low:
        return UNKNOWN_CI_CONFIDENCE
    return round(clamp(1 - (high - low) / ARENA_CI_WIDTH_FOR_MIN_CONFIDENCE, MIN_CONFIDENCE, 1.0), 6)


def benchmark_normalized(score: float) -> float:
    """Benchmarks publish percentages (0-100) or fractions (0-1)."""
    return round(clamp(score / 100 if score > 1 else score), 6)


# Evaluators that run benchmarks on other makers' models and publish the
# results themselves. A result published anywhere else (the maker's site,
# model card or paper) or with no source is the maker's own claim.
INDEPENDENT_EVALUATOR_HOSTS = (
    "aider.chat",
    "artificialanalysis.ai",
    "labs.scale.com",
    "lmarena.ai",
    "openrouter.ai",  # its benchmark pages republish independent evaluations
    "swebench.com",
)


def benchmark_self_reported(source_url: str) -> bool:
    """Whether a benchmark result is the model maker's own claim (no independent evaluator published it)."""
    host = urlsplit(source_url.strip()).hostname or ""
    return not any(host == known or host.endswith("." + known) for known in INDEPENDENT_EVALUATOR_HOSTS)


def blended_price(input_per_million: float, output_per_million: float) -> float:
    """USD per 1M tokens at the usual 3:1 input:output mix."""
    return (3 * input_per_million + output_per_million) / 4


def cost_normalized(prices: Sequence[float]) -> list[float]:
    """Cheaper is better, on a log scale (prices span four orders of magnitude)."""
    logs = [math.log10(p + 0.01) for p in prices]
    return [round(1 - v, 6) for v in min_max(logs)] if len(set(logs)) > 1 else [1.0 for _ in prices]


def demand_normalized(host_counts: Sequence[int]) -> list[float]:
    """More hosts serving a model means more demand; diminishing returns past a few."""
    top = max(host_counts, default=0)
    if top <= 0:
        return [0.0 for _ in host_counts]
    return [round(math.log1p(n) / math.log1p(top), 6) for n in host_counts]
