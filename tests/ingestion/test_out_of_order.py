"""Older snapshots never overwrite newer truth; absence from a newer snapshot retires a listing.

Per source the newest snapshot wins and an older one only fills history. Each
source is tested with small snapshots in its real shape, ingested newest first
and oldest first: the catalog's current state is the same.
"""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ingestion.models import Listing
from models_registry.identity import normalize_model_id
from models_registry.models import Endpoint, Model
from pricing.calculator import Usage
from pricing.models import Price
from pricing.selectors import canonical_prices, price_estimates, prices_in_force
from rankings.models import Signal
from tests.factories import ModelAliasFactory, ModelFactory
from tests.ingestion.conftest import ingest

pytestmark = pytest.mark.django_db

OLD, MIDDLE, NEW = date(2025, 1, 1), date(2025, 9, 1), date(2026, 7, 1)
ORDERS = {"in date order": (OLD, NEW), "newest first": (NEW, OLD)}
TODAY = date(2026, 11, 1)


def price_of(slug: str, on: date = TODAY) -> tuple | None:
    model = Model.objects.get(slug=slug)
    price = canonical_prices([model.pk], on=on).get(model.pk)
    return None if price is None else (price.input_per_million.normalize(), price.output_per_million.normalize())


def calculator_slugs() -> set[str]:
    return {model.slug for model, _ in price_estimates(Usage(input_tokens=Decimal(1_000_000)))}


def usd(text: str) -> Decimal:
    return Decimal(text).normalize()


# --- LiteLLM -----------------------------------------------------------------


def litellm_file(tmp_path, entries: dict):
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "model_prices_and_context_window.json"
    path.write_text(json.dumps(entries))
    return path


def litellm_entry(input_per_million: float, output_per_million: float, **extra) -> dict:
    return {
        "litellm_provider": "openai",
        "mode": "chat",
        "max_input_tokens": 128000,
        "input_cost_per_token": input_per_million / 1e6,
        "output_cost_per_token": output_per_million / 1e6,
        **extra,
    }


@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_an_older_litellm_release_only_fills_history(tmp_path, order):
    snapshots = {
        # The older release priced gpt-x higher and still listed gpt-old, retired since.
        OLD: {"gpt-x": litellm_entry(3, 9), "gpt-old": litellm_entry(60, 120)},
        NEW: {"gpt-x": litellm_entry(2, 6)},
    }
    for day in order:
        ingest("litellm", litellm_file(tmp_path, snapshots[day]), as_of=day)

    assert price_of("gpt-x") == (usd("2"), usd("6"))
    assert price_of("gpt-x", on=date(2025, 6, 1)) == (usd("3"), usd("9"))
    old = Model.objects.get(slug="gpt-old")
    assert old.status == "retired"
    assert list(old.endpoints.values_list("status", flat=True)) == ["retired"]
    assert price_of("gpt-old") is None
    assert price_of("gpt-old", on=date(2025, 6, 1)) == (usd("60"), usd("120"))
    assert calculator_slugs() == {"gpt-x"}
    # Its series ends at the first snapshot that no longer lists it.
    rows = Price.objects.filter(endpoint__model=old).order_by("effective_from")
    assert [(r.effective_from, r.withdrawn) for r in rows] == [(OLD, False), (NEW, True)]


def test_re_running_either_litellm_release_changes_nothing(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = litellm_file(tmp_path / "old", {"gpt-x": litellm_entry(3, 9), "gpt-old": litellm_entry(60, 120)})
    new = litellm_file(tmp_path / "new", {"gpt-x": litellm_entry(2, 6)})
    ingest("litellm", new, as_of=NEW)
    ingest("litellm", old, as_of=OLD)

    for path, day in ((new, NEW), (old, OLD)):
        assert ingest("litellm", path, as_of=day).changed is False


def test_a_listing_back_in_a_newer_snapshot_is_active_and_priced_again(tmp_path):
    ingest("litellm", litellm_file(tmp_path, {"gpt-x": litellm_entry(2, 6), "gpt-y": litellm_entry(1, 1)}), as_of=OLD)
    ingest("litellm", litellm_file(tmp_path, {"gpt-x": litellm_entry(2, 6)}), as_of=MIDDLE)
    assert Endpoint.objects.get(provider_model_id="gpt-y").status == "retired"

    ingest("litellm", litellm_file(tmp_path, {"gpt-x": litellm_entry(2, 6), "gpt-y": litellm_entry(1, 2)}), as_of=NEW)

    assert Endpoint.objects.get(provider_model_id="gpt-y").status == "active"
    assert price_of("gpt-y") == (usd("1"), usd("2"))
    assert price_of("gpt-y", on=date(2026, 1, 1)) is None


# --- models.dev --------------------------------------------------------------


def models_dev_snapshot(tmp_path, day: date, models: dict[str, tuple[str, str]]):
    """An unpacked models.dev snapshot: OpenAI's own API listing ``models`` (id -> (input, output))."""
    root = tmp_path / f"models-dev-{day.isoformat()}"
    folder = root / "providers" / "openai" / "models"
    folder.mkdir(parents=True)
    (root / "providers" / "openai" / "provider.toml").write_text('name = "OpenAI"\n')
    for model_id, (input_price, output_price) in models.items():
        (folder / f"{model_id}.toml").write_text(
            f'name = "{model_id}"\nrelease_date = "2024-05-13"\n\n[cost]\ninput = {input_price}\n'
            f"output = {output_price}\n\n[limit]\ncontext = 128_000\noutput = 16_384\n"
        )
    return root


def test_a_middle_models_dev_snapshot_ingested_last_puts_no_dropped_listing_back(tmp_path):
    old = models_dev_snapshot(tmp_path, OLD, {"gpt-a": ("2.5", "10"), "gpt-b": ("0.1", "0.2")})
    middle = models_dev_snapshot(tmp_path, MIDDLE, {"gpt-a": ("2.5", "10"), "gpt-b": ("0", "0")})
    new = models_dev_snapshot(tmp_path, NEW, {"gpt-a": ("2", "8")})
    ingest("models-dev", old)
    ingest("models-dev", new)
    dropped = Endpoint.objects.get(provider_model_id="gpt-b")
    assert dropped.status == "retired"

    result = ingest("models-dev", middle)

    dropped.refresh_from_db()
    assert dropped.status == "retired"
    assert price_of("gpt-b", on=TODAY) is None
    assert "gpt-b" not in calculator_slugs()
    assert price_of("gpt-b", on=date(2025, 10, 1)) == (usd("0"), usd("0"))
    assert price_of("gpt-a", on=TODAY) == (usd("2"), usd("8"))
    assert result.counts["endpoints"].get("retired", 0) == 0
    assert ingest("models-dev", middle).changed is False


def test_a_listing_dropped_by_the_newer_models_dev_snapshot_is_retired_as_of_it(tmp_path):
    ingest("models-dev", models_dev_snapshot(tmp_path, OLD, {"gpt-a": ("2.5", "10"), "gpt-b": ("1", "2")}))

    result = ingest("models-dev", models_dev_snapshot(tmp_path, NEW, {"gpt-a": ("2.5", "10")}))

    assert result.counts["endpoints"]["retired"] == 1
    endpoint = Endpoint.objects.get(provider_model_id="gpt-b")
    assert endpoint.status == "retired"
    assert endpoint.prices.get(withdrawn=True).effective_from == NEW
    assert set(Listing.objects.filter(endpoint=endpoint).values_list("as_of", flat=True)) == {OLD}


# --- OpenRouter --------------------------------------------------------------


def openrouter_snapshot(tmp_path, day: date, models: dict[str, tuple[str, str]]):
    rows = [
        {
            "id": model_id,
            "canonical_slug": model_id,
            "name": model_id,
            "context_length": 128000,
            "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
            "pricing": {"prompt": prompt, "completion": completion},
            "top_provider": {"context_length": 128000, "max_completion_tokens": 4096},
        }
        for model_id, (prompt, completion) in models.items()
    ]
    path = tmp_path / f"openrouter-models-{day.isoformat()}.json"
    path.write_text(json.dumps({"data": rows}))
    return path


@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_an_older_openrouter_snapshot_only_fills_history(tmp_path, order):
    snapshots = {
        OLD: {"openai/gpt-x": ("0.000003", "0.000009"), "openai/gpt-gone": ("0.00006", "0.00012")},
        NEW: {"openai/gpt-x": ("0.000002", "0.000006")},
    }
    for day in order:
        ingest("openrouter", openrouter_snapshot(tmp_path, day, snapshots[day]))

    assert price_of("gpt-x") == (usd("2"), usd("6"))
    assert price_of("gpt-x", on=date(2025, 6, 1)) == (usd("3"), usd("9"))
    assert Endpoint.objects.get(provider_model_id="openai/gpt-gone").status == "retired"
    assert price_of("gpt-gone") is None
    assert "gpt-gone" not in calculator_slugs()
    assert set(
        Signal.objects.filter(source="openrouter", signal_type="cost").values_list("recorded_at", flat=True)
    ) == {
        datetime(2025, 1, 1, tzinfo=UTC),
        datetime(2026, 7, 1, tzinfo=UTC),
    }


# --- genai-prices ------------------------------------------------------------


def genai_snapshot(tmp_path, day: date, models: dict[str, tuple[float, float]]):
    data = [
        {
            "id": "openai",
            "name": "OpenAI",
            "models": [
                {"id": model_id, "name": model_id, "prices": {"input_mtok": i, "output_mtok": o}}
                for model_id, (i, o) in models.items()
            ],
        }
    ]
    path = tmp_path / f"genai-prices-{day.isoformat()}.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_an_older_genai_prices_snapshot_only_fills_history(tmp_path, order):
    snapshots = {OLD: {"gpt-x": (3, 9), "gpt-gone": (60, 120)}, NEW: {"gpt-x": (2, 6)}}
    for day in order:
        ingest("genai-prices", genai_snapshot(tmp_path, day, snapshots[day]))

    assert price_of("gpt-x") == (usd("2"), usd("6"))
    assert price_of("gpt-x", on=date(2025, 6, 1)) == (usd("3"), usd("9"))
    assert price_of("gpt-gone") is None
    assert Model.objects.get(slug="gpt-gone").status == "retired"


# --- arena -------------------------------------------------------------------


def test_an_older_arena_snapshot_adds_history_and_leaves_the_newest_alone(tmp_path):
    model = ModelFactory(slug="gpt-4o")
    ModelAliasFactory(model=model, alias="gpt-4o", normalized=normalize_model_id("gpt-4o"))
    newer = tmp_path / "leaderboard-text-2025-12-11.json"
    newer.write_text(json.dumps({"full": {"gpt-4o": {"rating": 1300.0}}}))
    older = tmp_path / "leaderboard-text-2025-03-07.json"
    older.write_text(json.dumps({"full": {"gpt-4o": {"rating": 1250.0}}}))
    ingest("arena", newer)

    ingest("arena", older)

    ratings = dict(Signal.objects.filter(source="arena").values_list("recorded_at", "raw_value"))
    assert ratings == {datetime(2025, 12, 11, tzinfo=UTC): 1300.0, datetime(2025, 3, 7, tzinfo=UTC): 1250.0}
    assert ingest("arena", older).changed is False
    assert ingest("arena", newer).changed is False


def test_prices_in_force_reads_each_sources_series(tmp_path):
    # models.dev still lists the endpoint; LiteLLM's newer release dropped it:
    # LiteLLM's series ends, models.dev's price stays in force.
    ingest("models-dev", models_dev_snapshot(tmp_path, OLD, {"gpt-x": ("2", "6")}))
    ingest("litellm", litellm_file(tmp_path, {"gpt-x": litellm_entry(2, 6)}), as_of=OLD)
    ingest("litellm", litellm_file(tmp_path, {"gpt-y": litellm_entry(1, 1)}), as_of=NEW)

    endpoint = Endpoint.objects.get(host__slug="openai", provider_model_id="gpt-x")
    assert endpoint.status == "active"
    assert prices_in_force(endpoint_ids=[endpoint.pk], on=TODAY)[endpoint.pk].source == "models-dev"


@pytest.mark.parametrize("older_first", [True, False], ids=["date order", "older after newer"])
def test_a_model_only_an_older_snapshot_lists_is_retired_in_either_order(tmp_path, older_first):
    # Known from a lab card only (no endpoint yet); an older LiteLLM release
    # lists it, the newer one does not. Nobody serves it now, whichever file came first.
    model = ModelFactory(slug="gpt-card", status="active")
    ModelAliasFactory(model=model, alias="gpt-card", normalized=normalize_model_id("gpt-card"))
    runs = [
        (litellm_file(tmp_path / "old", {"gpt-card": litellm_entry(5, 5)}), OLD),
        (litellm_file(tmp_path / "new", {"gpt-x": litellm_entry(2, 6)}), NEW),
    ]
    for path, as_of in runs if older_first else reversed(runs):
        ingest("litellm", path, as_of=as_of)

    model.refresh_from_db()
    assert model.status == "retired"
    assert list(model.endpoints.values_list("status", flat=True)) == ["retired"]
    assert price_of("gpt-card") is None


@pytest.mark.parametrize("host_first", [True, False], ids=["host first", "host last"])
def test_a_model_another_host_still_serves_is_active_in_either_order(tmp_path, host_first):
    # The maker's API dropped gpt-x in its newer snapshot; a host still lists it in its own newest file.
    maker_runs = [
        models_dev_snapshot(tmp_path / "a", OLD, {"gpt-x": ("2", "6")}),
        models_dev_snapshot(tmp_path / "b", NEW, {"gpt-y": ("1", "1")}),
    ]
    hosted = litellm_file(tmp_path / "c", {"azure/gpt-x": litellm_entry(2, 6, litellm_provider="azure")})
    if host_first:
        ingest("litellm", hosted, as_of=NEW)
    for snapshot in maker_runs:
        ingest("models-dev", snapshot)
    if not host_first:
        ingest("litellm", hosted, as_of=NEW)

    statuses = dict(Endpoint.objects.filter(model__slug="gpt-x").values_list("host__slug", "status"))
    assert statuses == {"openai": "retired", "azure": "active"}
    assert Model.objects.get(slug="gpt-x").status == "active"


# --- an endpoint's limits and status -------------------------------------------


def endpoint_state(provider_model_id: str, host: str = "openai") -> tuple:
    endpoint = Endpoint.objects.get(provider_model_id=provider_model_id, host__slug=host)
    return endpoint.context_window, endpoint.max_output_tokens, endpoint.status


@pytest.mark.parametrize("reference_first", [True, False], ids=["reference first", "reference last"])
def test_an_endpoints_limits_and_status_follow_the_reference_catalog_in_either_order(tmp_path, reference_first):
    # OpenAI's own API in models.dev (128k / 16k) and a LiteLLM release that
    # states other limits and a deprecation date already past for the same endpoint.
    reference = models_dev_snapshot(tmp_path / "md", NEW, {"gpt-x": ("2", "6")})
    other = litellm_file(
        tmp_path / "ll",
        {"gpt-x": litellm_entry(2, 6, max_input_tokens=200000, max_output_tokens=4096, deprecation_date="2026-01-01")},
    )
    runs = [("models-dev", reference, None), ("litellm", other, NEW)]
    for source, path, as_of in runs if reference_first else reversed(runs):
        ingest(source, path, as_of=as_of)

    assert endpoint_state("gpt-x") == (128000, 16384, "active")
    assert set(Listing.objects.values_list("source", "context_window", "deprecated")) == {
        ("models-dev", 128000, False),
        ("litellm", 200000, True),
    }


@pytest.mark.parametrize("order", ORDERS.values(), ids=ORDERS.keys())
def test_an_endpoints_limits_come_from_each_sources_newest_snapshot(tmp_path, order):
    snapshots = {
        OLD: {"gpt-x": litellm_entry(2, 6, max_input_tokens=100000, max_output_tokens=4096)},
        NEW: {"gpt-x": litellm_entry(2, 6, max_input_tokens=200000)},
    }
    for day in order:
        ingest("litellm", litellm_file(tmp_path / day.isoformat(), snapshots[day]), as_of=day)

    # The newer release's context; its silence on the output limit leaves the older one's standing.
    assert endpoint_state("gpt-x") == (200000, 4096, "active")
