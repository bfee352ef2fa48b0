"""Which model an external id names, decided exactly as ingestion decides it.

This answers ``GET /v1/resolve``. The rules are ``IdentityResolver.explain``'s,
not a copy of them: whatever ingestion would do with an id, the lookup says.
A resolver loads every alias and ruling when it is built, so each worker
keeps one per source asked about, built on first use and dropped when the
catalog's data version changes (the search index lives the same way). A
lookup then costs two queries: the model and the row the match rests on.

A floating name with dated targets (``gpt-4o``: ``models_registry.identity.dated``)
resolves, on the date asked (today by default), to the snapshot it served
that day; a lookup that names a source (the ``source`` parameter, or the
source's own prefix: ``openrouter:deepseek/deepseek-chat``) gets that source's
meaning of the name first. Ingestion keeps filing rows under the floating
entry itself: what a source lists under a floating name today is that name's.

An id no rule of ``explain`` resolves is then asked as ingestion asks a
maker's record before it creates a release (``IdentityResolver.release_match``,
the rules of ``identity/releases.py``), with no name or date stated: a dated
snapshot of a known floating name its maker dates alike
(``o1-preview-2024-09-12``), or one release spelled another way
(``gpt-4o-2024-0513``). Ingestion would join such an id to that release.

The one thing ingestion is told and a lookup is not is the id's maker. An id
that spells its maker out (``amazon-nova-pro-v1.0``) names it by its first
words, so the lookup reads the maker from there, and accepts the match only
if the model found is that maker's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from ingestion.sources import PIPELINES
from models_registry.identity.dated import target_on, targets_of
from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.releases import MAKER_NAME, WEIGHTS_NAME
from models_registry.identity.resolver import (
    EXACT_ALIAS,
    MAKER_PREFIX,
    NORMALIZED_ALIAS,
    RULING_FOR_SOURCE,
    IdentityResolver,
    Match,
)
from models_registry.models import AliasTarget, IdentityDecision, Model, ModelAlias, Provider
from models_registry.search import VersionedIndex

# A lookup without a source sees only the rulings that hold for every source.
NO_SOURCE = ""
# After the rules that name the id's entry: the entry is a floating name, and on the day asked it served...
DATED_TARGET = "dated_target"  # ...this snapshot, by its maker's meaning
SOURCE_MEANING = "source_meaning"  # ...this model, by the named source's own meaning
TARGET_RULES = (DATED_TARGET, SOURCE_MEANING)
# The rules of identity/releases.py an id alone can meet (``same-name`` needs the name its maker states;
# ``named-as`` is met by an id a known release's maker names it by, ``weights-name`` by a dated id of a
# known release's line and date, ``maker-name`` by an undated id a dated release's maker calls it by).
RELEASE_RULES = ("snapshot", "spelling", "deployment", "named-as", WEIGHTS_NAME, MAKER_NAME)


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
    # The date the id was used, as asked (None: today).
    as_of: date | None
    match: Match | None
    model: Model | None
    alias: ModelAlias | None
    decision: IdentityDecision | None
    candidates: list[dict]
    # The floating name's target that decided ``model``, if any (its ``floating`` is the entry the id names).
    target: AliasTarget | None = None


def split_source_prefix(raw_id: str, sources) -> tuple[str | None, str]:
    """``("openrouter", "deepseek/deepseek-chat")`` for ``openrouter:deepseek/deepseek-chat``; else ``(None, raw_id)``.

    Only a known source's name counts: ``ft:gpt-4o-...`` keeps its prefix.
    """
    prefix, colon, rest = raw_id.partition(":")
    if colon and prefix in sources and rest.strip():
        return prefix, rest
    return None, raw_id


class ResolverSet:
    """The resolvers of one data version, one per source, and the creators an id may spell out."""

    def __init__(self, creator_slugs: list[str]):
        # Longest first, so a maker whose slug extends another's is preferred.
        forms = ((normalize_model_id(slug), slug) for slug in creator_slugs)
        self._creators = sorted(((form, slug) for form, slug in forms if form), key=lambda pair: -len(pair[0]))
        self._resolvers: dict[str, IdentityResolver] = {}
        self._targets: dict[int, list[AliasTarget]] | None = None
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

    def targets(self, floating_id: int) -> list[AliasTarget]:
        """A floating name's dated targets (every name's are loaded at once, on first use)."""
        if self._targets is None:
            self._targets = targets_of()
        return self._targets.get(floating_id, [])

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
    """Which model ``raw_id`` names when ``source`` (one of the pipelines) uses it, or all sources if None.

    An id written with its source's prefix (``openrouter:deepseek/deepseek-chat``) names that source.
    """
    prefixed, bare_id = split_source_prefix(raw_id, PIPELINES)
    source = source or prefixed
    resolvers = RESOLVERS.get()
    match, model = _entry_match(resolvers, bare_id, source)
    alias, decision = _evidence(match, source or NO_SOURCE) if match is not None else (None, None)
    target = None
    if model is not None:
        target = target_on(resolvers.targets(model.pk), day=as_of or timezone.localdate(), source=source)
        if target is not None:
            model = target.target
            match = Match(model.pk, SOURCE_MEANING if target.source else DATED_TARGET, match.evidence)
    return IdLookup(
        raw_id=raw_id,
        normalized=normalize_model_id(bare_id),
        source=source,
        as_of=as_of,
        match=match,
        model=model,
        alias=alias,
        decision=decision,
        candidates=resolvers.candidates(bare_id) if model is None else [],
        target=target,
    )


def entry_named(raw_id: str) -> tuple[Model | None, str | None]:
    """The entry ``raw_id`` names by ``id_lookup``'s rules, itself (a floating name is its own entry,
    as its alias gives it), and the source its prefix names; no evidence, target or candidates."""
    source, bare_id = split_source_prefix(raw_id, PIPELINES)
    return _entry_match(RESOLVERS.get(), bare_id, source)[1], source


def _entry_match(resolvers: ResolverSet, bare_id: str, source: str | None) -> tuple[Match | None, Model | None]:
    """The rule an id matches and the entry it names (None for a ruling that ignores it, or no match)."""
    resolver = resolvers.resolver(source or NO_SOURCE)
    creator = resolvers.creator_spelled_out(normalize_model_id(bare_id))
    match = resolver.explain(bare_id, creator_slug=creator)
    if match is None:
        # As ingestion reads a maker's record that states no name or date: a dated snapshot of a
        # floating name its maker dates alike, one release spelled another way (``same_release``).
        match = resolver.release_match(bare_id, creator_slug=creator)
    if match is None or match.model_id is None:
        return match, None
    model = Model.objects.select_related("creator", "variant_of").filter(pk=match.model_id).first()
    if model is None or (match.rule == MAKER_PREFIX and model.creator.slug != creator):
        return None, None  # deleted since the resolvers were built, or another maker's model
    return match, model


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
