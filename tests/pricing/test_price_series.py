"""One price series per (endpoint, source): sources that disagree never take turns.

Each source's rows for an endpoint are a series of their own. The endpoint is
served at the most authoritative source's series in force (curator, the
seller's own price list, models.dev, genai-prices, LiteLLM), on every
surface; history is that one series, and each row names its host and source.
"""

from datetime import date

import pytest

from pricing.precedence import source_rank
from pricing.selectors import canonical_prices, model_price_history, prices_in_force
from pricing.services import price_record
from tests.factories import EndpointFactory, ModelFactory, PriceFactory, ProviderFactory

pytestmark = pytest.mark.django_db

D1, D2, D3 = date(2026, 1, 1), date(2026, 1, 2), date(2026, 3, 1)


@pytest.fixture
def disputed():
    """A host's endpoint that models.dev prices 0.2/1.2 and LiteLLM 1/6, dated one day apart."""
    lab = ProviderFactory(slug="lab", name="Lab", is_host=True)
    host = ProviderFactory(slug="fastinfer", name="FastInfer", is_creator=False)
    model = ModelFactory(slug="model-m", creator=lab, release_date=date(2025, 12, 1))
    endpoint = EndpointFactory(model=model, host=host, provider_model_id="lab/model-m")
    PriceFactory(
        endpoint=endpoint, source="models-dev", input_per_million="0.2", output_per_million="1.2", effective_from=D1
    )
    PriceFactory(endpoint=endpoint, source="litellm", input_per_million="1", output_per_million="6", effective_from=D2)
    PriceFactory(
        endpoint=endpoint, source="litellm", input_per_million="0.9", output_per_million="5", effective_from=D3
    )
    return endpoint


def pricing(client, slug, **params):
    response = client.get(f"/v1/models/{slug}/pricing", params)
    assert response.status_code == 200
    return response.json()["data"]


def test_the_served_price_is_the_most_authoritative_series_whichever_row_is_newer(disputed):
    for on in (D1, D2, D3, date(2026, 6, 1)):
        price = prices_in_force(endpoint_ids=[disputed.pk], on=on)[disputed.pk]
        assert (price.source, str(price.input_per_million.normalize())) == ("models-dev", "0.2")


def test_history_is_one_series_and_never_alternates_sources(api_client, disputed):
    data = pricing(api_client, "model-m", asOf="2026-06-01")

    rows = [data["current"], *data["history"]]
    assert [(row["source"], row["input_price_per_million"], row["output_price_per_million"]) for row in rows] == [
        ("models-dev", 0.2, 1.2)
    ]
    assert {row["host"]["slug"] for row in rows} == {"fastinfer"}


def test_a_source_filter_gives_that_sources_own_series(api_client, disputed):
    data = pricing(api_client, "model-m", source="litellm", asOf="2026-06-01")

    assert [
        (row["source"], row["updated_at"], row["input_price_per_million"])
        for row in [data["current"], *data["history"]]
    ] == [
        ("litellm", "2026-03-01", 0.9),
        ("litellm", "2026-01-02", 1),
    ]
    assert pricing(api_client, "model-m", source="openrouter") == {"current": None, "history": []}


def test_when_the_top_source_stops_listing_the_next_one_is_served(disputed):
    PriceFactory(endpoint=disputed, source="models-dev", effective_from=D3, withdrawn=True)

    assert prices_in_force(endpoint_ids=[disputed.pk], on=D2)[disputed.pk].source == "models-dev"
    after = prices_in_force(endpoint_ids=[disputed.pk], on=D3)[disputed.pk]
    assert (after.source, str(after.input_per_million.normalize())) == ("litellm", "0.9")
    history = model_price_history(model=disputed.model, on=D3)
    assert [p.source for p in [history.current, *history.history]] == ["litellm", "litellm"]


def test_a_curators_price_wins_over_every_source_until_the_next_curator_price(disputed):
    price_record(
        endpoint=disputed, effective_from=D2, source="curator", input_per_million="0.25", output_per_million="1.25"
    )
    PriceFactory(
        endpoint=disputed, source="models-dev", input_per_million="0.3", output_per_million="1.5", effective_from=D3
    )

    served = canonical_prices([disputed.model_id], on=date(2026, 6, 1))[disputed.model_id]
    assert (served.source, str(served.input_per_million.normalize())) == ("curator", "0.25")


def test_the_hosts_own_price_list_wins_on_its_own_endpoints_only():
    model = ModelFactory(slug="model-o")
    openrouter = EndpointFactory(model=model, host=ProviderFactory(slug="openrouter"), provider_model_id="lab/model-o")
    other = EndpointFactory(model=model, host=ProviderFactory(slug="together"), provider_model_id="lab/model-o")
    for endpoint in (openrouter, other):
        PriceFactory(endpoint=endpoint, source="models-dev", input_per_million="1", effective_from=D1)
        PriceFactory(endpoint=endpoint, source="openrouter", input_per_million="2", effective_from=D1)

    served = prices_in_force(endpoint_ids=[openrouter.pk, other.pk], on=D2)

    assert served[openrouter.pk].source == "openrouter"
    assert served[other.pk].source == "models-dev"


def test_openmodels_host_rows_show_the_served_series(client, disputed):
    rows = client.get("/api/models/model-m/providers").json()["data"]

    (row,) = rows
    assert (row["pricing"]["input_per_million"], row["pricing"]["output_per_million"]) == (0.2, 1.2)


def test_valid_from_is_never_before_the_release(api_client):
    lab = ProviderFactory(slug="lab2", name="Lab Two", is_host=True)
    model = ModelFactory(slug="model-r", creator=lab, release_date=date(2026, 2, 1))
    # A snapshot listed it (pre-announced) before its release.
    PriceFactory(endpoint=EndpointFactory(model=model, host=lab), input_per_million="1", effective_from=D1)

    assert pricing(api_client, "model-r", asOf="2026-01-31") == {"current": None, "history": []}
    current = pricing(api_client, "model-r", asOf="2026-02-01")["current"]
    assert (current["updated_at"], current["valid_from"]) == ("2026-01-01", "2026-02-01")


@pytest.mark.parametrize(
    ("better", "worse", "host"),
    [
        ("curator", "official", "lab"),
        ("official", "models-dev", "lab"),
        ("openrouter", "models-dev", "openrouter"),
        ("models-dev", "openrouter", "together"),
        ("models-dev", "genai-prices", "lab"),
        ("genai-prices", "litellm", "lab"),
        ("litellm", "some-new-feed", "lab"),
    ],
)
def test_source_rank_orders_pin_seller_catalog_aggregators(better, worse, host):
    assert source_rank(better, host_slug=host) < source_rank(worse, host_slug=host)
