"""Apply a parsed Batch to the database: identities, catalog rows, prices, signals.

Every writer reads what exists in bulk, compares, and writes only differences
(bulk_create / bulk_update), so a re-run of the same input writes nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ingestion.records import Batch
from ingestion.writers.catalog import CatalogWriter
from ingestion.writers.listings import absences_apply, listings_record, models_status_write
from ingestion.writers.prices import prices_write, release_dated_prices_follow
from ingestion.writers.signals import listing_signals_derive, listing_snapshots, signals_write
from models_registry.identity.reconcile import (
    host_links_join,
    modes_released,
    releases_reconcile,
    variants_reconcile,
    weights_links_join,
)
from models_registry.membership import memberships_refresh
from models_registry.provenance import variants_follow
from models_registry.slugs import slugs_derive

# Outcomes that mean a run changed the database.
CHANGES = (
    "created",
    "updated",
    "superseded",
    "removed",
    "retired",
    "withdrawn",
    "merged",
    "split",
    "reconciled",
    "redated",
)


class Counts:
    """created / updated / unchanged / unresolved ... per kind of row."""

    def __init__(self):
        self._by_kind: dict[str, Counter] = defaultdict(Counter)

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        if n:
            self._by_kind[kind][outcome] += n

    def changed(self) -> bool:
        return any(counter[outcome] for counter in self._by_kind.values() for outcome in CHANGES)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {kind: dict(sorted(counter.items())) for kind, counter in sorted(self._by_kind.items())}


def batch_apply(*, batch: Batch, counts: Counts, progress=None) -> None:
    catalog = CatalogWriter(batch=batch, counts=counts, progress=progress)
    catalog.write()
    listings_record(batch=batch, endpoints=catalog.endpoints, records=catalog.endpoint_records, counts=counts)
    prices_write(batch=batch, endpoints=catalog.endpoints, counts=counts)
    moved = absences_apply(batch=batch, counts=counts)
    # Once every endpoint is written and every absence applied: whether anyone still serves a model.
    models_status_write(catalog.touched_model_ids | moved, counts)
    signals_write(batch=batch, models=catalog.models, counts=counts)
    # A host's link of an id another file made a model to a lab card of this one, read after it.
    joined = host_links_join(catalog.host_links)
    # A source's word on which weights an id serves, whichever of the two models was read first.
    joined += weights_links_join()
    # A mode read before the dates that make its ids a dated release's floating name is that name.
    joined += modes_released(model_ids=catalog.touched_model_ids)
    # What this file taught may join releases an earlier file, read first, left apart.
    joined += releases_reconcile(model_ids=catalog.touched_model_ids)
    counts.add("models", "merged", len(joined))
    # ... and make a mode met before its release that release's variant.
    reconciled = variants_reconcile()
    counts.add("variants", "reconciled", len(reconciled))
    # What each model costs and how many hosts list it, in this snapshot and in every snapshot listing
    # an endpoint this run moved or a release it merged or split, as the endpoints now stand.
    kept = {result.kept.pk for result in joined} | {model.pk for model in reconciled} | catalog.split_model_ids
    moved = listing_snapshots(model_ids=kept, endpoint_ids=catalog.moved_endpoint_ids)
    listing_signals_derive(counts, {(batch.source, batch.as_of), *moved})
    # A variant's facts are its release's, including a status the listings just changed.
    counts.add("variants", "updated", len(variants_follow()))
    # Prices a source gave no start hold from the release date the catalog now serves.
    release_dated_prices_follow(counts)
    # Slugs follow every model's ids as they stand now (models_registry/slugs.py), so not the files' order;
    # a variant's is its release's and its label, so after the variants.
    counts.add("slugs", "updated", len(slugs_derive()))
    # Membership follows the evidence just written (capabilities, types, limits, signals).
    changes = memberships_refresh()
    counts.add("model_categories", "created", changes.added)
    counts.add("model_categories", "removed", changes.removed)
