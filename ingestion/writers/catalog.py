"""Providers, models (through identity resolution), aliases, capability claims, endpoints."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils import timezone

from ingestion.claims import SourceClaim
from ingestion.provider_names import KNOWN_SLUGS, NAME_FIELDS, ProviderName, name_apply, name_from, name_set
from ingestion.records import CREATOR_API, HOST, LAB, MODEL_FIELDS, Batch, EndpointRecord, ModelRecord
from ingestion.sources.providers import (
    altered_after_release,
    brand_creator,
    closed_brand_creator,
    fine_tuner,
    foreign_creator,
    known_name,
    provider_slug,
    publisher_creator,
    renamed_by_a_fine_tuner,
    sole_brand_creator,
)
from ingestion.writers.capabilities import claims_write
from models_registry.fact_fields import CREATOR_FIELD
from models_registry.identity import AliasConflict, IdentityResolver, bare_model_id, normalize_model_id
from models_registry.identity.dated import (
    dated_targets_refresh,
    observations_record,
    observations_resolve,
    pointer_claim,
    pointer_claims,
)
from models_registry.identity.normalize import (
    names_a_price_slot,
    names_a_router,
    republishing_org,
    served_chat_releases,
    size_tag,
    without_deployment_marks,
)
from models_registry.identity.reconcile import floating_names_split
from models_registry.identity.resolver import REPUBLISHED, queue_close_resolvable, queue_close_resolved
from models_registry.models import AliasObservation, Endpoint, Model, Provider
from models_registry.provenance import (
    NAMED_BY_ID,
    PUBLISHER_OF_RECORD,
    SnapshotFacts,
    facts_derive,
    name_from_id,
    precedence_of,
)
from models_registry.services import model_variant_ensure
from models_registry.slugs import AliasEvidence, slug_from_id, slugs_named

# A release's lifecycle is its maker's word (models_registry/lifecycle.py).
MAKER_ONLY_FACTS = frozenset({"status", "deprecation_date"})


@dataclass
class MergedModel:
    """Every record of one raw id in this batch, folded together (most authoritative fact wins)."""

    raw_id: str
    creator_slug: str | None = None
    may_create: bool = False
    authority: int = 99
    facts: dict = field(default_factory=dict)
    fact_authority: dict = field(default_factory=dict)
    capabilities: set = field(default_factory=set)
    from_maker: bool = False
    aliases: list = field(default_factory=list)
    context: dict = field(default_factory=dict)
    owner: str | None = None  # the lab whose model a creator's API resells
    maker: str | None = None  # the maker known with certainty: the release may be created under it
    # The maker was read off an org's namespace the rules know no maker for (``fine_tuner``):
    # the weakest word on who made it.
    maker_by_namespace: bool = False
    # The maker is the one host that publishes a derivative no source attributes (``sole_publisher``):
    # weaker still, so any record that names who altered the weights moves the model to them.
    maker_by_host: bool = False
    maker_name: str = ""  # the maker as the id spells it, when the id names it (a fine-tuner's org)
    serves: list = field(default_factory=list)  # ids the source says this one stands for
    pointer_dates: list = field(default_factory=list)  # the maker's dates of what a floating name points to
    weights: str = ""  # the repository of the weights the source says this id serves

    def fold(self, record: ModelRecord) -> None:
        # The maker the most authoritative record names: a creator's own API over the
        # platform of another creator that lists the same id (Mistral's over Vertex's).
        if record.creator_slug and (self.creator_slug is None or record.authority < self.authority):
            self.creator_slug = record.creator_slug
        self.may_create = self.may_create or record.may_create
        self.authority = min(self.authority, record.authority)
        for name, value in record.facts.items():
            if value is not None and value != "" and record.authority < self.fact_authority.get(name, 99):
                self.facts[name], self.fact_authority[name] = value, record.authority
        self.capabilities |= record.capabilities
        self.from_maker = self.from_maker or record.from_maker
        self.aliases.extend(a for a in record.aliases if a not in self.aliases)
        self.context = self.context or record.context
        self.serves.extend(i for i in record.serves if i not in self.serves)
        self.weights = self.weights or record.weights
        if record.from_maker and not self.pointer_dates:
            self.pointer_dates = list(record.pointer_dates)


def merge(
    records: list[ModelRecord],
    *,
    source: str | None = None,
    hosts: frozenset[str] = frozenset(),
    hosts_of: dict[str, set[str]] | None = None,
) -> list[MergedModel]:
    """Fold each raw id's records into one and decide its maker. ``hosts``: the file's host slugs;
    ``hosts_of``: the hosts the file lists each id at, by its normal form."""
    merged: dict[str, MergedModel] = {}
    for record in records:
        merged.setdefault(record.raw_id, MergedModel(raw_id=record.raw_id)).fold(record)
    for model in merged.values():
        if model.creator_slug and model.authority > LAB:
            model.owner = foreign_creator(bare_model_id(model.raw_id), model.creator_slug)
        if model.owner:
            # A creator's API reselling another lab's model (Claude on Google's
            # Vertex, GLM on DashScope) is a host for it: it creates nothing and
            # only fills gaps, after the lab's own records have run.
            model.may_create, model.authority, model.from_maker = False, HOST, False
            model.fact_authority = {name: max(level, HOST) for name, level in model.fact_authority.items()}
        found = certain_maker(model, source=source, hosts=hosts)
        listed_by = (hosts_of or {}).get(normalize_model_id(model.raw_id))
        if found.slug is None and (publisher := sole_publisher(model.raw_id, listed_by, hosts=hosts)):
            found = Maker(publisher, by_host=True)
        model.maker, model.maker_by_namespace, model.maker_by_host = found
        if model.maker and (found := republishing_org(model.raw_id)) and provider_slug(found[0]) == model.maker:
            model.maker_name = found[0]
    # Lab cards first, then creators' APIs: they create the models that hosts' ids resolve to.
    return sorted(merged.values(), key=lambda m: (m.authority, m.raw_id))


# Sources that only rate labs' releases (never a community fine-tune under a
# lab's brand), so a lab's brand at the start of an id names its maker.
BRAND_CERTAIN_SOURCES = frozenset({"arena"})
# A host's own curated catalog of labs' releases, apart from its users' uploads:
# Fireworks serves labs' models under accounts/fireworks/models/ and users'
# fine-tunes under accounts/<user>/models/.
_IN_CURATED_CATALOG = re.compile(r"(?:^|/)accounts/fireworks/models/", re.IGNORECASE)


def is_deployment(raw_id: str) -> bool:
    """A host's build of a release (quantised, marked, served on a named tier, or a library's tag of
    its family and size, ``qwen3-coder:480b``): it waits for the release."""
    normalized = normalize_model_id(raw_id)
    return (
        without_deployment_marks(normalized) != normalized
        or bool(served_chat_releases(normalized))
        or size_tag(raw_id) is not None
    )


class Maker(NamedTuple):
    slug: str | None
    by_namespace: bool = False  # read off an org's namespace the rules know no maker for
    by_host: bool = False  # the one host that publishes a derivative no source attributes


def sole_publisher(raw_id: str, listed_by: set[str] | None, *, hosts: frozenset[str] = frozenset()) -> str | None:
    """The host that publishes a derivative whose maker no source names: the file's host whose name
    the id leads with, else the one host that lists it (``listed_by``: the file's hosts listing the
    id under any spelling of its normal form; ``hosts``: every host of the file).

    An id with a word no lab ships a release under (``Qwen3.5-27B-Derestricted``,
    ``glm-5.3-abliterated``), or a lab's release name renamed by a fine-tuner
    (``Gemma-4-31B-DarkIdol``), is never its base's lab's release, and when the
    id names no org and no rule names a maker, the host is the only party known
    to publish those weights: the model is recorded as that host's, at the
    weakest precedence (``maker_precedence``), until any record names who altered
    them. An org in the id (``Sao10K/...``) is its publisher, never the host. A
    host's own name leading the id signs it wherever it is listed
    (``venice-uncensored`` on nano-gpt is Venice's); otherwise two hosts in one
    file listing it leave it to a curator.
    """
    bare = bare_model_id(raw_id)
    if not listed_by or republishing_org(raw_id) is not None:
        return None
    if not (altered_after_release(bare) or renamed_by_a_fine_tuner(raw_id)):
        return None
    if brand_creator(bare) is None:
        named = [host for host in sorted(hosts) if _leads_with(bare, provider_slug(host))]
        if len(named) == 1:
            return named[0]
    return next(iter(listed_by)) if len(listed_by) == 1 else None


def _leads_with(bare: str, slug: str) -> bool:
    """Whether the id starts with the provider's slug as whole words, in any separator or none
    (``venice-uncensored``, ``nanogpt-...``, ``nano-gpt-...``)."""
    words = "[-_. ]?".join(re.escape(word) for word in slug.split("-"))
    return re.match(rf"{words}(?=$|[-_.:/])", bare) is not None


def certain_maker(model: MergedModel, *, source: str | None, hosts: frozenset[str] = frozenset()) -> Maker:
    """Who made this release, when the source or the id says so with certainty.

    A lab card or a creator's own API names its own models; a creator's API
    reselling another lab's model names that lab; a publishing organisation in
    the id (``meta-llama/``, Bedrock's ``meta.``) names the maker, unless the id
    carries only another lab's brand (the publisher then resells it); a brand
    only its lab ships under ("claude", "gpt-4o") names that lab anywhere, and
    any lab's brand does on the Arena, which rates labs' releases. Nothing else
    does: a community fine-tune called "Gemma-...-DarkIdol" is not Google's.
    """
    if model.owner:
        return Maker(model.owner)
    if model.may_create:
        return Maker(model.creator_slug)
    bare = bare_model_id(model.raw_id)
    brand = sole_brand_creator(bare)
    publisher = publisher_creator(model.raw_id)
    if publisher:
        return Maker(brand or publisher)
    if (org := fine_tuner(model.raw_id, hosts=hosts)) is not None:
        return Maker(org, by_namespace=True)
    if source in BRAND_CERTAIN_SOURCES or _IN_CURATED_CATALOG.search(model.raw_id):
        return Maker(brand)
    return Maker(closed_brand_creator(bare))


def maker_precedence(merged: MergedModel, *, corrects: bool) -> int:
    """How strongly a record names its model's creator: lower wins (models_registry/provenance.py).

    As strongly as the record states any fact: the maker's card, then the
    maker's own API, then hosts and aggregators. Among hosts, an org's
    namespace the rules know no maker for (one router's
    ``kuaishou/kat-coder-pro-v2``) comes after a known publishing organisation
    or brand (``kwaipilot/kat-coder-pro-v2`` on every other host): the
    namespace may be the host's own label for the maker, the publisher is the
    maker's own account.
    """
    if merged.maker_by_host:
        return PUBLISHER_OF_RECORD
    precedence = precedence_of(authority=merged.authority, corrects=corrects)
    return precedence + 1 if merged.maker_by_namespace else precedence


def observable_facts(merged: MergedModel) -> dict:
    """The facts a record may state of its model: the lifecycle only from the maker.

    A host retiring or previewing its listing changes its endpoint, not the
    release; the same filter applies when the record creates the model, so the
    first file read never decides what only its maker may say.
    """
    return {
        name: value
        for name, value in merged.facts.items()
        if name not in MAKER_ONLY_FACTS or merged.fact_authority[name] <= CREATOR_API
    }


class CatalogWriter:
    def __init__(self, *, batch: Batch, counts, progress=None):
        self.batch = batch
        self.counts = counts
        self.progress = progress
        self.resolver = IdentityResolver(source=batch.source, input_key=batch.input_key)
        self.corrects = batch.authoritative and not batch.historical
        self.providers: dict[str, Provider] = {}
        self.models: dict[str, Model] = {}  # raw id -> resolved model
        self.endpoints: dict[tuple[str, str], Endpoint] = {}  # (host slug, provider model id) -> endpoint
        self.endpoint_records: dict[tuple[str, str], EndpointRecord] = {}  # ... -> what this file states of it
        self.snapshot_facts = SnapshotFacts(source=batch.source, as_of=batch.as_of)
        self.alias_evidence = AliasEvidence(source=batch.source)
        self._slugs_named: set[str] | None = None  # loaded when the run first creates a model
        self._capabilities: dict[int, set[str]] = {}
        self._maker_capabilities: dict[int, set[str]] = {}
        self._touched: set[int] = set()
        self._instances: dict[int, Model] = {}
        self._created: set[int] = set()
        self.observations: list[AliasObservation] = []
        self._pointing: list[tuple[MergedModel, Model]] = []  # records that say what a floating name points to
        # (the model a host's id already named, the lab card the host links that id to)
        self.host_links: list[tuple[int, int]] = []
        # Endpoints the reference catalog moved to another model this run: their listings' demand moves too.
        self.moved_endpoint_ids: set[int] = set()
        # Floating names and the snapshots this run gave entries of their own again (floating_names_split).
        self.split_model_ids: set[int] = set()

    @property
    def touched_model_ids(self) -> set[int]:
        """Models this run resolved, created or matched an id to."""
        return set(self._touched)

    @property
    def created_model_ids(self) -> set[int]:
        """Models this run created."""
        return set(self._created)

    def write(self) -> None:
        # Which hosts list each id, by its normal form: two spellings of one derivative are one id.
        hosts_of: dict[str, set[str]] = {}
        for endpoint in self.batch.endpoints:
            hosts_of.setdefault(normalize_model_id(endpoint.model_raw_id), set()).add(endpoint.host_slug)
        models = merge(self.batch.models, source=self.batch.source, hosts=self.batch_hosts(), hosts_of=hosts_of)
        self.write_providers(makers={m.maker: m.maker_name for m in models if m.maker})
        self.resolver.note_ids(m.raw_id for m in models)
        # A floating name this file shows serving a second snapshot leaves the one it was joined to,
        # before the file's records of either are read.
        if split := floating_names_split(m.raw_id for m in models if m.authority <= CREATOR_API):
            self.counts.add("models", "split", len(split))
            self.split_model_ids = {model.pk for pair in split for model in pair}
            self._touched |= self.split_model_ids
            self.resolver = IdentityResolver(source=self.batch.source, input_key=self.batch.input_key)
            self.resolver.note_ids(m.raw_id for m in models)
        if self.progress is not None:
            self.progress.reset(total=len(models) + len(self.batch.endpoints))
        # Ids left over by the first pass get a second look once every release
        # of the file exists (a mode listed before its base, a host's spelling
        # before the lab's), so a re-run of the same file finds nothing new.
        left_over = []
        for merged in models:
            if not self.write_model(merged, last_chance=False):
                left_over.append(merged)
            self.tick()
        for merged in left_over:
            self.write_model(merged, last_chance=True)
        self.resolver.flush()
        # Each alias keeps the spelling of the most authoritative record that used it, whatever the order.
        self.counts.add("aliases", "updated", self.alias_evidence.save())
        self.counts.add("queue", "closed", queue_close_resolved() + queue_close_resolvable(self.resolver))
        for merged, model in self._pointing:  # once every release of the file exists
            self.note_pointers(merged, model)
        observations_record(self.observations)
        self.counts.add("observations", "resolved again", observations_resolve(self.resolver))
        if rewritten := dated_targets_refresh():
            self.counts.add("dated targets", "updated", rewritten)  # floating names with targets, when they changed
        self.flush_models()
        self.write_capability_claims()
        self.write_endpoints()

    def batch_hosts(self) -> frozenset[str]:
        """Every host this file lists, by slug: an org named like one of them is its namespace, not a maker."""
        hosts = {record.slug for record in self.batch.providers if record.is_host}
        return frozenset(hosts | {record.host_slug for record in self.batch.endpoints})

    def tick(self, n: int = 1) -> None:
        if self.progress is not None:
            self.progress.update(n)

    # --- providers -------------------------------------------------------
    def write_providers(self, *, makers: dict[str, str]) -> None:
        """``makers``: slug -> the name the source spells it with ("" when it names none)."""
        wanted: dict[str, dict] = {}
        for record in self.batch.providers:
            entry = wanted.setdefault(record.slug, {"website": record.website})
            entry["is_creator"] = entry.get("is_creator", False) or record.is_creator
            entry["is_host"] = entry.get("is_host", False) or record.is_host
        for maker in makers:
            wanted.setdefault(maker, {})["is_creator"] = True
        for record in self.batch.endpoints:
            wanted.setdefault(record.host_slug, {})["is_host"] = True
        names = self.provider_names(makers)
        existing = {p.slug: p for p in Provider.objects.filter(slug__in=wanted)}
        to_create, to_update = [], []
        for slug, entry in wanted.items():
            provider = existing.get(slug)
            if provider is None:
                provider = Provider(
                    slug=slug,
                    website=entry.get("website", "")[:200],
                    is_creator=entry.get("is_creator", False),
                    is_host=entry.get("is_host", False),
                )
                name_set(provider, names[slug])
                to_create.append(provider)
                continue
            changed = name_apply(provider, names[slug])  # only a better name than the one kept
            # Roles are only ever added: a curator may have set them from other knowledge.
            for flag in ("is_creator", "is_host"):
                if entry.get(flag) and not getattr(provider, flag):
                    setattr(provider, flag, True)
                    changed = True
            if entry.get("website") and not provider.website:
                provider.website = entry["website"][:200]
                changed = True
            if changed:
                provider.updated_at = timezone.now()
                to_update.append(provider)
            self.counts.add("providers", "updated" if changed else "unchanged")
        to_update += self.known_names_apply(exclude=set(wanted))
        Provider.objects.bulk_create(to_create)
        Provider.objects.bulk_update(to_update, ["is_creator", "is_host", "website", *NAME_FIELDS, "updated_at"])
        self.counts.add("providers", "created", len(to_create))
        self.providers = {**existing, **{p.slug: p for p in to_create}}

    def provider_names(self, makers: dict[str, str]) -> dict[str, ProviderName]:
        """The best name this file gives each provider it names (ingestion/provider_names.py)."""
        dated = {"source": self.batch.source, "as_of": self.batch.as_of}
        offers = [(r.slug, name_from(r.slug, stated=r.name, **dated)) for r in self.batch.providers]
        offers += [(maker, name_from(maker, spelled=spelled, **dated)) for maker, spelled in makers.items()]
        offers += [(r.host_slug, name_from(r.host_slug, **dated)) for r in self.batch.endpoints]
        names: dict[str, ProviderName] = {}
        for slug, offered in offers:
            if slug not in names or offered.rank < names[slug].rank:
                names[slug] = offered
        return names

    def known_names_apply(self, *, exclude: set[str]) -> list[Provider]:
        """The catalog's own names, on every provider they name that this file does not: a list entry
        corrected in a release renames its provider at the next run of any source."""
        changed = []
        for provider in Provider.objects.filter(slug__in=KNOWN_SLUGS - exclude):
            if name_apply(provider, ProviderName(known_name(provider.slug), Provider.NameBasis.KNOWN)):
                provider.updated_at = timezone.now()
                changed.append(provider)
        self.counts.add("providers", "updated", len(changed))
        return changed

    # --- models and aliases -------------------------------------------------
    def write_model(self, merged: MergedModel, *, last_chance: bool) -> bool:
        """Resolve, match or create the record's model and apply its facts; False if left for the second pass."""
        raw_id = merged.raw_id
        normalized = normalize_model_id(raw_id)
        if not normalized:
            self.counts.add("models", "skipped")
            return True
        if self.resolver.is_ignored(raw_id):
            self.counts.add("models", "ignored")
            return True
        if not last_chance and not merged.from_maker and size_tag(raw_id) is not None:
            # A library's tag names a release by family and size, which only every release of
            # the file can settle (``IdentityResolver._size_tagged_release``): a mode of that size
            # listed after the tag makes it either release, in whatever order the file lists them.
            return False
        model = self.resolver.resolve(
            raw_id,
            creator_slug=merged.creator_slug,
            name=merged.context.get("name"),
            listing=not merged.from_maker,
        )
        if model is None:
            model = self.find_same_release(merged)
        if model is None and (found := self.resolver.resolve_variant(raw_id)):
            model = self.variant(*found)
        router = names_a_router(normalized, raw_id=raw_id, name=merged.context.get("name") or "")
        price_slot = names_a_price_slot(normalized)
        if (
            model is None
            and merged.maker
            and not router
            and not price_slot
            and (merged.may_create or not is_deployment(raw_id))
        ):
            # A host's quantised deployment of a release the catalog lacks waits for the release.
            model = self.create_model(merged)
        if model is None:
            if not last_chance:
                return False
            if router:
                # A router is no model, and nothing is left for a curator to decide.
                self.resolver.queue_dismiss(raw_id)
                self.counts.add("models", "routers")
                return True
            if price_slot:
                # A size bracket of a host's price list is no model either.
                self.resolver.queue_dismiss(raw_id)
                self.counts.add("models", "price-slots")
                return True
            self.resolver.queue_unresolved(
                raw_id,
                context={"source": self.batch.source, **merged.context},
                creator_slug=merged.owner or merged.creator_slug or brand_creator(bare_model_id(raw_id)),
            )
            self.counts.add("models", "unresolved")
            return True
        # One instance per model for the whole run, so every record's changes land on it.
        model = self._instances.setdefault(model.pk, model)
        self._touched.add(model.pk)
        for alias in [raw_id, *merged.aliases]:
            self.models[alias] = model
            if self.host_link_refused(merged, alias):
                continue
            if (named := self.linked_id_named_elsewhere(merged, alias, model)) is not None:
                self.host_links.append((named, model.pk))
            try:
                created = self.resolver.remember_alias(model, alias)
            except AliasConflict as conflict:
                # A host's id for a lab card that another model already owns: the
                # endpoint still follows the card, the alias stays with its owner,
                # and the run's end asks whether the host's link joins the two
                # (``host_links_join``), as it would have had the card come first.
                self.counts.add("aliases", "conflicts")
                if merged.authority == LAB and alias != raw_id:
                    self.host_links.append((conflict.existing_model_id, model.pk))
                continue
            self.counts.add("aliases", "created" if created else "unchanged")
            self.note_alias_evidence(model, alias, merged)
        if merged.serves or merged.pointer_dates or merged.weights:
            self._pointing.append((merged, model))
        self.apply_facts(model, merged)
        self._capabilities.setdefault(model.pk, set()).update(merged.capabilities)
        if merged.from_maker:
            self._maker_capabilities.setdefault(model.pk, set()).update(merged.capabilities)
        return True

    def host_link_refused(self, merged: MergedModel, alias: str) -> bool:
        """A host's id linked to a lab card that is a floating name of several snapshots
        (a host's ``mistral-small`` for the 2506 card): the host's endpoint follows the card,
        the name stays the maker's floating name, never one snapshot's alias."""
        linked = merged.authority == LAB and alias != merged.raw_id
        if linked and self.resolver.floats(normalize_model_id(alias)):
            self.counts.add("aliases", "floating-link-refused")
            return True
        return False

    def linked_id_named_elsewhere(self, merged: MergedModel, alias: str, model: Model) -> int | None:
        """The other model a host's id linked to this lab card republishes (rule ``republished``).

        ``unsloth/Mistral-Nemo-Instruct-2407``, linked to Mistral's ``mistral-nemo`` card,
        republishes ``mistral-nemo-instruct-2407``, a release another file created before
        the card was read. Had the card come first, that id would have resolved to the card
        through this one (the rule reads both ways: a repository's name finds the repository),
        so the run's end asks whether the link joins the two (``host_links_join``), as it does
        when the id itself is another model's alias. The other rules read one way only
        (a card's ``X-fp8`` does not make a later ``X`` the card): they join nothing here.
        """
        if merged.authority != LAB or alias == merged.raw_id:
            return None
        match = self.resolver.explain(alias)
        if match is None or match.model_id in (None, model.pk) or match.rule != REPUBLISHED:
            return None
        return match.model_id

    def note_alias_evidence(self, model: Model, alias: str, merged: MergedModel) -> None:
        """How authoritative the record that used ``alias`` is: the slug policy reads it (models_registry/slugs.py).

        The record's own id speaks with the record's authority; the other ids it
        carries (a host's id of a lab card) are hosts' ids.
        """
        if self._slugs_named is not None:  # else read with the aliases when first needed
            self._slugs_named.add(slug_from_id(alias))
        authority = merged.authority if alias == merged.raw_id else max(merged.authority, HOST)
        self.alias_evidence.note(
            model_id=model.pk,
            raw_id=alias,
            normalized=normalize_model_id(alias),
            precedence=precedence_of(authority=authority, corrects=self.batch.authoritative),
        )

    def note_pointers(self, merged: MergedModel, model: Model) -> None:
        """What this source says a floating name points to, kept as evidence for its dated targets.

        A maker's card of a floating name whose date is one of its snapshots'
        (``gpt-4o`` last updated 2024-08-06) points to that snapshot on the
        day of this file: the maker's meaning. An id the source says stands
        for another of the same maker (OpenRouter's ``deepseek/deepseek-chat``
        is ``deepseek-chat-v3``) is that source's own meaning. Every claim is
        kept, with the release it names now or none yet: each run resolves
        them all again (``observations_resolve``). The repository of the
        weights an id serves (OpenRouter's ``hugging_face_id``) is kept the
        same way, as evidence of which release it is (``weights_links_join``).
        """
        serves = [{"id": merged.raw_id, "stands_for": served_id} for served_id in merged.serves]
        dates = [{"id": merged.raw_id, "points_to_date": day.isoformat()} for day in merged.pointer_dates]
        claimed = [
            (evidence, target, self.batch.source) for evidence, target in pointer_claims(self.resolver, model, serves)
        ]
        if merged.from_maker:
            claimed += [(evidence, target, "") for evidence, target in pointer_claims(self.resolver, model, dates)]
        if merged.weights:
            # Which weights it serves: evidence of identity, never a dated target (``weights_links_join``).
            claimed.append(({"id": merged.raw_id, "weights": merged.weights}, None, self.batch.source))
        for evidence, target, scope in claimed:
            self.observations.append(
                AliasObservation(
                    floating=model,
                    target=target,
                    source=self.batch.source,
                    scope=scope,
                    as_of=self.batch.as_of,
                    claim=pointer_claim(evidence),
                    evidence=evidence,
                )
            )

    def find_same_release(self, merged: MergedModel) -> Model | None:
        facts = merged.facts
        # The maker's word joins releases; a host's name never does, its date only dates a floating name.
        by_maker = {name: merged.fact_authority.get(name, HOST) <= CREATOR_API for name in ("name", "release_date")}
        released = facts.get("release_date")
        found = self.resolver.same_release(
            merged.raw_id,
            # A derivative's publisher of record is no maker whose releases it could be told from.
            creator_slug=None if merged.maker_by_host else merged.maker,
            name=(facts.get("name") or "") if by_maker["name"] else "",
            release_date=released if by_maker["release_date"] else None,
            model_type=facts.get("model_type") or "",
            host_dates=frozenset() if by_maker["release_date"] or released is None else frozenset({released}),
        )
        if found is None:
            return None
        model, rule = found
        self.counts.add("same-release", rule)
        return model

    def variant(self, base: Model, label: str) -> Model:
        """The entry for ``base`` run in a rated mode: created once, then found by its label."""
        model, created = model_variant_ensure(base=base, label=label)
        if created:
            self.counts.add("variants", "created")
            self._created.add(model.pk)
            self._capabilities.setdefault(model.pk, set())
            self.resolver.note_model(model)
        return model

    def create_model(self, merged: MergedModel) -> Model | None:
        creator = self.providers[merged.maker]
        # The id as its maker writes it ("qwen3-32b", "gpt-4o-2024-08-06"), not its
        # normal form ("qwen-3-32b", "gpt-4o-20240806"): slugs are read by people.
        # The run's end derives it again from all the model's ids (models_registry/slugs.py).
        base = slug_from_id(merged.raw_id)
        slug = base
        # A name another model goes by (its slug, or the slug one of its ids gives) belongs
        # to a model the resolver did not match: never merge into it. Only the maker's own
        # files may add a second release under it; a host's spelling of it
        # ("Pro/deepseek-ai/DeepSeek-R1") is far likelier that same release than a new
        # one: a curator decides.
        if not merged.may_create and base in self.named_slugs():
            return None
        if Model.objects.filter(slug=slug).exists():
            slug = f"{creator.slug}-{base}"[:190]
            suffix = 2
            while Model.objects.filter(slug=slug).exists():
                slug, suffix = f"{creator.slug}-{base}-{suffix}"[:200], suffix + 1
        facts = {name: value for name, value in observable_facts(merged).items() if name in MODEL_FIELDS}
        facts.setdefault("name", name_from_id(merged.raw_id))
        model = Model.objects.create(slug=slug, creator=creator, **facts)
        self.named_slugs().add(slug)
        self.counts.add("models", "created")
        self._created.add(model.pk)
        self.resolver.note_model(model, published_only=merged.maker_by_host)
        self._capabilities[model.pk] = set()
        return model

    def named_slugs(self) -> set[str]:
        """Every slug a model goes by: its slug, or the slug one of its ids gives."""
        if self._slugs_named is None:
            self._slugs_named = slugs_named()
        return self._slugs_named

    def apply_facts(self, model: Model, merged: MergedModel) -> None:
        """Record what this snapshot says of the model; the served values are derived once the run's models exist."""
        if merged.maker:
            # Who made it is an observation like any fact: the first record read never decides it.
            precedence = maker_precedence(merged, corrects=self.batch.authoritative)
            self.snapshot_facts.observe(
                model.pk, CREATOR_FIELD, merged.maker, precedence=precedence, said_as=merged.raw_id
            )
        for name, value in observable_facts(merged).items():
            precedence = precedence_of(authority=merged.fact_authority[name], corrects=self.batch.authoritative)
            self.snapshot_facts.observe(model.pk, name, value, precedence=precedence, said_as=merged.raw_id)
            self.resolver.note_stated(model.pk, name, value, precedence=precedence)  # evidence for the rest of the run
        if "name" not in merged.facts:
            # A record that names nothing still spells the model: the name of last resort,
            # chosen by the same policy as any fact, so the first file read never decides it.
            name = name_from_id(merged.raw_id)
            self.snapshot_facts.observe(model.pk, "name", name, precedence=NAMED_BY_ID, said_as=merged.raw_id)

    def flush_models(self) -> None:
        self.counts.add("facts", "written", self.snapshot_facts.save())
        # Every model the run touched is derived again from all its sources' observations,
        # so what is served does not depend on the order the files arrived in.
        changed = facts_derive(self._touched, instances=self._instances) - self._created
        self.counts.add("models", "updated", len(changed))
        self.counts.add("models", "unchanged", len(self._touched - self._created) - len(changed))

    def write_capability_claims(self) -> None:
        """This source's capability claim for every model it listed, and their capabilities re-derived."""
        if not self.batch.describes_capabilities:
            return
        # The maker's own record speaks for the source when there is one; else its hosts' records together.
        claims = {
            model_id: SourceClaim(frozenset(self._maker_capabilities[model_id]), by_maker=True)
            if model_id in self._maker_capabilities
            else SourceClaim(frozenset(stated), by_maker=False)
            for model_id, stated in self._capabilities.items()
        }
        claims_write(source=self.batch.source, as_of=self.batch.as_of, claims=claims, counts=self.counts)

    # --- endpoints ------------------------------------------------------------
    def write_endpoints(self) -> None:
        host_ids = {self.providers[r.host_slug].pk for r in self.batch.endpoints}
        existing = {
            (e.host_id, e.provider_model_id): e for e in Endpoint.objects.filter(host_id__in=host_ids).order_by()
        }
        to_create, to_update = [], []
        for record in self.batch.endpoints:
            self.tick()
            host = self.providers[record.host_slug]
            key = (record.host_slug, record.provider_model_id)
            if key in self.endpoints:
                continue
            model = self.models.get(record.model_raw_id)
            if model is None:
                self.counts.add("endpoints", "unresolved")
                continue
            endpoint = existing.get((host.pk, record.provider_model_id))
            if endpoint is None:
                endpoint = Endpoint(
                    host=host, provider_model_id=record.provider_model_id, **endpoint_values(record, model)
                )
                to_create.append(endpoint)
            elif self.corrects and endpoint.model_id != model.pk:
                # The reference catalog says which model an endpoint serves. Its limits and
                # status are derived from every listing once the run's listings are recorded
                # (``ingestion.writers.listings.endpoint_facts_derive``), whatever file came last.
                endpoint.model_id, endpoint.updated_at = model.pk, timezone.now()
                to_update.append(endpoint)
                self.moved_endpoint_ids.add(endpoint.pk)
            else:
                self.counts.add("endpoints", "unchanged")
            endpoint.host, endpoint.model = host, model
            self.endpoints[key] = endpoint
            self.endpoint_records[key] = record
        Endpoint.objects.bulk_create(to_create)
        Endpoint.objects.bulk_update(to_update, ["model_id", "updated_at"])
        self.counts.add("endpoints", "created", len(to_create))
        self.counts.add("endpoints", "updated", len(to_update))


def endpoint_values(record: EndpointRecord, model: Model) -> dict:
    return {
        "model_id": model.pk,
        "context_window": record.context_window,
        "max_output_tokens": record.max_output_tokens,
        "status": Endpoint.Status.DEPRECATED if record.deprecated else Endpoint.Status.ACTIVE,
    }
