"""Category membership: which categories a model belongs to, and the one service that stores it.

The rule (``categories_for``) is pure. A model belongs to a category when it
has evidence that it does that work:

- a signal that measures the category (an arena board or benchmark mapped to
  it: the signal's category, set from the mapping);
- a capability that maps to it (``CAPABILITY_CATEGORIES``: vision, reasoning,
  chat, speech and audio...); capabilities are the maker's or the majority's
  claim (``ingestion.claims``);
- its model type (an embedding model is in ``embeddings``);
- a context window of ``LONG_CONTEXT_TOKENS`` or more (``long-context``);

and every model is in ``overall``. A general signal (the overall arena
rating, a price, a host count) measures no category, so it never makes a
model a member of one by itself.

``memberships_refresh`` stores the rule's answer in ``Model.categories``, the
rows the model list filter, the category ``model_count`` and the leaderboards
(``rankings.loaders.category_plans``) all read, so the three name the same
models. It replaces what the rule no longer supports and is idempotent; it
runs after every ingest, after a curator edits a board or benchmark mapping,
a signal or a model, and at the start of every recompute.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from ingestion.taxonomy import CAPABILITY_CATEGORIES, LONG_CONTEXT_TOKENS
from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Model
from rankings.models import Signal

# The category a model's type puts it in (a language model's are its capabilities').
TYPE_CATEGORIES = {
    Model.Type.EMBEDDING: "embeddings",
    Model.Type.IMAGE_GENERATION: "image-generation",
    Model.Type.SPEECH: "speech-audio",
    Model.Type.TRANSCRIPTION: "speech-audio",
    Model.Type.VIDEO_GENERATION: "video",
}


@dataclass(frozen=True)
class MembershipEvidence:
    """What one model has that can put it in a category."""

    model_type: str
    capabilities: frozenset[str]
    context_window: int | None
    measured_categories: frozenset[str]  # slugs of the categories its signals measure


def categories_for(evidence: MembershipEvidence) -> set[str]:
    """The category slugs the evidence puts a model in (``overall`` always)."""
    categories = {OVERALL_CATEGORY_SLUG, *evidence.measured_categories}
    if evidence.model_type in TYPE_CATEGORIES:
        categories.add(TYPE_CATEGORIES[evidence.model_type])
    categories |= {CAPABILITY_CATEGORIES[c] for c in evidence.capabilities if c in CAPABILITY_CATEGORIES}
    if evidence.context_window and evidence.context_window >= LONG_CONTEXT_TOKENS:
        categories.add("long-context")
    return categories


@dataclass(frozen=True)
class LinkChanges:
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def membership_evidence(model_ids: list[int] | None = None) -> dict[int, MembershipEvidence]:
    """``{model_id: evidence}`` for these models (every model when None), in four queries."""
    models = Model.objects.order_by()
    signals = Signal.objects.filter(category__isnull=False).order_by()
    through = Model.capabilities.through.objects.order_by()
    if model_ids is not None:
        models, signals, through = (
            q.filter(**{field: model_ids})
            for q, field in ((models, "pk__in"), (signals, "model_id__in"), (through, "model_id__in"))
        )
    category_slugs = dict(Category.objects.values_list("id", "slug"))
    measured, capabilities = defaultdict(set), defaultdict(set)
    # Ids, not a join: the signal table is the largest the catalog has.
    for model_id, category_id in signals.values_list("model_id", "category_id").distinct():
        measured[model_id].add(category_slugs[category_id])
    for model_id, slug in through.values_list("model_id", "capability__slug"):
        capabilities[model_id].add(slug)
    return {
        pk: MembershipEvidence(
            model_type=model_type,
            capabilities=frozenset(capabilities[pk]),
            context_window=context_window,
            measured_categories=frozenset(measured[pk]),
        )
        for pk, model_type, context_window in models.values_list("pk", "model_type", "context_window")
    }


@transaction.atomic
def memberships_refresh(*, model_ids: list[int] | None = None) -> LinkChanges:
    """Store every model's (or these models') categories as ``categories_for`` derives them.

    Adds what the evidence supports and removes what it no longer does; a
    second call changes nothing. Categories the rule names but the tree lacks
    are skipped.
    """
    category_ids = dict(Category.objects.values_list("slug", "id"))
    wanted = {
        (model_id, category_ids[slug])
        for model_id, evidence in membership_evidence(model_ids).items()
        for slug in categories_for(evidence)
        if slug in category_ids
    }
    return model_links_replace(
        through=Model.categories.through, column="category_id", model_ids=model_ids, wanted=wanted
    )


def model_links_replace(*, through, column: str, model_ids, wanted: set[tuple[int, int]]) -> LinkChanges:
    """Make a model many-to-many table hold exactly ``wanted`` (model id, other id) pairs for these models.

    ``model_ids`` None: for every model. Pairs of other models are left alone.
    """
    rows = through.objects.order_by()
    if model_ids is not None:
        rows = rows.filter(model_id__in=model_ids)
    existing = {(m, o): pk for pk, m, o in rows.values_list("pk", "model_id", column)}
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    missing = wanted - existing.keys()
    through.objects.filter(pk__in=stale).delete()
    through.objects.bulk_create([through(model_id=m, **{column: o}) for m, o in missing], ignore_conflicts=True)
    return LinkChanges(added=len(missing), removed=len(stale))
