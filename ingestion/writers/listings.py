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
from datetime import date

from django.db.models import Max
from django.utils import timezone

from ingestion.models import Listing
from ingestion.records import Batch
from models_registry.models import Endpoint, Model
from models_registry.provenance import facts_derive
from pricing.models import Price


def listings_record(*, batch: Batch, endpoints: dict, counts) -> None:
    """Record that this snapshot lists these endpoints (before its prices are written).

    A withdrawal this source dated on this very snapshot was derived before
    the endpoint resolved in it (an id only an older snapshot's model
    resolves): the snapshot does list it, so that withdrawal goes.
    """
    if not endpoints:
        return
    source = batch.source
    listed = {endpoint.pk for endpoint in endpoints.values()}
    known = set(
        Listing.objects.filter(source=source, as_of=batch.as_of, endpoint_id__in=listed).values_list(
            "endpoint_id", flat=True
        )
    )
    Listing.objects.bulk_create([Listing(source=source, endpoint_id=e, as_of=batch.as_of) for e in listed - known])
    counts.add("listings", "created", len(listed - known))
    counts.add("listings", "unchanged", len(known))
    mistaken, _ = Price.objects.filter(
        source=source, endpoint_id__in=listed - known, effective_from=batch.as_of, withdrawn=True
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
    changed = statuses_write(source, ended=set(ended), current=set(last_listed) - set(ended), counts=counts)
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


def statuses_write(source: str, *, ended: set[int], current: set[int], counts) -> set[int]:
    """Retired when no source lists the endpoint in its newest snapshot; active again when one does.

    Returns the endpoints whose status changed.
    """
    now = timezone.now()
    listed_elsewhere = _listed_in_a_newest_snapshot(ended, other_than=source)
    retired = set(
        Endpoint.objects.filter(pk__in=ended - listed_elsewhere)
        .exclude(status=Endpoint.Status.RETIRED)
        .values_list("pk", flat=True)
    )
    back = set(Endpoint.objects.filter(pk__in=current, status=Endpoint.Status.RETIRED).values_list("pk", flat=True))
    Endpoint.objects.filter(pk__in=retired).update(status=Endpoint.Status.RETIRED, updated_at=now)
    Endpoint.objects.filter(pk__in=back).update(status=Endpoint.Status.ACTIVE, updated_at=now)
    counts.add("endpoints", "retired", len(retired))
    counts.add("endpoints", "updated", len(back))
    return retired | back


def _listed_in_a_newest_snapshot(endpoint_ids: set[int], *, other_than: str) -> set[int]:
    if not endpoint_ids:
        return set()
    last = (
        Listing.objects.filter(endpoint_id__in=endpoint_ids)
        .exclude(source=other_than)
        .values("endpoint_id", "source")
        .annotate(last=Max("as_of"))
    )
    rows = list(last)
    newest = dict(
        Listing.objects.filter(source__in={row["source"] for row in rows})
        .values("source")
        .annotate(newest=Max("as_of"))
        .values_list("source", "newest")
    )
    return {row["endpoint_id"] for row in rows if row["last"] == newest[row["source"]]}


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
