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

from django.db.models import F

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
    """A price the source does not date held from the model's release; without one it is not recorded.

    It keeps ``since_release``: its row follows the release date from then on
    (``release_dated_prices_follow``).
    """
    if not price.since_release:
        return price
    release = endpoint.model.release_date
    if release is None or release > price.effective_from:
        counts.add("prices", "undated")
        return replace(price, effective_from=None)
    return replace(price, effective_from=release)


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
        .values("id", "endpoint_id", "effective_from", "conditions", "dated_by_release", *COMPARED_FIELDS)
    )
    for row in rows:
        history[(row["endpoint_id"], series_of(row["conditions"]))].append(row)
    to_create: list[Price] = []
    to_delete: set[int] = set()
    release_dated: set[int] = set()
    for endpoint, prices in observed:
        known = [price for price in (dated(p, endpoint, counts) for p in prices) if price.effective_from is not None]
        for price in sorted(known, key=lambda p: p.effective_from):
            series = history[(endpoint.pk, series_of(price.conditions))]
            values = price_row(price)
            before = [row for row in series if row["effective_from"] <= price.effective_from]
            if not is_new_price(previous=before[-1] if before else None, values=values):
                counts.add("prices", "unchanged")
                # The first row of its series, written before rows kept how they were dated,
                # is this price's row wherever an earlier release date put it: it follows from now on.
                if price.since_release and len(before) == 1 and before[0]["id"] is not None:
                    release_dated.add(before[0]["id"])
                continue
            if not before and price.withdrawn:
                continue  # nothing to end
            row = {
                "id": None,
                "endpoint_id": endpoint.pk,
                "effective_from": price.effective_from,
                "dated_by_release": price.since_release,
                **values,
            }
            series.insert(len(before), row)
            to_create.append(
                Price(
                    endpoint=endpoint,
                    source=batch.source,
                    effective_from=price.effective_from,
                    conditions=price.conditions,
                    dated_by_release=price.since_release,
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
    if release_dated:
        Price.objects.filter(id__in=release_dated).update(dated_by_release=True)


def release_dated_prices_follow(counts) -> None:
    """Move each price its source gave no start to its model's release date as the catalog now serves it.

    Such a price is dated by the release date known when its file was read
    (``dated``); a file read later (or a merge) may correct that date. The row
    then moves as a fresh read of its file would date it: to the new release
    date while that is before the series' next row, and it is dropped when the
    release comes on or after that row (the price never held). A row with an
    earlier row of its own series before it is left as it is. So the rows do
    not depend on the order the files were read in.
    """
    rows = (
        Price.objects.filter(dated_by_release=True, endpoint__model__release_date__isnull=False)
        .exclude(effective_from=F("endpoint__model__release_date"))
        .values_list("id", "endpoint_id", "source", "conditions", "effective_from", "endpoint__model__release_date")
    )
    for pk, endpoint_id, source, conditions, dated_from, released in rows:
        series = Price.objects.filter(endpoint_id=endpoint_id, source=source, conditions=conditions).exclude(pk=pk)
        if series.filter(effective_from__lte=min(dated_from, released)).exists():
            continue
        following = series.filter(effective_from__gt=dated_from).order_by("effective_from").first()
        if following is not None and released >= following.effective_from:
            Price.objects.filter(pk=pk).delete()
            counts.add("prices", "superseded")
        else:
            Price.objects.filter(pk=pk).update(effective_from=released)
            counts.add("prices", "redated")
