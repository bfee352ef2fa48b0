"""Join one maker's releases that its evidence now says are one, whatever order the files came in.

Ingestion decides what an id names when it meets it, on what the catalog knows
at that moment. A creator's price list that names ``gpt-4.1`` and
``gpt-4.1-2025-04-14`` without release dates, read before the lab card that
dates them, leaves two entries; read after it, one. ``releases_reconcile``
looks again at every pair of one maker's releases that a run touched, by the
rules ingestion uses that rest on the ids themselves (``same_release``'s
``snapshot``: a floating name and its only snapshot; ``spelling``: one release
with and without the dots of its version) and the checks a curator's merge passes (``merge_refusal``), and merges
each pair the evidence joins. The grouping of ids into releases then follows
the files read, not their order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.releases import ReleaseFacts, joined, same_release, snapshot_split
from models_registry.merge import MergeResult, merge_refusal, model_merge
from models_registry.models import Model, ModelAlias
from models_registry.provenance import facts_derive

LATEST = "-latest"
# The rules that rest on the ids themselves. "same-name" stays with ingestion, which
# compares a record's own name: a model's served name may come from another
# source ("Llama 3.1 8B" for both the base and the instruct release).
RULES = ("snapshot", "spelling")


class _Catalog:
    """Every release with the normal forms its aliases and slug go by, indexed the ways ``same_release`` compares."""

    def __init__(self):
        self.releases: dict[int, Model] = {
            model.pk: model for model in Model.objects.filter(variant_of=None).select_related("creator")
        }
        self.forms: dict[int, set[str]] = defaultdict(set)
        self.by_form: dict[str, int] = {}
        self.snapshot_tags: dict[str, set[str]] = {}
        for normalized, model_id in ModelAlias.objects.values_list("normalized", "model_id"):
            split = snapshot_split(normalized)
            if split is not None:
                self.snapshot_tags.setdefault(split[0], set()).add(split[1].text)
            if model_id in self.releases:
                self.forms[model_id].add(normalized)
                self.by_form.setdefault(normalized, model_id)
        self.by_joined: dict[str, set[tuple[int, str]]] = defaultdict(set)
        for pk, model in self.releases.items():
            self.forms[pk].add(normalize_model_id(model.slug))
            for form in self.forms[pk]:
                self.by_joined[joined(form)].add((pk, form))

    def facts(self, pk: int, form: str) -> ReleaseFacts:
        model = self.releases[pk]
        return ReleaseFacts(form, model.creator.slug, model.name, model.release_date, model.model_type)

    def candidates(self, pk: int):
        """``(form of pk, other release, form of it)`` for each release the evidence might join to ``pk``."""
        for form in sorted(self.forms[pk]):
            split = snapshot_split(form)
            if split is not None:
                for key in (split[0], split[0] + LATEST):
                    if key in self.by_form:
                        yield form, self.by_form[key], key
            base = form.removesuffix(LATEST)
            for tag in sorted(self.snapshot_tags.get(base, ())):
                key = f"{base}-{tag}"
                if key in self.by_form:
                    yield form, self.by_form[key], key
            for other, other_form in sorted(self.by_joined[joined(form)]):
                yield form, other, other_form


def _pointer_and_bare_name(one: str, other: str) -> bool:
    # The Arena's 2023 "mistral-medium" is not what "mistral-medium-latest" points to
    # today: a bare name never follows a maker's moving pointer (docs/identity.md).
    return one.removesuffix(LATEST) == other.removesuffix(LATEST) and one != other


def _kept_and_merged(one: Model, other: Model, rule: str, forms: tuple[str, str]) -> tuple[Model, Model]:
    """Which of the two entries stays: the floating name of a snapshot pair, else the dated release, else the older."""
    if rule == "snapshot":
        dated = [model for model, form in zip((one, other), forms, strict=True) if snapshot_split(form)]
        if len(dated) == 1:
            return (other, one) if dated[0] is one else (one, other)
    ranked = sorted((one, other), key=lambda m: (m.release_date is None, m.pk))
    return ranked[0], ranked[1]


def releases_reconcile(*, model_ids: Iterable[int]) -> list[MergeResult]:
    """Merge each pair of one maker's releases, one of them in ``model_ids``, that the maker's evidence joins."""
    touched = set(model_ids)
    if not touched:
        return []
    catalog = _Catalog()
    results: list[MergeResult] = []
    gone: set[int] = set()
    for pk in sorted(touched & catalog.releases.keys()):
        for form, other, other_form in catalog.candidates(pk):
            if pk in gone:
                break
            if other == pk or other in gone:
                continue
            one, two = catalog.releases[pk], catalog.releases[other]
            if one.creator_id != two.creator_id or _pointer_and_bare_name(form, other_form):
                continue
            rule = same_release(
                catalog.facts(pk, form), catalog.facts(other, other_form), snapshot_tags=catalog.snapshot_tags
            )
            if rule not in RULES:
                continue
            kept, merged = _kept_and_merged(one, two, rule, (form, other_form))
            if merge_refusal(merged, kept) is not None:
                continue
            results.append(model_merge(merged=merged, kept=kept))
            facts_derive([kept.pk])
            gone.add(merged.pk)
    return results
