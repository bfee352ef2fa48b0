"""A model's slug follows from its evidence, never from the order the files came in.

Every id a source uses for a model is an alias of it, and each alias keeps the
most authoritative record that used it: its spelling and precedence (ranked as
facts are, ``models_registry/provenance.py``). The slug is derived from those
after every ingestion run, for the whole catalog at once (a rename frees or
takes a slug another model wants):

1. a curator's slug wins: a pin (``ModelFact`` of field ``slug``, written by an
   edit of the slug in the admin or a slug typed when creating a model);
2. else any id but a ``-latest`` pointer, which moves to the next snapshot
   (``codex-mini``, not ``codex-mini-latest``); a pointer only when nothing
   else names the model; and any id but a host's quantised or marked build
   (``-awq``, ``-fp8``, ``-lora``: ``without_deployment_marks``), which names a
   deployment, not the release (``zephyr-7b-beta``, not ``zephyr-7b-beta-awq``);
3. the maker's own ids for the model (records of a lab card or of the
   creator's own API, in any source) before hosts' ids;
4. of those, the most specific: an id with a snapshot tag
   (``gpt-4.1-2025-04-14``, ``mistral-medium-2505``, ``command-a-03-2025``)
   before a plain name (``gpt-4.1``): a floating name may one day serve
   another snapshot, the snapshot's id never will; then an id with a
   mixture of experts' active parameters (``qwen3-next-80b-a3b``) before a
   host's id without them (``qwen3-next-80b``);
5. then the most authoritative record (precedence), the source first in
   ``SOURCE_ORDER``, the shortest slug, and the first in alphabetical order.

An id gives the slug its maker writes (``slug_from_id``: no route, host or
region prefix, ``qwen/qwen3-32b`` -> ``qwen3-32b``). A slug several models want
goes to the strongest claim (by the same order, then the alias's normal form);
the others get their creator's slug in front (``anthracite-org-magnum-72b``), then
``-2``, ``-3``. A rated mode (a variant) is its base's slug and its label. A
release no source's record has named since this policy exists (a curator's
model, a catalog from before) keeps its slug.

A slug that changes stays a ``FormerSlug`` of the model: lookups try the
current slugs, then aliases, then former slugs, so an old link keeps finding
the model. The spelling of each alias follows the same evidence: of the
records that used one normal form, the most authoritative one's, then the
source first in ``SOURCE_ORDER``, then the shortest (a record's own id before
its route-prefixed key), then the first in alphabetical order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone

from models_registry.identity.normalize import (
    bare_model_id,
    canonical_slug,
    product_path,
    size_tag,
    without_deployment_marks,
)
from models_registry.identity.releases import snapshot_split, without_active_parameters
from models_registry.models import FormerSlug, Model, ModelAlias, ModelFact, UnresolvedIdentifier
from models_registry.provenance import FILLS_GAPS_FROM, source_rank

# A curator's slug is a pin of this field (ModelFact), beside the facts' pins.
SLUG_FIELD = "slug"
# A lab card (0) or the creator's own API (1) is the maker's word, in any source:
# precedence_of ranks other sources' records FILLS_GAPS_FROM above the same authority.
MAKER_AUTHORITY = 1
# How specific an id is: a snapshot tag names one release for good; a pointer moves.
SNAPSHOT, PLAIN, POINTER = 0, 1, 2
# Leaves room for a creator's slug in front and a "-N" behind within the 200 characters.
SLUG_LENGTH = 180
NO_PRECEDENCE = 1 << 15  # an alias no source's record has used sorts after every one that has
# A slug a run gives a model only until ``slugs_derive`` derives it from the model's ids: no public id.
PROVISIONAL_SLUG_PREFIX = "--"


def provisional_slug(text: str) -> str:
    """A slug for a model a run creates or renames before its slug is derived (never served)."""
    return f"{PROVISIONAL_SLUG_PREFIX}{text}"[:200]


def is_provisional(slug: str) -> bool:
    return slug.startswith(PROVISIONAL_SLUG_PREFIX)


@lru_cache(maxsize=65536)  # every run reads every alias again
def slug_from_id(raw_id: str) -> str:
    """The slug an id gives a model: the id as its maker writes it, without route or host prefixes.

    ``qwen/qwen3-32b`` -> ``qwen3-32b``, ``gpt-4o-2024-08-06`` -> ``gpt-4o-2024-08-06``,
    ``mistral-7b-instruct-v0.1`` -> ``mistral-7b-instruct-v0-1``.
    """
    readable = bare_model_id(product_path(raw_id))
    # Fireworks writes version 3.2 as "3p2": the slug takes the maker's spelling.
    readable = re.sub(r"(?<=\d)p(?=\d)", ".", readable)
    return canonical_slug(readable)[:SLUG_LENGTH] or canonical_slug(raw_id)[:SLUG_LENGTH]


def slugs_named() -> set[str]:
    """Every slug a model goes by: its own, and the slug each of its ids gives (one read of the aliases)."""
    named = set(Model.objects.values_list("slug", flat=True))
    named |= {slug_from_id(alias) for alias in ModelAlias.objects.values_list("alias", flat=True).iterator(5000)}
    return named


def by_maker(precedence: int) -> bool:
    """A record of the maker itself: a lab card or the creator's own API, in the reference catalog or elsewhere."""
    return precedence % FILLS_GAPS_FROM <= MAKER_AUTHORITY


@lru_cache(maxsize=65536)
def specificity(normalized: str) -> int:
    if snapshot_split(normalized) is not None:
        return SNAPSHOT
    return POINTER if normalized == "latest" or normalized.endswith("-latest") else PLAIN


@dataclass(frozen=True)
class SlugClaim:
    """What one alias says the model's slug should be, and how strongly."""

    slug: str
    normalized: str
    precedence: int
    source: str

    @cached_property
    def key(self) -> tuple:
        """Strongest first (the module docstring's order); the normal form, unique per alias, decides last."""
        specific = specificity(self.normalized)
        return (
            specific == POINTER,
            # A host's quantised or marked build names its release only when nothing else does.
            without_deployment_marks(self.normalized) != self.normalized,
            not by_maker(self.precedence),
            specific,
            # A mixture of experts' id with its active parameters before a host's id without them.
            without_active_parameters(self.normalized) == self.normalized,
            self.precedence,
            source_rank(self.source),
            len(self.slug),
            self.slug,
            self.normalized,
        )


def slug_claim(*, alias: str, normalized: str, precedence: int | None, source: str) -> SlugClaim | None:
    """The claim an alias makes, or None when no source's record has used it (a curator's, a redirect),
    or when it is a model library's tag of a family and size (``llama2:13b`` is Llama 2 13B Chat's
    tag, not its name: its slug would read as the base weights')."""
    slug = slug_from_id(alias)
    if precedence is None or not slug or size_tag(alias) is not None:
        return None
    return SlugClaim(slug=slug, normalized=normalized, precedence=precedence, source=source)


@dataclass
class SlugSubject:
    """One model as the slug policy sees it."""

    current: str
    creator: str
    base: int | None = None  # the release a variant is a mode of
    label: str = ""
    pinned: str = ""  # a curator's slug
    claims: list[SlugClaim] = field(default_factory=list)

    @property
    def best(self) -> SlugClaim | None:
        return min(self.claims, key=lambda claim: claim.key) if self.claims else None


def slugs_assign(subjects: dict[int, SlugSubject]) -> dict[int, str]:
    """Every model's slug, from its evidence alone: the same subjects give the same slugs (pure)."""
    assigned: dict[int, str] = {}
    taken: set[str] = set()

    def take(pk: int, slug: str) -> None:
        assigned[pk] = slug
        taken.add(slug)

    # 1. Slugs that do not move: a curator's, and a release no source's record has named.
    fixed = {
        pk: subject.pinned or subject.current
        for pk, subject in subjects.items()
        if subject.pinned or (subject.base is None and not subject.claims)
    }
    for pk, slug in sorted(fixed.items(), key=lambda item: (item[1], item[0])):
        if slug not in taken:
            take(pk, slug)
    # 2. Each release's best claim; a slug several want goes to the strongest claim.
    wanting: dict[str, list[tuple[tuple, int]]] = defaultdict(list)
    for pk, subject in subjects.items():
        if pk not in assigned and subject.base is None:
            best = subject.best
            if best is not None:
                wanting[best.slug].append((best.key, pk))
            else:  # a pinned or unnamed release whose slug another fixed one holds (never in a sound catalog)
                wanting[subject.pinned or subject.current].append(((), pk))
    losers: list[tuple[str, tuple, int]] = []
    for slug, claims in sorted(wanting.items()):
        claims.sort()
        if slug not in taken:
            take(claims[0][1], slug)
            claims = claims[1:]
        losers += [(slug, key, pk) for key, pk in claims]
    # 3. The others: the creator's slug in front, then a number.
    for slug, _, pk in sorted(losers):
        prefixed = f"{subjects[pk].creator}-{slug}"[:190]
        candidate, suffix = prefixed, 2
        while candidate in taken:
            candidate, suffix = f"{prefixed}-{suffix}", suffix + 1
        take(pk, candidate)
    # 4. Variants: their base's slug and their label.
    variants = [
        (canonical_slug(f"{assigned.get(subject.base, subjects[subject.base].current)}-{subject.label}"), pk)
        for pk, subject in subjects.items()
        if pk not in assigned and subject.base is not None
    ]
    for natural, pk in sorted(variants):
        candidate, suffix = natural[:200], 2
        while candidate in taken:
            candidate, suffix = canonical_slug(f"{natural}-{suffix}")[:200], suffix + 1
        take(pk, candidate)
    return assigned


# --- the catalog ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rename:
    model_id: int
    old: str
    new: str


def _subjects() -> dict[int, SlugSubject]:
    subjects = {
        pk: SlugSubject(current=slug, creator=creator, base=base, label=label)
        for pk, slug, creator, base, label in Model.objects.values_list(
            "pk", "slug", "creator__slug", "variant_of_id", "variant_label"
        ).iterator(chunk_size=5000)
    }
    aliases = ModelAlias.objects.filter(precedence__isnull=False).values_list(
        "model_id", "alias", "normalized", "precedence", "source"
    )
    for model_id, alias, normalized, precedence, source in aliases.iterator(chunk_size=5000):
        claim = slug_claim(alias=alias, normalized=normalized, precedence=precedence, source=source)
        if claim is not None:
            subjects[model_id].claims.append(claim)
    # The newest pin of each model wins, as with facts.
    pins = ModelFact.objects.filter(field=SLUG_FIELD, pinned=True).order_by("recorded_at", "pk")
    for model_id, value in pins.values_list("model_id", "value"):
        if isinstance(value, str) and value:
            subjects[model_id].pinned = value
    return subjects


@transaction.atomic
def slugs_derive() -> list[Rename]:
    """Give every model the slug its evidence says; returns the renames (empty when nothing changed).

    A renamed model keeps its old slug as a ``FormerSlug``; curators' queue
    rows that suggest it show its new slug. Costs three reads of the catalog
    and, when slugs change, a few writes.
    """
    subjects = _subjects()
    assigned = slugs_assign(subjects)
    renames = [
        Rename(pk, subjects[pk].current, slug) for pk, slug in sorted(assigned.items()) if slug != subjects[pk].current
    ]
    if not renames:
        return []
    now = timezone.now()
    # Two steps: a model may take the slug another gives up in the same pass.
    Model.objects.bulk_update([Model(pk=r.model_id, slug=provisional_slug(str(r.model_id))) for r in renames], ["slug"])
    Model.objects.bulk_update(
        [Model(pk=r.model_id, slug=r.new, updated_at=now) for r in renames], ["slug", "updated_at"], batch_size=1000
    )
    FormerSlug.objects.filter(slug__in=[r.new for r in renames] + [r.old for r in renames]).delete()
    FormerSlug.objects.bulk_create([FormerSlug(slug=r.old, model_id=r.model_id) for r in renames])
    _suggestions_follow({r.model_id: r.new for r in renames})
    return renames


def _suggestions_follow(new_slugs: dict[int, str]) -> None:
    """Queue rows name the models they suggest by slug: keep those current (the bulk attach reads them)."""
    changed = []
    for row in UnresolvedIdentifier.objects.pending().exclude(suggestions=[]).only("pk", "suggestions"):
        renamed = False
        for suggestion in row.suggestions:
            new = new_slugs.get(suggestion.get("model_id"))
            if new is not None and suggestion.get("slug") != new:
                suggestion["slug"], renamed = new, True
        if renamed:
            changed.append(row)
    UnresolvedIdentifier.objects.bulk_update(changed, ["suggestions"], batch_size=1000)


def slug_value_clean(slug: str, *, model_id: int | None = None) -> str:
    """A curator's slug for model ``model_id``, checked: a valid slug no other model has (ValidationError if not)."""
    slug = (slug or "").strip()
    validate_slug(slug)
    if len(slug) > Model._meta.get_field("slug").max_length:
        raise ValidationError("A slug has at most 200 characters.")
    if Model.objects.filter(slug=slug).exclude(pk=model_id).exists():
        raise ValidationError(f"Another model has the slug {slug!r}.")
    return slug


@transaction.atomic
def slug_pin(*, model: Model, slug: str, author=None, note: str = "") -> ModelFact:
    """A curator's slug for ``model``: it wins over the sources until the pin is deleted.

    The model is renamed at once (its previous slug becomes a former slug).
    """
    slug = slug_value_clean(slug, model_id=model.pk)
    pin = ModelFact.objects.create(
        model=model,
        field=SLUG_FIELD,
        source=ModelFact.CURATOR,
        as_of=timezone.localdate(),
        precedence=0,
        value=slug,
        pinned=True,
        author=author,
        note=note[:300],
    )
    slugs_derive()
    model.slug = slug
    return pin


# --- the spelling and precedence each alias keeps ---------------------------------------


def _spelling_key(precedence: int | None, source: str, alias: str) -> tuple:
    # The shortest spelling of a rank: a record's own id before its route-prefixed key.
    return (NO_PRECEDENCE if precedence is None else precedence, source_rank(source), len(alias), alias)


class AliasEvidence:
    """What one run's records said of each id they used: the best record per normal form."""

    def __init__(self, *, source: str):
        self.source = source
        self._best: dict[str, tuple[int, str, int]] = {}  # normalized -> (precedence, raw id, model id)

    def note(self, *, model_id: int, raw_id: str, normalized: str, precedence: int) -> None:
        raw_id = raw_id[:300]
        kept = self._best.get(normalized)
        if kept is None or self._key(precedence, raw_id) < self._key(*kept[:2]):
            self._best[normalized] = (precedence, raw_id, model_id)

    def _key(self, precedence: int, raw_id: str) -> tuple:
        return _spelling_key(precedence, self.source, raw_id)

    def save(self) -> int:
        """Give each alias this run's spelling and precedence where they beat what it keeps; returns how many."""
        changed = []
        for rows in _chunks(sorted(self._best), 2000):
            for alias in ModelAlias.objects.filter(normalized__in=rows):
                precedence, raw_id, model_id = self._best[alias.normalized]
                if alias.model_id != model_id:
                    continue  # another model's alias: the run counted a conflict
                if self._key(precedence, raw_id) < _spelling_key(alias.precedence, alias.source, alias.alias):
                    alias.alias, alias.source, alias.precedence = raw_id, self.source, precedence
                    changed.append(alias)
        ModelAlias.objects.bulk_update(changed, ["alias", "source", "precedence"], batch_size=1000)
        return len(changed)


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
