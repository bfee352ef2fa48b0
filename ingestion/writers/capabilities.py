"""Capability claims from a batch, and each claimed model's capabilities re-derived from all its claims.

A source's claim for a model is what its maker's record in the batch states
when it has one, else what the source's other records state together. The
newest snapshot of a source replaces its claim; an older one only fills a
claim the source has not made yet. The model's capabilities are then what
``ingestion.claims.capabilities_from_claims`` derives from every source's
claim: capabilities no maker or majority supports are removed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ingestion.claims import SourceClaim, capabilities_from_claims
from ingestion.models import CapabilityClaim
from models_registry.membership import model_links_replace
from models_registry.models import Capability, Model


def claims_write(*, source: str, as_of: date, claims: dict[int, SourceClaim], counts) -> None:
    """Record this source's claims, then re-derive the capabilities of the models it claims for."""
    if not claims:
        return
    existing = {c.model_id: c for c in CapabilityClaim.objects.filter(source=source, model_id__in=claims)}
    to_create, to_update = [], []
    for model_id, claim in claims.items():
        values = {"capabilities": sorted(claim.capabilities), "by_maker": claim.by_maker, "as_of": as_of}
        row = existing.get(model_id)
        if row is None:
            to_create.append(CapabilityClaim(model_id=model_id, source=source, **values))
        elif row.as_of <= as_of and any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            to_update.append(row)
        else:
            counts.add("capability_claims", "unchanged")  # the same claim, or a newer snapshot's
    CapabilityClaim.objects.bulk_create(to_create)
    CapabilityClaim.objects.bulk_update(to_update, ["capabilities", "by_maker", "as_of"])
    counts.add("capability_claims", "created", len(to_create))
    counts.add("capability_claims", "updated", len(to_update))
    capabilities_derive(model_ids=list(claims), counts=counts)


def capabilities_derive(*, model_ids: list[int], counts) -> None:
    """Set each model's capabilities to what its sources' claims support (adds and removes)."""
    by_model: dict[int, list[SourceClaim]] = defaultdict(list)
    for model_id, capabilities, by_maker in CapabilityClaim.objects.filter(model_id__in=model_ids).values_list(
        "model_id", "capabilities", "by_maker"
    ):
        by_model[model_id].append(SourceClaim(frozenset(capabilities), by_maker))
    capability_ids = dict(Capability.objects.values_list("slug", "id"))
    wanted = {
        (model_id, capability_ids[slug])
        for model_id, claims in by_model.items()
        for slug in capabilities_from_claims(claims)
        if slug in capability_ids
    }
    changes = model_links_replace(
        through=Model.capabilities.through, column="capability_id", model_ids=list(by_model), wanted=wanted
    )
    counts.add("capabilities", "created", changes.added)
    counts.add("capabilities", "removed", changes.removed)
    counts.add("capabilities", "unchanged", len(wanted) - changes.added)
