"""Signals from a batch: arena ratings (quality), benchmarks (expert), prices (cost); and demand (hosts), derived
from every snapshot's listings after each run (``demand_derive``).

An arena signal's ``dedupe_key`` is its board key, ``<arena>/<board>``
(``text/full``, ``text-style-control/coding``, ``vision/full``): boards of
different arenas never share a key, and its metadata repeats ``arena`` and
``board`` for readers.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.db.models import Q, QuerySet

from ingestion import normalize
from ingestion.models import ArenaBoardMapping, BenchmarkMapping, Listing
from ingestion.records import Batch, board_key
from ingestion.sources.arena import SOURCE as ARENA_SOURCE
from ingestion.sources.models_dev import SOURCE as MODELS_DEV_SOURCE
from ingestion.taxonomy import STYLE_CONTROL_ARENA, TEXT_ARENA, TEXT_ARENAS, arena_board_category
from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Endpoint, Model
from rankings.models import Signal, SignalType

COST_KEY = "blended-usd-per-1m"
DEMAND_KEY = "hosts-serving"
COMPARED = ("category_id", "raw_value", "normalized_value", "confidence", "metadata")


def day_start(day) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def mapped_signals(mapping: ArenaBoardMapping | BenchmarkMapping) -> QuerySet[Signal]:
    """The signals recorded under an arena board's or a benchmark's mapping (their category is its category)."""
    if isinstance(mapping, ArenaBoardMapping):
        return Signal.objects.filter(
            source=ARENA_SOURCE,
            signal_type=SignalType.QUALITY,
            dedupe_key=board_key(mapping.arena, mapping.board),
        )
    return Signal.objects.filter(
        source=MODELS_DEV_SOURCE, signal_type=SignalType.EXPERT, dedupe_key=mapping.benchmark[:200]
    )


def signals_write(*, batch: Batch, models: dict[str, Model], counts) -> None:
    """The batch's ratings and benchmarks; its cost follows the run's merges (``cost_write``)."""
    wanted: dict[tuple, dict] = {}
    not_taken = arena_signals(batch, models, wanted, counts)
    benchmark_signals(batch, models, wanted, counts)
    upsert(batch.source, wanted, counts)
    if not_taken:
        # The measurement a category takes was switched since this snapshot was
        # last ingested: its signals of the other measurement go, so the same
        # files under the same settings always give the same signals.
        removed, _ = Signal.objects.filter(
            source=batch.source, dedupe_key__in=not_taken, recorded_at=day_start(batch.as_of)
        ).delete()
        counts.add("signals", "removed", removed)


def observe(wanted, *, model_id, signal_type, key, recorded_at, category_id, raw, normalized, confidence, metadata):
    wanted[(model_id, signal_type, key, recorded_at)] = {
        "category_id": category_id,
        "raw_value": float(raw),
        "normalized_value": float(normalized),
        "confidence": float(confidence),
        "metadata": metadata,
    }


def mapping_for(mapping_model, field: str, names: set[str], counts) -> dict[str, int | None]:
    """name -> category id for enabled mappings; unknown names are added disabled for curators to map."""
    rows = {getattr(m, field): m for m in mapping_model.objects.filter(**{f"{field}__in": names})}
    missing = [mapping_model(**{field: name[:200]}, enabled=False) for name in sorted(names - set(rows))]
    mapping_model.objects.bulk_create(missing, ignore_conflicts=True)
    counts.add("mappings", "created", len(missing))
    return {name: row.category_id for name, row in rows.items() if row.enabled}


def arena_mappings(boards: set[tuple[str, str]], counts) -> dict[tuple[str, str], ArenaBoardMapping]:
    """(arena, board) -> its enabled mapping.

    A board met for the first time is added for curators, mapped and enabled
    by the general rule (``taxonomy.arena_board_category``: the arena's
    category, a language, a topic word), else disabled and unmapped.
    """
    arenas = {arena for arena, _ in boards}
    rows = {
        (m.arena, m.board): m
        for m in ArenaBoardMapping.objects.filter(arena__in=arenas, board__in={b for _, b in boards})
    }
    ruled = {key: arena_board_category(*key) for key in boards - set(rows)}
    categories = dict(Category.objects.filter(slug__in={s for s, _ in ruled.values() if s}).values_list("slug", "id"))
    missing = []
    for (arena, board), (slug, enabled) in sorted(ruled.items()):
        category_id = categories.get(slug) if slug else None
        # A rule naming a category this catalog lacks leaves the board to a curator.
        on = enabled and (slug is None or category_id is not None)
        missing.append(ArenaBoardMapping(arena=arena, board=board[:200], category_id=category_id, enabled=on))
    ArenaBoardMapping.objects.bulk_create(missing, ignore_conflicts=True)
    counts.add("mappings", "created", len(missing))
    rows.update({(m.arena, m.board): m for m in missing})
    return {key: row for key, row in rows.items() if row.enabled}


def arena_measures(arena: str, category_slug: str | None) -> bool:
    """Whether this arena's measurement is the one the category takes.

    The text arena is measured twice (raw, and with style control); each
    category takes one of the two (settings.ARENA_STYLE_CONTROL_CATEGORIES),
    so a model is never counted twice for one board. Other arenas are the only
    measurement of what they measure.
    """
    if arena not in TEXT_ARENAS:
        return True
    styled = (category_slug or OVERALL_CATEGORY_SLUG) in settings.ARENA_STYLE_CONTROL_CATEGORIES
    return arena == (STYLE_CONTROL_ARENA if styled else TEXT_ARENA)


def arena_signals(batch: Batch, models: dict[str, Model], wanted: dict, counts) -> set[str]:
    """Quality signals per (arena, board); returns the board keys whose measurement no category takes."""
    if not batch.ratings:
        return set()
    boards: dict[tuple[str, str], list] = defaultdict(list)
    for rating in batch.ratings:
        boards[(rating.arena, rating.board)].append(rating)
    mapped = arena_mappings(set(boards), counts)
    slugs = dict(Category.objects.filter(pk__in={m.category_id for m in mapped.values()}).values_list("id", "slug"))
    recorded_at = day_start(batch.as_of)
    not_taken: set[str] = set()
    for (arena, board), ratings in boards.items():
        mapping = mapped.get((arena, board))
        if mapping is None:
            counts.add("signals", "unmapped", len(ratings))
            continue
        if not arena_measures(arena, slugs.get(mapping.category_id)):
            not_taken.add(board_key(arena, board))
            counts.add("signals", "other measurement", len(ratings))
            continue
        normalized = normalize.min_max([r.rating for r in ratings])
        best: dict[int, tuple] = {}
        for rating, value in zip(ratings, normalized, strict=True):
            model = models.get(rating.model_raw_id)
            if model is None:
                counts.add("signals", "unresolved")
                continue
            # Two arena names for one model: the better-rated entry stands for it.
            if model.pk not in best or rating.rating > best[model.pk][0].rating:
                best[model.pk] = (rating, value)
        for model_id, (rating, value) in best.items():
            metadata = {
                "arena": arena,
                "board": board,
                "arena_id": rating.model_raw_id,
                "rating_q025": rating.low,
                "rating_q975": rating.high,
            }
            if rating.nickname:
                metadata["nickname"] = rating.nickname
            observe(
                wanted,
                model_id=model_id,
                signal_type=SignalType.QUALITY,
                key=rating.board_key,
                recorded_at=recorded_at,
                category_id=mapping.category_id,
                raw=rating.rating,
                normalized=value,
                confidence=normalize.ci_confidence(rating.low, rating.high),
                metadata=metadata,
            )
    return not_taken


def benchmark_signals(batch: Batch, models: dict[str, Model], wanted: dict, counts) -> None:
    if not batch.benchmarks:
        return
    mapped = mapping_for(BenchmarkMapping, "benchmark", {b.name for b in batch.benchmarks}, counts)
    for result in batch.benchmarks:
        model = models.get(result.model_raw_id)
        if result.name not in mapped:
            counts.add("signals", "unmapped")
            continue
        if model is None:
            counts.add("signals", "unresolved")
            continue
        observe(
            wanted,
            model_id=model.pk,
            signal_type=SignalType.EXPERT,
            key=result.name[:200],
            recorded_at=day_start(result.recorded_on),
            category_id=mapped[result.name],
            raw=result.score,
            normalized=normalize.benchmark_normalized(result.score),
            confidence=normalize.BENCHMARK_CONFIDENCE,
            metadata={
                "metric": result.metric,
                "source_url": result.source_url,
                "self_reported": normalize.benchmark_self_reported(result.source_url),
            },
        )


def cost_write(*, batch: Batch, endpoints: dict, counts) -> None:
    """The batch's cost signals, computed once the run's merges are done.

    Each endpoint is read again, so its price counts for the release it serves
    now: a release two entries were merged into is priced from the endpoints
    of both (the creator's own, else the cheapest host's), not left with one
    entry's signal, and re-running the file changes nothing. A model of this
    snapshot no endpoint of the batch prices any more has no cost there.
    """
    current = Endpoint.objects.select_related("model").in_bulk([e.pk for e in endpoints.values() if e.pk])
    wanted: dict[tuple, dict] = {}
    cost_signals(batch, {key: current[e.pk] for key, e in endpoints.items() if e.pk in current}, wanted)
    removed, _ = (
        Signal.objects.filter(
            source=batch.source, signal_type=SignalType.COST, dedupe_key=COST_KEY, recorded_at=day_start(batch.as_of)
        )
        .exclude(model_id__in={key[0] for key in wanted})
        .delete()
    )
    counts.add("signals", "removed", removed)
    upsert(batch.source, wanted, counts)


def cost_signals(batch: Batch, endpoints: dict, wanted: dict) -> None:
    """One cost signal per model: its creator's own price when listed, else the cheapest host's."""
    chosen: dict[int, tuple[bool, float, str]] = {}
    for record in batch.endpoints:
        endpoint = endpoints.get((record.host_slug, record.provider_model_id))
        # The list price: conditional prices (off-peak, batch, tiers) are not what a model costs.
        in_force = [p for p in record.prices if p.effective_from <= batch.as_of and not p.conditions]
        if endpoint is None or not in_force:
            continue
        values = max(in_force, key=lambda p: p.effective_from).values
        if values.get("input_per_million") is None or values.get("output_per_million") is None:
            continue
        blended = normalize.blended_price(float(values["input_per_million"]), float(values["output_per_million"]))
        first_party = endpoint.host_id == endpoint.model.creator_id
        rank = (not first_party, blended)
        current = chosen.get(endpoint.model_id)
        if current is None or rank < (not current[0], current[1]):
            chosen[endpoint.model_id] = (first_party, blended, record.host_slug)
    model_ids = list(chosen)
    scores = normalize.cost_normalized([chosen[m][1] for m in model_ids])
    for model_id, score in zip(model_ids, scores, strict=True):
        first_party, blended, host = chosen[model_id]
        observe(
            wanted,
            model_id=model_id,
            signal_type=SignalType.COST,
            key=COST_KEY,
            recorded_at=day_start(batch.as_of),
            category_id=None,
            raw=round(blended, 6),
            normalized=score,
            confidence=1.0 if first_party else 0.7,
            metadata={"host": host},
        )


def demand_snapshots(*, model_ids=(), endpoint_ids=()) -> set[tuple[str, date]]:
    """The listed snapshots (source, as_of) where any of these models or endpoints is listed."""
    listed = Listing.objects.filter(Q(endpoint__model_id__in=list(model_ids)) | Q(endpoint_id__in=list(endpoint_ids)))
    return set(listed.values_list("source", "as_of").distinct().order_by())


def demand_derive(counts, snapshots: set[tuple[str, date]]) -> None:
    """Each of these snapshots' demand, derived from its listings: how many hosts list each model there.

    Dated by the snapshot, an older snapshot's count is that date's demand:
    history, never a rival to the newer count. Derived, never carried from the
    run that read the file: a listing follows its endpoint to the release the
    catalog now says it serves (a later file's correction, two entries merged
    into one), so a merged release counts the hosts of both its ids, not one
    entry's count, and the counts do not depend on the order the files came
    in. A listing its snapshot marks deprecated serves no demand. A run derives
    its own snapshot and every snapshot that lists an endpoint it moved or a
    release it merged (``demand_snapshots``); the others cannot have changed.
    """
    if not snapshots:
        return
    sources, dates = {source for source, _ in snapshots}, {as_of for _, as_of in snapshots}
    served: dict[tuple[str, date], dict[int, set[int]]] = {snapshot: defaultdict(set) for snapshot in snapshots}
    listed = Listing.objects.filter(source__in=sources, as_of__in=dates).exclude(deprecated=True).order_by()
    for source, as_of, model_id, host_id in listed.values_list(
        "source", "as_of", "endpoint__model_id", "endpoint__host_id"
    ):
        if (source, as_of) in served:
            served[(source, as_of)][model_id].add(host_id)
    wanted_by_source: dict[str, dict] = defaultdict(dict)
    for (source, as_of), hosts in served.items():
        model_ids = sorted(hosts)
        scores = normalize.demand_normalized([len(hosts[m]) for m in model_ids])
        for model_id, score in zip(model_ids, scores, strict=True):
            observe(
                wanted_by_source[source],
                model_id=model_id,
                signal_type=SignalType.DEMAND,
                key=DEMAND_KEY,
                recorded_at=day_start(as_of),
                category_id=None,
                raw=len(hosts[model_id]),
                normalized=score,
                confidence=0.6,
                metadata={},
            )
        # A model no listing of the snapshot serves any more (its endpoints moved to another) has no demand there.
        removed, _ = (
            Signal.objects.filter(
                source=source, signal_type=SignalType.DEMAND, dedupe_key=DEMAND_KEY, recorded_at=day_start(as_of)
            )
            .exclude(model_id__in=model_ids)
            .delete()
        )
        counts.add("signals", "removed", removed)
    for source, wanted in sorted(wanted_by_source.items()):
        upsert(source, wanted, counts)


def upsert(source: str, wanted: dict[tuple, dict], counts) -> None:
    if not wanted:
        return
    existing = {
        (s.model_id, s.signal_type, s.dedupe_key, s.recorded_at): s
        for s in Signal.objects.filter(
            source=source,
            model_id__in={k[0] for k in wanted},
            recorded_at__in={k[3] for k in wanted},
        ).order_by()
    }
    to_create, to_update = [], []
    for key, values in wanted.items():
        signal = existing.get(key)
        if signal is None:
            model_id, signal_type, dedupe_key, recorded_at = key
            to_create.append(
                Signal(
                    model_id=model_id,
                    signal_type=signal_type,
                    source=source,
                    dedupe_key=dedupe_key,
                    recorded_at=recorded_at,
                    **values,
                )
            )
        elif any(getattr(signal, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(signal, name, value)
            to_update.append(signal)
        else:
            counts.add("signals", "unchanged")
    Signal.objects.bulk_create(to_create, batch_size=2000)
    Signal.objects.bulk_update(to_update, list(COMPARED), batch_size=2000)
    counts.add("signals", "created", len(to_create))
    counts.add("signals", "updated", len(to_update))
