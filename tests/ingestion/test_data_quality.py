"""What a catalog user would trip over: another lab's model credited to its host."""

import json
from datetime import date

import pytest

from ingestion.sources.providers import brand_creator, foreign_creator
from models_registry.identity import normalize_model_id
from models_registry.models import Endpoint, Model, ModelAlias, UnresolvedIdentifier
from models_registry.selectors import model_by_slug_or_alias
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory
from tests.ingestion.conftest import OPENROUTER, ingest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model_id", "creator", "owner"),
    [
        ("claude-3-opus", "google", "anthropic"),
        ("claude-4-sonnet", "google", "anthropic"),
        ("glm-5.1", "alibaba", "zhipuai"),
        ("openai/gpt-5.2", "perplexity", "openai"),
        ("gemini-2.5-pro", "google", None),
        ("llama-3.1-sonar-large-128k-online", "perplexity", None),
        ("codellama-34b-instruct", "perplexity", "meta"),
        ("qwen3-32b", "alibaba", None),
        ("r1-1776", "perplexity", None),
        # The leading brand names the maker, whatever base follows it: R1 distilled into Qwen or Llama is DeepSeek's.
        ("deepseek-r1-distill-qwen-32b", "alibaba", "deepseek"),
        ("deepseek-r1-distill-qwen-1-5b", "alibaba", "deepseek"),
        ("deepseek-r1-distill-llama-70b", "alibaba", "deepseek"),
        ("deepseek-r1-distill-qwen-32b", "deepseek", None),
        ("deepseek-ai/DeepSeek-R1-Distill-Qwen-14B", "alibaba", "deepseek"),
        # A lab's own model that names another's brand later stays the lab's.
        ("qwen2.5-coder-32b-instruct-distill-deepseek", "alibaba", None),
        # Llama's licence makes derivatives lead with "Llama": the listing creator's own brand later signs it.
        ("llama-3.3-nemotron-super-49b-v1.5", "nvidia", None),
        ("llama-3.1-70b-instruct", "nvidia", "meta"),
    ],
)
def test_it_names_the_lab_whose_model_a_creator_resells(model_id, creator, owner):
    assert foreign_creator(model_id, creator) == owner


def test_brands_match_whole_prefixes_only():
    assert (brand_creator("o3-mini"), brand_creator("gpt-4o"), brand_creator("qwen3-32b")) == (
        "openai",
        "openai",
        "alibaba",
    )
    assert (brand_creator("omni-moderation"), brand_creator("phoenix-1"), brand_creator("novel-x")) == (None,) * 3


def genai_prices_file(tmp_path, models: list[dict]):
    path = tmp_path / "genai-prices-2026-08-21.json"
    path.write_text(json.dumps([{"id": "google", "name": "Google", "models": models}]))
    return path


def test_a_creators_listing_of_another_labs_model_creates_it_under_that_lab(tmp_path):
    path = genai_prices_file(
        tmp_path,
        [
            {"id": "claude-3-opus", "name": "Claude 3 Opus", "prices": {"input_mtok": 15, "output_mtok": 75}},
            {"id": "gemini-2.5-pro", "name": "Gemini 2.5 Pro", "prices": {"input_mtok": 1.25, "output_mtok": 10}},
        ],
    )

    run = ingest("genai-prices", path, as_of=date(2026, 8, 21))

    # Claude is a brand only Anthropic ships under: Google's listing names its maker with certainty.
    assert sorted(Model.objects.values_list("slug", "creator__slug")) == [
        ("claude-3-opus", "anthropic"),
        ("gemini-2-5-pro", "google"),
    ]
    assert not UnresolvedIdentifier.objects.filter(source="genai-prices").exists()
    assert run.counts["models"] == {"created": 2}


def test_claude_4_written_version_first_resolves_to_anthropics_model(tmp_path):
    anthropic = tmp_path / "genai-prices-2026-08-20.json"
    anthropic.write_text(
        json.dumps(
            [
                {
                    "id": "anthropic",
                    "models": [{"id": "claude-sonnet-4-0", "prices": {"input_mtok": 3, "output_mtok": 15}}],
                }
            ]
        )
    )
    ingest("genai-prices", anthropic, as_of=date(2026, 8, 20))
    google = genai_prices_file(tmp_path, [{"id": "claude-4-sonnet", "prices": {"input_mtok": 3, "output_mtok": 15}}])

    ingest("genai-prices", google, as_of=date(2026, 8, 21))

    model = Model.objects.get()
    assert (model.slug, model.creator.slug) == ("claude-sonnet-4-0", "anthropic")
    assert set(ModelAlias.objects.values_list("alias", "normalized")) == {("claude-sonnet-4-0", "claude-sonnet-4")}
    assert set(model.endpoints.values_list("host__slug", "provider_model_id")) == {
        ("anthropic", "claude-sonnet-4-0"),
        ("google", "claude-4-sonnet"),
    }
    assert not UnresolvedIdentifier.objects.exists()


def test_new_models_get_slugs_as_their_makers_write_the_id():
    ingest("openrouter", OPENROUTER)

    slugs = {
        alias: Model.objects.get(aliases__normalized=normalize_model_id(alias)).slug
        for alias in (
            "qwen/qwen3-32b",
            "mistralai/mistral-7b-instruct-v0.1",
            "openai/o3-mini",
            "openai/gpt-4o-2024-08-06",
        )
    }
    assert slugs == {
        "qwen/qwen3-32b": "qwen3-32b",
        "mistralai/mistral-7b-instruct-v0.1": "mistral-7b-instruct-v0-1",
        "openai/o3-mini": "o3-mini",
        "openai/gpt-4o-2024-08-06": "gpt-4o-2024-08-06",
    }


def test_a_model_created_under_an_older_slug_still_takes_its_ids():
    alibaba = ProviderFactory(slug="alibaba", name="Alibaba")
    old = ModelFactory(slug="qwen-3-32b", creator=alibaba)
    ModelAliasFactory(model=old, alias="qwen/qwen3-32b", normalized="qwen-3-32b")

    ingest("openrouter", OPENROUTER)

    assert Model.objects.get(aliases__normalized="qwen-3-32b") == old
    assert Endpoint.objects.get(host__slug="openrouter", provider_model_id="qwen/qwen3-32b").model == old
    # No second model: the old one now has the slug its maker's id gives, and its old slug still finds it.
    assert list(Model.objects.filter(slug__in=["qwen3-32b", "qwen-3-32b"]).values_list("pk", "slug")) == [
        (old.pk, "qwen3-32b")
    ]
    assert model_by_slug_or_alias("qwen-3-32b") == old
