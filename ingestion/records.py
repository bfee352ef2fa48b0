"""What a parser hands to the writers: plain records, no ORM.

Parsers read one source file into a ``Batch``; the writers resolve identities
and turn it into rows. Keeping the two apart lets parsers be tested without a
database and lets every source share one idempotent write path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from models_registry.fact_fields import FACT_FIELDS
from pricing.rules import AMOUNT_FIELDS

# Model fields a record may carry, in the order the writers apply them.
MODEL_FIELDS = FACT_FIELDS

# The amounts a price row carries: pricing owns the list, parsers fill it.
PRICE_FIELDS = AMOUNT_FIELDS

# Lower is more authoritative: a lab's own card, then the creator's own API,
# then anyone else who lists the model.
LAB, CREATOR_API, HOST = 0, 1, 2


@dataclass
class ProviderRecord:
    slug: str
    name: str
    website: str = ""
    is_creator: bool = False
    is_host: bool = False


@dataclass
class ModelRecord:
    """What one source says about one model, keyed by the source's own id."""

    raw_id: str
    creator_slug: str | None = None
    # True only when the creator is known with certainty: the record may then
    # create a canonical Model if no alias or curator decision resolves it.
    may_create: bool = False
    authority: int = HOST
    facts: dict = field(default_factory=dict)  # subset of MODEL_FIELDS, None = unknown
    capabilities: set[str] = field(default_factory=set)
    # Stated by the maker itself (a lab card, the creator's own API): its
    # capability claims decide, where other listings only vote.
    from_maker: bool = False
    context: dict = field(default_factory=dict)  # shown to curators for unresolved ids
    # Other ids this source gives the same model with certainty (a host's id of a lab card).
    aliases: list[str] = field(default_factory=list)
    # Ids this source says this one stands for (OpenRouter's canonical_slug and
    # hugging_face_id): the source's own meaning of a floating name.
    serves: list[str] = field(default_factory=list)
    # The repository of the weights this id serves, by the source's word
    # (OpenRouter's hugging_face_id): one set of weights is one release, so a
    # model the repository's id names is this one (``reconcile.weights_links_join``).
    weights: str = ""
    # Dates a maker's card gives a floating name, most telling first (its
    # last_updated, then its release_date): the snapshot dated so is the one
    # it points to on the snapshot's day.
    pointer_dates: list[date] = field(default_factory=list)


@dataclass
class PriceRecord:
    effective_from: date
    values: dict[str, Decimal | None]
    free_tier_available: bool = False
    # When this price applies instead of the list price (an off-peak window, a
    # context tier, batch): its own series, never the list price. Empty: the list price.
    conditions: dict = field(default_factory=dict)
    # The source stopped listing the endpoint at effective_from: the series ends.
    withdrawn: bool = False
    # The price held from the model's release, which the source does not date:
    # effective_from is only the last day it is known to hold. The writer dates
    # it by the model's release date, or skips it when that is unknown.
    since_release: bool = False


@dataclass
class EndpointRecord:
    model_raw_id: str  # the ModelRecord this endpoint serves
    host_slug: str
    provider_model_id: str
    context_window: int | None = None
    max_output_tokens: int | None = None
    deprecated: bool = False
    prices: list[PriceRecord] = field(default_factory=list)


@dataclass
class BenchmarkRecord:
    model_raw_id: str
    name: str
    score: float
    metric: str
    recorded_on: date
    source_url: str = ""  # where the result was published; "" when the card does not say


@dataclass
class RatingRecord:
    model_raw_id: str
    board: str
    rating: float
    low: float | None
    high: float | None
    arena: str = "text"
    nickname: str = ""

    @property
    def board_key(self) -> str:
        """The board's identity across arenas: ``text/full``, ``vision/full``."""
        return board_key(self.arena, self.board)


def board_key(arena: str, board: str) -> str:
    return f"{arena}/{board}"


@dataclass
class Batch:
    """Everything one source file says, ready to write."""

    source: str
    as_of: date
    # Older than a snapshot of the same source already ingested: it adds history
    # (prices, signals at its date) but never overwrites what the newer one set.
    historical: bool = False
    # The reference catalog: its lab cards and creators' API files correct facts
    # other sources wrote. Every other source only fills gaps, so two sources
    # that disagree never undo each other on every run.
    authoritative: bool = False
    # The source states what models can do (modalities, feature flags): each
    # model it lists gets one capability claim. Price lists and leaderboards do not.
    describes_capabilities: bool = True
    # The file's content checksum: the curator queue counts each distinct file
    # that names an id once, however often the same file is re-run.
    input_key: str | None = None
    providers: list[ProviderRecord] = field(default_factory=list)
    models: list[ModelRecord] = field(default_factory=list)
    endpoints: list[EndpointRecord] = field(default_factory=list)
    benchmarks: list[BenchmarkRecord] = field(default_factory=list)
    ratings: list[RatingRecord] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing about any model: a file of the right shape with no content (``{"data": []}``)."""
        return not (self.models or self.endpoints or self.benchmarks or self.ratings)
