"""Who published an id: fine-tuners' orgs, republished releases, creators' regional APIs, routers."""

import json
from datetime import date

import pytest

from ingestion.services import data_source_for, pipeline_run
from ingestion.sources.providers import fine_tuner, models_dev_creator_api, renamed_by_a_fine_tuner
from ingestion.writers.catalog import sole_publisher
from models_registry.identity import IdentityResolver
from models_registry.identity.normalize import names_a_price_slot, names_a_router, normalize_model_id, republishing_org
from models_registry.merge import merge_refusal
from models_registry.models import Endpoint, Model, ModelAlias, ModelFact, Provider, UnresolvedIdentifier
from models_registry.provenance import PUBLISHER_OF_RECORD
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory


@pytest.mark.parametrize(
    ("raw_id", "found"),
    [
        ("TheDrummer/Cydonia-24B-v4", ("TheDrummer", "Cydonia-24B-v4")),
        ("novita/sao10k/l31-70b-euryale-v2.2", ("sao10k", "l31-70b-euryale-v2.2")),
        ("sao10k/l31-70b-euryale-v2.2:free", ("sao10k", "l31-70b-euryale-v2.2")),
        ("unsloth/gemma-3-12b-it", ("unsloth", "gemma-3-12b-it")),
        ("@cf/fblgit/una-cybertron-7b-v2-bf16", ("fblgit", "una-cybertron-7b-v2-bf16")),
        # Cloudflare's path always names the org, even one that also hosts, and whatever the name looks like.
        ("@cf/facebook/bart-large-cnn", ("facebook", "bart-large-cnn")),
        ("workers-ai/@cf/deepgram/aura-2-en", ("deepgram", "aura-2-en")),
        ("@hf/thebloke/deepseek-coder-6.7b-base-awq", ("thebloke", "deepseek-coder-6.7b-base-awq")),
        # A name its org capitalises, as repositories are written, needs no version or size.
        ("thinkingmachines/Inkling", ("thinkingmachines", "Inkling")),
        ("deepinfra/thinkingmachines/Inkling-Small", ("thinkingmachines", "Inkling-Small")),
        # Known publishers name their maker by other rules; hosts and routes are not orgs.
        ("meta-llama/Llama-3.3-70B-Instruct", None),
        ("openrouter/auto", None),
        ("accounts/fireworks/models/mythomax-l2-13b", None),
        # A known publisher's product path, an operation, a bare version: no repository.
        ("fal_ai/fal-ai/moondream3-preview/query", None),
        ("azure/speech/azure-tts", None),
        ("nebius/reflection/beam", None),  # a product path in lower case, without a version
        # LiteLLM's routes to an API, whatever the key's case.
        ("gigachat/Embeddings", None),
        ("transcribe/StartTranscriptionJob", None),
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
        ("thinkingmachines/Inkling", "thinkingmachines"),
        ("snorkelai/Snorkel-Mistral-PairRM-DPO", "snorkelai"),  # the org's own name beside a lab's brand
        ("@cf/facebook/bart-large-cnn", "meta"),  # Facebook's Hugging Face org is Meta
        ("@cf/myshell-ai/melotts", "myshell-ai"),
        # Quantisers and re-uploaders repackage others' weights: never the maker.
        ("@cf/thebloke/discolm-german-7b-v1-awq", None),
        ("TheBloke/Mythomax-L2-13B", None),
        ("bartowski/Cydonia-24B-v4-GGUF", None),
        # A name signed by its org beside a lab's brand is the org's derivative, not a re-upload.
        ("ArliAI/QwQ-32B-ArliAI-RpR-v1", "arliai"),
        ("Open-Orca/Mistral-7B-OpenOrca", "open-orca"),
        ("mistral-community/Mistral-7B-v0.2", None),  # the lab's brand in the org's name signs nothing
        ("huihui-ai/Llama-3.3-70B-Instruct-abliterated", "huihui-ai"),  # no lab ships "abliterated" weights
        ("Sao10K/Llama-3.3-70B-Vulpecula-r1", "sao10k"),  # the org's own name for its weights after the size
        ("@cf/tiiuae/falcon-7b-instruct", "tii"),  # TII's Hugging Face org
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


@pytest.mark.parametrize(
    ("raw_id", "name", "router"),
    [
        ("nanogpt/coding-router:high", "Coding Router High", True),  # a router's effort is still the router
        ("accounts/fireworks/routers/firerouter", "", True),
        ("kilo-auto/balanced", "Kilo Auto Balanced", True),
        ("orcarouter/auto", "OrcaRouter Auto", True),
        ("openrouter/free", "Free Models Router", True),
        ("openrouter/pareto-code", "Pareto Code Router", True),
        ("route-llm", "Route LLM", True),
        # A stealth model in OpenRouter's namespace is a model; so is a name that starts with "auto".
        ("openrouter/owl-alpha", "Owl Alpha", False),
        ("autoglm-phone-9b", "AutoGLM Phone 9B", False),
        ("tc-code-latest", "Auto", False),
        ("gpt-4o", "GPT-4o", False),
    ],
)
def test_a_router_is_known_by_its_path_or_its_hosts_name_for_it(raw_id, name, router):
    assert names_a_router(normalize_model_id(raw_id), raw_id=raw_id, name=name) is router


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
@pytest.mark.parametrize(
    ("raw_id", "slot"),
    [
        ("together-ai-21.1b-41b", True),
        ("together-ai-up-to-4b", True),
        ("together-ai-embedding-151m-to-350m", True),
        ("together-ai-embedding-up-to-150m", True),
        # Sizes and active sizes of real releases, and a context length, are no bracket.
        ("qwen3-30b-a3b", False),
        ("llama-4-scout-17b-16e-instruct", False),
        ("mixtral-8x22b", False),
        ("olmo-2-0325-32b", False),
        ("phi-3-mini-128k", False),
    ],
)
def test_a_size_bracket_of_a_price_list_is_no_model(raw_id, slot):
    assert names_a_price_slot(normalize_model_id(raw_id)) is slot


@pytest.mark.django_db
def test_a_price_lists_size_brackets_are_decided_not_queued(tmp_path):
    chat = {"mode": "chat", "input_cost_per_token": 1e-7, "output_cost_per_token": 1e-7}
    path = tmp_path / "litellm.json"
    path.write_text(
        json.dumps(
            {
                "together-ai-up-to-4b": {"litellm_provider": "together_ai", **chat},
                "together-ai-8.1b-21b": {"litellm_provider": "together_ai", **chat},
                "together/Tev1-4B-experimental": {"litellm_provider": "together_ai", **chat},
            }
        )
    )

    pipeline_run(source=data_source_for("litellm"), path=path, as_of=date(2026, 7, 1))

    assert Model.objects.count() == 0
    assert list(UnresolvedIdentifier.objects.pending().values_list("raw_id", flat=True)) == [
        "together/Tev1-4B-experimental"
    ]


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
    # A router is decided by rule (no model), so nothing waits for a curator.
    queued = set(UnresolvedIdentifier.objects.values_list("raw_id", flat=True))
    assert queued == {"unsloth/Mistral-Small-24B-Instruct-2501"}
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


def host_catalogs(tmp_path, hosts: dict[str, dict[str, str]]):
    """A models.dev snapshot of host files only: {host: {file path under models/: the name it states}}."""
    root = tmp_path / "models-dev-2025-12-31"
    for host, models in hosts.items():
        (root / "providers" / host / "models").mkdir(parents=True, exist_ok=True)
        (root / "providers" / host / "provider.toml").write_text(f'name = "{host}"\n')
        for model_path, name in models.items():
            path = root / "providers" / host / "models" / f"{model_path}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                f'name = "{name}"\nrelease_date = "2025-06-01"\n'
                '[modalities]\ninput = ["text"]\noutput = ["text"]\n[cost]\ninput = 1\noutput = 2\n'
            )
    return root


@pytest.mark.django_db
def test_a_host_that_lists_only_its_own_products_is_their_maker(tmp_path):
    root = host_catalogs(
        tmp_path,
        {
            "the-grid-ai": {"agent-max": "Agent Max", "text-prime": "Text Prime"},
            # One lab's model among them and the host is a reseller: its unbranded ids name no maker.
            "nano-gpt": {"brave": "Brave (Answers)", "claude-3-opus": "Claude 3 Opus"},
            "gitlab": {"duo-chat-gpt-5-1": "Agentic Chat (GPT-5.1)"},
        },
    )

    pipeline_run(source=data_source_for("models-dev"), path=root, as_of=date(2025, 12, 31))

    made = dict(Model.objects.filter(slug__in=["agent-max", "text-prime"]).values_list("slug", "creator__slug"))
    assert made == {"agent-max": "the-grid-ai", "text-prime": "the-grid-ai"}
    assert Provider.objects.get(slug="the-grid-ai").is_creator is True
    assert Endpoint.objects.get(provider_model_id="agent-max").host.slug == "the-grid-ai"
    assert Model.objects.get(slug="claude-3-opus").creator.slug == "anthropic"
    pending = set(UnresolvedIdentifier.objects.pending().values_list("raw_id", flat=True))
    assert pending == {"brave", "duo-chat-gpt-5-1"}


@pytest.mark.django_db
def test_cloudflares_path_in_a_files_name_names_the_org_and_routers_are_never_queued(tmp_path):
    root = host_catalogs(
        tmp_path,
        {
            "cloudflare-workers-ai": {
                "bart-large-cnn": "@cf/facebook/bart-large-cnn",
                "melotts": "@cf/myshell-ai/melotts",
                # A quantiser's repository of a release the catalog lacks waits; TheBloke is no maker.
                "neural-chat-7b-v3-1-awq": "@hf/thebloke/neural-chat-7b-v3-1-awq",
            },
            "openrouter": {"openrouter/free": "Free Models Router", "openrouter/owl-alpha": "Owl Alpha"},
        },
    )

    pipeline_run(source=data_source_for("models-dev"), path=root, as_of=date(2025, 12, 31))

    bart = ModelAlias.objects.get(alias="@cf/facebook/bart-large-cnn").model
    assert (bart.slug, bart.creator.slug) == ("bart-large-cnn", "meta")
    assert Endpoint.objects.get(provider_model_id="@cf/facebook/bart-large-cnn").model == bart
    assert Model.objects.get(slug="melotts").creator.slug == "myshell-ai"
    assert not Provider.objects.filter(slug="thebloke").exists()
    pending = set(UnresolvedIdentifier.objects.pending().values_list("raw_id", flat=True))
    # The router is decided (no model); the stealth model waits for a curator.
    assert pending == {"@hf/thebloke/neural-chat-7b-v3-1-awq", "openrouter/owl-alpha"}
    assert not Model.objects.filter(slug="free").exists()


@pytest.mark.parametrize(
    ("model_id", "renamed"),
    [
        ("Gemma-4-31B-DarkIdol", True),
        ("Llama-3.3-70B-Electra-R1", True),
        ("Qwen3.5-27B-Vivid-Durian", True),
        ("gemma-4-31B-MeroMero", True),
        ("nano-gpt/Qwen3.5-27B-RpRMax-v1", True),
        # A lab's own words after the size, a host's tier or build, versions and codes: the release itself.
        ("Qwen3-30B-A3B-Instruct-2507", False),
        ("Llama-3.3-70B-Instruct-Turbo", False),
        ("Llama-4-Scout-17B-16E-Instruct", False),
        ("Qwen2.5-VL-72B-Instruct-AWQ", False),
        ("gemma-3-27b-it-qat", False),
        ("llama-3.3-70b-versatile", False),
        ("Phi-3-mini-128k-instruct", False),
        ("ERNIE-4.5-300B-A47B-Paddle", False),
        ("Nemotron-4-340B-Reward", False),
        ("Qwen3-Omni-30B-A3B-Captioner", False),
        ("Llama-3.2-1B-Instruct-SpinQuant_INT4_EO8", False),
        ("Qwen2.5-72B-Instruct-EXL2", False),
        # Written all in lower case, an id tells nothing of its words.
        ("gemma-4-31b-darkidol", False),
        # No size, the size first, a lower-case word, or no lab's brand: nothing to tell.
        ("DeepSeek-R1T-Chimera", False),
        ("70B-Llama-Hanami", False),
        ("llama-3.1-8b-lexi", False),
        ("Cydonia-24B-Magnum", False),
    ],
)
def test_a_fine_tuner_renames_a_labs_release_after_its_size(model_id, renamed):
    assert renamed_by_a_fine_tuner(model_id) is renamed


@pytest.mark.parametrize(
    ("raw_id", "hosts", "publisher"),
    [
        ("Qwen3.5-27B-BlueStar-Derestricted", {"nano-gpt"}, "nano-gpt"),
        ("glm-5.3-abliterated", {"refuseless"}, "refuseless"),
        ("TEE/gemma-4-26b-a4b-uncensored", {"nano-gpt"}, "nano-gpt"),
        # Two hosts of one file list it: which one altered the weights is a curator's question.
        ("gemma-4-uncensored", {"venice", "nano-gpt"}, None),
        ("Gemma-4-31B-DarkIdol", {"nano-gpt"}, "nano-gpt"),
        # An org in the id is its publisher, never the host.
        ("Sao10K/Llama-3.3-70B-Vulpecula-r1", {"featherless-ai"}, None),
        # A name a lab ships, or no host at all (a leaderboard's id): no publisher.
        ("Qwen3.5-27B", {"nano-gpt"}, None),
        ("Llama-3.3-70B-Instruct-Turbo", {"togetherai"}, None),
        ("glm-5.3-abliterated", set(), None),
        ("glm-5.3-abliterated", None, None),
    ],
)
def test_the_one_host_listing_an_altered_release_publishes_it(raw_id, hosts, publisher):
    assert sole_publisher(raw_id, hosts, hosts=frozenset({"nano-gpt", "venice", "refuseless"})) == publisher


def test_a_hosts_name_leading_a_derivatives_id_signs_it_wherever_it_is_listed():
    file_hosts = frozenset({"nano-gpt", "venice", "deepseek"})
    assert sole_publisher("venice-uncensored", {"nano-gpt"}, hosts=file_hosts) == "venice"
    assert sole_publisher("venice-uncensored", {"nano-gpt", "venice"}, hosts=file_hosts) == "venice"
    assert sole_publisher("nano-gpt-uncensored-v2", {"venice"}, hosts=file_hosts) == "nano-gpt"
    assert sole_publisher("nanogpt-uncensored-v2", {"venice"}, hosts=file_hosts) == "nano-gpt"
    assert sole_publisher("venicelike-uncensored", {"nano-gpt"}, hosts=file_hosts) == "nano-gpt"
    # A lab's brand leading the id is the base's, not the derivative's maker, even when that lab hosts too.
    assert sole_publisher("deepseek-v4.1-flash-abliterated", {"refuseless"}, hosts=file_hosts) == "refuseless"
    assert sole_publisher("deepseek-v4.1-flash-abliterated", {"refuseless", "nano-gpt"}, hosts=file_hosts) is None


@pytest.mark.django_db
def test_a_derivative_no_source_attributes_is_its_hosts_until_a_record_names_its_maker(tmp_path):
    root = host_catalogs(
        tmp_path,
        {
            "nano-gpt": {
                "Qwen3.5-27B-BlueStar-Derestricted": "Qwen3.5 27B BlueStar Derestricted",
                "gemma-4-uncensored": "Gemma 4 Uncensored",
                "Gemma-4-31B-DarkIdol": "Gemma 4 31B DarkIdol",
                "gemma-4-31b-it-fast": "Gemma 4 31B (fast)",
                "TEE/gemma-4-26b-a4b-uncensored": "Gemma 4 26B A4B Uncensored TEE",
            },
            # The same derivative under two spellings of one id, at two hosts: a curator decides.
            "venice": {"gemma-4-uncensored": "Gemma 4 Uncensored", "gemma-4-26b-a4b-uncensored": "Gemma 4 26B"},
        },
    )

    pipeline_run(source=data_source_for("models-dev"), path=root, as_of=date(2025, 12, 31))

    bluestar = Model.objects.get(slug="qwen3-5-27b-bluestar-derestricted")
    assert (bluestar.name, bluestar.creator.slug) == ("Qwen3.5 27B BlueStar Derestricted", "nano-gpt")
    assert Endpoint.objects.get(provider_model_id="Qwen3.5-27B-BlueStar-Derestricted").model == bluestar
    assert Model.objects.get(slug="gemma-4-31b-darkidol").creator.slug == "nano-gpt"
    # Two hosts list the same derivative; a host's build of a release it does not rename waits for the release.
    pending = set(UnresolvedIdentifier.objects.pending().values_list("raw_id", flat=True))
    assert pending == {"gemma-4-uncensored", "gemma-4-31b-it-fast", "TEE/gemma-4-26b-a4b-uncensored"}
    assert not Model.objects.filter(slug__startswith="gemma-4-26b-a4b-uncensored").exists()

    # A later file names the org that published the weights: the model moves to it, nothing splits.
    chat = {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
    path = tmp_path / "litellm.json"
    path.write_text(
        json.dumps(
            {"featherless_ai/bluelab/Qwen3.5-27B-BlueStar-Derestricted": {"litellm_provider": "featherless_ai", **chat}}
        )
    )
    pipeline_run(source=data_source_for("litellm"), path=path, as_of=date(2026, 7, 1))

    bluestar.refresh_from_db()
    assert bluestar.creator.slug == "bluelab"
    assert Model.objects.filter(name__icontains="bluestar").count() == 1


@pytest.mark.django_db
def test_a_hosts_derivative_joins_the_fine_tuners_release_it_spells_another_way(tmp_path):
    # The org's repository read first; the host's id lists the same words in another order (rule ``spelling``):
    # a publisher of record is no maker, so it never keeps the two apart.
    eva = ModelFactory(slug="eva-qwen2-5-32b-v0-2", creator=ProviderFactory(slug="eva-unit-01"))
    alias = "EVA-UNIT-01/EVA-Qwen2.5-32B-v0.2"
    ModelAliasFactory(model=eva, alias=alias, normalized=normalize_model_id(alias))
    root = host_catalogs(tmp_path, {"nano-gpt": {"Qwen2.5-32B-EVA-v0.2": "Qwen 2.5 32b EVA"}})

    pipeline_run(source=data_source_for("models-dev"), path=root, as_of=date(2025, 12, 31))

    assert Model.objects.count() == 1
    assert Endpoint.objects.get(provider_model_id="Qwen2.5-32B-EVA-v0.2").model == eva
    assert ModelAlias.objects.get(alias="Qwen2.5-32B-EVA-v0.2").model == eva
    assert not UnresolvedIdentifier.objects.exists()


@pytest.mark.django_db
def test_a_fine_tuners_repository_read_after_its_hosts_derivative_joins_it_and_names_its_maker(tmp_path):
    # The other order: the host's id made the model first, under its publisher of record, and the org's
    # repository spells the same words another way. A publisher of record is no maker to tell them apart by.
    root = host_catalogs(tmp_path, {"nano-gpt": {"QwQ-32B-ArliAI-RpR-v1": "QwQ 32B ArliAI RpR v1"}})
    pipeline_run(source=data_source_for("models-dev"), path=root, as_of=date(2025, 12, 31))
    model = Model.objects.get()
    assert model.creator.slug == "nano-gpt"

    chat = {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
    path = tmp_path / "litellm.json"
    path.write_text(
        json.dumps({"featherless_ai/ArliAI/ArliAI-QwQ-32B-RpR-v1": {"litellm_provider": "featherless_ai", **chat}})
    )
    pipeline_run(source=data_source_for("litellm"), path=path, as_of=date(2026, 7, 1))

    assert list(Model.objects.values_list("pk", "creator__slug")) == [(model.pk, "arliai")]
    assert Endpoint.objects.get(provider_model_id="ArliAI/ArliAI-QwQ-32B-RpR-v1").model == model


@pytest.mark.django_db
def test_a_publisher_of_record_keeps_a_derivative_apart_only_from_a_makers_own_release():
    def made(slug: str, creator: str, precedence: int) -> Model:
        model = ModelFactory(slug=slug, creator=ProviderFactory(slug=creator))
        ModelFact.objects.create(
            model=model,
            field="creator",
            source="models-dev",
            as_of=date(2026, 7, 1),
            precedence=precedence,
            value=creator,
        )
        return model

    on_host = made("qwq-32b-arliai-rpr-v1", "nano-gpt", PUBLISHER_OF_RECORD)
    by_org = made("arliai-qwq-32b-rpr-v1", "arliai", PUBLISHER_OF_RECORD - 1)  # an org's namespace
    by_lab = made("qwq-32b", "alibaba", 0)  # the lab's card

    assert merge_refusal(on_host, by_org) is None
    assert "two makers' models are never one release" in merge_refusal(on_host, by_lab)
    assert "two makers' models are never one release" in merge_refusal(by_org, by_lab)
