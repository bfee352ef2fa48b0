"""Join one maker's releases that its evidence now says are one, whatever order the files came in.

Ingestion decides what an id names when it meets it, on what the catalog knows
at that moment. A creator's price list that names ``gpt-4.1`` and
``gpt-4.1-2025-04-14`` without release dates, read before the lab card that
dates them, leaves two entries; read after it, one. ``releases_reconcile``
asks again, for every normal form of every release a run touched, the
question ingestion asked (``IdentityResolver.same_release``) with the rules
that rest on the ids themselves: ``snapshot`` (a floating name and its only
snapshot) and ``spelling`` (one version with and without its dots). The
``same-name`` rule stays with ingestion, which compares a record's own name: a
model's served name may come from another source ("Llama 3.1 8B" for both the
base and the instruct release), so it is never asked here. Each pair found
also passes the checks of a curator's merge (``merge_refusal``) and is merged
as a curator's merge would be. The grouping of ids into releases then follows
the files read, not their order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.releases import snapshot_split
from models_registry.identity.resolver import IdentityResolver
from models_registry.merge import MergeResult, merge_refusal, model_merge
from models_registry.models import Model, ModelAlias
from models_registry.provenance import facts_derive

SOURCE = "reconcile"  # the resolver's source: no curator ruling is scoped to it


def _kept_and_merged(model: Model, found: Model, rule: str, form: str) -> tuple[Model, Model]:
    """The floating name of a snapshot pair stays; otherwise the release with a date, else the older entry."""
    if rule == "snapshot":
        return (found, model) if snapshot_split(form) else (model, found)
    ranked = sorted((model, found), key=lambda m: (m.release_date is None, m.pk))
    return ranked[0], ranked[1]


def releases_reconcile(*, model_ids: Iterable[int]) -> list[MergeResult]:
    """Merge each pair of one maker's releases, one of them in ``model_ids``, that the maker's evidence joins."""
    releases = {m.pk: m for m in Model.objects.filter(pk__in=set(model_ids), variant_of=None).select_related("creator")}
    if not releases:
        return []
    forms: dict[int, set[str]] = defaultdict(set)
    for model_id, normalized in ModelAlias.objects.filter(model_id__in=releases).values_list("model_id", "normalized"):
        forms[model_id].add(normalized)
    resolver = IdentityResolver(source=SOURCE)
    results: list[MergeResult] = []
    gone: set[int] = set()
    for pk, model in sorted(releases.items()):
        for form in sorted(forms[pk] | {normalize_model_id(model.slug)}):
            if pk in gone:
                break
            found = resolver.same_release(
                form,
                creator_slug=model.creator.slug,
                release_date=model.release_date,
                model_type=model.model_type,
                other_than=pk,
            )
            if found is None or found[0].pk in gone:
                continue
            kept, merged = _kept_and_merged(model, found[0], found[1], form)
            if merge_refusal(merged, kept) is not None:
                continue
            # Ingestion derives every slug once, after this pass (ingestion/writers/__init__.py).
            results.append(model_merge(merged=merged, kept=kept, derive_slugs=False))
            facts_derive([kept.pk])
            gone.add(merged.pk)
    return results
