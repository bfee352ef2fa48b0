"""Demand is derived from every snapshot's listings: hosts listing a model there, as the endpoints now stand
(docs/ingestion.md, "Signals")."""

from datetime import UTC, date, datetime

import pytest

from ingestion.models import Listing
from ingestion.writers import Counts
from ingestion.writers.signals import DEMAND_KEY, demand_derive
from models_registry.merge import model_merge
from models_registry.models import Endpoint
from rankings.models import Signal, SignalType
from tests.factories import EndpointFactory, ModelFactory, ProviderFactory, SignalFactory

pytestmark = pytest.mark.django_db

SNAPSHOT = date(2026, 7, 1)
RECORDED = datetime(2026, 7, 1, tzinfo=UTC)


def listed(model, host_slug: str, *, source: str = "litellm", deprecated: bool | None = None) -> Endpoint:
    host = ProviderFactory(slug=host_slug, is_host=True)
    endpoint = EndpointFactory(model=model, host=host, provider_model_id=f"{host_slug}/{model.slug}")
    Listing.objects.create(source=source, endpoint=endpoint, as_of=SNAPSHOT, deprecated=deprecated)
    return endpoint


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

    demand_derive(Counts(), {("litellm", SNAPSHOT)})

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
    demand_derive(Counts(), {("litellm", SNAPSHOT)})
    assert demand() == {"claude-2-1": (1.0, 0.63093), "claude-v2-1": (2.0, 1.0)}

    model_merge(merged=bedrock, kept=plain)

    assert demand() == {"claude-2-1": (3.0, 1.0)}


def test_a_count_follows_its_endpoint_to_the_release_it_serves_now_and_a_rerun_writes_nothing():
    creator = ProviderFactory(slug="mistral", is_creator=True)
    floating, snapshot = ModelFactory(slug="mistral-small", creator=creator), ModelFactory(slug="mistral-small-2506")
    endpoint = listed(floating, "helicone")
    listed(snapshot, "nebius")
    demand_derive(Counts(), {("litellm", SNAPSHOT)})
    SignalFactory(model=floating, source="openrouter", signal_type=SignalType.DEMAND, dedupe_key=DEMAND_KEY)

    Endpoint.objects.filter(pk=endpoint.pk).update(model=snapshot)  # a later file says which release it serves
    counts = Counts()
    demand_derive(counts, {("litellm", SNAPSHOT)})

    assert demand()["mistral-small-2506"] == (2.0, 1.0)
    # The floating name's count of this snapshot is gone; another source's snapshot is not this one's to judge.
    assert list(Signal.objects.filter(model=floating).values_list("source", flat=True)) == ["openrouter"]
    assert counts.as_dict()["signals"] == {"removed": 1, "updated": 1}

    again = Counts()
    demand_derive(again, {("litellm", SNAPSHOT)})
    assert again.as_dict() == {"signals": {"unchanged": 1}}
