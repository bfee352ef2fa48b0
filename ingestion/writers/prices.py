"""Dated price rows per endpoint: a new row only when the price changes.

Each source's rows are compared with that source's own history for the
endpoint, so two sources that disagree never make each other's re-runs write.
An observation at date D adds a row only if it differs from the row in force
at D; that handles snapshots ingested out of order. When an older observation
is inserted before a later row that repeats the same price, the later row no
longer marks a change and is dropped, so history keeps one row per real change.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ingestion.records import PRICE_FIELDS, Batch
from models_registry.models import Endpoint
from pricing.models import Price

COMPARED = (*PRICE_FIELDS, "free_tier_available")


def price_key(values: dict) -> tuple:
    return tuple(_same(values.get(name)) for name in COMPARED)


def _same(value):
    # Decimal("3") and Decimal("3.0000000000") are one price.
    return value.normalize() if isinstance(value, Decimal) else value


def prices_write(*, batch: Batch, endpoints: dict[tuple[str, str], Endpoint], counts) -> None:
    observed = [
        (endpoints[(r.host_slug, r.provider_model_id)], r.prices)
        for r in batch.endpoints
        if r.prices and (r.host_slug, r.provider_model_id) in endpoints
    ]
    if not observed:
        return
    history: dict[int, list[dict]] = defaultdict(list)
    rows = (
        Price.objects.filter(endpoint_id__in={e.pk for e, _ in observed}, source=batch.source)
        .order_by("endpoint_id", "effective_from", "id")
        .values("id", "endpoint_id", "effective_from", *COMPARED)
    )
    for row in rows:
        history[row["endpoint_id"]].append(row)
    to_create: list[Price] = []
    to_delete: set[int] = set()
    done: set[int] = set()
    for endpoint, prices in observed:
        if endpoint.pk in done:
            continue  # one endpoint listed twice in a file: the first listing counts
        done.add(endpoint.pk)
        rows = history[endpoint.pk]
        for price in sorted(prices, key=lambda p: p.effective_from):
            values = {**dict.fromkeys(PRICE_FIELDS), **price.values, "free_tier_available": price.free_tier_available}
            key = price_key(values)
            before = [row for row in rows if row["effective_from"] <= price.effective_from]
            if before and price_key(before[-1]) == key:
                counts.add("prices", "unchanged")
                continue
            row = {"id": None, "endpoint_id": endpoint.pk, "effective_from": price.effective_from, **values}
            rows.insert(len(before), row)
            to_create.append(
                Price(endpoint=endpoint, source=batch.source, effective_from=price.effective_from, **values)
            )
            counts.add("prices", "created")
            later = rows[len(before) + 1] if len(rows) > len(before) + 1 else None
            if later is not None and later["id"] is not None and price_key(later) == key:
                to_delete.add(later["id"])
                rows.remove(later)
                counts.add("prices", "superseded")
    Price.objects.bulk_create(to_create)
    if to_delete:
        Price.objects.filter(id__in=to_delete).delete()
