"""Dated price rows per endpoint: a new row only when the price changes.

A source's rows for one endpoint form series, one per set of conditions (the
list price, an off-peak window, a context tier, batch), and every observation
is compared with its own series only, so two sources that disagree never make
each other's re-runs write. Whether an observation is a change is
``pricing.rules.is_new_price``. An observation at date D adds a row only if it
differs from the series' row in force at D; that handles snapshots ingested
out of order. When an older observation is inserted before a later row that
repeats the same price, the later row no longer marks a change and is dropped,
so history keeps one row per real change.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace

from ingestion.records import PRICE_FIELDS, Batch, EndpointRecord, PriceRecord
from models_registry.models import Endpoint
from pricing.models import Price
from pricing.rules import COMPARED_FIELDS, is_new_price


def series_of(conditions: dict) -> str:
    return json.dumps(conditions, sort_keys=True)


def price_row(price: PriceRecord) -> dict:
    return {
        **dict.fromkeys(PRICE_FIELDS),
        **price.values,
        "free_tier_available": price.free_tier_available,
        "withdrawn": price.withdrawn,
    }


def dated(price: PriceRecord, endpoint: Endpoint, counts) -> PriceRecord:
    """A price the source does not date held from the model's release; without one it is not recorded."""
    if not price.since_release:
        return price
    release = endpoint.model.release_date
    if release is None or release > price.effective_from:
        counts.add("prices", "undated")
        return replace(price, effective_from=None)
    return replace(price, effective_from=release, since_release=False)


def priced_records(batch: Batch, endpoints: dict[tuple[str, str], Endpoint]) -> dict[int, EndpointRecord]:
    """Each endpoint's first record in the file that states prices (endpoint pk -> record).

    Of two ids of one endpoint in a file, that record speaks for its prices:
    for the price rows and for what the snapshot's listing states.
    """
    first: dict[int, EndpointRecord] = {}
    for record in batch.endpoints:
        endpoint = endpoints.get((record.host_slug, record.provider_model_id))
        if record.prices and endpoint is not None:
            first.setdefault(endpoint.pk, record)
    return first


def prices_write(*, batch: Batch, endpoints: dict[tuple[str, str], Endpoint], counts) -> None:
    priced = priced_records(batch, endpoints)
    observed = [(endpoints[(r.host_slug, r.provider_model_id)], r.prices) for r in priced.values()]
    if not observed:
        return
    history: dict[tuple[int, str], list[dict]] = defaultdict(list)
    rows = (
        Price.objects.filter(endpoint_id__in={e.pk for e, _ in observed}, source=batch.source)
        .order_by("endpoint_id", "effective_from", "id")
        .values("id", "endpoint_id", "effective_from", "conditions", *COMPARED_FIELDS)
    )
    for row in rows:
        history[(row["endpoint_id"], series_of(row["conditions"]))].append(row)
    to_create: list[Price] = []
    to_delete: set[int] = set()
    for endpoint, prices in observed:
        known = [price for price in (dated(p, endpoint, counts) for p in prices) if price.effective_from is not None]
        for price in sorted(known, key=lambda p: p.effective_from):
            series = history[(endpoint.pk, series_of(price.conditions))]
            values = price_row(price)
            before = [row for row in series if row["effective_from"] <= price.effective_from]
            if not is_new_price(previous=before[-1] if before else None, values=values):
                counts.add("prices", "unchanged")
                continue
            if not before and price.withdrawn:
                continue  # nothing to end
            row = {"id": None, "endpoint_id": endpoint.pk, "effective_from": price.effective_from, **values}
            series.insert(len(before), row)
            to_create.append(
                Price(
                    endpoint=endpoint,
                    source=batch.source,
                    effective_from=price.effective_from,
                    conditions=price.conditions,
                    **values,
                )
            )
            counts.add("prices", "withdrawn" if price.withdrawn else "created")
            later = series[len(before) + 1] if len(series) > len(before) + 1 else None
            if later is not None and later["id"] is not None and not is_new_price(previous=row, values=later):
                to_delete.add(later["id"])
                series.remove(later)
                counts.add("prices", "superseded")
    Price.objects.bulk_create(to_create)
    if to_delete:
        Price.objects.filter(id__in=to_delete).delete()
