"""Which endpoints each snapshot of a source lists, and what their absence means.

Per source the newest snapshot wins; an older one only fills history. An
endpoint a source listed that a newer snapshot of the source no longer lists
is retired as of the first snapshot after its last listing:

- each of that source's price series for the endpoint ends there with a
  withdrawn row, so it has no price from that source from that date on (a
  snapshot that lists it again starts the series anew);
- its status becomes retired unless another source still lists it in its own
  newest snapshot; a newest snapshot that lists a retired endpoint again
  makes it active.

A model whose every endpoint is retired (no source lists it any more; or an
older snapshot ingested after a newer one created it for listings the newer
one dropped) is retired: it is history, not something on sale. A model served
again is active. The status is derived from every endpoint the model has
(``models_registry.provenance.status_served``), never from what one run
changed, so it is the same in whatever order the snapshots arrive. A listing
missing from one snapshot and back in a later one is treated as continuous.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db.models import Max
from django.utils import timezone

from ingestion.models import Listing
from ingestion.records import Batch, EndpointRecord
from ingestion.writers.prices import priced_records
from models_registry.models import Endpoint, Model
from models_registry.provenance import Observed, facts_derive, precedence_of, served_observation
from pricing.models import Price

# What a listing states of its endpoint.
STATED = ["context_window", "max_output_tokens", "deprecated", "precedence", "input_per_million", "output_per_million"]
# A listing's stated prices have the precision of Price's amounts.
PRICE_PLACES = Decimal("1e-10")
# The endpoint's limits, served from the listings as they state them.
ENDPOINT_FACTS = ("context_window", "max_output_tokens")


class StatedListing(NamedTuple):
    """One listing as the derivation reads it."""

    source: str
    as_of: date
    context_window: int | None
    max_output_tokens: int | None
    deprecated: bool | None
    precedence: int | None


def stated_list_price(record: EndpointRecord | None, as_of: date) -> dict[str, Decimal | None]:
    """The list price a record states in force on the snapshot's day: its input and output per 1M tokens.

    Conditional prices (off-peak, batch, context tiers) are not what a model
    costs; without both amounts (or without a record) there is no list price.
    Amounts are rounded as PostgreSQL rounds Price's, half away from zero.
    """
    prices = record.prices if record is not None else []
    in_force = [price for price in prices if price.effective_from <= as_of and not price.conditions]
    values = max(in_force, key=lambda price: price.effective_from).values if in_force else {}
    amounts = {name: values.get(name) for name in ("input_per_million", "output_per_million")}
    if any(amount is None for amount in amounts.values()):
        return dict.fromkeys(amounts)
    return {name: Decimal(str(amount)).quantize(PRICE_PLACES, ROUND_HALF_UP) for name, amount in amounts.items()}


def listings_record(*, batch: Batch, endpoints: dict, records: dict, counts) -> None:
    """Record that this snapshot lists these endpoints, and what it states of each (before its prices are written).

    A re-run of the snapshot restates its own listings. A withdrawal this
    source dated on this very snapshot was derived before the endpoint
    resolved in it (an id only an older snapshot's model resolves): the
    snapshot does list it, so that withdrawal goes.
    """
    if not endpoints:
        return
    source = batch.source
    precedence = precedence_of(authority=0, corrects=batch.authoritative)
    priced = priced_records(batch, endpoints)
    stated = {}
    for key, endpoint in endpoints.items():
        record = records[key]
        # Of two ids of one endpoint in a file, the first record speaks, as it did for the endpoint;
        # for the price, the first that states prices, as for the price rows.
        stated.setdefault(
            endpoint.pk,
            {
                "context_window": record.context_window,
                "max_output_tokens": record.max_output_tokens,
                "deprecated": record.deprecated,
                "precedence": precedence,
                **stated_list_price(priced.get(endpoint.pk), batch.as_of),
            },
        )
    known = {
        listing.endpoint_id: listing
        for listing in Listing.objects.filter(source=source, as_of=batch.as_of, endpoint_id__in=stated)
    }
    created = [
        Listing(source=source, endpoint_id=pk, as_of=batch.as_of, **values)
        for pk, values in stated.items()
        if pk not in known
    ]
    restated = []
    for pk, listing in known.items():
        if any(getattr(listing, name) != value for name, value in stated[pk].items()):
            for name, value in stated[pk].items():
                setattr(listing, name, value)
            restated.append(listing)
    Listing.objects.bulk_create(created)
    Listing.objects.bulk_update(restated, STATED)
    counts.add("listings", "created", len(created))
    counts.add("listings", "updated", len(restated))
    counts.add("listings", "unchanged", len(known) - len(restated))
    mistaken, _ = Price.objects.filter(
        source=source, endpoint_id__in=set(stated) - set(known), effective_from=batch.as_of, withdrawn=True
    ).delete()
    counts.add("prices", "superseded", mistaken)


def absences_apply(*, batch: Batch, counts) -> set[int]:
    """Retire what a newer snapshot of this source no longer lists (after the run's prices are written).

    Returns the models whose endpoints changed status: their own status is derived again.
    """
    if not batch.endpoints:
        return set()
    source = batch.source
    snapshots = sorted(set(Listing.objects.filter(source=source).values_list("as_of", flat=True).distinct()))
    if not snapshots:
        return set()
    last_listed = dict(
        Listing.objects.filter(source=source)
        .values("endpoint_id")
        .annotate(last=Max("as_of"))
        .values_list("endpoint_id", "last")
    )
    ended = {
        endpoint_id: snapshots[bisect_right(snapshots, last)]
        for endpoint_id, last in last_listed.items()
        if last < snapshots[-1]
    }
    series_end(source, ended, counts)
    changed = endpoint_facts_derive(set(last_listed), counts)
    return set(Endpoint.objects.filter(pk__in=changed).values_list("model_id", flat=True))


def series_end(source: str, ended: dict[int, date], counts) -> None:
    """A withdrawn row on each series of ``source`` still priced when its endpoint stopped being listed."""
    if not ended:
        return
    in_force: dict[tuple, dict] = {}
    rows = (
        Price.objects.filter(source=source, endpoint_id__in=ended)
        .order_by("endpoint_id", "effective_from", "id")
        .values("endpoint_id", "conditions", "effective_from", "withdrawn")
    )
    for row in rows.iterator(chunk_size=5000):
        if row["effective_from"] <= ended[row["endpoint_id"]]:
            in_force[(row["endpoint_id"], _series(row["conditions"]))] = row
    withdrawn = [
        Price(
            endpoint_id=row["endpoint_id"],
            source=source,
            effective_from=ended[row["endpoint_id"]],
            conditions=row["conditions"],
            withdrawn=True,
        )
        for row in in_force.values()
        if not row["withdrawn"]
    ]
    Price.objects.bulk_create(withdrawn)
    counts.add("prices", "withdrawn", len(withdrawn))


def _series(conditions: dict) -> tuple:
    return tuple(sorted(conditions.items()))


def endpoint_facts_derive(endpoint_ids: set[int], counts) -> set[int]:
    """Set each endpoint's limits and status from every listing of it; returns the endpoints that changed.

    The policy of a model's facts (``models_registry.provenance.served_observation``):
    per source, the newest snapshot that states a limit speaks; across sources,
    the reference catalog's word before the others', which fill gaps. The
    status: retired when no source lists the endpoint in its own newest
    snapshot; otherwise deprecated or active as the sources that still list it
    say, by the same policy. A listing recorded before listings stated
    anything leaves the value the endpoint holds.
    """
    if not endpoint_ids:
        return set()
    by_endpoint: dict[int, list[StatedListing]] = defaultdict(list)
    rows = (
        Listing.objects.filter(endpoint_id__in=endpoint_ids)
        .order_by()
        .values_list("endpoint_id", *StatedListing._fields)
    )
    for endpoint_id, *stated in rows.iterator(chunk_size=5000):
        by_endpoint[endpoint_id].append(StatedListing(*stated))
    newest = _newest_snapshots({listing.source for listings in by_endpoint.values() for listing in listings})
    now = timezone.now()
    changed = []
    endpoints = Endpoint.objects.filter(pk__in=by_endpoint).order_by().only(*ENDPOINT_FACTS, "status")
    for endpoint in endpoints:
        listings = by_endpoint[endpoint.pk]
        current = [listing for listing in listings if listing.as_of == newest[listing.source]]
        values = {name: _served(name, listings) for name in ENDPOINT_FACTS}
        if not current:
            values["status"] = Endpoint.Status.RETIRED
        elif (deprecated := _served("deprecated", current)) is not None:
            values["status"] = Endpoint.Status.DEPRECATED if deprecated else Endpoint.Status.ACTIVE
        elif endpoint.status == Endpoint.Status.RETIRED:
            values["status"] = Endpoint.Status.ACTIVE  # listed again
        diff = {name: value for name, value in values.items() if value is not None and getattr(endpoint, name) != value}
        if diff:
            if diff.get("status") == Endpoint.Status.RETIRED:
                counts.add("endpoints", "retired")
            else:
                counts.add("endpoints", "updated")
            for name, value in diff.items():
                setattr(endpoint, name, value)
            endpoint.updated_at = now
            changed.append(endpoint)
    Endpoint.objects.bulk_update(changed, [*ENDPOINT_FACTS, "status", "updated_at"], batch_size=2000)
    return {endpoint.pk for endpoint in changed}


def _served(name: str, listings: list[StatedListing]):
    observed = [
        Observed(listing.source, listing.as_of, listing.precedence, value)
        for listing in listings
        if (value := getattr(listing, name)) is not None and listing.precedence is not None
    ]
    winner = served_observation(name, observed)
    return None if winner is None else winner.value


def _newest_snapshots(sources: set[str]) -> dict[str, date]:
    return dict(
        Listing.objects.filter(source__in=sources)
        .values("source")
        .annotate(newest=Max("as_of"))
        .values_list("source", "newest")
    )


def models_status_write(model_ids: set[int], counts) -> None:
    """Derive again the status of models whose endpoints this run wrote or moved.

    The rule is ``models_registry.provenance.status_served``: retired when no
    host serves the model any more, else the maker's status. It reads every
    endpoint the model has, so the status does not depend on the order the
    snapshots arrived in.
    """
    changed = facts_derive(model_ids)
    retired = Model.objects.filter(pk__in=changed, status=Model.Status.RETIRED).count()
    counts.add("models", "retired", retired)
    counts.add("models", "updated", len(changed) - retired)
