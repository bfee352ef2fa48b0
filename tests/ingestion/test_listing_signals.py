"""Cost and demand are derived from every snapshot's listings, as the endpoints now stand: the list prices
they state and the hosts listing a model there (docs/ingestion.md, "Signals")."""

import importlib
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.apps import apps

from ingestion.models import Listing
from ingestion.records import Batch, EndpointRecord, PriceRecord
from ingestion.writers import Counts
from ingestion.writers.listings import listings_record, stated_list_price
from ingestion.writers.signals import COST_KEY, DEMAND_KEY, listing_signals_derive
from models_registry.merge import model_merge
from models_registry.models import Endpoint, Provider
from rankings.models import Signal, SignalType
from tests.factories import EndpointFactory, ModelFactory, PriceFactory, ProviderFactory, SignalFactory

pytestmark = pytest.mark.django_db

SNAPSHOT = date(2026, 7, 1)
RECORDED = datetime(2026, 7, 1, tzinfo=UTC)


def listed(
    model, host_slug: str, *, source: str = "litellm", deprecated: bool | None = None, price=(None, None)
) -> Endpoint:
    """``model``'s endpoint on host ``host_slug``, listed in SNAPSHOT at list price ``price`` (input, output)."""
    host = Provider.objects.filter(slug=host_slug).first() or ProviderFactory(slug=host_slug, is_host=True)
    endpoint = EndpointFactory(model=model, host=host, provider_model_id=f"{host_slug}/{model.slug}")
    Listing.objects.create(
        source=source,
        endpoint=endpoint,
        as_of=SNAPSHOT,
        deprecated=deprecated,
        input_per_million=price[0],
        output_per_million=price[1],
    )
    return endpoint


def cost() -> dict[str, tuple[float, float, float, str]]:
    """slug -> (blended price, normalized, confidence, host) of every cost signal."""
    return {
        signal.model.slug: (signal.raw_value, signal.normalized_value, signal.confidence, signal.metadata["host"])
        for signal in Signal.objects.filter(signal_type=SignalType.COST, dedupe_key=COST_KEY).select_related("model")
    }


def demand() -> dict[str, tuple[float, float]]:
    """slug -> (hosts, normalized) of every demand signal."""
    return {
        signal.model.slug: (signal.raw_value, signal.normalized_value)
        for signal in Signal.objects.filter(signal_type=SignalType.DEMAND, dedupe_key=DEMAND_KEY).select_related(
            "model"
        )
    }


def test_each_snapshot_counts_the_hosts_listing_a_model_and_a_deprecated_listing_serves_none():
    creator = ProviderFactory(slug="mistral", is_creator=True)
    nemo = ModelFactory(slug="mistral-nemo", creator=creator)
    small = ModelFactory(slug="mistral-small", creator=creator)
    listed(nemo, "deepinfra")
    listed(nemo, "ovhcloud")
    listed(nemo, "fireworks", deprecated=True)
    listed(small, "nebius")

    listing_signals_derive(Counts(), {("litellm", SNAPSHOT)})

    assert demand() == {"mistral-nemo": (2.0, 1.0), "mistral-small": (1.0, 0.63093)}
    signal = Signal.objects.get(model=nemo)
    assert (signal.source, signal.recorded_at, signal.confidence) == ("litellm", RECORDED, 0.6)


def test_a_merged_release_counts_the_hosts_of_both_its_ids_not_one_entrys_count():
    # One release under two spellings (Anthropic's and Bedrock's), each listed by its own hosts.
    creator = ProviderFactory(slug="anthropic", is_creator=True)
    plain, bedrock = ModelFactory(slug="claude-2-1", creator=creator), ModelFactory(slug="claude-v2-1", creator=creator)
    listed(plain, "vertex")
    listed(bedrock, "bedrock")
    listed(bedrock, "bedrock-eu")
    listing_signals_derive(Counts(), {("litellm", SNAPSHOT)})
    assert demand() == {"claude-2-1": (1.0, 0.63093), "claude-v2-1": (2.0, 1.0)}

    model_merge(merged=bedrock, kept=plain)

    assert demand() == {"claude-2-1": (3.0, 1.0)}


def test_a_count_follows_its_endpoint_to_the_release_it_serves_now_and_a_rerun_writes_nothing():
    creator = ProviderFactory(slug="mistral", is_creator=True)
    floating, snapshot = ModelFactory(slug="mistral-small", creator=creator), ModelFactory(slug="mistral-small-2506")
    endpoint = listed(floating, "helicone")
    listed(snapshot, "nebius")
    listing_signals_derive(Counts(), {("litellm", SNAPSHOT)})
    SignalFactory(model=floating, source="openrouter", signal_type=SignalType.DEMAND, dedupe_key=DEMAND_KEY)

    Endpoint.objects.filter(pk=endpoint.pk).update(model=snapshot)  # a later file says which release it serves
    counts = Counts()
    listing_signals_derive(counts, {("litellm", SNAPSHOT)})

    assert demand()["mistral-small-2506"] == (2.0, 1.0)
    # The floating name's count of this snapshot is gone; another source's snapshot is not this one's to judge.
    assert list(Signal.objects.filter(model=floating).values_list("source", flat=True)) == ["openrouter"]
    assert counts.as_dict()["signals"] == {"removed": 1, "updated": 1}

    again = Counts()
    listing_signals_derive(again, {("litellm", SNAPSHOT)})
    assert again.as_dict() == {"signals": {"unchanged": 1}}


def test_a_snapshot_prices_a_model_by_its_creators_own_list_price_else_the_cheapest_hosts():
    anthropic = ProviderFactory(slug="anthropic", is_creator=True, is_host=True)
    meta = ProviderFactory(slug="meta", is_creator=True)
    claude, llama = (
        ModelFactory(slug="claude-sonnet-4-5", creator=anthropic),
        ModelFactory(slug="llama-3-3-70b", creator=meta),
    )
    listed(claude, "anthropic", price=(3, 15))  # the creator's own price, though a host sells it cheaper
    listed(claude, "bedrock", price=(1, 1))
    listed(llama, "together", price=(1, 1))
    listed(llama, "deepinfra", price=(1, 1))  # a tie: the host first by slug
    listed(llama, "nebius")  # states no price

    listing_signals_derive(Counts(), {("litellm", SNAPSHOT)})

    assert cost() == {"claude-sonnet-4-5": (6.0, 0.0, 1.0, "anthropic"), "llama-3-3-70b": (1.0, 1.0, 0.7, "deepinfra")}
    assert Signal.objects.get(model=llama, signal_type=SignalType.COST).recorded_at == RECORDED


def test_an_earlier_snapshots_cost_follows_a_later_merge_and_a_rerun_writes_nothing():
    # Read in an earlier run: the creator's id and Bedrock's spelling as two entries, each priced there.
    anthropic = ProviderFactory(slug="anthropic", is_creator=True, is_host=True)
    plain = ModelFactory(slug="claude-2-1", creator=anthropic)
    bedrock = ModelFactory(slug="claude-v2-1", creator=anthropic)
    listed(plain, "anthropic", price=(8, 24))
    listed(bedrock, "bedrock", price=(4, 12))
    listing_signals_derive(Counts(), {("litellm", SNAPSHOT)})
    assert cost() == {"claude-2-1": (12.0, 0.0, 1.0, "anthropic"), "claude-v2-1": (6.0, 1.0, 0.7, "bedrock")}

    model_merge(merged=bedrock, kept=plain)  # a later file, or a curator, says they are one release

    # The release is priced from the listings of both ids in that snapshot: its creator's own price.
    assert cost() == {"claude-2-1": (12.0, 1.0, 1.0, "anthropic")}
    again = Counts()
    listing_signals_derive(again, {("litellm", SNAPSHOT)})
    assert again.as_dict() == {"signals": {"unchanged": 2}}


@pytest.mark.parametrize(
    ("prices", "stated"),
    [
        # The list price in force on the snapshot's day: not a later one, not a conditional one.
        (
            [
                PriceRecord(date(2026, 1, 1), {"input_per_million": Decimal("2"), "output_per_million": Decimal("6")}),
                PriceRecord(
                    date(2026, 5, 1), {"input_per_million": Decimal("1.5"), "output_per_million": Decimal("4")}
                ),
                PriceRecord(date(2026, 8, 1), {"input_per_million": Decimal("9"), "output_per_million": Decimal("9")}),
                PriceRecord(
                    date(2026, 6, 1),
                    {"input_per_million": Decimal("0.1"), "output_per_million": Decimal("0.1")},
                    conditions={"time_window": "16:30-00:30 UTC"},
                ),
            ],
            (Decimal("1.5"), Decimal("4")),
        ),
        # Amounts past Price's precision are rounded to it, so a re-run restates nothing.
        (
            [PriceRecord(date(2026, 1, 1), {"input_per_million": Decimal("0.123456789012"), "output_per_million": 1})],
            (Decimal("0.1234567890"), Decimal("1")),
        ),
        (
            [PriceRecord(date(2026, 1, 1), {"input_per_million": Decimal("2"), "output_per_million": None})],
            (None, None),
        ),
        ([], (None, None)),
    ],
)
def test_a_listing_states_the_list_price_in_force_on_its_snapshots_day(prices, stated):
    record = EndpointRecord(model_raw_id="m", host_slug="h", provider_model_id="m", prices=prices)

    assert tuple(stated_list_price(record, SNAPSHOT).values()) == stated


def test_listings_recorded_before_they_stated_prices_take_the_row_in_force_on_their_day():
    backfill = importlib.import_module("ingestion.migrations.0008_listing_stated_list_price").stated_list_prices
    endpoint = EndpointFactory()
    PriceFactory(endpoint=endpoint, source="litellm", effective_from=date(2026, 1, 1), input_per_million="2")
    PriceFactory(endpoint=endpoint, source="litellm", effective_from=date(2026, 3, 1), input_per_million="1")
    PriceFactory(endpoint=endpoint, source="openrouter", effective_from=date(2026, 1, 1), input_per_million="7")
    PriceFactory(endpoint=endpoint, source="litellm", effective_from=date(2026, 5, 1), withdrawn=True)
    before_any, february, april, after_withdrawal, other_source = (
        Listing.objects.create(source=source, endpoint=endpoint, as_of=as_of)
        for source, as_of in [
            ("litellm", date(2025, 12, 1)),
            ("litellm", date(2026, 2, 1)),
            ("litellm", date(2026, 4, 1)),
            ("litellm", date(2026, 6, 1)),
            ("openrouter", date(2026, 2, 1)),
        ]
    )

    backfill(apps, None)

    stated = {listing.pk: (listing.input_per_million, listing.output_per_million) for listing in Listing.objects.all()}
    assert stated == {
        before_any.pk: (None, None),
        february.pk: (Decimal("2"), Decimal("15")),
        april.pk: (Decimal("1"), Decimal("15")),
        after_withdrawal.pk: (None, None),
        other_source.pk: (Decimal("7"), Decimal("15")),
    }


def test_a_file_states_each_endpoints_price_once_as_its_price_rows_do_and_a_rerun_restates_nothing():
    # Two ids of one endpoint in one file: the first states no price, the second does, past Price's precision.
    endpoint = EndpointFactory(provider_model_id="claude-2-1")
    host = endpoint.host.slug
    amounts = {"input_per_million": Decimal("8.123456789012"), "output_per_million": Decimal("24.00000000005")}
    records = {
        (host, "claude-2-1"): EndpointRecord("claude-2-1", host, "claude-2-1"),
        (host, "claude-v2:1"): EndpointRecord(
            "claude-2-1", host, "claude-v2:1", prices=[PriceRecord(SNAPSHOT, amounts)]
        ),
    }
    batch = Batch(source="litellm", as_of=SNAPSHOT, endpoints=list(records.values()))
    endpoints = dict.fromkeys(records, endpoint)

    listings_record(batch=batch, endpoints=endpoints, records=records, counts=Counts())
    again = Counts()
    listings_record(batch=batch, endpoints=endpoints, records=records, counts=again)

    listing = Listing.objects.get(endpoint=endpoint)
    assert (listing.input_per_million, listing.output_per_million) == (
        Decimal("8.1234567890"),
        Decimal("24.0000000001"),
    )
    assert again.as_dict() == {"listings": {"unchanged": 1}}
