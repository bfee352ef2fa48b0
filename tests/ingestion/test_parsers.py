"""Parsers turn the real excerpts into records, and name the record and the reason when a file is bad."""

import json
import re
import tarfile
from datetime import date
from decimal import Decimal

import pytest

from ingestion.errors import IngestError
from ingestion.records import HOST
from ingestion.sources import arena, genai_prices, litellm, models_dev, openrouter, providers
from ingestion.sources.common import date_from_name
from ingestion.writers.catalog import merge
from tests.ingestion.conftest import ARENA, GENAI_PRICES, LITELLM, MODELS_DEV_NEW, MODELS_DEV_OLD, OPENROUTER

AS_OF = date(2026, 7, 1)


def test_it_reads_the_date_from_a_file_name():
    assert date_from_name("models-dev-2025-12-31.tar.gz") == date(2025, 12, 31)
    assert date_from_name("litellm-1.109.1-model-prices.json") is None


def test_models_dev_links_host_files_to_their_lab_card():
    batch = models_dev.parse(MODELS_DEV_NEW, as_of=AS_OF)
    lab = next(m for m in batch.models if m.raw_id == "openai/gpt-5.4")
    assert lab.may_create and lab.creator_slug == "openai"
    assert "openai.gpt-5.4" in lab.aliases  # Bedrock's id, via base_model
    bedrock = next(
        e for e in batch.endpoints if e.host_slug == "amazon-bedrock" and e.provider_model_id == "openai.gpt-5.4"
    )
    assert bedrock.model_raw_id == "openai/gpt-5.4"
    assert bedrock.prices[0].values["input_per_million"] == Decimal("2.75")
    assert {b.name for b in batch.benchmarks if b.model_raw_id == "openai/gpt-5.4"}


def test_models_dev_reads_a_creator_api_file_as_certain():
    batch = models_dev.parse(MODELS_DEV_OLD, as_of=date(2025, 12, 31))
    sonnet = next(m for m in batch.models if m.raw_id == "claude-3-5-sonnet-20241022")
    assert (sonnet.creator_slug, sonnet.may_create) == ("anthropic", True)
    assert sonnet.facts["context_window"] == 200_000
    assert {"chat", "vision", "tools", "pdf-input"} <= sonnet.capabilities
    endpoint = next(e for e in batch.endpoints if e.provider_model_id == "claude-3-5-sonnet-20241022")
    assert endpoint.prices[0].values["cache_write_per_million"] == Decimal("3.75")


def test_models_dev_reads_google_vertex_as_googles_platform(tmp_path):
    models = tmp_path / "providers" / "google-vertex" / "models"
    (models / "meta").mkdir(parents=True)
    (tmp_path / "providers" / "google-vertex" / "provider.toml").write_text('name = "Vertex"\n')
    card = 'name = "{}"\n[limit]\ncontext = 8192\noutput = 2048\n[cost]\ninput = 1\noutput = 2\n'
    (models / "chirp-3.toml").write_text(card.format("Chirp 3"))
    (models / "meta" / "llama-3.1-70b-instruct-maas.toml").write_text(card.format("Llama 3.1 70B"))
    batch = models_dev.parse(tmp_path, as_of=AS_OF)

    by_id = {m.raw_id: m for m in batch.models}
    chirp = by_id["chirp-3"]
    assert (chirp.creator_slug, chirp.may_create, chirp.authority, chirp.from_maker) == ("google", True, HOST, False)
    merged = {m.raw_id: m for m in merge(batch.models, source="models-dev")}
    assert (merged["chirp-3"].maker, merged["meta/llama-3.1-70b-instruct-maas"].maker) == ("google", "meta")
    assert not merged["meta/llama-3.1-70b-instruct-maas"].may_create


def extending_snapshot(tmp_path, files: dict[str, str]):
    """A models.dev snapshot of 2026's form: {"<provider>/<id>": file text}; each provider gets a provider.toml."""
    for key, text in files.items():
        provider, model_id = key.split("/", 1)
        (tmp_path / "providers" / provider / "models" / f"{model_id}.toml").parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "providers" / provider / "provider.toml").write_text(f'name = "{provider.title()}"\n')
        (tmp_path / "providers" / provider / "models" / f"{model_id}.toml").write_text(text)
    return tmp_path


DEEPSEEK_V4_FLASH = (
    'name = "DeepSeek V4 Flash"\nrelease_date = "2026-04-24"\n'
    "[limit]\ncontext = 1_000_000\noutput = 384_000\n[cost]\ninput = 0.14\noutput = 0.28\ncache_read = 0.028\n"
)


def test_models_dev_reads_a_file_that_extends_a_makers_listing_as_a_link_to_it(tmp_path):
    snapshot = extending_snapshot(
        tmp_path,
        {
            "deepseek/deepseek-v4-flash": DEEPSEEK_V4_FLASH,
            # A host's file: the maker's listing with the host's own price, and no cache price.
            "nebius/deepseek-v4-flash": '[extends]\nfrom = "deepseek/deepseek-v4-flash"\nomit = ["cost.cache_read"]\n'
            "[cost]\ninput = 0.2\n",
            # The maker's floating name, written as another listing of its own with a smaller output.
            "deepseek/deepseek-v4-flash-latest": '[extends]\nfrom = "deepseek/deepseek-v4-flash"\n'
            "[limit]\noutput = 8_192\n",
            # A host's file extending that, in turn.
            "kilo/deepseek/deepseek-v4-flash-latest": '[extends]\nfrom = "deepseek/deepseek-v4-flash-latest"\n',
        },
    )
    batch = models_dev.parse(snapshot, as_of=AS_OF)

    by_id = {m.raw_id: m for m in batch.models}
    assert sorted(by_id) == ["deepseek-v4-flash", "deepseek-v4-flash-latest"]
    assert by_id["deepseek-v4-flash"].aliases == ["deepseek-v4-flash"]  # Nebius's id, linked to the listing
    assert by_id["deepseek-v4-flash-latest"].aliases == ["deepseek/deepseek-v4-flash-latest"]
    latest = by_id["deepseek-v4-flash-latest"]
    assert (latest.creator_slug, latest.facts["context_window"], latest.facts["max_output_tokens"]) == (
        "deepseek",
        1_000_000,
        8_192,
    )
    endpoints = {(e.host_slug, e.provider_model_id): e for e in batch.endpoints}
    nebius = endpoints[("nebius", "deepseek-v4-flash")]
    assert nebius.model_raw_id == "deepseek-v4-flash"
    assert nebius.prices[0].values == {
        "input_per_million": Decimal("0.2"),
        "output_per_million": Decimal("0.28"),
        "cache_read_per_million": None,
        "cache_write_per_million": None,
    }
    assert (nebius.context_window, nebius.max_output_tokens) == (1_000_000, 384_000)
    assert endpoints[("kilo", "deepseek/deepseek-v4-flash-latest")].model_raw_id == "deepseek-v4-flash-latest"


def test_models_dev_a_host_of_its_own_products_stays_one_when_a_file_extends_its_own(tmp_path):
    snapshot = extending_snapshot(
        tmp_path,
        {
            "thegrid/agent-max": 'name = "Agent Max"\n[cost]\ninput = 1\noutput = 2\n',
            "thegrid/agent-max-latest": '[extends]\nfrom = "thegrid/agent-max"\n',
        },
    )
    batch = models_dev.parse(snapshot, as_of=AS_OF)

    assert {(m.raw_id, m.creator_slug, m.may_create) for m in batch.models} == {
        ("agent-max", "thegrid", True),
        ("agent-max-latest", "thegrid", True),
    }


def test_models_dev_omits_a_key_only_from_the_file_that_omits_it(tmp_path):
    snapshot = extending_snapshot(
        tmp_path,
        {
            "deepseek/deepseek-v4-flash": DEEPSEEK_V4_FLASH,
            "nebius/deepseek-v4-flash": '[extends]\nfrom = "deepseek/deepseek-v4-flash"\nomit = ["cost.cache_read"]\n',
            "kilo/deepseek-v4-flash": '[extends]\nfrom = "deepseek/deepseek-v4-flash"\n',
        },
    )
    batch = models_dev.parse(snapshot, as_of=AS_OF)

    cache_read = {e.host_slug: e.prices[0].values["cache_read_per_million"] for e in batch.endpoints}
    assert cache_read == {"deepseek": Decimal("0.028"), "nebius": None, "kilo": Decimal("0.028")}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"nebius/deepseek-v4-flash": '[extends]\nfrom = "deepseek/deepseek-v4-flash"\n'},
            "providers/nebius/models/deepseek-v4-flash.toml: extends 'deepseek/deepseek-v4-flash', "
            "which is no provider's file in this snapshot",
        ),
        (
            {
                "kilo/a": '[extends]\nfrom = "nebius/b"\n',
                "nebius/b": '[extends]\nfrom = "kilo/a"\n',
            },
            "extends this file in turn",
        ),
        ({"nebius/a": 'extends = "deepseek/deepseek-v4-flash"\n'}, "'extends' must be dict, got str"),
        (
            {
                "deepseek/deepseek-v4-flash": DEEPSEEK_V4_FLASH,
                "nebius/a": '[extends]\nfrom = "deepseek/deepseek-v4-flash"\nomit = ["pricing.input"]\n',
            },
            "'extends.omit' names 'pricing.input', which the extended file does not have",
        ),
    ],
)
def test_models_dev_names_a_file_whose_extends_cannot_be_built(tmp_path, files, message):
    with pytest.raises(IngestError, match=re.escape(message)):
        models_dev.parse(extending_snapshot(tmp_path, files), as_of=AS_OF)


def test_models_dev_reads_an_unpacked_directory_like_the_archive(tmp_path):
    with tarfile.open(MODELS_DEV_OLD) as archive:
        archive.extractall(tmp_path, filter="data")
    from_dir = models_dev.parse(tmp_path, as_of=AS_OF)
    from_tar = models_dev.parse(MODELS_DEV_OLD, as_of=AS_OF)
    assert sorted(m.raw_id for m in from_dir.models) == sorted(m.raw_id for m in from_tar.models)


def test_models_dev_skips_a_dangling_link_in_an_unpacked_directory(tmp_path):
    with tarfile.open(MODELS_DEV_OLD) as archive:
        archive.extractall(tmp_path, filter="data")
    card = next(path for path in sorted(tmp_path.rglob("*.toml")) if path.name != "provider.toml")
    (card.parent / "gone-model.toml").symlink_to(card.parent / "no-such-file.toml")

    batch = models_dev.parse(tmp_path, as_of=AS_OF)

    assert card.stem in {m.raw_id.rsplit("/", 1)[-1] for m in batch.models}
    assert "gone-model" not in {m.raw_id.rsplit("/", 1)[-1] for m in batch.models}


def test_litellm_marks_only_creator_apis_as_certain():
    batch = litellm.parse(LITELLM, as_of=AS_OF)
    by_id = {m.raw_id: m for m in batch.models}
    assert by_id["gpt-4o"].may_create and by_id["gpt-4o"].creator_slug == "openai"
    assert by_id["gemini-2.5-pro"].creator_slug == "google"
    # LiteLLM's route is not part of the model's name; the full key stays an alias.
    assert "gemini/gemini-2.5-pro" in by_id["gemini-2.5-pro"].aliases
    together = [m for m in batch.models if m.context.get("litellm_provider") == "together_ai"]
    assert together and not any(m.may_create for m in together)
    endpoint = next(e for e in batch.endpoints if e.model_raw_id == "gpt-4o")
    assert endpoint.prices[0].values["input_per_million"] == Decimal("2.5")
    assert endpoint.prices[0].values["output_per_million"] == Decimal("10")


@pytest.mark.parametrize(
    "provider, route",
    [
        # A kind of Google's own models on Vertex: Vertex's host, Google's platform (not its own API).
        ("vertex_ai-embedding-models", ("google-vertex", None, "vertex_ai", "google")),
        ("vertex_ai-language-models", ("google-vertex", None, "vertex_ai", "google")),
        # One lab's models Vertex serves: Vertex's host, no creator (the id's brand or org names it).
        ("vertex_ai-llama_models", ("google-vertex", None, "vertex_ai", None)),
        ("vertex_ai-ai21_models", ("google-vertex", None, "vertex_ai", None)),
        # A provider the table names is taken as it says.
        ("vertex_ai-anthropic_models", ("google-vertex-anthropic", None, "vertex_ai-anthropic_models", None)),
        ("vertex_ai", ("google-vertex", None, "vertex_ai", "google")),
        ("fireworks_ai-embedding-models", ("fireworks-ai", None, "fireworks_ai", None)),
        ("text-completion-codestral", ("mistral", "mistral", "codestral", None)),
        # No section: the provider's own slug, as before.
        ("scx-ai", ("scx-ai", None, "scx-ai", None)),
        ("clf_ai_gateway", ("clf-ai-gateway", None, "clf_ai_gateway", None)),
        # A maker's own API as models.dev names it, alone or before a product: that maker's, on its host.
        ("sarvam", ("sarvam", "sarvam", "sarvam", None)),
        ("xiaomi_mimo", ("xiaomi", "xiaomi", "xiaomi_mimo", None)),
        # A first word that is no maker's API directory; keys the table keeps apart (a reseller, a search API).
        ("amazon_nova", ("amazon-nova", None, "amazon_nova", None)),
        ("tencent", ("tencent", None, "tencent", None)),
        ("google_pse", ("google-pse", None, "google_pse", None)),
    ],
)
def test_a_litellm_section_is_its_providers(provider, route):
    assert providers.litellm_route(provider) == route


def test_litellm_skips_its_own_moving_names_for_other_rows(tmp_path):
    # Later releases of the file add rows that only point at another row: LiteLLM resolves them itself.
    chat = {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
    entries = {
        "claude-opus-5-5": {"litellm_provider": "anthropic", **chat},
        "claude-opus-latest": {"alias_of": "claude-opus-5-5"},
        "bedrock/claude-opus-latest": {"alias_of": "global.anthropic.claude-opus-5-5"},
    }
    path = tmp_path / "litellm.json"
    path.write_text(json.dumps(entries))
    batch = litellm.parse(path, as_of=AS_OF)

    assert [m.raw_id for m in batch.models] == ["claude-opus-5-5"]
    assert [(e.host_slug, e.provider_model_id) for e in batch.endpoints] == [("anthropic", "claude-opus-5-5")]

    path.write_text(json.dumps({"claude-opus-latest": {"alias_of": ["claude-opus-5-5"]}}))
    with pytest.raises(IngestError, match="claude-opus-latest: 'alias_of' must be str, got list"):
        litellm.parse(path, as_of=AS_OF)


def test_litellm_sections_of_vertex_are_one_host_and_google_makes_only_its_own(tmp_path):
    # Vertex is Google's cloud platform: one host for every section, Google the maker of what names no other
    # lab, and a host's record for the rest (a retirement there retires the endpoint, not the release).
    chat = {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
    entries = {
        "vertex_ai/meta/llama-3.1-70b-instruct-maas": {"litellm_provider": "vertex_ai-llama_models", **chat},
        "vertex_ai/xai/grok-4.3": {"litellm_provider": "vertex_ai", **chat},
        "vertex_ai/chirp": {"litellm_provider": "vertex_ai", "mode": "audio_speech", "input_cost_per_character": 1e-5},
        "multimodalembedding": {"litellm_provider": "vertex_ai-embedding-models", "mode": "embedding"},
    }
    path = tmp_path / "litellm.json"
    path.write_text(json.dumps(entries))
    batch = litellm.parse(path, as_of=AS_OF)

    assert {(e.host_slug, e.provider_model_id) for e in batch.endpoints} == {
        ("google-vertex", "meta/llama-3.1-70b-instruct-maas"),
        ("google-vertex", "xai/grok-4.3"),
        ("google-vertex", "chirp"),
        ("google-vertex", "multimodalembedding"),
    }
    by_id = {m.raw_id: m for m in batch.models}
    assert by_id["chirp"].creator_slug == "google" and by_id["chirp"].may_create
    assert (by_id["chirp"].authority, by_id["chirp"].from_maker) == (HOST, False)
    assert by_id["multimodalembedding"].creator_slug == "google" and by_id["multimodalembedding"].may_create
    assert by_id["meta/llama-3.1-70b-instruct-maas"].creator_slug is None
    assert not by_id["meta/llama-3.1-70b-instruct-maas"].may_create
    merged = {m.raw_id: m for m in merge(batch.models, source="litellm")}
    assert (merged["chirp"].maker, merged["xai/grok-4.3"].maker) == ("google", "xai")


def test_a_creators_own_api_names_the_maker_over_another_creators_platform(tmp_path):
    chat = {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
    entries = {  # Vertex's entry first: the order of the file decides nothing
        "vertex_ai/mistral-large-2411": {"litellm_provider": "vertex_ai", **chat},
        "mistral/mistral-large-2411": {"litellm_provider": "mistral", **chat},
    }
    path = tmp_path / "litellm.json"
    path.write_text(json.dumps(entries))
    (model,) = merge(litellm.parse(path, as_of=AS_OF).models, source="litellm")
    assert (model.creator_slug, model.maker, model.may_create, model.authority) == ("mistral", "mistral", True, 1)


def test_openrouter_strips_the_creator_from_names_and_keeps_free_variants_on_one_model():
    batch = openrouter.parse(OPENROUTER, as_of=AS_OF)
    model = next(m for m in batch.models if m.raw_id == "anthropic/claude-opus-4.7")
    assert model.facts["name"] == "Claude Opus 4.7"
    free = [e for e in batch.endpoints if e.provider_model_id.endswith(":free")]
    assert free and all(":" not in e.model_raw_id for e in free)
    assert all(p.free_tier_available for e in free for p in e.prices)


def test_openrouter_keeps_the_repository_of_the_weights_an_id_serves():
    batch = openrouter.parse(OPENROUTER, as_of=AS_OF)
    models = {m.raw_id: m for m in batch.models}
    assert models["deepseek/deepseek-chat-v3.1"].weights == "deepseek-ai/DeepSeek-V3.1"
    assert models["deepseek/deepseek-chat-v3.1"].serves == ["deepseek-ai/DeepSeek-V3.1"]
    assert models["anthropic/claude-opus-4.7"].weights == ""  # closed weights: no repository


def test_genai_prices_turns_dated_constraints_into_dated_rows():
    batch = genai_prices.parse(GENAI_PRICES, as_of=date(2026, 8, 21))
    o3 = next(e for e in batch.endpoints if e.host_slug == "openai" and e.provider_model_id == "o3")
    assert [(p.effective_from, p.values["input_per_million"]) for p in o3.prices] == [
        (date(2025, 6, 9), Decimal("10")),
        (date(2025, 6, 10), Decimal("2")),
    ]


def test_arena_reads_every_board():
    batch = arena.parse(ARENA, as_of=date(2025, 12, 11))
    boards = {r.board for r in batch.ratings}
    assert {"full", "coding", "math"} <= boards
    top = max((r for r in batch.ratings if r.board == "full"), key=lambda r: r.rating)
    assert top.low < top.rating < top.high


@pytest.mark.parametrize(
    ("parser", "content", "message"),
    [
        (
            litellm,
            '{"gpt-4o": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": ',
            "not valid JSON",
        ),
        (litellm, '{"gpt-4o": {"mode": "chat"}}', "gpt-4o: missing required key 'litellm_provider'"),
        (
            litellm,
            '{"gpt-4o": {"litellm_provider": "openai", "mode": "chat", "max_input_tokens": "lots"}}',
            "gpt-4o: 'max_input_tokens' must be int or float, got str",
        ),
        (openrouter, '{"models": []}', "missing required key 'data'"),
        (
            openrouter,
            '{"data": [{"id": "openai/gpt-4o", "name": "GPT-4o"}]}',
            "openai/gpt-4o: missing required key 'pricing'",
        ),
        (
            genai_prices,
            '[{"id": "openai", "models": [{"id": "o3", "prices": {"input_mtok": "cheap"}}]}]',
            "model o3: 'input_mtok' must be a number",
        ),
        (arena, '{"full": {"gpt-4o": {"rating": "high"}}}', "board full model gpt-4o: 'rating' must be int or float"),
        (arena, '{"full": {"gpt-4o": {"rating_q025": 1}}}', "board full model gpt-4o: missing required key 'rating'"),
    ],
)
def test_it_names_the_record_and_reason_for_bad_input(tmp_path, parser, content, message):
    path = tmp_path / "input.json"
    path.write_text(content)
    with pytest.raises(IngestError) as caught:
        parser.parse(path, as_of=AS_OF)
    assert message in str(caught.value)


def test_models_dev_rejects_a_truncated_archive(tmp_path):
    path = tmp_path / "models-dev-2026-07-01.tar.gz"
    path.write_bytes(MODELS_DEV_NEW.read_bytes()[:20_000])
    with pytest.raises(IngestError, match="models-dev-2026-07-01.tar.gz: not a readable tar.gz snapshot"):
        models_dev.parse(path, as_of=AS_OF)


def test_models_dev_names_the_file_with_a_wrong_type(tmp_path):
    (tmp_path / "models/openai").mkdir(parents=True)
    (tmp_path / "models/openai/gpt-x.toml").write_text('name = "GPT X"\n[limit]\ncontext = "big"\n')
    with pytest.raises(IngestError, match="models/openai/gpt-x.toml: 'context' must be int or float, got str"):
        models_dev.parse(tmp_path, as_of=AS_OF)


def test_models_dev_names_a_lab_card_without_a_name(tmp_path):
    (tmp_path / "models/openai").mkdir(parents=True)
    (tmp_path / "models/openai/gpt-x.toml").write_text("[limit]\ncontext = 1000\n")
    with pytest.raises(IngestError, match="models/openai/gpt-x.toml: missing required key 'name'"):
        models_dev.parse(tmp_path, as_of=AS_OF)


def test_genai_prices_keeps_an_off_peak_window_as_a_condition_of_the_list_price(tmp_path):
    data = [
        {
            "id": "deepseek",
            "models": [
                {
                    "id": "deepseek-chat",
                    "prices": [
                        {"prices": {"input_mtok": 0.27, "output_mtok": 1.1}},
                        {
                            "constraint": {"start_time": "16:30:00Z", "end_time": "00:30:00Z"},
                            "prices": {"input_mtok": 0.1},
                        },
                    ],
                }
            ],
        }
    ]
    path = tmp_path / "genai-off-peak.json"
    path.write_text(json.dumps(data))
    batch = genai_prices.parse(path, as_of=AS_OF)
    assert [(p.effective_from, p.values["input_per_million"], p.conditions) for p in batch.endpoints[0].prices] == [
        (AS_OF, Decimal("0.27"), {}),
        (AS_OF, Decimal("0.1"), {"time_window": "16:30-00:30 UTC"}),
    ]


def test_genai_prices_list_price_is_the_one_in_force_most_of_the_day(tmp_path):
    # DeepSeek as genai-prices ships it: the off-peak discount unconstrained,
    # the standard price for a 16-hour window.
    data = [
        {
            "id": "deepseek",
            "models": [
                {
                    "id": "deepseek-chat",
                    "prices": [
                        {"prices": {"input_mtok": 0.135, "cache_read_mtok": 0.035, "output_mtok": 0.55}},
                        {
                            "constraint": {"start_time": "00:30:00Z", "end_time": "16:30:00Z"},
                            "prices": {"input_mtok": 0.27, "cache_read_mtok": 0.07, "output_mtok": 1.1},
                        },
                    ],
                }
            ],
        }
    ]
    path = tmp_path / "genai-deepseek.json"
    path.write_text(json.dumps(data))
    batch = genai_prices.parse(path, as_of=AS_OF)
    rows = [
        (p.values["input_per_million"], p.values["output_per_million"], p.conditions) for p in batch.endpoints[0].prices
    ]
    assert rows == [
        (Decimal("0.27"), Decimal("1.1"), {}),
        (Decimal("0.135"), Decimal("0.55"), {"time_window": "16:30-00:30 UTC"}),
    ]


def test_genai_prices_context_tiers_are_conditions(tmp_path):
    data = [
        {
            "id": "anthropic",
            "models": [
                {
                    "id": "claude-opus-4-6",
                    "prices": {"input_mtok": {"base": 5, "tiers": [{"start": 200000, "price": 10}]}, "output_mtok": 25},
                }
            ],
        }
    ]
    path = tmp_path / "genai-tiers.json"
    path.write_text(json.dumps(data))
    batch = genai_prices.parse(path, as_of=AS_OF)
    rows = [
        (p.values.get("input_per_million"), p.values.get("output_per_million"), p.conditions)
        for p in batch.endpoints[0].prices
    ]
    assert rows == [
        (Decimal("5"), Decimal("25"), {}),
        (Decimal("10"), None, {"context_above_tokens": 200000}),
    ]


def test_litellm_batch_priority_and_long_prompt_prices_are_conditions(tmp_path):
    entry = {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": 2e-6,
        "output_cost_per_token": 8e-6,
        "input_cost_per_token_batches": 1e-6,
        "output_cost_per_token_batches": 4e-6,
        "input_cost_per_token_priority": 3.5e-6,
        "input_cost_per_token_above_200k_tokens": 4e-6,
        "output_cost_per_token_above_200k_tokens_batches": 8e-6,
    }
    path = tmp_path / "litellm.json"
    path.write_text(json.dumps({"gpt-x": entry}))
    batch = litellm.parse(path, as_of=AS_OF)
    rows = [
        (p.values["input_per_million"], p.values["output_per_million"], p.conditions) for p in batch.endpoints[0].prices
    ]
    assert rows == [
        (Decimal("2"), Decimal("8"), {}),
        (Decimal("4"), None, {"context_above_tokens": 200000}),
        (None, Decimal("8"), {"context_above_tokens": 200000, "service_tier": "batch"}),
        (Decimal("1"), Decimal("4"), {"service_tier": "batch"}),
        (Decimal("3.5"), None, {"service_tier": "priority"}),
    ]
