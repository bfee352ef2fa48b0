"""Pure rule for the curator queue's bulk "Attach to the top suggestion" (no ORM; docs/identity.md).

A suggestion is a fuzzy match made for a curator's eyes. The bulk action
attaches without anyone opening the row, so it takes the top suggestion only
when the match is near exact (``SAFE_ATTACH_SCORE``) and the id and the model
name the same generation (the same version numbers, sizes and snapshot:
``releases.generation_conflict``) in the same mode (``variants.split_variant``),
with the same words but for spellings that never tell two models apart
(``SPELLING_WORDS``: ``-hf``, ``open-``, a ``v`` before the version). A high
score is not enough: ``claude-opus-4-1`` scores 93 against ``claude-opus-4-5``,
``nous-hermes-llama2-70b`` 98 against ``...-7b``, ``claude-opus-4-5-20251101-low``
92 against its base release, ``gte-large-en-v1.5`` 94 against
``bge-large-en-v1-5`` (another lab's model) and ``qwen-plus-character`` 93
against ``qwen-plus-character-ja`` (its Japanese edition).
What the rule refuses stays pending, for a curator to open.
"""

from __future__ import annotations

from dataclasses import dataclass

from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.releases import SPELLING_WORDS, generation_conflict
from models_registry.identity.variants import split_variant

# Suggestion scores are edit-distance ratios (0-100) of the spaced normal forms.
# On a typical 20-30 character id, 92 allows two or three characters more or
# less ("-hf", a "v" before the version); a longer word ("-instruct", "-mini")
# scores below it.
SAFE_ATTACH_SCORE = 92.0

NO_SUGGESTION = "no suggestion"
BELOW_SAFE_SCORE = "below the safe score"
OTHER_GENERATION = "another generation"
OTHER_MODE = "another mode"
OTHER_WORDS = "other words"


@dataclass(frozen=True)
class Refusal:
    """Why the top suggestion is not attached: ``reason`` is one of the constants above."""

    reason: str
    detail: str = ""


def top_suggestion_refusal(normalized: str, suggestions: list[dict]) -> Refusal | None:
    """Why the id (by its normal form) must not be attached to its top suggestion, or None.

    ``suggestions`` are the queue row's, best first: ``{"slug", "score", ...}``.
    """
    if not suggestions:
        return Refusal(NO_SUGGESTION)
    top = suggestions[0]
    if top["score"] < SAFE_ATTACH_SCORE:
        return Refusal(BELOW_SAFE_SCORE, f"{top['score']:g} for {top['slug']}")
    suggested = normalize_model_id(top["slug"])
    conflict = generation_conflict(normalized, suggested)
    if conflict is not None:
        return Refusal(OTHER_GENERATION, f"{top['slug']}: {conflict}")
    mode, suggested_mode = _mode(normalized), _mode(suggested)
    if mode != suggested_mode:
        # A rated mode of a release is a model of its own (a variant), never an alias of its base.
        return Refusal(OTHER_MODE, f"{top['slug']}: mode {mode or 'none'} vs {suggested_mode or 'none'}")
    words, suggested_words = _words(normalized), _words(suggested)
    if words != suggested_words:
        # A word swapped is another model ("gte" for "bge"), or a typo nobody
        # has checked; a word more is often another edition ("-ja", "-instruct").
        only, other = sorted(words - suggested_words), sorted(suggested_words - words)
        return Refusal(OTHER_WORDS, f"{top['slug']}: {' '.join(only) or 'none'} vs {' '.join(other) or 'none'}")
    return None


def _words(normalized: str) -> set[str]:
    """The id's words without digits, less the spellings that never tell models apart."""
    tokens = normalized.split("-")
    return {token for token in tokens if not any(ch.isdigit() for ch in token)} - SPELLING_WORDS


def _mode(normalized: str) -> str | None:
    split = split_variant(normalized)
    return split[1] if split else None
