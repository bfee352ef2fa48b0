"""Floating names' dated targets: derived from the catalog after every ingestion run, read by lookups.

The rules are pure (``identity/floating.py``); this module gathers their
evidence from the catalog (every alias and model, the stored observations)
and writes the result. See docs/identity.md, "Floating names".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction

from models_registry.identity.floating import (
    Observation,
    Snapshot,
    floating_keys,
    is_floating_pointer,
    span_on,
    tag_date,
    timeline,
)
from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.releases import SnapshotTag, host_link_plausible, slipped_snapshot, snapshot_split
from models_registry.identity.resolver import IdentityResolver
from models_registry.models import AliasObservation, AliasTarget, Model, ModelAlias
from models_registry.provenance import StatedFacts, stated_facts

MAKER = ""  # the scope of the maker's meaning: lookups without a source


def _names() -> tuple[dict[int, tuple], list[tuple[str, int]]]:
    """Every release ``{pk: (creator_id, release_date)}`` and every (normal form, model) pair: slugs and aliases."""
    releases = {
        pk: (creator_id, released)
        for pk, creator_id, released in Model.objects.filter(variant_of=None).values_list(
            "pk", "creator_id", "release_date"
        )
    }
    pairs = [(normalize_model_id(slug), pk) for pk, slug in Model.objects.values_list("pk", "slug")]
    pairs += list(ModelAlias.objects.values_list("normalized", "model_id"))
    return releases, [(form, pk) for form, pk in pairs if form and pk in releases]


def slips_of(candidates: Iterable[tuple[SnapshotTag, date | None, int]]) -> set[tuple[int, date | None]]:
    """``releases.slipped_snapshot`` of stored entries: ``(entry, the name's release)`` for each
    ``(tag, the name's release, entry)`` that is a slip. One read of the makers' word, for the
    entries whose date could make them one."""
    candidates = list(candidates)
    suspects = {pk for tag, released, pk in candidates if released is not None and tag.dates_long_before(released)}
    if not suspects:
        return set()
    stated = stated_facts(suspects)
    return {
        (pk, released)
        for tag, released, pk in candidates
        if pk in suspects and slipped_snapshot(tag, released, makers_word=stated.get(pk, StatedFacts()).makers_word)
    }


def floating_snapshots() -> dict[int, tuple[str, list[Snapshot], list]]:
    """``{floating model: (its normal form, the snapshots it may have served, their tags)}``.

    A snapshot is a release of the same maker named by the floating name plus
    a snapshot tag; a floating name is a model named without one (see
    ``floating.floating_keys``).
    """
    releases, pairs = _names()
    by_base: dict[str, dict[int, object]] = defaultdict(dict)
    for form, pk in pairs:
        split = snapshot_split(form)
        if split is not None:
            by_base[split[0]].setdefault(pk, split[1])
    named: list[tuple[str, int, dict[int, SnapshotTag]]] = []  # each name's own maker's snapshots
    for form, pk in sorted(pairs):
        creator_id = releases[pk][0]
        tags: dict[int, SnapshotTag] = {}
        for key in floating_keys(form):
            for snapshot_pk, tag in by_base.get(key, {}).items():
                if snapshot_pk != pk and releases[snapshot_pk][0] == creator_id:
                    tags.setdefault(snapshot_pk, tag)
        if tags:
            named.append((form, pk, tags))
    slips = slips_of((tag, releases[pk][1], snapshot_pk) for _, pk, tags in named for snapshot_pk, tag in tags.items())
    found: dict[int, tuple[str, list[Snapshot], list]] = {}
    for form, pk, tags in named:
        released = releases[pk][1]
        tags = {snapshot_pk: tag for snapshot_pk, tag in tags.items() if (snapshot_pk, released) not in slips}
        if not tags or not is_floating_pointer(form, released, list(tags.values())):
            continue
        snapshots = [
            Snapshot(snapshot_pk, day)
            for snapshot_pk, tag in sorted(tags.items())
            if (day := tag_date(tag, releases[snapshot_pk][1])) is not None
        ]
        known = found.get(pk)
        if known is None or len(snapshots) > len(known[1]):
            found[pk] = (form, snapshots, list(tags.values()))
    return found


@transaction.atomic
def dated_targets_refresh() -> int:
    """Rewrite every derived dated target from the catalog's evidence.

    Returns how many floating names have derived targets when they changed,
    0 when the evidence gives what is stored already (nothing is written).

    A name floats over its maker's snapshots when it has served at least two,
    or a source observed it pointing to one. A scope (the maker's, or one
    source's own meaning) with a curator's row is left as the curator wrote it.
    """
    if connection.vendor == "postgresql":
        # Two refreshes at once (a run and a curator's merge) would each delete only the rows they
        # can see and both insert theirs: they take turns on the table instead.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {AliasTarget._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    curated = set(
        AliasTarget.objects.filter(basis=AliasTarget.Basis.CURATOR).values_list("floating_id", "source").distinct()
    )
    rows = [
        row
        for (floating_id, scope), spans in derived_spans().items()
        if (floating_id, scope) not in curated
        for row in _target_rows(floating_id, scope, spans)
    ]
    derived = AliasTarget.objects.exclude(basis=AliasTarget.Basis.CURATOR)
    if set(derived.values_list(*_KEY_FIELDS)) == {_key(row) for row in rows} and derived.count() == len(rows):
        return 0  # the evidence says what it said: a re-run writes nothing
    derived.delete()
    AliasTarget.objects.bulk_create(rows)
    return len({row.floating_id for row in rows})


_KEY_FIELDS = ("floating_id", "target_id", "source", "valid_from", "valid_to", "basis")


def _key(row: AliasTarget) -> tuple:
    return tuple(getattr(row, name) for name in _KEY_FIELDS)


def derived_spans() -> dict[tuple[int, str], list]:
    """``{(floating model, scope): spans}`` as the evidence gives them (``floating.timeline``)."""
    candidates = floating_snapshots()
    observed: dict[tuple[int, str], list[Observation]] = defaultdict(list)
    said: set[tuple] = set()
    for row in AliasObservation.objects.filter(target__isnull=False).order_by("as_of", "pk"):
        # Of one record's claims (OpenRouter's canonical slug, then its Hugging Face id), the first
        # the catalog resolves speaks.
        record = (row.floating_id, row.scope, row.source, row.as_of, row.evidence.get("id"))
        if record not in said:
            said.add(record)
            observed[(row.floating_id, row.scope)].append(Observation(row.target_id, row.as_of, row.evidence))
    found = {}
    for floating_id, scope in sorted({(pk, MAKER) for pk in candidates} | set(observed)):
        observations = observed.get((floating_id, scope), [])
        if scope != MAKER:
            # A source's own meaning holds since the id existed, until the source says otherwise.
            found[(floating_id, scope)] = timeline([], observations, open_start=True)
            continue
        if floating_id not in candidates:
            continue  # a release of its own (no snapshot of its name, or released before them all)
        snapshots = candidates[floating_id][1]
        if len(snapshots) < 2 and not observations:
            continue  # one snapshot is the name itself (the `snapshot` rule), or unknown
        found[(floating_id, scope)] = timeline(snapshots, observations)
    return found


_BASIS = {"released": AliasTarget.Basis.RELEASED, "observed": AliasTarget.Basis.OBSERVED}


def _target_rows(floating_id: int, scope: str, spans) -> list[AliasTarget]:
    return [
        AliasTarget(
            floating_id=floating_id,
            target_id=span.model_id,
            source=scope,
            valid_from=span.valid_from,
            valid_to=span.valid_to,
            basis=_BASIS[span.basis],
            evidence=span.evidence,
        )
        for span in spans
        if span.model_id != floating_id
    ]


def served_on(floating: Model, *, day: date, source: str | None = None) -> AliasTarget | None:
    """The target a floating name served on ``day`` for ``source`` (its own meaning first), or None.

    None when the name has no dated targets, or none covering the day (before
    its first snapshot): the name then names its own entry.
    """
    return target_on(targets_of([floating.pk]).get(floating.pk, []), day=day, source=source)


def targets_of(floating_ids: list[int] | None = None) -> dict[int, list[AliasTarget]]:
    """``{floating model: its targets}`` for these floating models (all when None), in one query."""
    rows = AliasTarget.objects.select_related("floating", "target__creator", "target__variant_of")
    if floating_ids is not None:
        rows = rows.filter(floating_id__in=floating_ids)
    found: dict[int, list[AliasTarget]] = defaultdict(list)
    for row in rows:
        found[row.floating_id].append(row)
    return dict(found)


def target_on(rows: list[AliasTarget], *, day: date, source: str | None = None) -> AliasTarget | None:
    """Among one floating name's targets, the one for ``day``: the named source's own meaning, else the maker's."""
    for scope in [MAKER] if not source else [source, MAKER]:
        spans = sorted(
            (row for row in rows if row.source == scope), key=lambda row: (row.valid_from or date.min, row.pk)
        )
        if spans:
            # A scope with targets is the whole meaning there: a day outside them is the entry itself.
            return span_on(spans, day)
    return None


def pointer_claim(evidence: dict) -> str:
    """A pointer's claim as text, its key among one snapshot's claims of a floating name."""
    if "stands_for" in evidence:
        return f"{evidence['id']} stands for {evidence['stands_for']}"[:400]
    if "weights" in evidence:
        return f"{evidence['id']} serves the weights of {evidence['weights']}"[:400]
    return f"{evidence['id']} points to {evidence['points_to_date']}"[:400]


def claimed_target(resolver, floating: Model, evidence: dict) -> Model | None:
    """The release a pointer's claim names in the catalog as it stands (the floating name itself
    when it names no other release), or None.

    ``stands_for``: the id a source says its id stands for (OpenRouter's
    ``deepseek/deepseek-chat`` is ``deepseek-chat-v3``); ``points_to_date``:
    the snapshot whose tag dates it the day a maker's card gives its floating
    name (``gpt-4o`` last updated 2024-08-06). Only a release of the floating
    name's maker other than itself: a mode and its release are two rows
    whatever one source says, and an id never stands for a release whose
    version it contradicts (gemini-2.5-pro-preview-05-06 is not 03-25).
    """
    if floating.variant_of_id is not None or "weights" in evidence:
        return None  # which weights an id serves says which release it is, not what it points to
    if "stands_for" in evidence:
        target = resolver.model_named(evidence["stands_for"])
        plausible = host_link_plausible(normalize_model_id(evidence["id"]), normalize_model_id(evidence["stands_for"]))
    else:
        target = resolver.snapshot_dated(evidence["id"], date.fromisoformat(evidence["points_to_date"]))
        plausible = True
    if target is None or not plausible or target.variant_of_id is not None:
        return None
    return target if target.pk == floating.pk or target.creator_id == floating.creator_id else None


def pointer_claims(resolver, floating: Model, claims: list[dict]) -> list[tuple[dict, Model | None]]:
    """Which of one record's claims to keep, in order, each with the release it names now.

    The first claim that names another release speaks for the record (a
    canonical slug before a Hugging Face id). Until one does, every claim
    that may yet is kept, without a target, for a later run to resolve. A
    date that names the floating name's own entry may too: the snapshot it
    dates was joined to the name, and leaves it when a second snapshot
    appears (``reconcile.floating_names_split``). An id that stands for
    itself, one the id's own version contradicts, or a date given by an id
    that is itself a snapshot never will.
    """
    pending = []
    for evidence in claims:
        target = claimed_target(resolver, floating, evidence)
        if target is not None:
            if target.pk != floating.pk:
                return [(evidence, target)]
            if "points_to_date" in evidence:
                pending.append((evidence, None))
            continue
        said, own = evidence.get("stands_for"), normalize_model_id(evidence["id"])
        if host_link_plausible(own, normalize_model_id(said)) if said else floating_keys(own):
            pending.append((evidence, None))
    return pending


def observations_record(observations: list[AliasObservation]) -> None:
    """Store what a run observed; a re-run of the same snapshot stores nothing new."""
    AliasObservation.objects.bulk_create(observations, ignore_conflicts=True)


def observations_resolve(resolver: IdentityResolver) -> int:
    """Resolve every stored claim again against the catalog as it stands; returns how many targets changed.

    A claim read before its target existed (OpenRouter read before the card
    of the snapshot its ``canonical_slug`` names), or resolved to the nearest
    snapshot known then, names the release it would have named had the files
    come in another order. Each claim is read as its own source reads ids (a
    curator's ruling for that source applies), so the run's ``resolver``
    serves its own source's claims and the others get one of theirs.
    """
    resolvers = {resolver.source: resolver}
    changed = []
    for row in AliasObservation.objects.select_related("floating").order_by("source", "pk"):
        if row.source not in resolvers:
            resolvers[row.source] = IdentityResolver(source=row.source)
        target = claimed_target(resolvers[row.source], row.floating, row.evidence)
        target_id = None if target is None or target.pk == row.floating_id else target.pk
        if row.target_id != target_id:
            row.target_id = target_id
            changed.append(row)
    AliasObservation.objects.bulk_update(changed, ["target"], batch_size=1000)
    return len(changed)
