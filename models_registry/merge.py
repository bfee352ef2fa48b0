"""A curator's merge of one model into another, for a catalog that split one release in two.

``model_merge`` moves everything that hangs off the model merged away (aliases,
endpoints with their prices and measurements, signals, scores, reviews,
capability claims, variants, curator rulings, dated targets), leaves its slug
as an alias of the model kept, and deletes it, in one transaction. Rows the
kept model already has for the same key (a score for the same category, the
same account's review) win; the merged model's copies are dropped and counted.
Observations are the exception: of two facts of one snapshot, or two ratings of
one board on one day, the one a single run would have kept stands
(``merge_precedence``), so a merge ends where reading both ids at once would.
``merge_refusal`` refuses what the rules of identity keep apart (docs/identity.md).
The admin action and ``manage.py merge_models`` call it through
``services.model_merge_by_curator``, which also records the curator's ruling.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ForeignKey, Q, UniqueConstraint

from aimodelsmap.dataversion import data_version_bump
from models_registry.identity.dated import dated_targets_refresh, floating_snapshots, slips_of
from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.releases import (
    SPELLING_WORDS,
    SnapshotTag,
    active_parameters_dropped,
    generation_conflict,
    generation_of,
    link_modes_agree,
    rated_mode,
    release_facts,
    same_release,
    snapshot_split,
)
from models_registry.membership import memberships_refresh
from models_registry.models import AliasObservation, AliasTarget, Model, ModelAlias
from models_registry.provenance import (
    MAKERS_OWN_WORD_BELOW,
    creator_observed_only_from,
    facts_derive,
    published_only,
    stated_facts,
)
from models_registry.slugs import is_provisional, slugs_derive

MERGE_SOURCE = "curator"  # the source of the alias a merge leaves behind
# Facts the kept model takes from the merged one when it has none of its own.
GAP_FIELDS = (
    "description",
    "family",
    "release_date",
    "context_window",
    "max_output_tokens",
    "open_weights",
    "knowledge_cutoff",
    "deprecation_date",
)


class MergeRefused(Exception):
    """The two models are not one release by the rules of identity; the message says why."""


@dataclass
class MergeResult:
    kept: Model
    merged_slug: str
    moved: Counter = field(default_factory=Counter)  # "app.Model" -> rows moved
    dropped: Counter = field(default_factory=Counter)  # "app.Model" -> duplicates of the kept model's rows dropped

    def summary(self) -> str:
        moved = ", ".join(f"{count} {label}" for label, count in sorted(self.moved.items()) if count) or "nothing"
        text = f"Merged {self.merged_slug} into {self.kept.slug}: moved {moved}"
        dropped = ", ".join(f"{count} {label}" for label, count in sorted(self.dropped.items()) if count)
        return text + (f"; dropped duplicates: {dropped}." if dropped else ".")


def _form(model: Model) -> str:
    return normalize_model_id(model.slug)


def _words(normalized: str) -> set[str]:
    return {token for token in normalized.split("-") if not any(ch.isdigit() for ch in token)} - SPELLING_WORDS


def _makers_unknown(one: Model, other: Model) -> bool:
    """Whether two models' different creators tell nothing: one is only a publisher of record (the
    host a derivative nobody attributes is recorded under) and no maker's own word names the
    other's. A lab's card or API naming one side keeps a derivative apart from its release."""
    weak = published_only([one.pk, other.pk])
    if not weak:
        return False
    unsaid = creator_observed_only_from(MAKERS_OWN_WORD_BELOW, [one.pk, other.pk])
    return {one.pk, other.pk} <= weak | unsaid


def merge_refusal(merged: Model, kept: Model, *, linked: bool = False) -> str | None:
    """Why ``merged`` must not be merged into ``kept``, or None when the rules of identity allow it.

    Refused: one model with itself; two makers' models (unless one is only a publisher of
    record and no maker's own word names the other: ``_makers_unknown``); a rated mode with its
    release or with another mode (but for a host's link of a mode's id to a
    release its maker names with that mode: ``_release_named_with_the_mode``);
    a floating name that served several
    snapshots with one of them; and ids of another generation (version, size
    or snapshot) or other words (a tier: ``-mini``) unless the maker's
    evidence says they are one release (``same_release``: a floating name and
    its only snapshot, one release under two spellings). ``linked``: a host's
    link of one's id to the other's lab card, whose versions already agree
    (``host_link_plausible``), is that evidence, and the host's id may lack the
    mode the card's release is named with (``link_modes_agree``).
    """
    if merged.pk == kept.pk:
        return "A model cannot be merged into itself."
    if merged.creator_id != kept.creator_id and not _makers_unknown(merged, kept):
        return (
            f"{merged.slug} is by {merged.creator.slug} and {kept.slug} by {kept.creator.slug}: "
            "two makers' models are never one release."
        )
    if merged.variant_of_id == kept.pk or kept.variant_of_id == merged.pk:
        return f"{merged.slug} and {kept.slug} are a release and a mode of it that leaderboards rate apart (a variant)."
    if not (linked and _release_named_with_the_mode(merged, kept)):
        if (merged.variant_of_id is None) != (kept.variant_of_id is None):
            return f"One of {merged.slug} and {kept.slug} is a variant (a rated mode) and the other a release."
        if merged.variant_of_id is not None and (
            merged.variant_of_id != kept.variant_of_id or merged.variant_label != kept.variant_label
        ):
            return f"{merged.slug} and {kept.slug} are modes of other releases or other modes."
        if merged.variant_of_id is not None:
            return None  # one mode of one release, whatever ids it was met under
    floating = floating_snapshots()
    for name, other in ((merged, kept), (kept, merged)):
        snapshots = floating.get(name.pk)
        if snapshots is not None and len(snapshots[1]) >= 2 and other.pk in {s.model_id for s in snapshots[1]}:
            return (
                f"{name.slug} is a floating name that served several snapshots, {other.slug} one of them: "
                "it never joins one (it has dated targets instead)."
            )
    one, other = _form(merged), _form(kept)
    # The mode before any snapshot tag: "...-thinking" and "...-thinking-2507" name one mode.
    if rated_mode(one) != rated_mode(other) and not (linked and link_modes_agree(one, other)):
        return f"{merged.slug} and {kept.slug} name other modes."
    conflict = generation_conflict(one, other)
    words = _words(one) ^ _words(other)
    if linked:
        sizes = generation_of(one).sizes, generation_of(other).sizes
        if all(sizes) and sizes[0] != sizes[1] and not active_parameters_dropped(one, other):
            return f"{merged.slug} and {kept.slug} are other sizes, whatever a host's link says."
        return None
    if conflict is None and not words:
        return None
    if _same_release_by_evidence(merged, kept):
        return None
    if conflict is not None:
        return f"{merged.slug} and {kept.slug} are other generations ({conflict}), and no maker's evidence joins them."
    return f"{merged.slug} and {kept.slug} differ in {' '.join(sorted(words))}, and no maker's evidence joins them."


def _release_named_with_the_mode(variant: Model, release: Model) -> bool:
    """Whether a mode's entry may join, by a host's link, a release its maker names with that mode.

    LiteLLM's ``grok-4.20-beta-0309-reasoning``, read as the ``reasoning`` mode of xAI's
    ``grok-4.20-beta-0309``, is what a host links to xAI's ``grok-4.20-0309-reasoning`` card:
    read after the card, the link makes the id one more alias of that release, so read
    before it, the link joins the mode's entry to it (``link_modes_agree``).
    """
    if variant.variant_of_id is None or release.variant_of_id is not None:
        return False
    return rated_mode(_form(release)) == variant.variant_label


def _same_release_by_evidence(merged: Model, kept: Model) -> bool:
    """Whether the maker's evidence joins any id of one model to any id of the other.

    Every id each model was met under counts, not only its slug (which names
    whichever id a file read first), and every name and date stated of it.
    """
    tags: dict[str, set[str]] = {}
    entries: dict[tuple[str, str], tuple[SnapshotTag, int]] = {}
    forms: dict[int, set[str]] = {merged.pk: {_form(merged)}, kept.pk: {_form(kept)}}
    for model_id, normalized in ModelAlias.objects.filter(model__creator_id=kept.creator_id).values_list(
        "model_id", "normalized"
    ):
        split = snapshot_split(normalized)
        if split is not None:
            tags.setdefault(split[0], set()).add(split[1].text)
            entries[(split[0], split[1].text)] = (split[1], model_id)
        if model_id in forms:
            forms[model_id].add(normalized)
    # Neither model's name floats over a source's slip (``dated.slips_of``).
    named = [
        (base, text, model.release_date)
        for model in (merged, kept)
        for base in {form.removesuffix("-latest") for form in forms[model.pk]} & set(tags)
        for text in tags[base]
    ]
    slips = slips_of((entries[(base, text)][0], released, entries[(base, text)][1]) for base, text, released in named)
    for base, text, released in named:
        if (entries[(base, text)][1], released) in slips:
            tags[base].discard(text)
    stated = stated_facts([merged.pk, kept.pk])
    facts = {
        model.pk: [
            release_facts(form, model.creator.slug, model.model_type, stated[model.pk])
            for form in sorted(forms[model.pk])
        ]
        for model in (merged, kept)
    }
    return any(
        same_release(one, other, snapshot_tags=tags) is not None for one in facts[merged.pk] for other in facts[kept.pk]
    )


def _model_relations():
    """Every foreign key to Model outside Model itself (hidden ones too: scores), as (related model, field name)."""
    for relation in Model._meta.get_fields(include_hidden=True):
        foreign_key = relation.auto_created and not relation.concrete and isinstance(relation.field, ForeignKey)
        if foreign_key and relation.related_model is not Model:
            yield relation.related_model, relation.field.name


def _unique_sets(related_model, field_name: str):
    """The unique keys of ``related_model`` that hold ``field_name``: (other fields, condition or None)."""
    for constraint in related_model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and field_name in constraint.fields:
            yield [name for name in constraint.fields if name != field_name], constraint.condition
    for together in related_model._meta.unique_together:
        if field_name in together:
            yield [name for name in together if name != field_name], None


def _move(related_model, field_name: str, merged: Model, kept: Model, result: MergeResult) -> None:
    """Move ``merged``'s rows of ``related_model`` to ``kept``; of two rows that would then be one
    (a unique key), the kept model's stands, unless the related model ranks them
    (``merge_precedence``: the lower stands), so the outcome never depends on which model was kept.
    Two rows that rank alike become one holding both where the related model says how (``absorb``)."""
    label = related_model._meta.label
    manager = related_model._default_manager
    rows = manager.filter(**{field_name: merged})
    ranked = hasattr(related_model, "merge_precedence")
    for others, condition in _unique_sets(related_model, field_name):
        scope = condition if condition is not None else Q()
        taken = {tuple(key): pk for pk, *key in manager.filter(scope, **{field_name: kept}).values_list("pk", *others)}
        if not taken:
            continue
        # merged row -> the kept model's row with the same key
        clashing = {
            pk: taken[tuple(key)] for pk, *key in rows.filter(scope).values_list("pk", *others) if tuple(key) in taken
        }
        if not clashing:
            continue
        dropped = list(clashing)
        if ranked:
            both = manager.in_bulk([*clashing, *clashing.values()])
            dropped = []
            for merged_pk, kept_pk in clashing.items():
                merged_rank, kept_rank = both[merged_pk].merge_precedence(), both[kept_pk].merge_precedence()
                if merged_rank == kept_rank and hasattr(both[kept_pk], "absorb"):
                    both[kept_pk].absorb(both[merged_pk])  # equals: one row holding both, as one run would write it
                dropped.append(kept_pk if merged_rank < kept_rank else merged_pk)
        result.dropped[label] += manager.filter(pk__in=dropped).delete()[1].get(label, 0)
    result.moved[label] += rows.update(**{field_name: kept})


@transaction.atomic
def model_merge(*, merged: Model, kept: Model, derive: bool = True, linked: bool = False) -> MergeResult:
    """Merge ``merged`` into ``kept`` (see the module docstring); raises MergeRefused when unsafe.

    ``derive=False`` leaves what follows every model's ids and observations (served facts, slugs,
    demand counts) to a caller that derives it once after several merges, as an ingestion run does;
    ``linked``: a host links one's id to the other's lab card (``merge_refusal``).
    """
    locked = {
        m.pk: m for m in Model.objects.select_for_update().select_related("creator").filter(pk__in=[merged.pk, kept.pk])
    }
    if merged.pk == kept.pk or len(locked) != 2:
        raise MergeRefused(
            "A model cannot be merged into itself." if merged.pk == kept.pk else "A model no longer exists."
        )
    merged, kept = locked[merged.pk], locked[kept.pk]
    refusal = merge_refusal(merged, kept, linked=linked)
    if refusal is not None:
        raise MergeRefused(refusal)
    result = MergeResult(kept=kept, merged_slug=merged.slug)
    _merge(merged, kept, result)
    memberships_refresh(model_ids=[kept.pk])
    dated_targets_refresh()
    if derive:
        # The kept model now has both models' ids: its slug follows them (models_registry/slugs.py),
        # and its cost and demand read the listings of either (ingestion.writers.signals.listing_signals_derive).
        from ingestion.writers import Counts
        from ingestion.writers.signals import listing_signals_derive, listing_snapshots

        # Both models' observations are the kept model's now: what it serves follows all of them.
        facts_derive([kept.pk])
        slugs_derive()
        kept.refresh_from_db()
        listing_signals_derive(Counts(), listing_snapshots(model_ids=[kept.pk]))
    data_version_bump()
    return result


def _merge(merged: Model, kept: Model, result: MergeResult) -> None:
    # A mode the kept model already has is the same variant of one release: merge it too; any other moves.
    for variant in list(Model.objects.filter(variant_of=merged)):
        twin = Model.objects.filter(variant_of=kept, variant_label=variant.variant_label).first()
        Model.objects.filter(pk=variant.pk).update(variant_of=kept)
        if twin is not None:
            _merge(variant, twin, result)
            result.dropped["models_registry.Model"] += 1
        else:
            result.moved["models_registry.Model"] += 1
    # What would point from the kept model to itself is no longer a target; a source's claim stays,
    # without one, and names the snapshot again if it ever leaves (reconcile.floating_names_split).
    AliasTarget.objects.filter(Q(floating=merged, target=kept) | Q(floating=kept, target=merged)).delete()
    AliasObservation.objects.filter(Q(floating=merged, target=kept) | Q(floating=kept, target=merged)).update(
        target=None
    )
    for related_model, field_name in _model_relations():
        _move(related_model, field_name, merged, kept, result)
    from ingestion.writers import Counts
    from ingestion.writers.capabilities import capabilities_derive

    # Capabilities set by hand (no source claims them) are both models'; claimed ones follow the
    # claims the kept model now holds (a maker's claim or a majority, never the union).
    kept.capabilities.add(*merged.capabilities.all())
    capabilities_derive(model_ids=[kept.pk], counts=Counts())
    # A mode's fields are copies of its own release's (provenance.variants_follow), not facts of the kept release.
    gaps = GAP_FIELDS if merged.variant_of_id is None else ()
    changed = [name for name in gaps if getattr(kept, name) in (None, "") and getattr(merged, name) not in (None, "")]
    for name in changed:
        setattr(kept, name, getattr(merged, name))
    redirect, merged_slug = normalize_model_id(merged.slug), merged.slug
    merged.delete()
    if changed:
        kept.save(update_fields=[*changed, "updated_at"])
    # A provisional slug (an entry split off and merged again in one run) was never served: nothing to redirect.
    if redirect and not is_provisional(merged_slug) and not ModelAlias.objects.filter(normalized=redirect).exists():
        ModelAlias.objects.create(model=kept, alias=merged_slug, normalized=redirect, source=MERGE_SOURCE)
        result.moved["redirect alias"] += 1
