"""Map one source's model ids to canonical Models, and queue what it cannot.

A resolver is built once per ingestion run: it loads every alias, every
curator decision and the source's queue in a fixed number of queries, then
answers ``resolve`` from memory. It only ever matches exactly (the raw id, or
its normal form, is a known alias or a curator decision); fuzzy matching is
used for the curator's suggestions and nothing else.
"""

import json
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from rapidfuzz import fuzz, process

from models_registry.identity.floating import floating_keys, tag_date
from models_registry.identity.listings import listed_names, route_splits, tail_agrees
from models_registry.identity.normalize import (
    MODE_WORDS,
    TUNING_WORDS,
    normalize_model_id,
    republishing_org,
    served_chat_releases,
    size_tag,
    without_deployment_marks,
)
from models_registry.identity.releases import (
    MAKER_NAME,
    WEIGHTS_NAME,
    ReleaseFacts,
    after_first_word,
    called_forms,
    clean_name,
    generation_of,
    named_as_keys,
    numbered_split,
    release_facts,
    same_release,
    slipped_snapshot,
    snapshot_split,
    spellings,
    tagged_name,
    weights_line_key,
    without_active_parameters,
)
from models_registry.identity.variants import split_rendering, split_variant
from models_registry.models import IdentityDecision, Model, ModelAlias, Provider, UnresolvedIdentifier
from models_registry.provenance import MAKERS_OWN_WORD_BELOW, StatedFacts, published_only, stated_facts

logger = logging.getLogger(__name__)

FLUSH_BATCH = 500
SUGGESTION_LIMIT = 5
SUGGESTION_MIN_SCORE = 70.0
LATEST = "-latest"


# The rules, in the order they are tried; the first that matches decides.
IGNORED_FOR_SOURCE = "ignored_for_source"  # a curator's ruling: this source's id names no model
RULING_FOR_SOURCE = "ruling_for_source"  # a curator's ruling for this source's id only
IGNORED_FOR_ALL_SOURCES = "ignored_for_all_sources"  # a curator's ruling: the id names no model anywhere
EXACT_ALIAS = "exact_alias"  # the id is an alias exactly as a source wrote it
NORMALIZED_ALIAS = "normalized_alias"  # the id's normal form is an alias's normal form
RULING_FOR_ALL_SOURCES = "ruling_for_all_sources"  # a curator's ruling for every source (its alias was deleted)
HOST_DEPLOYMENT = "host_deployment"  # the id without a host's quantisation or deployment mark matched
MAKER_PREFIX = "maker_prefix"  # the id without its maker's name matched by one of the rules above
REPUBLISHED = "republished"  # an unknown org's "org/name" whose name alone matched: the release it republishes
HOST_ROUTE = "host_route"  # the id without a provider's name before or after it matched: the route through it
LISTED_NAME = "listed_name"  # the listing's name names a release and the id ends as that release's name
RULES = (
    IGNORED_FOR_SOURCE,
    RULING_FOR_SOURCE,
    IGNORED_FOR_ALL_SOURCES,
    EXACT_ALIAS,
    NORMALIZED_ALIAS,
    RULING_FOR_ALL_SOURCES,
    HOST_DEPLOYMENT,
    MAKER_PREFIX,
    REPUBLISHED,
    HOST_ROUTE,
    LISTED_NAME,
)


@dataclass(frozen=True)
class Evidence:
    """The stored row a match rests on: which lookup found it and the key it is stored under.

    ``lookup`` is EXACT_ALIAS (``key`` is the alias as written), NORMALIZED_ALIAS
    (``key`` is the alias's normal form), RULING_FOR_SOURCE or
    RULING_FOR_ALL_SOURCES (``key`` is the ruling's normal form).
    """

    lookup: str
    key: str


@dataclass(frozen=True)
class Match:
    """Why an id resolves as it does. ``model_id`` is None when a curator ruled the id out."""

    model_id: int | None
    rule: str
    evidence: Evidence


class AliasConflict(Exception):
    """The id's normal form already belongs to a different model."""

    def __init__(self, raw_id: str, normalized: str, existing_model_id: int, model_id: int):
        self.raw_id = raw_id
        self.normalized = normalized
        self.existing_model_id = existing_model_id
        self.model_id = model_id
        super().__init__(
            f"{raw_id!r} normalises to {normalized!r}, an alias of model {existing_model_id}, not of model {model_id}"
        )


class IdentityResolver:
    def __init__(self, *, source: str, input_key: str | None = None):
        """``input_key`` names the file this run reads (its content checksum):
        a queue row counts each distinct file once, however often it is re-run.
        Without one the run is its own input, so every run counts."""
        self.source = source
        self.input_key = input_key or f"run:{uuid.uuid4().hex}"
        self._by_alias: dict[str, int] = {}
        self._by_normalized: dict[str, int] = {}
        # Every snapshot tag known for each floating name ("gpt-4o": {"20240513", ...}).
        self._snapshot_tags: dict[str, set[str]] = {}
        # The sizes known of each line and date (``releases.weights_line_key``): "2501/codestral": {("22b",)}.
        self._line_sizes: dict[str, set[tuple[str, ...]]] = {}
        # Normal forms by their spellings (``_spelling_keys``): a host that drops the dots of a version
        # ("gpt-52"), swaps words ("gemini-flash-1.5"), adds "open-" or a deployment mark ("-fp8").
        self._by_spelling: dict[str, dict[int, str]] = {}
        # Mixtures of experts by their total size alone, the active parameters left out, as hosts may
        # write them ("qwen-3-coder-480b-instruct" -> {model id: "qwen-3-coder-480b-a-35b-instruct"}).
        self._by_total_size: dict[str, dict[int, str]] = {}
        # Fine-tuners' repositories by their name alone: "goliath-120b" ->
        # (model id, "alpindale/goliath-120b"); None where two models share a name.
        self._by_repository_name: dict[str, tuple[int, str] | None] = {}
        for alias, normalized, model_id in ModelAlias.objects.values_list("alias", "normalized", "model_id"):
            self._by_alias[alias] = model_id
            self._by_normalized[normalized] = model_id
            self._note_snapshot(normalized)
            for key in _spelling_keys(normalized):
                self._by_spelling.setdefault(key, {})[model_id] = normalized
            self._note_repository(alias, model_id)
            self._note_total_size(normalized, model_id)
        # Providers by their slug's and name's normal forms: (pk, serves only others' models), read on first use.
        self._providers: dict[str, tuple[int, bool]] | None = None
        self._by_name: dict[str, set[int]] | None = None
        self._by_name_as_id: dict[str, set[int]] = {}
        self._by_name_called: dict[str, set[int]] = {}
        # What the same-name and snapshot rules compare of each model (``provenance.stated_facts``), read on first use.
        self._stated: dict[int, StatedFacts] | None = None
        # Models whose creator only a publisher of record names (``provenance.published_only``),
        # as stored and as created by this run.
        self._published_only: set[int] | None = None
        self._published_only_here: set[int] = set()
        self._created_here: set[int] = set()  # models this run created: only its records speak for them
        self._named_here: dict[int, tuple[int, str]] = {}  # their names so far: (precedence, name)
        self._creator_slugs: dict[int, str] | None = None
        # Curator rulings {normalized: model id, or None for "ignore"}: this
        # source's own ones win over aliases, the global ones fill the gaps.
        self._decided: dict[str, int | None] = {}
        self._decided_here: dict[str, int | None] = {}
        decisions = IdentityDecision.objects.filter(Q(source_only=False) | Q(source=source)).values_list(
            "normalized", "source_only", "model_id"
        )
        for normalized, source_only, model_id in decisions:
            (self._decided_here if source_only else self._decided)[normalized] = model_id
        # This source's queue rows that are still open: {normalized: pk}.
        self._queued: dict[str, int] = dict(
            UnresolvedIdentifier.objects.filter(source=source)
            .exclude(status=UnresolvedIdentifier.Status.RESOLVED)
            .values_list("normalized", "pk")
        )
        self._queued_this_run: set[str] = set()
        # Open rows met again this run, {pk: new field values}: written at once by flush().
        self._seen_again: dict[int, dict] = {}
        self._models: dict[int, Model] | None = None
        # Fuzzy-match candidates for suggestions: spaced normal forms and their models.
        self._choices: list[str] | None = None
        self._choice_models: list[int] = []

    # -- reads ---------------------------------------------------------------

    def _model(self, model_id: int) -> Model:
        if self._models is None:
            self._models = Model.objects.in_bulk()
        model = self._models.get(model_id)
        if model is None:  # created after the cache was filled
            model = self._models[model_id] = Model.objects.get(pk=model_id)
        return model

    def resolve_variant(self, raw_id: str) -> tuple[Model, str] | None:
        """``(base release, mode label)`` when the id is a known release run in a rated mode, or an
        image generator at a rated output resolution (``seedream-4-2k``), a host's mark aside.

        Only for ids that resolve to nothing themselves: ``kimi-k2-thinking`` is
        Moonshot's own release and resolves as such before this is asked.
        """
        normalized = without_deployment_marks(normalize_model_id(raw_id))
        split = split_variant(normalized)
        rendering = split is None and (split := split_rendering(normalized)) is not None
        if split is None or self.is_ignored(raw_id):
            return None
        base_normalized, label = split
        match = self._match("", base_normalized)
        if match is None or match.model_id is None:
            return None
        base = self._model(match.model_id)
        if rendering and base.model_type != Model.Type.IMAGE_GENERATION:
            return None
        if base.variant_of_id is not None:  # a mode of a mode is a mode of the release
            base, label = self._model(base.variant_of_id), f"{base.variant_label}-{label}"
        return base, label

    def explain(
        self, raw_id: str, *, creator_slug: str | None = None, name: str | None = None, listing: bool = True
    ) -> Match | None:
        """The rule this id resolves by and the row it rests on, or None. Reads memory only.

        The precedence lives here and nowhere else: ingestion (``resolve``,
        ``is_ignored``) and the public lookup both ask this method.
        ``creator_slug`` lets an id that spells out its maker ("amazon-nova-pro")
        match the maker's own id ("nova-pro"), and the maker's own id match
        that maker's release spelled with its name; it never widens the match further.
        ``name`` is the name the source lists the id under (rule ``listed_name``).
        ``listing`` is False for a maker's own record: a maker names its releases
        itself, so the rules that read a host's wrapping of a release do not apply.
        """
        normalized = normalize_model_id(raw_id)
        if not normalized:
            return None
        ruled_out = normalized in self._decided and self._decided[normalized] is None
        if ruled_out and normalized not in self._decided_here:
            # Ignoring an id everywhere yields to this source's own ruling, and
            # covers the id as written, not the id without its maker's name.
            return Match(None, IGNORED_FOR_ALL_SOURCES, Evidence(RULING_FOR_ALL_SOURCES, normalized))
        match = self._match(raw_id, normalized)
        if match is None and (deployed := without_deployment_marks(normalized)) != normalized:
            inner = self._match("", deployed)  # a host's quantised or marked deployment of a release
            if inner is not None:
                match = Match(inner.model_id, HOST_DEPLOYMENT, inner.evidence)
        if match is None and listing:
            match = (
                self._served_chat_release(normalized)
                or self._size_tagged_release(raw_id)
                or self._named_by_total_size(normalized)
            )
        if match is None and creator_slug:
            maker = normalize_model_id(creator_slug)
            if normalized.startswith(f"{maker}-"):
                inner = self._match(raw_id, normalized.removeprefix(f"{maker}-"))
                if inner is not None:
                    match = Match(inner.model_id, MAKER_PREFIX, inner.evidence)
            else:
                match = self._maker_spelled(normalized, maker)
        if match is None and (republished := republishing_org(raw_id)) is not None:
            # "unsloth/gemma-3-12b-it", "siliconflow/deepseek-r1-0528": a repository
            # named exactly as a known release is that release, re-uploaded or
            # served from the org's namespace. A fine-tune renames its weights.
            inner = self._release_named(normalize_model_id(republished[1]))
            if inner is not None and inner.model_id is not None:
                match = Match(inner.model_id, REPUBLISHED, inner.evidence)
        elif match is None and (repository := self._by_repository_name.get(normalized)) is not None:
            # The other way round: "goliath-120b", or a known publisher's
            # "kwaipilot/kat-coder-pro-v2", names the repository an unknown org
            # published ("alpindale/goliath-120b", "kuaishou/kat-coder-pro-v2").
            match = Match(repository[0], REPUBLISHED, Evidence(EXACT_ALIAS, repository[1]))
        if match is None and listing:
            match = self._host_route(normalized) or self._listed_name(normalized, name)
        return match

    def _served_chat_release(self, normalized: str) -> Match | None:
        """The chat release a host serves on the tier its id names (Groq's ``llama-3.3-70b-versatile``).

        Only when every known spelling of it names one model: ``llama-2-70b-instruct``
        (Upstage's fine-tune) beside ``llama-2-70b-chat`` (Meta's) decides nothing.
        """
        found = [inner for served in served_chat_releases(normalized) if (inner := self._match("", served))]
        if not found or len({inner.model_id for inner in found}) != 1 or found[0].model_id is None:
            return None
        return Match(found[0].model_id, HOST_DEPLOYMENT, found[0].evidence)

    def _size_tagged_release(self, raw_id: str) -> Match | None:
        """The release a model library's tag names by family and size (Ollama's ``qwen3.5:397b`` is
        ``qwen3.5-397b-a17b``, ``gemma3:4b`` ``gemma-3-4b-it``).

        A library serves a family's chat release under its bare tag, so of the releases of that
        family and size the one with a tuning word (``-instruct``, ``-it``, ``-chat``) is meant,
        else the one without; a tag that names a tuning word names the release with it. Never when
        another release of that size is named with a mode (``qwen3-vl-235b-a22b-thinking`` beside
        ``-instruct``: the bare ``qwen3-vl:235b`` may be either), nor when two entries answer, nor
        for a tag that names a mode (a mode is its release's variant, rule ``variant``). Only a
        release named with the size: a library's size may be another release's (Ollama's
        ``deepseek-r1:8b`` is DeepSeek's distillation into Qwen3 8B, not the 671B ``deepseek-r1``).
        """
        tagged = size_tag(raw_id)
        if tagged is None:
            return None
        # word -> {release: (the normal form naming it, that form's snapshot tag or "")}
        by_word: dict[str, dict[int, tuple[str, str]]] = defaultdict(dict)
        moded: set[int] = set()  # the releases a mode of this size is named after (a mode's own release)
        for form, model_id in self._by_normalized.items():
            if (tail := tagged.tail(form)) is None:
                continue
            word, snapshot = tail
            release = self._model(model_id).variant_of_id or model_id
            if word in MODE_WORDS:
                moded.add(release)
            elif release == model_id:
                by_word[word].setdefault(model_id, (form, snapshot))
        if tagged.word is not None:
            answers = by_word[tagged.word] if tagged.word not in MODE_WORDS else {}
        else:
            answers = {pk: named for word in TUNING_WORDS for pk, named in by_word[word].items()} or by_word[""]
        named_alike = set(answers)  # the name's own dated snapshots among them are no other generation
        answers = _floating_name_answers(answers)
        # A bare tag beside another release's mode of that size may be either (the bare ``qwen3-vl:235b``
        # beside ``qwen3-vl-235b-a22b-instruct`` and ``...-thinking``); a mode of its own release is its own.
        if len(answers) != 1 or (tagged.word is None and moded - set(answers)):
            return None
        ((model_id, (form, snapshot)),) = answers.items()
        # A chat release dated apart from another release of that size without a tuning word may be
        # another generation (``qwen3-235b-a22b-instruct-2507`` beside April's ``qwen3-235b-a22b``).
        if any(other != snapshot for pk, (_, other) in by_word[""].items() if pk not in named_alike):
            return None
        return Match(model_id, HOST_DEPLOYMENT, Evidence(NORMALIZED_ALIAS, form))

    def _named_by_total_size(self, normalized: str) -> Match | None:
        """The mixture of experts a host names by its total size alone, as written or without a
        deployment mark: Fireworks' ``qwen3-coder-480b-instruct-bf16`` is
        ``qwen3-coder-480b-a35b-instruct``, Regolo's ``qwen3.5-122b`` is ``qwen3.5-122b-a10b``. No two
        releases of a family share a total size; the rest of the id must be the release's, word for
        word (its edition, mode and snapshot), and one release must answer. Unlike
        ``releases.active_parameters_dropped``, which compares the sizes of an id a file says serves
        some weights, this reads a bare id alone, so every word must agree. A second release of that
        total size read later leaves a join made before it (docs/identity.md)."""
        for form in dict.fromkeys((normalized, without_deployment_marks(normalized))):
            found = self._by_total_size.get(form, {})  # keyed by ids without their active parameters
            if len(found) == 1:
                ((model_id, full),) = found.items()
                return Match(model_id, HOST_DEPLOYMENT, Evidence(NORMALIZED_ALIAS, full))
        return None

    def _note_total_size(self, normalized: str, model_id: int) -> None:
        if (total := without_active_parameters(normalized)) != normalized:
            self._by_total_size.setdefault(total, {}).setdefault(model_id, normalized)

    def _maker_spelled(self, normalized: str, maker: str) -> Match | None:
        """The other way round: a maker's id ("m2-her" on MiniMax's own price list) names the
        maker's release another source spelled with its name ("minimax/minimax-m2-her")."""
        inner = self._match("", f"{maker}-{normalized}")
        if inner is None or inner.model_id is None or (provider := self._provider_named(maker)) is None:
            return None
        return (
            Match(inner.model_id, MAKER_PREFIX, inner.evidence)
            if self._model(inner.model_id).creator_id == provider[0]
            else None
        )

    def _host_route(self, normalized: str) -> Match | None:
        """A provider's name before or after a release's id (docs/identity.md, ``host_route``).

        A provider that also makes models marks only its own releases
        (``cohere-embed-v-4-0``): another lab's name before a release is more
        often a derivative's than a route.
        """
        for mark, rest in route_splits(normalized):
            provider = self._provider_named(mark)
            if provider is None:
                continue
            inner = self._release_named(rest)
            if inner is None or inner.model_id is None:
                continue
            provider_pk, serves_only_others = provider
            if serves_only_others or self._model(inner.model_id).creator_id == provider_pk:
                return Match(inner.model_id, HOST_ROUTE, inner.evidence)
        return None

    def _listed_name(self, normalized: str, name: str | None) -> Match | None:
        """The release a listing's name names, when the id ends as that release's name does."""
        for part in listed_names(name):
            named = normalize_model_id(part)
            inner = self._match("", named) if named else None
            if inner is not None and inner.model_id is not None and tail_agrees(normalized, named):
                return Match(inner.model_id, LISTED_NAME, inner.evidence)
        return None

    def _provider_named(self, mark: str) -> tuple[int, bool] | None:
        if self._providers is None:
            self._providers = {}
            for pk, slug, name, is_host, is_creator in Provider.objects.values_list(
                "pk", "slug", "name", "is_host", "is_creator"
            ):
                for key in {normalize_model_id(slug), normalize_model_id(name)} - {""}:
                    self._providers.setdefault(key, (pk, is_host and not is_creator))
        return self._providers.get(mark)

    def _release_named(self, normalized: str) -> Match | None:
        """The alias or ruling a bare name matches, as written or without a host's deployment marks."""
        if not normalized:
            return None
        return self._match("", normalized) or self._match("", without_deployment_marks(normalized))

    def _match(self, raw_id: str, normalized: str) -> Match | None:
        if normalized in self._decided_here:
            model_id = self._decided_here[normalized]
            rule = IGNORED_FOR_SOURCE if model_id is None else RULING_FOR_SOURCE
            return Match(model_id, rule, Evidence(RULING_FOR_SOURCE, normalized))
        if raw_id in self._by_alias:
            return Match(self._by_alias[raw_id], EXACT_ALIAS, Evidence(EXACT_ALIAS, raw_id))
        if normalized in self._by_normalized:
            return Match(self._by_normalized[normalized], NORMALIZED_ALIAS, Evidence(NORMALIZED_ALIAS, normalized))
        if self._decided.get(normalized) is not None:
            evidence = Evidence(RULING_FOR_ALL_SOURCES, normalized)
            return Match(self._decided[normalized], RULING_FOR_ALL_SOURCES, evidence)
        return None

    def resolve(
        self, raw_id: str, *, creator_slug: str | None = None, name: str | None = None, listing: bool = True
    ) -> Model | None:
        """The model this id names, or None. Never a guess (see ``explain``)."""
        match = self.explain(raw_id, creator_slug=creator_slug, name=name, listing=listing)
        if match is None or match.model_id is None:
            return None
        model = self._model(match.model_id)
        if match.evidence.lookup == RULING_FOR_ALL_SOURCES:
            # The decision outlived its alias (a curator deleted it): restore it.
            self.remember_alias(model, raw_id)
        self._close_queue_row(normalize_model_id(raw_id), match.model_id)
        return model

    def model_named(self, raw_id: str) -> Model | None:
        """The model an id names by the rules of ``explain``, without writing anything (no alias, no queue row)."""
        match = self.explain(raw_id)
        return self._model(match.model_id) if match is not None and match.model_id is not None else None

    def snapshot_dated(self, raw_id: str, day) -> Model | None:
        """The known snapshot of a floating name whose tag dates it ``day`` (the nearest agreeing tag), or None.

        ``gpt-4o`` and 2024-08-06: ``gpt-4o-2024-08-06``; ``mistral-large-latest``
        and 2025-12-02: ``mistral-large-2512``.
        """
        agreeing = []
        for base in floating_keys(normalize_model_id(raw_id)):
            for text in self._snapshot_tags.get(base, ()):
                key = f"{base}-{text}"
                split = snapshot_split(key)
                if key in self._by_normalized and split is not None and split[1].agrees_with(day):
                    dated = tag_date(split[1], day)
                    agreeing.append((abs((dated - day).days) if dated else 0, key))
        if not agreeing:
            return None
        return self._model(self._by_normalized[min(agreeing)[1]])

    def is_ignored(self, raw_id: str) -> bool:
        match = self.explain(raw_id)
        return match is not None and match.model_id is None

    def same_release(self, raw_id: str, **facts) -> tuple[Model, str] | None:
        """``release_match`` for ingestion: the known release and the rule, and the id's queue row, if
        any, closes."""
        found = self.release_match(raw_id, **facts)
        if found is None:
            return None
        self._close_queue_row(normalize_model_id(raw_id), found.model_id)
        return self._model(found.model_id), found.rule

    def release_match(
        self,
        raw_id: str,
        *,
        creator_slug: str | None,
        name: str = "",
        release_date=None,
        model_type: str = "",
        other_than: int | None = None,
        names: frozenset = frozenset(),
        release_dates: frozenset = frozenset(),
        host_dates: frozenset = frozenset(),
    ) -> Match | None:
        """The known release this id names by the maker's own evidence, as a ``Match`` whose rule is the
        one that matched and whose evidence is the known id the release was found under; writes nothing.

        For ids no alias resolves: a floating name and its only snapshot, or one
        release under two spellings (see identity/releases.py). Never a fuzzy guess.
        ``name`` and ``release_date`` (and any more ``names`` and ``release_dates``)
        are what the id's maker states (a host's name is no evidence); ``host_dates``
        the dates hosts give it, which only the snapshot rule reads.
        Known models are compared by every name and date stated of them.
        ``other_than``: a model the id already belongs to, never the answer (reconcile.py).
        Ingestion asks it through ``same_release``; the public lookup asks it of an id no rule of
        ``explain`` resolves, with nothing stated.
        """
        normalized = normalize_model_id(raw_id)
        if not normalized or self.is_ignored(raw_id):
            return None
        incoming = ReleaseFacts(
            normalized,
            creator_slug,
            name,
            release_date,
            model_type,
            names,
            release_dates,
            host_dates,
        )
        candidates: dict[int, str] = {}  # model id -> the normal form it was found under
        split = snapshot_split(normalized)
        if (tagged := tagged_name(normalized)) is not None:
            for key in (tagged[0], tagged[0] + LATEST):
                if key in self._by_normalized:
                    candidates.setdefault(self._by_normalized[key], key)
        base = normalized.removesuffix(LATEST)
        for tag in sorted(self._snapshot_tags.get(base, ())):
            key = f"{base}-{tag}"
            if key in self._by_normalized:
                candidates.setdefault(self._by_normalized[key], key)
        for spelled in sorted(_spelling_lookups(normalized)):
            for model_id, key in sorted(self._by_spelling.get(spelled, {}).items()):
                candidates.setdefault(model_id, key)
        for cleaned in sorted(incoming.makers.names):
            for model_id in sorted(self._models_named(cleaned)):
                candidates.setdefault(model_id, normalize_model_id(self._model(model_id).slug))
        # Rule ``named-as`` (two dated ids only, so an undated id builds no index of names): the id its
        # maker names this one by, or a release its maker names by this id.
        named_as = sorted({key for form in named_as_keys(incoming.makers.names) for key in spellings(form)})
        for spelled in named_as if split is not None else ():
            for model_id, key in sorted(self._by_spelling.get(spelled, {}).items()):
                candidates.setdefault(model_id, key)
        for spelled in sorted(spellings(normalized)) if split is not None else ():
            for model_id in sorted(self._models_named(spelled, as_id=True)):
                candidates.setdefault(model_id, normalize_model_id(self._model(model_id).slug))
        # Rule ``maker-name``: a release its maker calls by this undated id.
        for spelled in sorted(spellings(normalized)) if split is None else ():
            for model_id in sorted(self._models_called(spelled)):
                candidates.setdefault(model_id, normalize_model_id(self._model(model_id).slug))
        one_answer: dict[str, list[Match]] = {WEIGHTS_NAME: [], MAKER_NAME: []}
        for model_id, key in sorted(candidates.items()):
            if model_id == other_than:
                continue
            known = self._model(model_id)
            if known.variant_of_id is not None:
                continue
            # A publisher of record is no maker: its derivative may be another maker's release spelled so.
            creator = None if self.is_published_only(model_id) else self._creator_slug(known.creator_id)
            facts = release_facts(key, creator, known.model_type, self.stated_facts_of(model_id))
            rule = same_release(incoming, facts, snapshot_tags=self._served_tags(incoming, facts))
            if rule in one_answer:
                one_answer[rule].append(Match(model_id, rule, Evidence(NORMALIZED_ALIAS, key)))
            elif rule is not None:
                return Match(model_id, rule, Evidence(NORMALIZED_ALIAS, key))
        weights_named, called = one_answer[WEIGHTS_NAME], one_answer[MAKER_NAME]
        if len(weights_named) == 1 and not self._sizes_unsettled(normalized, weights_named[0].evidence.key):
            return weights_named[0]
        return called[0] if not weights_named and len(called) == 1 else None

    def _sizes_unsettled(self, one: str, other: str) -> bool:
        """Whether a dated id of a line and a weights' name of it may be another size: the API's id
        (the shorter) names none, and the catalog or the file being read knows that line and date in
        two sizes (Codestral 22B and 7B of 2501 would both answer ``codestral-2501``)."""
        api = min(one, other, key=lambda form: len(form.split("-")))
        return not generation_of(api).sizes and len(self._line_sizes.get(weights_line_key(api) or "", ())) > 1

    def _served_tags(self, *releases: ReleaseFacts) -> dict[str, set[str]]:
        """``same_release``'s ``snapshot_tags`` for these two: each name's known tags but its slips
        (``releases.slipped_snapshot``), dated against the name's first release its makers or hosts state."""
        served = {}
        for release in releases:
            base = release.normalized.removesuffix(LATEST)
            dates = release.makers.dates | release.host_dates
            first = min(dates) if dates else None
            tags = self._snapshot_tags.get(base, set())
            served[base] = {text for text in tags if not self._slipped(f"{base}-{text}", first)}
            if (numbered := numbered_split(release.normalized)) is not None:
                served[numbered[0]] = set(self._snapshot_tags.get(numbered[0], ()))  # a number has no date
        return served

    def _slipped(self, key: str, name_released) -> bool:
        """``releases.slipped_snapshot`` of the entry ``key`` names (its makers' word read only when
        its date could make it one, as ``dated.slips_of`` does for stored entries)."""
        split = snapshot_split(key)
        if split is None or name_released is None or not split[1].dates_long_before(name_released):
            return False
        model_id = self._by_normalized.get(key)
        if model_id is None or model_id in self._created_here:
            return False  # an entry this run made: its record's word is not stated yet, so it counts
        return slipped_snapshot(split[1], name_released, makers_word=self.stated_facts_of(model_id).makers_word)

    def floats(self, normalized: str) -> bool:
        """Whether ``normalized`` is a floating name of several known snapshots (``mistral-small``)."""
        return len(self._snapshot_tags.get(normalized.removesuffix("-latest"), ())) >= 2

    def has_snapshots(self, normalized: str) -> bool:
        """Whether any dated snapshot of the name ``normalized`` is known (``kimi-k2``: ``kimi-k2-0905``)."""
        return bool(self._snapshot_tags.get(normalized.removesuffix("-latest")))

    def note_ids(self, raw_ids) -> None:
        """Count the snapshot tags a file names as known, so a floating name with
        several snapshots in the same file never joins the first one met."""
        for raw_id in raw_ids:
            self._note_snapshot(normalize_model_id(raw_id))

    def note_model(self, model: Model, *, published_only: bool = False) -> None:
        """A model created during the run: known from now on (its maker's words: ``note_stated``).
        ``published_only``: created under a publisher of record, not a known maker."""
        if self._models is not None:
            self._models.setdefault(model.pk, model)
        # What it holds was taken from the record that created it, which may be a host's.
        self._created_here.add(model.pk)
        if self._stated is not None:
            self._stated[model.pk] = StatedFacts()
        if published_only:
            self._published_only_here.add(model.pk)

    def is_published_only(self, model_id: int) -> bool:
        """Whether only a publisher of record names the model's creator (``provenance.published_only``)."""
        if model_id in self._published_only_here:
            return True
        if self._published_only is None:
            self._published_only = published_only()
        return model_id in self._published_only

    def note_stated(self, model_id: int, field: str, value, *, precedence: int) -> None:
        """What a record of this run states of a model (its ``name`` or ``release_date``, with the
        record's precedence, ``provenance.precedence_of``): evidence for the same-name and snapshot
        rules from now on, as it will be once stored. A host's date counts apart, a host's name not at
        all; a model created by this run is named by its most authoritative maker's record so far, an
        older one keeps its served name until the run ends."""
        if field not in ("name", "release_date") or value in (None, ""):
            return
        stated, makers = self.stated_facts_of(model_id), precedence < MAKERS_OWN_WORD_BELOW
        if field == "release_date" and makers:
            self._stated[model_id] = stated._replace(release_dates=stated.release_dates | {value})
        elif field == "release_date":
            self._stated[model_id] = stated._replace(host_dates=stated.host_dates | {value})
        if field != "name" or not makers:
            return
        named = self._named_here.get(model_id)
        if model_id not in self._created_here or (named is not None and named[0] <= precedence):
            return
        self._named_here[model_id] = (precedence, value)
        self._stated[model_id] = stated._replace(names=frozenset({value}))
        if self._by_name is not None and self._model(model_id).variant_of_id is None:
            self._index_name(value, model_id)

    def stated_facts_of(self, model_id: int) -> StatedFacts:
        """Every name and release date stated of the model, by its makers and by hosts (``provenance.stated_facts``)."""
        if self._stated is None:
            self._stated = stated_facts()
            self._stated.update(dict.fromkeys(self._created_here, StatedFacts()))
        if model_id not in self._stated:  # created since, by another run
            self._stated[model_id] = stated_facts([model_id]).get(model_id, StatedFacts())
        return self._stated[model_id]

    def _note_repository(self, alias: str, model_id: int) -> None:
        repository = republishing_org(alias)
        if repository is None:
            return
        name = normalize_model_id(repository[1])
        # Its maker may spell the name without separators ("recraftv3" for "recraft/recraft-v3").
        for key in _spelling_keys(name):
            self._by_spelling.setdefault(key, {}).setdefault(model_id, name)
        known = self._by_repository_name.setdefault(name, (model_id, alias))
        if known is not None and known[0] != model_id:
            self._by_repository_name[name] = None  # two orgs' repositories of one name: neither is certain

    def _note_snapshot(self, normalized: str) -> None:
        # A numbered version is a snapshot of its name too: the name of several floats over them.
        if (tagged := tagged_name(normalized)) is not None:
            self._snapshot_tags.setdefault(tagged[0], set()).add(tagged[1])
        if (line := weights_line_key(normalized)) is not None and (sizes := generation_of(normalized).sizes):
            self._line_sizes.setdefault(line, set()).add(sizes)

    def _models_named(self, name: str, *, as_id: bool = False) -> set[int]:
        """The releases their makers name so (cleaned); ``as_id``: whose names read as a dated id
        with this spelling key (``releases.spellings``)."""
        self._index_names()
        return (self._by_name_as_id if as_id else self._by_name).get(name, set())

    def _models_called(self, spelled: str) -> set[int]:
        """The releases whose makers call them by a name that reads as an undated id with this
        spelling key (rule ``maker-name``)."""
        self._index_names()
        return self._by_name_called.get(spelled, set())

    def _index_names(self) -> None:
        """Every release's names as its makers state them, read on first use."""
        if self._by_name is None:
            self._by_name, self._by_name_as_id, self._by_name_called = {}, {}, {}
            releases = set(Model.objects.filter(variant_of=None).values_list("pk", flat=True))
            for pk in sorted(releases):
                for said in self.stated_facts_of(pk).names:
                    self._index_name(said, pk)

    def _index_name(self, name: str, model_id: int) -> None:
        cleaned = clean_name(name)
        self._by_name.setdefault(cleaned, set()).add(model_id)
        for key in {spelled for form in named_as_keys([cleaned]) for spelled in spellings(form)}:
            self._by_name_as_id.setdefault(key, set()).add(model_id)
        for key in {spelled for form in called_forms([cleaned]) for spelled in spellings(form)}:
            self._by_name_called.setdefault(key, set()).add(model_id)

    def _creator_slug(self, provider_id: int) -> str:
        if self._creator_slugs is None or provider_id not in self._creator_slugs:
            self._creator_slugs = dict(Provider.objects.values_list("pk", "slug"))
        return self._creator_slugs[provider_id]

    # -- writes --------------------------------------------------------------

    def remember_alias(self, model: Model, raw_id: str) -> bool:
        """Make ``raw_id`` an alias of ``model``; True if a row was created.

        Raises AliasConflict when its normal form already names another model:
        two models never share an alias, whatever order the sources come in.
        """
        normalized = normalize_model_id(raw_id)
        if not normalized:
            return False
        if self._models is not None:
            self._models.setdefault(model.pk, model)
        if normalized in self._decided_here:
            # A curator tied this source's id to a model by a ruling, not an alias.
            if self._decided_here[normalized] not in (None, model.pk):
                raise AliasConflict(raw_id, normalized, self._decided_here[normalized], model.pk)
            return False
        existing = self._by_normalized.get(normalized)
        if existing is not None:
            if existing != model.pk:
                raise AliasConflict(raw_id, normalized, existing, model.pk)
            self._by_alias.setdefault(raw_id, model.pk)
            return False
        try:
            with transaction.atomic():
                ModelAlias.objects.create(model=model, alias=raw_id[:300], normalized=normalized, source=self.source)
        except IntegrityError:
            # Another run added it since this resolver loaded: use theirs.
            existing = ModelAlias.objects.get(normalized=normalized).model_id
            self._by_normalized[normalized] = existing
            if existing != model.pk:
                raise AliasConflict(raw_id, normalized, existing, model.pk) from None
            return False
        self._by_alias[raw_id] = self._by_normalized[normalized] = model.pk
        self._note_snapshot(normalized)
        for key in _spelling_keys(normalized):
            self._by_spelling.setdefault(key, {})[model.pk] = normalized
        self._note_repository(raw_id, model.pk)
        self._note_total_size(normalized, model.pk)
        if self._choices is not None:
            self._add_choices(model.pk, model.slug, model.name, raw_id)
        self._close_queue_row(normalized, model.pk)
        return True

    def queue_unresolved(self, raw_id: str, *, context: dict | None = None, creator_slug: str | None = None) -> None:
        """Put the id in the curator queue (once per run), with suggestions.

        ``context`` is shown to curators; its ``name`` and ``creator_slug``
        (also settable here) let the admin create the model in one click.
        """
        normalized = normalize_model_id(raw_id)
        if not normalized or normalized in self._queued_this_run:
            return
        self._queued_this_run.add(normalized)
        context = dict(context or {})
        if creator_slug:
            context["creator_slug"] = creator_slug
        now = timezone.now()
        fields = {
            "raw_id": raw_id[:300],
            "last_seen_at": now,
            "context": context,
            "suggestions": self.suggestions(raw_id),
        }
        pk = self._queued.get(normalized)
        if pk is not None:
            self._seen_again[pk] = fields
            return
        row, created = UnresolvedIdentifier.objects.get_or_create(
            source=self.source,
            normalized=normalized,
            defaults={**fields, "first_seen_at": now, "input_keys": [self.input_key]},
        )
        if not created:  # resolved once, now unresolved again (its alias was removed)
            if self.input_key not in row.input_keys:
                fields["occurrences"] = row.occurrences + 1
                fields["input_keys"] = _with_input_key(row.input_keys, self.input_key)
            UnresolvedIdentifier.objects.filter(pk=row.pk).update(status=UnresolvedIdentifier.Status.PENDING, **fields)
        self._queued[normalized] = row.pk

    def queue_dismiss(self, raw_id: str) -> None:
        """An id a rule says names no model (a router): never pending; a row queued for it before is closed."""
        pk = self._queued.pop(normalize_model_id(raw_id), None)
        if pk is not None:
            self._seen_again.pop(pk, None)
            UnresolvedIdentifier.objects.filter(pk=pk).update(
                status=UnresolvedIdentifier.Status.IGNORED, resolved_at=timezone.now()
            )

    def flush(self) -> int:
        """Write the queue rows met again this run, 500 to a statement; returns how many.

        A re-run meets every still-unresolved id again: one UPDATE each was
        half the time of a no-change run.
        """
        rows = [
            (pk, fields["raw_id"], fields["context"], fields["suggestions"]) for pk, fields in self._seen_again.items()
        ]
        self._seen_again = {}
        for start in range(0, len(rows), FLUSH_BATCH):
            _touch_queue_rows(rows[start : start + FLUSH_BATCH], seen_at=timezone.now(), input_key=self.input_key)
        return len(rows)

    def suggestions(self, raw_id: str) -> list[dict]:
        """Closest existing models by slug, name and aliases, best first: for curators only."""
        if self._choices is None:
            self._choices, self._choice_models = [], []
            for pk, slug, name in Model.objects.values_list("pk", "slug", "name"):
                self._add_choices(pk, slug, name)
            for normalized, model_id in self._by_normalized.items():
                self._add_choices(model_id, normalized)
        # Plain edit-distance ratio: as good as the token scorers on model ids
        # and 20x faster, which matters when a cold run queues thousands.
        matches = process.extract(
            _spaced(normalize_model_id(raw_id)),
            self._choices,
            scorer=fuzz.ratio,
            limit=SUGGESTION_LIMIT * 4,
            score_cutoff=SUGGESTION_MIN_SCORE,
        )
        best: dict[int, float] = {}
        for _, score, index in matches:
            best.setdefault(self._choice_models[index], score)
        return [
            {"model_id": pk, "slug": self._model(pk).slug, "name": self._model(pk).name, "score": round(score, 1)}
            for pk, score in list(best.items())[:SUGGESTION_LIMIT]
        ]

    def _add_choices(self, pk: int, *texts: str) -> None:
        for text in texts:
            spaced = _spaced(normalize_model_id(text))
            if spaced:
                self._choices.append(spaced)
                self._choice_models.append(pk)

    def _close_queue_row(self, normalized: str, model_id: int) -> None:
        pk = self._queued.pop(normalized, None)
        if pk is not None:
            self._seen_again.pop(pk, None)
            UnresolvedIdentifier.objects.filter(pk=pk).update(
                status=UnresolvedIdentifier.Status.RESOLVED, resolved_model_id=model_id, resolved_at=timezone.now()
            )


def queue_close_resolvable(resolver: IdentityResolver) -> int:
    """Close every pending row, of any source, whose id a rule now resolves (beyond an exact alias).

    ``queue_close_resolved`` closes what an alias names exactly; an id may also
    resolve now by a deployment mark, a maker's prefix or a republished
    repository (``explain``), or name a known release by the rules that join a
    maker's records (``release_match``, as the public lookup asks them: nothing
    stated but the maker the source reported). A ruling that ignores the id
    leaves its row alone. The queued ids' snapshot tags count as known: a
    floating name the queue shows serving two snapshots joins neither.
    """
    closed = 0
    now = timezone.now()
    pending = list(UnresolvedIdentifier.objects.pending().values_list("pk", "raw_id", "context"))
    resolver.note_ids(raw_id for _, raw_id, _ in pending)
    for pk, raw_id, context in pending:
        context = context or {}
        creator = context.get("creator_slug")
        match = resolver.explain(raw_id, creator_slug=creator, name=context.get("name"))
        if match is None:
            match = resolver.release_match(raw_id, creator_slug=creator)
        if match is not None and match.model_id is not None:
            closed += UnresolvedIdentifier.objects.filter(pk=pk, status=UnresolvedIdentifier.Status.PENDING).update(
                status=UnresolvedIdentifier.Status.RESOLVED, resolved_model_id=match.model_id, resolved_at=now
            )
    return closed


def queue_close_resolved() -> int:
    """Close every pending queue row, of any source, whose id a known alias now names.

    A row is met again only by its own source's next run; without this, an id
    queued by one source stays pending after another source's run taught the
    catalog its model. Returns how many rows closed.
    """
    owner = ModelAlias.objects.filter(normalized=OuterRef("normalized"))
    return (
        UnresolvedIdentifier.objects.pending()
        .filter(Exists(owner))
        .update(
            status=UnresolvedIdentifier.Status.RESOLVED,
            resolved_model=Subquery(owner.values("model_id")[:1]),
            resolved_at=timezone.now(),
        )
    )


def _with_input_key(keys: list[str], key: str) -> list[str]:
    """The row's input keys with this run's appended, the oldest dropped past the bound."""
    return [*keys, key][-UnresolvedIdentifier.INPUT_KEYS_KEPT :]


def _touch_queue_rows(rows: list[tuple[int, str, dict, list]], *, seen_at, input_key: str) -> None:
    """One UPDATE ... FROM (VALUES ...) for the rows: Django's bulk_update builds a
    CASE per field and row, which took longer than the per-row UPDATEs it replaced.

    A row counts the run's input file once: a file it already lists (a re-run)
    changes neither its count nor its list.
    """
    if connection.vendor != "postgresql":  # the development SQLite fallback
        keys_of = dict(
            UnresolvedIdentifier.objects.filter(pk__in=[row[0] for row in rows]).values_list("pk", "input_keys")
        )
        for pk, raw_id, context, suggestions in rows:
            fields = {"raw_id": raw_id, "last_seen_at": seen_at, "context": context, "suggestions": suggestions}
            if input_key not in keys_of[pk]:
                fields["occurrences"] = F("occurrences") + 1
                fields["input_keys"] = _with_input_key(keys_of[pk], input_key)
            UnresolvedIdentifier.objects.filter(pk=pk).update(**fields)
        return
    meta = UnresolvedIdentifier._meta
    column = {
        name: meta.get_field(name).column
        for name in ("raw_id", "last_seen_at", "context", "suggestions", "occurrences", "input_keys")
    }
    keys = f"u.{column['input_keys']}"
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    # Every SET expression reads the row as it was, so the count and the list
    # agree. A list at its bound drops its oldest key ("- 0") before appending.
    sql = (
        f"UPDATE {meta.db_table} AS u SET "
        f"{column['occurrences']} = u.{column['occurrences']} + CASE WHEN {keys} ? %s THEN 0 ELSE 1 END, "
        f"{column['input_keys']} = CASE WHEN {keys} ? %s THEN {keys} "
        f"WHEN jsonb_array_length({keys}) >= %s THEN ({keys} - 0) || to_jsonb(%s::text) "
        f"ELSE {keys} || to_jsonb(%s::text) END, "
        f"{column['raw_id']} = v.raw_id, {column['last_seen_at']} = %s, "
        f"{column['context']} = v.context::jsonb, {column['suggestions']} = v.suggestions::jsonb "
        f"FROM (VALUES {values}) AS v(id, raw_id, context, suggestions) WHERE u.{meta.pk.column} = v.id::bigint"
    )
    params: list = [input_key, input_key, UnresolvedIdentifier.INPUT_KEYS_KEPT, input_key, input_key, seen_at]
    for pk, raw_id, context, suggestions in rows:
        params += [str(pk), raw_id, json.dumps(context), json.dumps(suggestions)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _spelling_keys(normalized: str) -> set[str]:
    """What the ``spelling`` and ``deployment`` rules look candidates up by: a host's deployment
    (``-fp8``) and its release share the release's normal form; an id written with a maker's
    name first (``cohere-embed-v3-english``) is also filed under the rest (``releases.maker_words``)."""
    rest = after_first_word(normalized)
    after_maker = {_AFTER_A_NAME + key for key in spellings(rest)} if rest else set()
    return _own_keys(normalized) | after_maker


def _spelling_lookups(normalized: str) -> set[str]:
    """The keys of ``_spelling_keys`` an id's candidates are filed under: its own, the same after a
    name (a release its maker's name is written before), and its rest after a name of its own."""
    rest = after_first_word(normalized)
    after_a_name = {_AFTER_A_NAME + key for key in spellings(normalized)}
    return _own_keys(normalized) | after_a_name | (spellings(rest) if rest else set())


def _own_keys(normalized: str) -> set[str]:
    """An id's spellings and its deployment's release; a numbered version's also its name's spellings
    (``imagen-4-0-fast-generate-001`` is found from ``imagen-4-fast``); a dated id's also its line and
    date (``mistral-small-3-1-24b-instruct-2503`` is found from ``mistral-small-2503``)."""
    numbered = numbered_split(normalized)
    named = spellings(numbered[0]) if numbered is not None else set()
    line = weights_line_key(normalized)
    weights = {_WEIGHTS_LINE + line} if line is not None else set()
    return spellings(normalized) | named | weights | {"deployed:" + without_deployment_marks(normalized)}


# A dated id filed under its line and date, which its weights' name shares (``releases.weights_line_key``).
_WEIGHTS_LINE = "weights-line:"


_AFTER_A_NAME = "after-a-name:"


def _spaced(normalized: str) -> str:
    return normalized.replace("-", " ")


def _floating_name_answers(answers: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """Of a library tag's answers (release -> (the normal form naming it, its snapshot tag)), the floating
    name alone when the others are its dated snapshots: a bare tag, like a floating name, names the name
    (Bedrock's undated ``ministral-3-8b-instruct`` beside ``ministral-3-8b-instruct-2512``, two entries
    until a rule or a curator joins them). Any other set of answers is left as it is."""
    undated = [pk for pk, (_, snapshot) in answers.items() if not snapshot]
    if len(answers) < 2 or len(undated) != 1:
        return answers
    name = answers[undated[0]][0]
    snapshots = [snapshot_split(form) for pk, (form, _) in answers.items() if pk != undated[0]]
    if all(split is not None and split[0] == name for split in snapshots):
        return {undated[0]: answers[undated[0]]}
    return answers
