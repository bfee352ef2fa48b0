"""Which model an external id names, decided exactly as ingestion decides it.

This answers ``GET /v1/resolve``. The rules are ``IdentityResolver.explain``'s,
not a copy of them: whatever ingestion would do with an id, the lookup says.
A resolver loads every alias and ruling when it is built, so each worker
keeps one per source asked about, built on first use and dropped when the
catalog's data version changes (the search index lives the same way). A
lookup then costs two queries: the model and the row the match rests on.

The one thing ingestion is told and a lookup is not is the id's maker. An id
that spells its maker out (``amazon-nova-pro-v1.0``) names it by its first
words, so the lookup reads the maker from there, and accepts the match only
if the model found is that maker's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.resolver import (
    EXACT_ALIAS,
    MAKER_PREFIX,
    NORMALIZED_ALIAS,
    RULING_FOR_SOURCE,
    IdentityResolver,
    Match,
)
from models_registry.models import IdentityDecision, Model, ModelAlias, Provider
from models_registry.search import VersionedIndex

# A lookup without a source sees only the rulings that hold for every source.
NO_SOURCE = ""


@dataclass(frozen=True)
class IdLookup:
    """The answer for one id: the match and the rows behind it, or the closest models when nothing matched.

    ``model`` is None when no rule matched or a curator ruled the id out
    (then ``match`` says which ruling). Exactly one of ``alias`` and
    ``decision`` is set when ``match`` is.
    """

    raw_id: str
    normalized: str
    source: str | None
    # The date the id was used, echoed: no alias carries dated targets yet, so it changes nothing.
    as_of: date | None
    match: Match | None
    model: Model | None
    alias: ModelAlias | None
    decision: IdentityDecision | None
    candidates: list[dict]


class ResolverSet:
    """The resolvers of one data version, one per source, and the creators an id may spell out."""

    def __init__(self, creator_slugs: list[str]):
        # Longest first, so a maker whose slug extends another's is preferred.
        forms = ((normalize_model_id(slug), slug) for slug in creator_slugs)
        self._creators = sorted(((form, slug) for form, slug in forms if form), key=lambda pair: -len(pair[0]))
        self._resolvers: dict[str, IdentityResolver] = {}
        self._lock = threading.Lock()
        # suggestions() fills the resolver's fuzzy-match candidates on first
        # use; two threads filling them at once would each see half a list.
        self._suggest_lock = threading.Lock()

    def resolver(self, source: str) -> IdentityResolver:
        resolver = self._resolvers.get(source)
        if resolver is None:
            with self._lock:
                resolver = self._resolvers.get(source)
                if resolver is None:
                    resolver = self._resolvers[source] = IdentityResolver(source=source)
        return resolver

    def creator_spelled_out(self, normalized: str) -> str | None:
        """The creator whose slug the id's normal form starts with, as a word of its own."""
        return next((slug for form, slug in self._creators if normalized.startswith(form + "-")), None)

    def candidates(self, raw_id: str) -> list[dict]:
        """The curator queue's suggestions for the id: ``[{slug, name, score}]``, best first.

        They do not depend on the source, so one resolver's candidate list
        (every model and alias) serves them all.
        """
        resolver = self.resolver(NO_SOURCE)
        with self._suggest_lock:
            try:
                suggestions = resolver.suggestions(raw_id)
            except Model.DoesNotExist:
                # While the cache is down the resolvers may outlive a data
                # change by up to 30 s; a model deleted since leaves no list.
                return []
        return [{"slug": s["slug"], "name": s["name"], "score": s["score"]} for s in suggestions]


def creator_slugs() -> list[str]:
    return list(Provider.objects.filter(is_creator=True).values_list("slug", flat=True))


RESOLVERS = VersionedIndex(creator_slugs, build=ResolverSet)


def id_lookup(*, raw_id: str, source: str | None = None, as_of: date | None = None) -> IdLookup:
    """Which model ``raw_id`` names when ``source`` (one of the pipelines) uses it, or all sources if None."""
    resolvers = RESOLVERS.get()
    resolver = resolvers.resolver(source or NO_SOURCE)
    normalized = normalize_model_id(raw_id)
    creator = resolvers.creator_spelled_out(normalized)
    match = resolver.explain(raw_id, creator_slug=creator)
    model = None
    if match is not None and match.model_id is not None:
        model = Model.objects.select_related("creator", "variant_of").filter(pk=match.model_id).first()
        if model is None or (match.rule == MAKER_PREFIX and model.creator.slug != creator):
            # Deleted since the resolvers were built, or another maker's model.
            match, model = None, None
    alias, decision = _evidence(match, source or NO_SOURCE) if match is not None else (None, None)
    return IdLookup(
        raw_id=raw_id,
        normalized=normalized,
        source=source,
        as_of=as_of,
        match=match,
        model=model,
        alias=alias,
        decision=decision,
        candidates=resolvers.candidates(raw_id) if model is None else [],
    )


def _evidence(match: Match, source: str) -> tuple[ModelAlias | None, IdentityDecision | None]:
    """The alias or ruling row the match rests on (one query)."""
    lookup, key = match.evidence.lookup, match.evidence.key
    if lookup == EXACT_ALIAS:
        # Two rows may hold the same text under normal forms of different rule versions.
        return ModelAlias.objects.filter(alias=key, model_id=match.model_id).order_by("id").first(), None
    if lookup == NORMALIZED_ALIAS:
        return ModelAlias.objects.filter(normalized=key).first(), None
    decisions = IdentityDecision.objects.select_related("decided_by").filter(normalized=key)
    if lookup == RULING_FOR_SOURCE:
        return None, decisions.filter(source_only=True, source=source).first()
    return None, decisions.filter(source_only=False).first()
