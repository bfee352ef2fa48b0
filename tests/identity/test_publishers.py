"""Who published an id: fine-tuners' orgs, republished releases, creators' regional APIs, routers."""

import json
from datetime import date

import pytest

from ingestion.services import data_source_for, pipeline_run
from ingestion.sources.providers import fine_tuner, models_dev_creator_api
from models_registry.identity import IdentityResolver
from models_registry.identity.normalize import names_a_router, normalize_model_id, republishing_org
from models_registry.models import Endpoint, Model, ModelAlias, Provider, UnresolvedIdentifier
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory


@pytest.mark.parametrize(
    ("raw_id", "found"),
    [
        ("TheDrummer/Cydonia-24B-v4", ("TheDrummer", "Cydonia-24B-v4")),
        ("novita/sao10k/l31-70b-euryale-v2.2", ("sao10k", "l31-70b-euryale-v2.2")),
        ("sao10k/l31-70b-euryale-v2.2:free", ("sao10k", "l31-70b-euryale-v2.2")),
        ("unsloth/gemma-3-12b-it", ("unsloth", "gemma-3-12b-it")),
        ("@cf/fblgit/una-cybertron-7b-v2-bf16", ("fblgit", "una-cybertron-7b-v2-bf16")),
        # Known publishers name their maker by other rules; hosts and routes are not orgs.
        ("meta-llama/Llama-3.3-70B-Instruct", None),
        ("openrouter/auto", None),
        ("accounts/fireworks/models/mythomax-l2-13b", None),
        # A known publisher's product path, an operation, a bare version: no repository.
        ("fal_ai/fal-ai/moondream3-preview/query", None),
        ("azure/speech/azure-tts", None),
        ("fal_ai/fal-ai/flux-pro/v1.1-ultra", None),
        ("gpt-4o", None),
    ],
)
def test_an_org_slash_name_repository_names_its_publishing_org(raw_id, found):
    assert republishing_org(raw_id) == found


@pytest.mark.parametrize(
    ("raw_id", "maker"),
    [
        ("TheDrummer/Cydonia-24B-v4", "thedrummer"),
        ("huihui-ai/DeepSeek-R1-Distill-Qwen-32B-abliterated", "huihui-ai"),  # two labs' brands: a derivative
        ("LGAI-EXAONE/EXAONE-4.0.1-32B", "lgai-exaone"),
        ("nanogpt/coding-router:max", None),  # the host's own namespace
        ("chutesai/Mistral-Small-3.2-24B-Instruct-2506", None),
        ("unsloth/Mistral-Small-24B-Instruct-2501", None),  # one lab's brand under another org: a re-upload?
        ("Sao10K/L3-8B-Stheno-v3.2", "sao10k"),
    ],
)
def test_a_fine_tuners_org_is_the_maker_unless_it_is_a_host_or_the_name_is_a_labs(raw_id, maker):
    assert fine_tuner(raw_id, hosts=frozenset({"nano-gpt", "chutes", "togetherai"})) == maker


@pytest.mark.parametrize(
    ("directory", "creator"),
    [
        ("alibaba", "alibaba"),
        ("alibaba-cn", "alibaba"),
        ("alibaba-token-plan-cn", "alibaba"),
        ("minimax-cn-coding-plan", "minimax"),
        ("zai-coding-plan", "zhipuai"),
        ("xiaomi-token-plan-ams", "xiaomi"),
        ("moonshotai-cn", "moonshotai"),
        ("kimi-for-coding", "moonshotai"),
        ("upstage", "upstage"),
        ("google-vertex", None),
        ("google-vertex-anthropic", None),
        ("the-grid-ai", None),
        ("fireworks-ai", None),
    ],
)
def test_a_creators_regional_or_plan_api_is_its_own(directory, creator):
    assert models_dev_creator_api(directory) == creator


@pytest.mark.parametrize(
    ("normalized", "router"),
    [("auto", True), ("model-router", True), ("coding-router", True), ("auto-instant", True), ("gpt-4o", False)],
)
def test_routers_are_recognised(normalized, router):
    assert names_a_router(normalized) is router


def test_bedrocks_regional_and_india_prefixes_come_off():
    assert normalize_model_id("regional.anthropic.claude-3-haiku-20240307-v1:0") == "claude-3-haiku-20240307"
    assert normalize_model_id("in.moonshotai.kimi-k3") == normalize_model_id("kimi-k3")


@pytest.mark.django_db
def test_a_repository_named_as_a_known_release_resolves_to_it_by_the_republished_rule():
    gemma = ModelFactory(slug="gemma-3-12b-it")
    ModelAliasFactory(model=gemma, alias="gemma-3-12b-it", normalized=normalize_model_id("gemma-3-12b-it"))
    resolver = IdentityResolver(source="models-dev")

    for raw_id in ("unsloth/gemma-3-12b-it", "pearl-ai/gemma-3-12b-it-FP8"):
        match = resolver.explain(raw_id)
        assert (match.model_id, match.rule) == (gemma.pk, "republished")
    assert resolver.explain("unsloth/gemma-3-27b-it") is None


@pytest.mark.django_db
def test_the_resolve_endpoint_names_the_republished_rule(api_client):
    gemma = ModelFactory(slug="gemma-3-12b-it", name="Gemma 3 12B", creator=ProviderFactory(slug="google"))
    ModelAliasFactory(model=gemma, alias="gemma-3-12b-it", normalized="gemma-3-12b-it")

    response = api_client.get("/v1/resolve", {"id": "unsloth/gemma-3-12b-it"})

    assert response.status_code == 200
    body = response.json()["data"]
    assert (body["rule"], body["model"]["slug"], body["evidence"]["alias"]["alias"]) == (
        "republished",
        "gemma-3-12b-it",
        "gemma-3-12b-it",
    )


@pytest.mark.django_db
def test_a_host_file_creates_fine_tunes_under_their_orgs_and_never_a_router(tmp_path):
    gemma = ModelFactory(slug="gemma-3-12b-it", creator=ProviderFactory(slug="google"))
    ModelAliasFactory(model=gemma, alias="gemma-3-12b-it", normalized="gemma-3-12b-it")
    chat = {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
    entries = {
        "novita/sao10k/l31-70b-euryale-v2.2": {"litellm_provider": "novita", **chat},
        "together_ai/unsloth/gemma-3-12b-it": {"litellm_provider": "together_ai", **chat},
        "together_ai/unsloth/Mistral-Small-24B-Instruct-2501": {"litellm_provider": "together_ai", **chat},
        "cognition/auto": {"litellm_provider": "cognition", **chat},
        "cognition/swe-1.7": {"litellm_provider": "cognition", **chat},
    }
    path = tmp_path / "litellm.json"
    path.write_text(json.dumps(entries))

    pipeline_run(source=data_source_for("litellm"), path=path, as_of=date(2026, 7, 1))

    euryale = Model.objects.get(slug="l31-70b-euryale-v2-2")
    assert (euryale.creator.slug, euryale.creator.name) == ("sao10k", "sao10k")
    assert Endpoint.objects.get(provider_model_id="unsloth/gemma-3-12b-it").model == gemma
    assert ModelAlias.objects.get(alias="unsloth/gemma-3-12b-it").model == gemma
    assert Model.objects.get(slug="swe-1-7").creator.slug == "cognition"
    assert not Model.objects.filter(slug="auto").exists()
    queued = set(UnresolvedIdentifier.objects.values_list("raw_id", flat=True))
    assert queued == {"unsloth/Mistral-Small-24B-Instruct-2501", "auto"}
    assert Provider.objects.filter(slug="unsloth").exists() is False


@pytest.mark.django_db
def test_a_bare_or_known_publishers_id_names_the_one_repository_of_that_name():
    goliath = ModelFactory(slug="goliath-120b")
    row = ModelAliasFactory(
        model=goliath, alias="alpindale/goliath-120b", normalized=normalize_model_id("alpindale/goliath-120b")
    )
    magnum_a, magnum_b = ModelFactory(slug="magnum-72b"), ModelFactory(slug="anthracite-magnum-72b")
    for model, alias in ((magnum_a, "alpindale/magnum-72b"), (magnum_b, "anthracite-org/magnum-72b")):
        ModelAliasFactory(model=model, alias=alias, normalized=normalize_model_id(alias))
    resolver = IdentityResolver(source="genai-prices")

    for raw_id in ("goliath-120b", "meta-llama/goliath-120b"):
        match = resolver.explain(raw_id)
        assert (match.model_id, match.rule, match.evidence.key) == (goliath.pk, "republished", row.alias)
    assert resolver.explain("magnum-72b") is None  # two orgs publish that name: a curator decides
    assert resolver.explain("undi95/goliath-120b") is None  # another org's repository of the name: its own
