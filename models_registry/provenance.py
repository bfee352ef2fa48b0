"""Where each of a model's facts comes from, and which observation the catalog serves.

Every source snapshot that states a fact of a model (its name, type, status,
dates, limits, open weights) leaves an observation: source, snapshot date,
precedence, value (``ModelFact``). The served value is derived from all of
them by one policy, so the same files give the same catalog in whatever order
they were ingested:

1. A curator's pin wins; of several pins of a field, the newest.
2. Per source, the newest snapshot that states the field speaks for the
   source; older snapshots are history. A maker's record speaks before a
   host's listing in the same source, whatever their snapshots: a lab card
   that a newer snapshot dropped still names its release, where the newer
   snapshot's host listing only repeats its id.
3. Across sources, the lowest precedence wins: the maker's own word in the
   reference catalog (a lab card, then the creator's own API file), then the
   makers' own entries in other sources, then hosts and aggregators.
4. Ties go to the source listed first in ``SOURCE_ORDER``, then to the newer
   snapshot.

Three facts have a further rule. "large-language-model" is every source's
default type, so a generator's type from any source beats it. A name that
only repeats an id (Ollama's "ministral-3:8b") yields to a display name of the
same rank within a file, and, when no maker names the model, to any listing's
display name ("Ministral 3 8B"). The status
(``status_served``) is the maker's, made deprecated by a deprecation date that
has come by today (``models_registry.lifecycle``), except that a model no
host serves any more (every endpoint retired) is retired, and one served again
is active again.
A field no source has observed keeps what it holds (a curator's edit from
before observations were kept, or a value set by hand).

The creator is observed too (``CREATOR_FIELD``, the Provider's slug): every
record that knows the maker with certainty names it, and the same policy
picks the maker's card over the maker's own API over hosts and aggregators
(and a host's publishing organisation over an org's namespace the rules know
no maker for, ``ingestion/writers/catalog.py maker_precedence``). So the first
file read never decides who made a model, and a better observation arriving
later moves the model to its maker.

A variant (a rated mode of a release, ``variant_of``) states no facts of its
own: it has its release's, re-derived whenever the release's change, named
after it ("GPT-5.1 (high)"); what the release lacks, the variant's own sources
fill, and a curator's pin on the variant wins (``variant_facts``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from models_registry.fact_fields import CREATOR_FIELD, FACT_FIELDS, OBSERVED_FIELDS, name_repeats_an_id
from models_registry.identity.normalize import bedrock_model_name, product_path
from models_registry.lifecycle import status_on
from models_registry.models import Endpoint, Model, ModelFact, Provider

# Within one precedence, the reference catalog first, then the sources that
# list a maker's models with their own metadata, then price lists and boards.
SOURCE_ORDER = ("models-dev", "openrouter", "litellm", "genai-prices", "arena")

# The precedence of a lab's card in the reference catalog: the maker's own word on a release.
MAKERS_CARD = 0
# Precedence of an authority level (0 a lab's card, 1 the creator's own API,
# 2 anyone else) in a source that does not correct others: after every
# correcting record.
FILLS_GAPS_FROM = 10
# A name read off an id, when no record states one: every stated name wins over it.
NAMED_BY_ID = 1000
# Observations below this precedence are a maker's own word: a lab card, a
# creator's own API, a maker's own entry in another source (10, 11). Hosts'
# and aggregators' records (12) name and date their listings, not releases.
MAKERS_OWN_WORD_BELOW = FILLS_GAPS_FROM + 2
# The creator a host is recorded as when it alone publishes a derivative nobody attributes
# (``ingestion.writers.catalog.sole_publisher``): after every host's and org namespace's word.
# A model whose only creator observations are this weak has a publisher of record, not a
# known maker, so no rule of identity tells it apart from another maker's release by its maker.
PUBLISHER_OF_RECORD = FILLS_GAPS_FROM + 4
GENERIC_TYPE = Model.Type.LLM


def name_from_id(raw_id: str) -> str:
    """A model's name when no record states one: its id as the source spells it, without the route
    (``identity.normalize.product_path``) or Bedrock's region, vendor and revision
    (``anthropic.claude-fable-5-1`` -> ``claude-fable-5-1``)."""
    return bedrock_model_name(product_path(raw_id))[:200]


def precedence_of(*, authority: int, corrects: bool, maker_authority: int = 1) -> int:
    """The reference catalog's makers correct (0, 1); every other record fills gaps after them (10+)."""
    return authority if corrects and authority <= maker_authority else FILLS_GAPS_FROM + authority


@dataclass(frozen=True)
class Observed:
    """One observation, as the policy reads it."""

    source: str
    as_of: date
    precedence: int
    value: object
    pinned: bool = False
    recorded_at: datetime | None = None
    said_as: str = ""

    @property
    def by_maker(self) -> bool:
        """A maker's own word: a lab card, a creator's own API, a maker's entry in another source."""
        return self.precedence < MAKERS_OWN_WORD_BELOW


def _source_rank(source: str) -> int:
    return SOURCE_ORDER.index(source) if source in SOURCE_ORDER else len(SOURCE_ORDER)


def served_observation(field: str, observations: Iterable[Observed]) -> Observed | None:
    """The observation the catalog serves for ``field`` (the policy in the module docstring)."""
    observations = list(observations)
    pins = [o for o in observations if o.pinned]
    if pins:
        return max(pins, key=lambda o: (o.recorded_at or datetime.min.replace(tzinfo=UTC), o.as_of))
    newest: dict[str, Observed] = {}
    for o in observations:
        kept = newest.get(o.source)
        if kept is None or _speaks_for_source(o) > _speaks_for_source(kept):
            newest[o.source] = o
    candidates = list(newest.values())
    if field == "model_type":
        candidates = [o for o in candidates if o.value != GENERIC_TYPE] or candidates
    if not candidates:
        return None
    served = min(candidates, key=_served_first)
    if field == "name" and not served.by_maker and name_repeats_an_id(served.value):
        # No maker names it, and the first listing only repeats its id (Ollama's "ministral-3:8b"):
        # another listing's display name ("Ministral 3 8B") reads better, whatever its rank.
        served = min((o for o in candidates if not name_repeats_an_id(o.value)), key=_served_first, default=served)
    return served


def _speaks_for_source(o: Observed) -> tuple:
    """Which of one source's observations speaks for it (the highest): the newer snapshot, but a
    maker's record of any snapshot before a host's listing of a newer one (a lab card the newer
    snapshot dropped still names the release; the host that lists it under its id does not)."""
    return (o.by_maker, o.as_of, -o.precedence)


def _served_first(o: Observed) -> tuple:
    return (o.precedence, _source_rank(o.source), -o.as_of.toordinal(), o.source)


def encode(field: str, value):
    """A model field's value as an observation stores it (JSON); the creator as its slug."""
    if field == CREATOR_FIELD:
        return getattr(value, "slug", value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def decode(field: str, value):
    return Model._meta.get_field(field).to_python(value)


# --- writing observations -------------------------------------------------------------


@dataclass
class SnapshotFacts:
    """The facts one source snapshot states, per model: the most authoritative record of the file wins."""

    source: str
    as_of: date
    facts: dict = None

    def __post_init__(self):
        self.facts = {}  # (model id, field) -> (precedence, value, the id whose record said it)

    def observe(self, model_id: int, field: str, value, *, precedence: int, said_as: str = "") -> None:
        """Note what the record for the source's id ``said_as`` states; of several ids of one model,
        the most authoritative wins, then (for a name) a display name over one that repeats an id,
        then the first id in order, so the file's order never matters."""
        if value is None or value == "" or field not in OBSERVED_FIELDS:
            return
        key = (model_id, field)
        kept = self.facts.get(key)
        if kept is None or self._rank(field, precedence, value, said_as) < self._rank(field, *kept):
            self.facts[key] = (precedence, encode(field, value), said_as)

    @staticmethod
    def _rank(field: str, precedence: int, value, said_as: str) -> tuple:
        return (precedence, field == "name" and name_repeats_an_id(value), said_as)

    @property
    def model_ids(self) -> set[int]:
        return {model_id for model_id, _ in self.facts}

    def save(self) -> int:
        """Store the snapshot's observations (a re-run replaces its own); returns how many rows changed."""
        if not self.facts:
            return 0
        stored = {
            (f.model_id, f.field): f
            for f in ModelFact.objects.filter(
                source=self.source, as_of=self.as_of, pinned=False, model_id__in=self.model_ids
            )
        }
        to_create, to_update = [], []
        said_as_length = ModelFact._meta.get_field("said_as").max_length
        for (model_id, field), (precedence, value, said_as) in self.facts.items():
            said_as = said_as[:said_as_length]
            fact = stored.get((model_id, field))
            if fact is None:
                to_create.append(
                    ModelFact(
                        model_id=model_id,
                        field=field,
                        source=self.source,
                        as_of=self.as_of,
                        precedence=precedence,
                        value=value,
                        said_as=said_as,
                    )
                )
            elif (fact.precedence, fact.value, fact.said_as) != (precedence, value, said_as):
                fact.precedence, fact.value, fact.said_as = precedence, value, said_as
                to_update.append(fact)
        ModelFact.objects.bulk_create(to_create, batch_size=2000)
        ModelFact.objects.bulk_update(to_update, ["precedence", "value", "said_as"], batch_size=2000)
        return len(to_create) + len(to_update)


# --- deriving the served values --------------------------------------------------------


def _observations_by_model(model_ids: Iterable[int]) -> dict[int, dict[str, list[Observed]]]:
    grouped: dict[int, dict[str, list[Observed]]] = defaultdict(lambda: defaultdict(list))
    rows = ModelFact.objects.filter(model_id__in=list(model_ids)).values_list(
        "model_id", "field", "source", "as_of", "precedence", "value", "pinned", "recorded_at", "said_as"
    )
    for model_id, field, *observed in rows.iterator(chunk_size=5000):
        grouped[model_id][field].append(Observed(*observed))
    return grouped


# Facts that hold only while a source keeps saying them: the newer snapshot's
# silence withdraws a deprecation an older one stated (a date moved or dropped),
# where a release date or a context window an older snapshot stated still holds.
CURRENT_ONLY_FACTS = frozenset({"status", "deprecation_date"})


def _current_only(observations: dict[str, list[Observed]]) -> dict[str, list[Observed]]:
    """Lifecycle observations from each source's newest snapshot of the model only."""
    newest: dict[str, date] = {}
    for observed in observations.values():
        for o in observed:
            if not o.pinned and o.as_of > newest.get(o.source, date.min):
                newest[o.source] = o.as_of
    return {
        field: [o for o in observed if o.pinned or o.as_of >= newest[o.source]]
        if field in CURRENT_ONLY_FACTS
        else observed
        for field, observed in observations.items()
    }


def served_values(observations: dict[str, list[Observed]]) -> dict[str, object]:
    """Each observed field's served value, decoded to what the model field holds."""
    served = {}
    for field, observed in _current_only(observations).items():
        if field not in FACT_FIELDS:
            continue
        if not observed:  # every source that stated it has stopped saying it
            if field == "deprecation_date":
                served[field] = None
            continue
        winner = served_observation(field, observed)
        if winner is not None:
            served[field] = decode(field, winner.value)
    return served


def _endpoint_statuses(model_ids: set[int]) -> dict[int, set[str]]:
    statuses: dict[int, set[str]] = defaultdict(set)
    for model_id, status in Endpoint.objects.filter(model_id__in=model_ids).values_list("model_id", "status"):
        statuses[model_id].add(status)
    return statuses


def status_served(
    model: Model, served: dict, *, pinned: bool, observed: bool, endpoint_statuses: set[str], today: date
) -> str:
    """The lifecycle status, from the maker's word and whether any host still serves the model.

    One rule whatever the order the files came in: a curator's pin wins; a
    model whose every endpoint is retired (no source lists it any more) is
    retired; otherwise the maker's status, deprecated once its deprecation
    date has come (today: the daily expiry, ``model_statuses_expire``, applies
    the same rule, so a derivation never undoes it). A model sources know
    whose maker states no status is active, also when it is served again
    after being retired for want of hosts. Status and deprecation date are
    read from each source's newest snapshot of the model only
    (``CURRENT_ONLY_FACTS``).
    """
    if pinned:
        return served["status"]
    if endpoint_statuses and endpoint_statuses <= {Endpoint.Status.RETIRED}:
        return Model.Status.RETIRED
    if "status" in served:
        status = served["status"]
    elif observed or (model.status == Model.Status.RETIRED and endpoint_statuses):
        status = Model.Status.ACTIVE  # sources know it, and its maker states no other status
    else:
        status = model.status  # known from no source: as set by hand
    return status_on(status, served.get("deprecation_date", model.deprecation_date), on=today)


def facts_derive(
    model_ids: Iterable[int], *, instances: dict[int, Model] | None = None, today: date | None = None
) -> set[int]:
    """Set each model's observed fields to their served values; returns the models that changed.

    ``instances`` are model objects the caller keeps using: they are updated
    in place, so later writes of the same run see the derived values.
    """
    model_ids = set(model_ids)
    if not model_ids:
        return set()
    today = today or timezone.localdate()
    instances = instances or {}
    missing = model_ids - set(instances)
    models = {**Model.objects.in_bulk(list(missing)), **{pk: m for pk, m in instances.items() if pk in model_ids}}
    # A variant's facts are its release's: derived after the releases, below.
    variant_bases = {model.variant_of_id for model in models.values() if model.variant_of_id is not None}
    models = {pk: model for pk, model in models.items() if model.variant_of_id is None}
    observations = _observations_by_model(models)
    endpoint_statuses = _endpoint_statuses(set(models))
    creators = creators_served(observations)
    changed, fields = [], set()
    for pk, model in models.items():
        observed = observations.get(pk, {})
        served = served_values(observed)
        if pk in creators:
            served["creator_id"] = creators[pk]
        served["status"] = status_served(
            model,
            served,
            pinned=any(o.pinned for o in observed.get("status", ())),
            observed=any(not o.pinned for values in observed.values() for o in values),
            endpoint_statuses=endpoint_statuses.get(pk, set()),
            today=today,
        )
        if updated := _values_set(model, served):
            fields |= updated
            changed.append(model)
    _models_save(changed, fields)
    # Every variant of these releases (and of the variants' releases) follows them, whichever came first.
    followed = variants_follow(base_ids=set(models) | variant_bases, instances=instances)
    return {model.pk for model in changed} | followed


def _values_set(model: Model, values: dict[str, object]) -> set[str]:
    """Set the fields whose value differs; returns their names."""
    diff = {name: value for name, value in values.items() if getattr(model, name) != value}
    for name, value in diff.items():
        setattr(model, name, value)
    return set(diff)


def creators_served(observations: dict[int, dict[str, list[Observed]]]) -> dict[int, int]:
    """Per model with creator observations, the id of the Provider the policy serves as its creator."""
    winners = {
        pk: served_observation(CREATOR_FIELD, observed[CREATOR_FIELD])
        for pk, observed in observations.items()
        if observed.get(CREATOR_FIELD)
    }
    ids = dict(Provider.objects.filter(slug__in={o.value for o in winners.values()}).values_list("slug", "pk"))
    return {pk: ids[o.value] for pk, o in winners.items() if o.value in ids}


def _models_save(changed: list[Model], fields: set[str]) -> None:
    if changed:
        now = timezone.now()
        for model in changed:
            model.updated_at = now
        Model.objects.bulk_update(changed, [*sorted(fields), "updated_at"], batch_size=1000)


def variant_facts(base: Model, label: str, own: dict[str, object], pinned: Iterable[str] = ()) -> dict[str, object]:
    """A variant's served facts: its release's, named "<release's name> (<label>)".

    A mode runs its release's weights, so its name, type, status, dates and
    limits are the release's whoever listed the mode first; a fact the release
    lacks is filled from the variant's own sources (``own``: its served
    values), and a curator's pin on the variant (``pinned``: those fields) wins.
    """
    facts = {}
    for field in FACT_FIELDS:
        value = f"{base.name} ({label})"[:200] if field == "name" else getattr(base, field)
        if field in pinned or value in (None, ""):
            value = own.get(field, value)
        facts[field] = value
    return facts


def variants_follow(*, base_ids: Iterable[int] | None = None, instances: dict[int, Model] | None = None) -> set[int]:
    """Derive again the facts of the variants of these releases (of every release when None).

    Returns the variants that changed. ``instances``: model objects the caller
    keeps using, updated in place (as ``facts_derive`` does).
    """
    variants = Model.objects.exclude(variant_of=None).select_related("variant_of")
    if base_ids is not None:
        base_ids = set(base_ids)
        if not base_ids:
            return set()
        variants = variants.filter(variant_of_id__in=base_ids)
    variants = list(variants)
    if not variants:
        return set()
    instances = instances or {}
    observations = _observations_by_model(variant.pk for variant in variants)
    creators = creators_served(observations)
    changed, fields = [], set()
    for variant in variants:
        observed = observations.get(variant.pk, {})
        pinned = {field for field, seen in observed.items() if any(o.pinned for o in seen)}
        facts = variant_facts(variant.variant_of, variant.variant_label, served_values(observed), pinned)
        # A mode is its release's maker's; only a curator's pin on the mode says otherwise.
        pinned_creator = CREATOR_FIELD in pinned and variant.pk in creators
        facts["creator_id"] = creators[variant.pk] if pinned_creator else variant.variant_of.creator_id
        model = instances.get(variant.pk, variant)
        if updated := _values_set(model, facts):
            fields |= updated
            changed.append(model)
    _models_save(changed, fields)
    return {model.pk for model in changed}


class StatedFacts(NamedTuple):
    """What the rules of identity compare of a model: its name as served and every release date,
    as far as its makers (or a curator) stated them; ``host_dates``: the dates hosts gave it."""

    names: frozenset[str] = frozenset()
    release_dates: frozenset[date] = frozenset()
    host_dates: frozenset[date] = frozenset()

    @property
    def makers_word(self) -> bool:
        """Whether a maker's record (or a curator) names or dates the model at all."""
        return bool(self.names or self.release_dates)


def published_only(model_ids: Iterable[int] | None = None) -> set[int]:
    """The models (of ``model_ids``, or all) whose creator only a publisher of record names:
    every creator observation at ``PUBLISHER_OF_RECORD``, none pinned."""
    return creator_observed_only_from(PUBLISHER_OF_RECORD, model_ids)


def creator_observed_only_from(precedence: int, model_ids: Iterable[int] | None = None) -> set[int]:
    """The models (of ``model_ids``, or all) whose every creator observation is at ``precedence`` or
    weaker, none pinned: no word stronger than that names who made them."""
    facts = ModelFact.objects.filter(field=CREATOR_FIELD)
    if model_ids is not None:
        facts = facts.filter(model_id__in=list(model_ids))
    weakest: dict[int, bool] = {}
    for model_id, observed, pinned in facts.values_list("model_id", "precedence", "pinned").iterator(chunk_size=5000):
        weakest[model_id] = weakest.get(model_id, True) and not pinned and observed >= precedence
    return {model_id for model_id, only in weakest.items() if only}


def stated_facts(model_ids: Iterable[int] | None = None) -> dict[int, StatedFacts]:
    """Per model, its served name and every release date any snapshot gave it, as the rules of identity read them.

    The name is the one the catalog serves, when a maker's record or a curator
    stated it: every name ever stated would let a source's own meaning of an
    id (OpenRouter's "DeepSeek V3" for its ``deepseek/deepseek-chat``, filed
    under DeepSeek's floating ``deepseek-chat``) or a price list's loose name
    ("gpt 4" for ``gpt-4-32k``) join releases. Dates are kept from every
    snapshot, so they only accumulate whatever order the files come in; hosts'
    and aggregators' apart. A field no source has observed counts the value
    the model holds (set by hand, or before observations were kept).
    """
    facts = ModelFact.objects.filter(field__in=("name", "release_date"))
    models = Model.objects.all()
    if model_ids is not None:
        model_ids = list(model_ids)
        facts, models = facts.filter(model_id__in=model_ids), models.filter(pk__in=model_ids)
    names: dict[int, list[Observed]] = defaultdict(list)
    dated: set[int] = set()
    dates: dict[int, set[date]] = defaultdict(set)
    host_dates: dict[int, set[date]] = defaultdict(set)
    for model_id, field, source, as_of, precedence, value, pinned, recorded_at in facts.values_list(
        "model_id", "field", "source", "as_of", "precedence", "value", "pinned", "recorded_at"
    ).iterator(chunk_size=5000):
        if field == "name":
            names[model_id].append(Observed(source, as_of, precedence, value, pinned, recorded_at))
            continue
        dated.add(model_id)
        if value not in (None, ""):
            (dates if pinned or precedence < MAKERS_OWN_WORD_BELOW else host_dates)[model_id].add(decode(field, value))
    found = {}
    for pk, name, released in models.values_list("pk", "name", "release_date").iterator(chunk_size=5000):
        served = served_observation("name", names.get(pk, ()))
        if served is None:
            stated_names = {name} if name else set()
        else:
            by_maker = served.pinned or served.by_maker
            stated_names = {served.value} if by_maker and served.value else set()
        if pk not in dated and released is not None:
            dates[pk].add(released)
        found[pk] = StatedFacts(
            frozenset(stated_names), frozenset(dates.get(pk, ())), frozenset(host_dates.get(pk, ()))
        )
    return found


# --- pins -------------------------------------------------------------------------------


def fact_value_clean(field: str, value):
    """A curator's value for ``field``, checked as the model field checks it (ValidationError if not).

    The creator is given as a Provider or its slug, and returned as the slug."""
    if field not in OBSERVED_FIELDS:
        raise ValidationError(f"{field!r} is not a fact a source states; one of: {', '.join(OBSERVED_FIELDS)}.")
    if field == CREATOR_FIELD:
        slug = str(getattr(value, "slug", value) or "").strip()
        if not Provider.objects.filter(slug=slug).exists():
            raise ValidationError(f"{slug!r} is no provider's slug.")
        return slug
    model_field = Model._meta.get_field(field)
    value = model_field.to_python(value)
    if value in (None, "") and not model_field.null and not model_field.blank:
        raise ValidationError(f"{field} cannot be empty.")
    if value not in (None, ""):
        model_field.run_validators(value)
    if model_field.choices and value not in {choice for choice, _ in model_field.flatchoices}:
        raise ValidationError(f"{value!r} is not a valid {field}.")
    return value


@transaction.atomic
def fact_pin(*, model: Model, field: str, value, author=None, note: str = "") -> ModelFact:
    """Pin a curator's value: it wins over every source until unpinned."""
    value = fact_value_clean(field, value)
    pin = ModelFact.objects.create(
        model=model,
        field=field,
        source=ModelFact.CURATOR,
        as_of=timezone.localdate(),
        precedence=0,
        value=encode(field, value),
        pinned=True,
        author=author,
        note=note[:300],
    )
    facts_derive([model.pk], instances={model.pk: model})
    return pin


@transaction.atomic
def fact_unpin(*, pin: ModelFact) -> None:
    """Remove a pin: the sources' value is served again."""
    model = pin.model
    pin.delete()
    facts_derive([model.pk], instances={model.pk: model})


def model_provenance(model: Model) -> list[dict]:
    """Per fact field: the value served, where it came from, and every source's newest word on it."""
    observations = _observations_by_model([model.pk]).get(model.pk, {})
    rows = []
    for field in OBSERVED_FIELDS:
        observed = observations.get(field, [])
        winner = served_observation(field, observed)
        newest: dict[str, Observed] = {}
        for o in sorted(observed, key=lambda o: (o.as_of, -o.precedence)):
            newest[ModelFact.CURATOR if o.pinned else o.source] = o
        rows.append(
            {
                "field": field,
                "served": model.creator.slug if field == CREATOR_FIELD else getattr(model, field),
                "source": (ModelFact.CURATOR if winner.pinned else winner.source) if winner else "",
                "as_of": winner.as_of if winner else None,
                "said_as": winner.said_as if winner else "",
                "pinned": bool(winner and winner.pinned),
                "others": [
                    {"source": source, "as_of": o.as_of, "value": o.value}
                    for source, o in sorted(newest.items(), key=lambda item: _source_rank(item[0]))
                    if o is not winner
                ],
            }
        )
    return rows


def source_rank(source: str) -> int:
    """Where ``source`` stands in ``SOURCE_ORDER``; a source not listed comes after every listed one."""
    return _source_rank(source)
