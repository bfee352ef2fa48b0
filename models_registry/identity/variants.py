"""Pure rules for the modes of one release that leaderboards rate on their own (no ORM).

LMArena rates ``claude-opus-4-5-20251101`` and ``claude-opus-4-5-20251101-thinking-32k``
separately, and ``gpt-5.1`` beside ``gpt-5.1-high``: one set of weights run with
a reasoning mode or budget. Such an id is a *variant* of its base release: it
ranks as its own row and is served and priced through the base's endpoints.

``split_variant`` reads the mode off the end of a normal form. It only proposes;
the resolver accepts the split when the base is a known release and the whole
id is not itself one (``kimi-k2-thinking`` is Moonshot's own release, not a mode).
"""

from __future__ import annotations

import re

# Reasoning modes and budgets as sources append them, on the normal form:
# "-thinking", "-thinking-32k", "-thinking-1024" (a budget in tokens),
# "-thinking-medium", "-high", "-reasoning"/"-non-reasoning", "-minimal" ... A
# bare "-medium" is a size as often as an effort ("sd3-medium"): only after
# "thinking". A date after the mode ("-thinking-2507", "-thinking-251104")
# makes a dated release, not a mode: see _is_budget.
_MODE = re.compile(
    r"^(?P<base>.+?)-(?P<label>"
    r"(?:max-)?thinking(?:-(?P<budget>\d{1,3}k|\d{3,6})|-(?:xhigh|high|medium|low|minimal))?"
    r"|non-reasoning|reasoning"
    r"|xhigh|high|low|minimal"
    r")$"
)
_SNAPSHOT_LIKE = re.compile(r"^(?:2[3-9](?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])?)$")  # "2507" (YYMM), "251104" (YYMMDD)


def split_variant(normalized: str) -> tuple[str, str] | None:
    """``(base normal form, mode label)`` if the id ends in a reasoning mode or budget, else None.

    The base must still name a versioned release (a digit in it), so
    ``mistral-medium`` or ``magistral-medium`` are never read as a "medium" mode.
    """
    match = _MODE.match(normalized)
    if match is None:
        return None
    base, label = match["base"], match["label"]
    if match["budget"] and _SNAPSHOT_LIKE.match(match["budget"]):
        return None
    if not any(ch.isdigit() for ch in base) or len(base.split("-")) < 2:
        return None
    return base, label


# What an image generator renders at, which image arenas rate apart
# ("gemini-3-pro-image-preview-2k", "seedream-4-high-res"): a setting of one
# release, like a reasoning budget. Proposed for any id, accepted only for an
# image generator (the resolver checks): after a text model, "-4k" is a
# context window ("phi-3-mini-4k" is a release of its own).
_RENDERING = re.compile(r"^(?P<base>.+?)-(?P<label>[1-8]k|high-res|hd)$")


def split_rendering(normalized: str) -> tuple[str, str] | None:
    """``(base normal form, rendering label)`` if the id ends in an output resolution or fidelity, else None."""
    match = _RENDERING.match(normalized)
    if match is None or not any(ch.isdigit() for ch in match["base"]):
        return None
    return match["base"], match["label"]
