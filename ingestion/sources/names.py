"""A model's display name as its maker writes it: one cleaning for every source.

Listers decorate names: OpenRouter puts the maker in front ("Anthropic:
Claude Opus 4.5"), hosts and catalogs mark their own offer or routing after
it ("(free)", "(beta)", "(US)", "(20% off)") and floating ids get "(latest)".
None of that is the model's name. What tells models apart stays: dates,
modes and sizes in parentheses ("GPT-4o (2024-08-06)", "Grok 4 Fast
(Non-Reasoning)", "Step 2 (16K)").
"""

from __future__ import annotations

import re

NAME_MAX_LENGTH = 200

# "Maker: Model" as aggregators write it; a short lead without parentheses, then ": ".
_MAKER_PREFIX = re.compile(r"^[^:()]{1,40}:\s+(?=\S)")
# A lister's offer, stage or routing in parentheses, wherever it stands.
_LISTER_MARKERS = re.compile(
    r"\s*\(\s*(?:free|beta|alpha|latest|us|eu|global|china|jp|au|apac|\d+\s*%\s*off)\s*\)",
    re.IGNORECASE,
)


# A name that repeats a repository's or a route's id: the org or route before the name is where the
# model is published, not its name ("@cf/deepgram/aura-1", "THUDM/GLM-4.1V-9B-Thinking", "Z-Ai/Autoglm
# Phone 9b"). Only segments of letters: "GPT-4o/GPT-4o mini" or "Claude 2.0 / 2.1" name models.
_ID_PATH_PREFIX = re.compile(r"^[@A-Za-z][@A-Za-z._-]*(?:/[@A-Za-z][@A-Za-z._-]*)*/(?=\S)")


def model_display_name(name: str, *, fallback: str = "") -> str:
    """``name`` without a maker prefix, an id's org or route, or a lister's markers, whitespace collapsed
    (``fallback`` if nothing is left)."""
    cleaned = _ID_PATH_PREFIX.sub("", _MAKER_PREFIX.sub("", name.strip(), count=1), count=1)
    cleaned = _LISTER_MARKERS.sub("", cleaned)
    cleaned = " ".join(cleaned.split())
    return (cleaned or fallback.strip())[:NAME_MAX_LENGTH]
