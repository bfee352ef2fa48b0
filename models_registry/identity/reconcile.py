"""Join one maker's releases that its evidence now says are one, whatever order the files came in.

Ingestion decides what an id names when it meets it, on what the catalog knows
at that moment. A creator's price list that names ``gpt-4.1`` and
``gpt-4.1-2025-04-14`` without release dates, read before the lab card that
dates them, leaves two entries; read after it, one. ``releases_reconcile``
asks again, for every normal form of every release a run touched, the
question ingestion asked (``IdentityResolver.same_release``), with every name
and release date stated of the releases so far (``provenance.stated_facts``):
``snapshot`` (a floating name and its only snapshot), ``spelling`` (one
version with and without its dots, its words in another order, or the maker's
name before it), ``named-as`` (a dated id its maker names by another id of that
date) and ``same-name`` (the maker's same name and dates within a week), and
``deployment`` (a host's quantised build and its release). A host's name is no
evidence, there as in ingestion (a host calls its ``llama3.1-8b`` "Llama 3.1
8B Instruct"), and a host's date only dates a floating name. Each pair found
also passes the checks of a curator's merge (``merge_refusal``) and is merged as a curator's merge would
be; a merged release is asked again, with the evidence of both. Evidence only
accumulates, so the grouping of ids into releases follows the files read, not
their order.

``host_links_join`` does the same for a host's link: a host that lists its id
as a lab card (models.dev's ``base_model``) makes that id an alias of the card
when the card is read first. Read after a file that already made the id a
model of its own, the same link joins that model to the card, unless the
model has a lab card of its own or a curator's ruling: two cards, or a
curator, keep it apart.

``weights_links_join`` does the same for a source's word on which weights its
id serves (OpenRouter's ``hugging_face_id``): one set of weights is one
release, when the id itself names the repository's versions, sizes and
snapshot (a bare name may float at its maker where the source's is pinned).

``variants_reconcile`` does the same for rated modes: an id met as a release
before its base release was known (the Arena's ``gpt-5-high`` read before any
file named ``gpt-5``) becomes the variant it would have been had the base come
first. ``modes_released`` is the other way round: a mode whose ids the
evidence gathered since reads as the floating name of a dated release named
with that mode joins that release, as a release.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from models_registry.identity.dated import dated_targets_refresh
from models_registry.identity.floating import LATEST, floating_keys
from models_registry.identity.normalize import normalize_model_id, without_deployment_marks
from models_registry.identity.releases import (
    SPELLING_WORDS,
    active_parameters_dropped,
    generation_conflict,
    generation_of,
    host_link_plausible,
    snapshot_split,
    without_active_parameters,
)
from models_registry.identity.resolver import IdentityResolver
from models_registry.merge import MergeRefused, MergeResult, merge_refusal, model_merge
from models_registry.models import AliasObservation, Endpoint, IdentityDecision, Model, ModelAlias, ModelFact
from models_registry.provenance import MAKERS_CARD, MAKERS_OWN_WORD_BELOW, facts_derive, name_from_id
from models_registry.slugs import provisional_slug
from rankings.models import Signal, SignalType

SOURCE = "reconcile"  # the resolver's source: no curator ruling is scoped to it


def _kept_and_merged(model: Model, found: Model, rule: str, form: str) -> tuple[Model, Model]:
    """The floating name of a snapshot pair stays, and the release a host deploys; otherwise the
    maker's plain spelling, then the release with a date, else the older entry."""
    if rule == "snapshot":
        return (found, model) if snapshot_split(form) else (model, found)
    if rule == "deployment":
        return (found, model) if without_deployment_marks(form) != form else (model, found)
    # The maker's plain spelling first ("claude-2-1" over Bedrock's "claude-v2-1").
    ranked = sorted(
        (model, found),
        key=lambda m: (bool(set(normalize_model_id(m.slug).split("-")) & SPELLING_WORDS), m.release_date is None, m.pk),
    )
    return ranked[0], ranked[1]


def releases_reconcile(*, model_ids: Iterable[int]) -> list[MergeResult]:
    """Merge each pair of one maker's releases, one of them in ``model_ids``, that the maker's evidence joins.

    A release kept by a merge is asked again, with both releases' ids and
    evidence, until nothing more joins.
    """
    results: list[MergeResult] = []
    asked = set(model_ids)
    while asked:
        merged = _reconcile_once(asked)
        results += merged
        asked = {result.kept.pk for result in merged}
    return results


def _forms_of(models) -> dict[int, set[str]]:
    """Every normal form each of these models goes by."""
    forms: dict[int, set[str]] = defaultdict(set)
    for model_id, normalized in ModelAlias.objects.filter(model__in=models).values_list("model_id", "normalized"):
        forms[model_id].add(normalized)
    return forms


def _asked_again(resolver: IdentityResolver, model: Model, form: str):
    """Ingestion's question (``same_release``) for one of ``model``'s ids, with every name and date stated of it."""
    stated = resolver.stated_facts_of(model.pk)
    return resolver.same_release(
        form,
        # A publisher of record is no maker (``provenance.published_only``), as ingestion reads it.
        creator_slug=None if resolver.is_published_only(model.pk) else model.creator.slug,
        model_type=model.model_type,
        other_than=model.pk,
        names=stated.names,
        release_dates=stated.release_dates,
        host_dates=stated.host_dates,
    )


def _reconcile_once(model_ids: set[int]) -> list[MergeResult]:
    releases = {m.pk: m for m in Model.objects.filter(pk__in=model_ids, variant_of=None).select_related("creator")}
    if not releases:
        return []
    forms = _forms_of(releases)
    resolver = IdentityResolver(source=SOURCE)
    results: list[MergeResult] = []
    gone: set[int] = set()
    for pk, model in sorted(releases.items()):
        for form in sorted(forms[pk] | {normalize_model_id(model.slug)}):
            if pk in gone:
                break
            found = _asked_again(resolver, model, form)
            if found is None or found[0].pk in gone:
                continue
            kept, merged = _kept_and_merged(model, found[0], found[1], form)
            if merge_refusal(merged, kept) is not None:
                continue
            # Ingestion derives every slug once, after this pass (ingestion/writers/__init__.py).
            results.append(model_merge(merged=merged, kept=kept, derive=False))
            facts_derive([kept.pk])
            gone.add(merged.pk)
    return results


def modes_released(*, model_ids: Iterable[int]) -> list[MergeResult]:
    """Join each of these rated modes that the ``snapshot`` rule now reads as the floating name of a
    dated release named with its mode to that release, as a release.

    Vercel lists ``alibaba/qwen3-235b-a22b-thinking`` as added 2025-09-23, a date no snapshot
    of ``qwen3-235b-a22b-thinking-2507`` agrees with, so read first it is the ``thinking`` mode
    of the April ``qwen3-235b-a22b``. Helicone's ``qwen3-235b-a22b-thinking``, dated 2025-07-25,
    read first is that July release's floating name. Dates only accumulate, so the question is
    asked again with every date stated of the mode, as ingestion asks it before it reads a mode
    (``find_same_release`` before ``resolve_variant``). The mode becomes a release only to be
    merged as the rule says; if a curator's merge would refuse the pair, it stays a mode. A mode
    a curator tied an id to stays.
    """
    model_ids = set(model_ids)
    # The run's modes, and the modes a dated release the run touched is a snapshot of by name
    # (a file that brings "x-thinking-2507" never names the mode "x-thinking" met earlier).
    floating_forms = {
        split[0]
        for normalized in ModelAlias.objects.filter(model_id__in=model_ids).values_list("normalized", flat=True)
        if (split := snapshot_split(normalized)) is not None
    }
    variants = (
        Model.objects.filter(Q(pk__in=model_ids) | Q(aliases__normalized__in=floating_forms))
        .exclude(variant_of=None)
        .select_related("creator")
        .distinct()
    )
    ruled = set(IdentityDecision.objects.filter(model__in=variants).values_list("model_id", flat=True))
    forms = _forms_of(variants)
    resolver = IdentityResolver(source=SOURCE)
    results: list[MergeResult] = []
    gone: set[int] = set()
    for variant in sorted(variants, key=lambda m: m.pk):
        if variant.pk in ruled or variant.pk in gone:
            continue
        for form in sorted(forms[variant.pk]):
            found = _asked_again(resolver, variant, form)
            if found is None or found[1] != "snapshot" or found[0].variant_of_id is not None or found[0].pk in gone:
                continue
            kept, merged = _kept_and_merged(variant, found[0], found[1], form)
            try:
                # A release only to be merged: if a curator's merge refuses the pair, it stays a mode.
                with transaction.atomic():
                    Model.objects.filter(pk=variant.pk).update(variant_of=None, variant_label="")
                    result = model_merge(merged=merged, kept=kept, derive=False)
            except MergeRefused:
                continue
            results.append(result)
            facts_derive([kept.pk])
            gone.add(merged.pk)
            break
    return results


def host_links_join(links: Iterable[tuple[int, int]]) -> list[MergeResult]:
    """Merge each model a host's id named into the lab card the host links that id to.

    ``links``: ``(model the id already named, the card)``, as a run met them.
    The card is kept. Refused: a model with a lab card of its own (the maker
    lists it as a release), one a curator tied an id to, a floating name of
    several known snapshots (``mistral-small``), and any pair a
    curator's merge would refuse but for the words a host may drop or add
    (``merge_refusal(linked=True)``).
    """
    links = list(links)
    if not links:
        return []
    results: list[MergeResult] = []
    gone: set[int] = set()
    resolver = IdentityResolver(source=SOURCE)
    for named_id, card_id in links:
        if named_id in gone or card_id in gone or named_id == card_id:
            continue
        found = Model.objects.select_related("creator").in_bulk([named_id, card_id])
        if len(found) != 2:
            continue
        named, card = found[named_id], found[card_id]
        carded = ModelFact.objects.filter(model=named, precedence=MAKERS_CARD, pinned=False).exists()
        if carded or IdentityDecision.objects.filter(model=named).exists():
            continue
        if _floats(resolver, named):
            continue  # a floating name of several snapshots joins none of them
        if merge_refusal(named, card, linked=True) is not None:
            continue
        results.append(model_merge(merged=named, kept=card, derive=False, linked=True))
        facts_derive([card.pk])
        gone.add(named_id)
    return results


def weights_links_join() -> list[MergeResult]:
    """Merge the model a source's id names into the model the repository of its weights names.

    A source that says which weights its id serves (OpenRouter's
    ``hugging_face_id``: ``deepseek/deepseek-chat-v3.1`` serves
    ``deepseek-ai/DeepSeek-V3.1``) says which release it is: one set of
    weights is one release. Every stored claim is asked again at every run's
    end, so the two join whichever was read first. Only when the id names
    the repository's generation itself: the same versions, sizes and
    snapshot, and at least one of them (``generation_conflict``). A name
    without them may be a maker's floating name where the source's is
    pinned (DeepSeek's own ``deepseek-chat`` against OpenRouter's, which
    serves DeepSeek V3), and one without the repository's size or version
    (``llama-4-scout``, ``rocinante-12b`` for ``...-v1.1``) may name another
    build; both keep the source's meaning only (a dated target), as they
    did. Nor an undated id of which the catalog knows a dated snapshot
    (OpenRouter's ``moonshotai/kimi-k2`` beside ``kimi-k2-0905``): a pointer
    serves one snapshot's weights today, and its dated targets say which.
    Refused besides: a floating name of several snapshots on either side, a
    model a curator ruled on, and any pair a curator's merge would refuse
    but for the words a host may drop or add (``merge_refusal(linked=True)``).
    """
    results: list[MergeResult] = []
    ruled = _ruled_model_ids()
    # A merge moves the claims and ids of the model it removes: ask every claim again, on the catalog as
    # it then stands, until a pass joins nothing, so a second run has nothing left to join.
    while joined := _weights_links_pass(ruled):
        results += joined
    return results


def _weights_links_pass(ruled: set[int]) -> list[MergeResult]:
    rows = AliasObservation.objects.filter(evidence__has_key="weights").order_by("source", "as_of", "pk")
    resolvers: dict[str, IdentityResolver] = {}
    for row in rows:
        linked = normalize_model_id(row.evidence.get("id", ""))
        if not names_its_weights(linked, normalize_model_id(row.evidence["weights"])):
            continue
        if row.source not in resolvers:
            resolvers[row.source] = IdentityResolver(source=row.source)
        resolver = resolvers[row.source]
        if resolver.has_snapshots(linked):
            continue  # a pointer of dated snapshots: the weights it serves today are one snapshot's
        weights = resolver.model_named(row.evidence["weights"])
        named = Model.objects.select_related("creator").filter(pk=row.floating_id).first()
        if weights is None or named is None or weights.pk == named.pk or {named.pk, weights.pk} & ruled:
            continue
        if _floats(resolver, named) or _floats(resolver, weights):
            continue
        if merge_refusal(named, weights, linked=True) is not None:
            continue
        result = model_merge(merged=named, kept=weights, derive=False, linked=True)
        facts_derive([weights.pk])
        return [result]  # the resolvers no longer know the catalog: the next pass reads it again
    return []


def names_its_weights(linked: str, repository: str) -> bool:
    """Whether an id (a normal form) names the generation of the weights repository it serves, itself.

    ``deepseek-chat-v3-1`` for ``deepseek-v3-1``, ``qwen3-235b-a22b-2507`` for
    ``qwen3-235b-a22b-instruct-2507``: yes. ``deepseek-chat`` for ``deepseek-v3``,
    ``llama-4-scout`` for ``llama-4-scout-17b-16e-instruct``: no. An id may leave out the active
    parameters of a mixture of experts when it states the total size (``qwen-3-coder-480b`` for
    ``Qwen3-Coder-480B-A35B-Instruct``): no two releases of a family share a total size.
    """
    generation = generation_of(linked)
    if not (generation.versions or generation.sizes or generation.snapshot):
        return False
    if not host_link_plausible(linked, repository):
        return False
    return generation_conflict(linked, repository) is None or (
        active_parameters_dropped(linked, repository)
        and generation_conflict(linked, without_active_parameters(repository)) is None
    )


def _floats(resolver: IdentityResolver, model: Model) -> bool:
    """Whether any of the model's ids is a floating name of several known snapshots (``mistral-small``)."""
    forms = ModelAlias.objects.filter(model=model).values_list("normalized", flat=True)
    return any(resolver.floats(form) for form in forms)


def variants_reconcile() -> list[Model]:
    """Make each release that is a rated mode of another release of its maker that release's variant.

    A release qualifies when every id it was met under is one mode (``-high``,
    ``-thinking-32k``) of ids of one other release (``IdentityResolver.resolve_variant``,
    the rule ingestion applies when the base is known first), and no curator
    tied an id to it. If the base already has that mode, the two are merged.
    Returns the variants changed or merged into.
    """
    changed: list[Model] = []
    while found := _modes_found():
        for model, base, label in found:
            twin = Model.objects.filter(variant_of=base, variant_label=label).first()
            Model.objects.filter(pk=model.pk).update(variant_of=base, variant_label=label)
            model.variant_of, model.variant_label = base, label
            if twin is not None:
                model_merge(merged=model, kept=twin)
                model = twin
            facts_derive([model.pk])
            changed.append(model)
    if changed:
        dated_targets_refresh()  # a mode is no snapshot a floating name served
    return changed


def _ruled_model_ids() -> set[int]:
    """The models a curator tied an id to: what the rules leave as the curator made it."""
    return set(IdentityDecision.objects.exclude(model=None).values_list("model_id", flat=True))


def _modes_found() -> list[tuple[Model, Model, str]]:
    """``(release, its base, the mode)`` for each release that is a mode of another; none whose base is one too
    (that one becomes a variant first, and the next round asks again)."""
    resolver = IdentityResolver(source=SOURCE)
    forms: dict[int, set[str]] = defaultdict(set)
    for model_id, normalized in ModelAlias.objects.filter(model__variant_of=None).values_list("model_id", "normalized"):
        forms[model_id].add(normalized)
    ruled = _ruled_model_ids()
    modes = {}
    for pk in sorted(set(forms) - ruled):
        found = {resolver.resolve_variant(form) for form in forms[pk]}
        if len(found) == 1 and None not in found:
            modes[pk] = found.pop()
    releases = Model.objects.in_bulk(list(modes))
    found = [
        (releases[pk], base, label)
        for pk, (base, label) in modes.items()
        if base.pk != pk and base.creator_id == releases[pk].creator_id
    ]
    becoming = {model.pk for model, _, _ in found}
    return [(model, base, label) for model, base, label in found if base.pk not in becoming]


def floating_names_split(maker_ids: Iterable[str] = ()) -> list[tuple[Model, Model]]:
    """Give each snapshot a floating name was joined to an entry of its own again, once the name has
    served a second snapshot; returns the (floating name's entry, entry split off) pairs.

    A floating name that has only ever served one dated snapshot is that snapshot (the ``snapshot``
    rule joins them); one that has served several is an entry with dated targets and joins none.
    A file read later can show the second snapshot: ``qwen3-max`` was joined to
    ``qwen3-max-2025-09-23`` by a snapshot that knew no other, then a newer one lists
    ``qwen3-max-2026-01-23``. The other snapshot must be one a maker's record names (a lab card,
    the maker's own API, the maker's entries elsewhere: ``maker_ids`` are the run's own, read before
    it resolves them): a host's id alone never parts what the maker's evidence joined (one Bedrock id
    names a ``claude-3-7-sonnet-20240620`` Anthropic never listed). A run calls this before it
    resolves its ids, so the file's records of the snapshot's ids write to the snapshot's entry, as
    they would have had the second snapshot been read first. A ``-latest`` pointer and
    a bare name the snapshot alone had joined (``ministral-8b-latest`` and a price list's
    ``ministral-8b``) part too: no rule joins two floating names. The ids leave with what came with
    them (``_split_off``). An entry a curator tied an id to is left as the curator made it.
    """
    forms: dict[int, set[str]] = defaultdict(set)
    named_by_makers = {normalize_model_id(raw_id) for raw_id in maker_ids}
    aliases = ModelAlias.objects.filter(model__variant_of=None).values_list("model_id", "normalized", "precedence")
    for model_id, normalized, precedence in aliases:
        forms[model_id].add(normalized)
        if precedence is not None and precedence < MAKERS_OWN_WORD_BELOW:
            named_by_makers.add(normalized)
    snapshots_named: dict[str, set[str]] = defaultdict(set)  # floating name -> the snapshots its makers name
    for form in named_by_makers:
        if (split := snapshot_split(form)) is not None:
            snapshots_named[split[0]].add(split[1].text)
    ruled = _ruled_model_ids()
    pairs = []
    for model_id, held in sorted(forms.items()):
        if model_id in ruled:
            continue
        floating = {key for form in held for key in floating_keys(form)}
        parts: dict[tuple[str, str], set[str]] = defaultdict(set)
        for form in held:
            split = snapshot_split(form)
            if split is not None and split[0] in floating and snapshots_named[split[0]] - {split[1].text}:
                parts[(split[0], split[1].text)].add(form)
        for base in sorted({base for base, _ in parts}):
            if base in held and f"{base}{LATEST}" in held:
                parts[(base, LATEST)] = {f"{base}{LATEST}"}
        for _, part in sorted(parts.items()):
            pairs.append(_split_off(model_id, part))
    if pairs:
        # The pointers' claims and dated targets follow once the run has resolved its ids
        # (CatalogWriter.write: observations_resolve, then dated_targets_refresh).
        facts_derive({pk for pair in pairs for pk in (pair[0].pk, pair[1].pk)})
    return pairs


def _split_off(model_id: int, part: set[str]) -> tuple[Model, Model]:
    """Move the ids with these normal forms from one entry to a new one, with what came with them:
    their aliases, their hosts' endpoints (prices and listings follow), the observations their
    records stated (``ModelFact.said_as``), the pointers' claims they made, the arena ratings given
    under them and the modes named after them."""
    entry = Model.objects.select_related("creator").get(pk=model_id)
    aliases = list(ModelAlias.objects.filter(model=entry, normalized__in=part).order_by("precedence", "pk"))
    spelled = {alias.alias: alias.normalized for alias in aliases}

    def said_by(raw_id) -> bool:
        return isinstance(raw_id, str) and spelled.get(raw_id, normalize_model_id(raw_id)) in part

    split = Model.objects.create(
        # A slug only until the run derives every slug from the ids (models_registry/slugs.py).
        slug=provisional_slug(f"split-{entry.pk}-{min(part)}"),
        name=name_from_id(aliases[0].alias),
        creator=entry.creator,
        model_type=entry.model_type,
    )
    moved = {
        ModelAlias: [alias.pk for alias in aliases],
        Endpoint: [e.pk for e in Endpoint.objects.filter(model=entry) if said_by(e.provider_model_id)],
        ModelFact: [f.pk for f in ModelFact.objects.filter(model=entry, pinned=False) if said_by(f.said_as)],
        Signal: [
            s.pk
            for s in Signal.objects.filter(model=entry, signal_type=SignalType.QUALITY)
            if said_by(s.metadata.get("arena_id"))
        ],
    }
    for related_model, pks in moved.items():
        related_model.objects.filter(pk__in=pks).update(model=split)
    claims = [o.pk for o in AliasObservation.objects.filter(floating=entry) if said_by(o.evidence.get("id"))]
    AliasObservation.objects.filter(pk__in=claims).update(floating=split)
    for mode in Model.objects.filter(variant_of=entry):
        mode_forms = set(mode.aliases.values_list("normalized", flat=True))
        if mode_forms and all(any(f.startswith(f"{form}-") for form in part) for f in mode_forms):
            Model.objects.filter(pk=mode.pk).update(variant_of=split)
    return entry, split
