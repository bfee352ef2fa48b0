"""Signals from a batch: arena ratings (quality) and benchmarks (expert); and cost (list prices) and demand
(hosts), derived from every snapshot's listings after each run (``listing_signals_derive``).

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
from ingestion.taxonomy import RAW_ARENA, STYLE_CONTROLLED, arena_board_category
from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Model
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
    """The batch's ratings and benchmarks; its cost and demand follow the run's merges (``listing_signals_derive``)."""
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

    The text and vision arenas are measured twice (raw, and with style
    control); each category takes one of the two
    (settings.ARENA_STYLE_CONTROL_CATEGORIES), so a model is never counted
    twice for one board. Other arenas are the only measurement of what they
    measure.
    """
    raw = RAW_ARENA.get(arena, arena)
    if raw not in STYLE_CONTROLLED:
        return True
    styled = (category_slug or OVERALL_CATEGORY_SLUG) in settings.ARENA_STYLE_CONTROL_CATEGORIES
    return arena == (STYLE_CONTROLLED[raw] if styled else raw)


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


def listing_snapshots(*, model_ids=(), endpoint_ids=()) -> set[tuple[str, date]]:
    """The listed snapshots (source, as_of) where any of these models or endpoints is listed."""
    listed = Listing.objects.filter(Q(endpoint__model_id__in=list(model_ids)) | Q(endpoint_id__in=list(endpoint_ids)))
    return set(listed.values_list("source", "as_of").distinct().order_by())


def listing_signals_derive(counts, snapshots: set[tuple[str, date]]) -> None:
    """Each of these snapshots' cost and demand, derived from its listings as the endpoints now stand.

    Derived, never carried from the run that read the file: a listing follows
    its endpoint to the release the catalog now says it serves (a later
    file's correction, two entries merged into one), so a merged release is
    priced and counted from the listings of both its ids, not from one
    entry's signal, and neither depends on the order the files came in. Dated
    by the snapshot, an older snapshot's signals are that date's history,
    never a rival to the newer snapshot's. A run derives its own snapshot and
    every snapshot that lists an endpoint it moved or a release it merged
    (``listing_snapshots``); the others cannot have changed.
    """
    if not snapshots:
        return
    sources, dates = {source for source, _ in snapshots}, {as_of for _, as_of in snapshots}
    listed = Listing.objects.filter(source__in=sources, as_of__in=dates).order_by()
    demand_derive(counts, snapshots, listed)
    cost_derive(counts, snapshots, listed)


def demand_derive(counts, snapshots: set[tuple[str, date]], listed: QuerySet[Listing]) -> None:
    """How many hosts list each model in each snapshot; a listing its snapshot marks deprecated serves no demand."""
    served: dict[tuple[str, date], dict[int, set[int]]] = {snapshot: defaultdict(set) for snapshot in snapshots}
    for source, as_of, model_id, host_id in listed.exclude(deprecated=True).values_list(
        "source", "as_of", "endpoint__model_id", "endpoint__host_id"
    ):
        if (source, as_of) in served:
            served[(source, as_of)][model_id].add(host_id)
    derived: dict[tuple[str, date], dict[int, dict]] = {}
    for snapshot, hosts in served.items():
        model_ids = sorted(hosts)
        scores = normalize.demand_normalized([len(hosts[m]) for m in model_ids])
        derived[snapshot] = {
            model_id: {"raw": len(hosts[model_id]), "normalized": score, "confidence": 0.6, "metadata": {}}
            for model_id, score in zip(model_ids, scores, strict=True)
        }
    snapshot_signals_write(counts, SignalType.DEMAND, DEMAND_KEY, derived)


def cost_derive(counts, snapshots: set[tuple[str, date]], listed: QuerySet[Listing]) -> None:
    """What each model costs in each snapshot: its creator's own list price when listed, else the cheapest host's.

    Read from the list prices the snapshot's listings state, blended as
    (3 x input + output) / 4 per 1M tokens; ties go to the host first by
    slug, so the signal's host does not depend on the order of the file.
    """
    # model id -> (not the creator's own, blended price, host slug): the least is the price the model costs.
    chosen: dict[tuple[str, date], dict[int, tuple[bool, float, str]]] = {snapshot: {} for snapshot in snapshots}
    priced = listed.filter(input_per_million__isnull=False, output_per_million__isnull=False)
    for source, as_of, model_id, host_id, creator_id, host_slug, price_in, price_out in priced.values_list(
        "source", "as_of", "endpoint__model_id", "endpoint__host_id", "endpoint__model__creator_id",
        "endpoint__host__slug", "input_per_million", "output_per_million",
    ):  # fmt: skip
        models_priced = chosen.get((source, as_of))
        if models_priced is None:
            continue
        offer = (host_id != creator_id, normalize.blended_price(float(price_in), float(price_out)), host_slug)
        if model_id not in models_priced or offer < models_priced[model_id]:
            models_priced[model_id] = offer
    derived: dict[tuple[str, date], dict[int, dict]] = {}
    for snapshot, models_priced in chosen.items():
        model_ids = sorted(models_priced)
        scores = normalize.cost_normalized([models_priced[m][1] for m in model_ids])
        derived[snapshot] = {}
        for model_id, score in zip(model_ids, scores, strict=True):
            resold, blended, host = models_priced[model_id]
            derived[snapshot][model_id] = {
                "raw": round(blended, 6),
                "normalized": score,
                "confidence": 0.7 if resold else 1.0,
                "metadata": {"host": host},
            }
    snapshot_signals_write(counts, SignalType.COST, COST_KEY, derived)


def snapshot_signals_write(
    counts, signal_type: str, key: str, derived: dict[tuple[str, date], dict[int, dict]]
) -> None:
    """Write each snapshot's derived signals of one type; a model the snapshot no longer gives one loses it there.

    ``derived``: (source, as_of) -> model id -> raw, normalized, confidence
    and metadata. Another source's snapshot is not this one's to judge.
    """
    wanted_by_source: dict[str, dict] = defaultdict(dict)
    for (source, as_of), values in derived.items():
        for model_id, signal in values.items():
            observe(
                wanted_by_source[source],
                model_id=model_id,
                signal_type=signal_type,
                key=key,
                recorded_at=day_start(as_of),
                category_id=None,
                **signal,
            )
        removed, _ = (
            Signal.objects.filter(source=source, signal_type=signal_type, dedupe_key=key, recorded_at=day_start(as_of))
            .exclude(model_id__in=list(values))
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
            signal_type__in={k[1] for k in wanted},
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
