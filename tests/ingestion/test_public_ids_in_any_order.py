"""Slugs, aliases' spellings and providers' names follow the files, not the order they were ingested in.

Three small files in the shape of the real sources (a models.dev snapshot, a
LiteLLM price list and a genai-prices file) are ingested in date order and in
reverse; the API then answers the same, and a slug a model had on the way
still finds it.
"""

import json
from datetime import date

import pytest
from rest_framework.test import APIClient

from models_registry.models import FormerSlug, Model, Provider
from tests.conftest import make_key
from tests.ingestion.conftest import ingest

pytestmark = pytest.mark.django_db

CARD_DAY, PRICES_DAY = date(2026, 7, 1), date(2026, 8, 21)


def models_dev_snapshot(tmp_path):
    root = tmp_path / "models-dev"
    files = {
        "models/openai/gpt-4.1.toml": (
            'name = "GPT-4.1"\nrelease_date = "2025-04-14"\nlast_updated = "2025-04-14"\n'
            "[limit]\ncontext = 1_047_576\noutput = 32_768\n"
            '[modalities]\ninput = ["text", "image"]\noutput = ["text"]\n'
        ),
        "providers/mistral/provider.toml": 'name = "Mistral"\ndoc = "https://docs.mistral.ai/getting-started/models/"\n',
        "providers/mistral/models/mistral-medium-2505.toml": (
            'name = "Mistral Medium 3"\nrelease_date = "2025-05-07"\n'
            "[limit]\ncontext = 131_072\noutput = 131_072\n"
            '[modalities]\ninput = ["text", "image"]\noutput = ["text"]\n'
            "[cost]\ninput = 0.4\noutput = 2\n"
        ),
        "providers/nebius/provider.toml": 'name = "Nebius AI Studio"\ndoc = "https://docs.nebius.com/studio/"\n',
        "providers/nebius/models/deepseek-ai/DeepSeek-V3-0324.toml": (
            'name = "DeepSeek V3 0324"\n[limit]\ncontext = 128_000\noutput = 8_192\n'
            '[modalities]\ninput = ["text"]\noutput = ["text"]\n[cost]\ninput = 0.5\noutput = 1.5\n'
        ),
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def litellm_prices(tmp_path):
    chat = {"mode": "chat", "max_input_tokens": 1047576, "input_cost_per_token": 2e-6, "output_cost_per_token": 8e-6}
    path = tmp_path / "litellm.json"
    path.write_text(
        json.dumps(
            {
                "gpt-4.1": {"litellm_provider": "openai", **chat},
                "gpt-4.1-2025-04-14": {"litellm_provider": "openai", **chat},
                "mistral/mistral-medium-2505": {
                    "litellm_provider": "mistral",
                    "mode": "chat",
                    "input_cost_per_token": 4e-7,
                    "output_cost_per_token": 2e-6,
                },
            }
        )
    )
    return path


def genai_prices(tmp_path):
    path = tmp_path / "genai-prices-2026-08-21.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "deepseek",
                    "name": "Deepseek",
                    "pricing_urls": ["https://api-docs.deepseek.com/quick_start/pricing"],
                    "models": [{"id": "deepseek-chat", "name": "DeepSeek Chat", "prices": {"input_mtok": 0.27}}],
                },
                {
                    "id": "mistral",
                    "name": "Mistral",
                    "models": [
                        {"id": "mistral-medium-2505", "name": "Mistral Medium 3", "prices": {"input_mtok": 0.4}}
                    ],
                },
                {
                    "id": "nebius",
                    "name": "Nebius",
                    "models": [
                        {
                            "id": "deepseek-ai/DeepSeek-V3-0324",
                            "name": "DeepSeek V3 0324",
                            "prices": {"input_mtok": 0.5, "output_mtok": 1.5},
                        }
                    ],
                },
            ]
        )
    )
    return path


def files(tmp_path):
    return [
        ("models-dev", models_dev_snapshot(tmp_path), CARD_DAY),
        ("litellm", litellm_prices(tmp_path), CARD_DAY),
        ("genai-prices", genai_prices(tmp_path), PRICES_DAY),
    ]


ORDERS = {"in date order": False, "in reverse date order": True}

# What the API says of every model (slug -> maker, name of the maker, aliases), in either order.
EXPECTED_MODELS = {
    "deepseek-chat": ("deepseek", "DeepSeek", ["deepseek-chat"]),
    "deepseek-v3-0324": ("deepseek", "DeepSeek", ["deepseek-ai/DeepSeek-V3-0324"]),
    "gpt-4-1-2025-04-14": ("openai", "OpenAI", ["gpt-4.1-2025-04-14", "openai/gpt-4.1"]),
    "mistral-medium-2505": ("mistral", "Mistral AI", ["mistral-medium-2505"]),
}
EXPECTED_PROVIDERS = {
    "deepseek": ("DeepSeek", "known"),
    "mistral": ("Mistral AI", "known"),
    "nebius": ("Nebius AI Studio", "source"),
    "openai": ("OpenAI", "known"),
}


def api() -> APIClient:
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("pro"))
    return client


def answers(client: APIClient) -> dict:
    listed = client.get("/v1/models?limit=100").json()["data"]
    details = {m["slug"]: client.get(f"/v1/models/{m['slug']}").json()["data"] for m in listed}
    return {
        slug: (data["provider"]["slug"], data["provider"]["name"], data["aliases"]) for slug, data in details.items()
    }


@pytest.mark.parametrize("reverse", ORDERS.values(), ids=ORDERS.keys())
def test_two_orders_give_the_same_slugs_aliases_and_provider_names(tmp_path, reverse):
    steps = files(tmp_path)
    for pipeline, path, as_of in reversed(steps) if reverse else steps:
        ingest(pipeline, path, as_of=as_of)

    assert answers(api()) == EXPECTED_MODELS
    providers = {p.slug: (p.name, p.name_basis) for p in Provider.objects.filter(slug__in=EXPECTED_PROVIDERS)}
    assert providers == EXPECTED_PROVIDERS


def test_a_slug_a_model_had_before_the_maker_dated_it_still_finds_it(tmp_path):
    (_, models_dev, card_day), (_, litellm, _), (_, genai, prices_day) = files(tmp_path)
    ingest("genai-prices", genai, as_of=prices_day)
    ingest("litellm", litellm, as_of=card_day)
    # A price list alone cannot tell the floating name from its snapshot: two entries for now.
    assert set(Model.objects.filter(creator__slug="openai").values_list("slug", flat=True)) == {
        "gpt-4-1",
        "gpt-4-1-2025-04-14",
    }

    ingest(
        "models-dev", models_dev, as_of=card_day
    )  # the maker's card dates gpt-4.1: one release, under its snapshot's id

    gpt = Model.objects.get(creator__slug="openai")
    assert gpt.slug == "gpt-4-1-2025-04-14"
    assert list(FormerSlug.objects.filter(model=gpt).values_list("slug", flat=True)) == ["gpt-4-1"]
    client = api()
    response = client.get("/v1/models/gpt-4-1")
    assert response.status_code == 200
    data = response.json()["data"]
    assert {key: data[key] for key in ("slug", "name", "provider", "aliases")} == {
        "slug": "gpt-4-1-2025-04-14",
        "name": "GPT-4.1",
        "provider": {"name": "OpenAI", "slug": "openai"},
        "aliases": ["gpt-4.1-2025-04-14", "openai/gpt-4.1"],
    }
    openmodels = client.get("/api/models/gpt-4-1")
    assert openmodels.status_code == 200
    assert (openmodels.json()["id"], openmodels.json()["aliases"]) == (
        "gpt-4-1-2025-04-14",
        ["gpt-4.1-2025-04-14", "openai/gpt-4.1"],
    )
    page = client.get("/models/gpt-4-1/")
    assert (page.status_code, page["Location"]) == (301, "/models/gpt-4-1-2025-04-14/")
