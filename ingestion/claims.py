"""A model's capabilities from what the sources that list it claim: the maker's word or the majority's.

Each source that describes capabilities gives one claim per model: the
capabilities its newest snapshot states, and whether that comes from the
maker's own record (a models.dev lab card or creator's API file, a LiteLLM
entry of the creator's own API). Hosts and aggregators describe what they
serve, and one of them listing a text model with image input (a proxy that
accepts images and captions them) is not evidence of vision when the others
say otherwise: so a capability holds when the maker claims it or more than
half of the sources listing the model do, never on the union of every claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceClaim:
    """The capabilities one source claims for a model, and whether the maker's own record says so."""

    capabilities: frozenset[str]
    by_maker: bool


def capabilities_from_claims(claims: Iterable[SourceClaim]) -> set[str]:
    """The capabilities the maker claims, and those a strict majority of the claiming sources share."""
    claims = list(claims)
    votes: dict[str, int] = defaultdict(int)
    held: set[str] = set()
    for claim in claims:
        for capability in claim.capabilities:
            votes[capability] += 1
        if claim.by_maker:
            held |= claim.capabilities
    return held | {capability for capability, n in votes.items() if 2 * n > len(claims)}
