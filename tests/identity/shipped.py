"""Readers of the shipped datasets' model ids, and the canonical catalog built from them.

The catalog is built the way the ingestion pipelines build it, in their order,
through the same resolver calls (``resolve``, else create and
``remember_alias``):

1. models.dev lab cards (``models/<lab>/<id>.toml``, 2026-07-01 snapshot);
2. models.dev files of creators' own APIs (``providers/anthropic``, ``openai``,
   ``google``, ``mistral``, ... ``/models/<id>.toml``);
3. LiteLLM entries whose ``litellm_provider`` is a creator's own API
   (``anthropic``, ``openai``, ``gemini``, ``mistral``, ``deepseek``, ...).

Each new model's slug is ``canonical_slug`` of the id that created it. Hosts'
ids (Bedrock, Vertex, Azure, Fireworks, OpenRouter, the Arena...) never create
models here, so the table checks what normalisation alone resolves; host files'
explicit ``base_model`` links are left out for the same reason.
"""

import json
import tarfile
from functools import cache

from models_registry.identity import IdentityResolver, canonical_slug
from models_registry.models import Model, Provider
from tests.conftest import SHARED_DATA_DIR

DATA_DIR = SHARED_DATA_DIR
MODELS_DEV_SNAPSHOT = DATA_DIR / "models-dev" / "models-dev-2026-07-01.tar.gz"
LITELLM_FILE = DATA_DIR / "litellm" / "litellm-1.109.1-model-prices.json"

MODELS_DEV_CREATOR_APIS = {
    "alibaba",
    "anthropic",
    "cohere",
    "deepseek",
    "google",
    "llama",
    "minimax",
    "mistral",
    "moonshotai",
    "openai",
    "perplexity",
    "sakana",
    "sarvam",
    "stepfun",
    "xai",
    "xiaomi",
    "zai",
    "zhipuai",
}
LITELLM_CREATOR_APIS = {
    "anthropic",
    "cohere",
    "cohere_chat",
    "dashscope",
    "deepseek",
    "gemini",
    "meta_llama",
    "minimax",
    "mistral",
    "moonshot",
    "openai",
    "perplexity",
    "text-completion-openai",
    "xai",
    "zai",
}


@cache
def models_dev_paths() -> tuple[str, ...]:
    with tarfile.open(MODELS_DEV_SNAPSHOT, "r:gz") as archive:
        return tuple(
            member.name.removeprefix("./")
            for member in archive
            if member.isfile() and member.name.endswith(".toml") and "/models/" in f"/{member.name}"
        )


@cache
def litellm_entries() -> dict:
    entries = json.loads(LITELLM_FILE.read_text())
    entries.pop("sample_spec", None)
    return entries


@cache
def source_ids() -> dict[str, frozenset[str]]:
    """Every model id each shipped source uses."""
    arena: set[str] = set()
    for file in sorted((DATA_DIR / "arena").glob("leaderboard-text-*.json")):
        for board in json.loads(file.read_text()).values():
            arena.update(board)
    openrouter = json.loads((DATA_DIR / "openrouter" / "openrouter-models-2026-07-01.json").read_text())["data"]
    genai = json.loads((DATA_DIR / "genai-prices" / "genai-prices-v2-data.json").read_text())
    hosted = {
        path.split("/models/", 1)[1].removesuffix(".toml")
        for path in models_dev_paths()
        if path.startswith("providers/")
    }
    return {
        "arena": frozenset(arena),
        "openrouter": frozenset(row["id"] for row in openrouter),
        "litellm": frozenset(litellm_entries()),
        "genai-prices": frozenset(model["id"] for provider in genai for model in provider["models"]),
        "models-dev": frozenset(hosted),
    }


def first_party_ids() -> list[tuple[str, str, str]]:
    """(source, creator, id) in the order the pipelines meet them."""
    labs, apis = [], []
    for path in sorted(models_dev_paths()):
        parts = path.split("/")
        if parts[0] == "models":
            labs.append(("models-dev", parts[1], "/".join(parts[2:]).removesuffix(".toml")))
        elif parts[0] == "providers" and parts[1] in MODELS_DEV_CREATOR_APIS:
            apis.append(("models-dev", parts[1], path.split("/models/", 1)[1].removesuffix(".toml")))
    litellm = [
        ("litellm", entry["litellm_provider"], key)
        for key, entry in sorted(litellm_entries().items())
        if entry.get("litellm_provider") in LITELLM_CREATOR_APIS
    ]
    return labs + apis + litellm


def build_catalog() -> dict[str, int]:
    """Create the canonical models and aliases; returns counts."""
    creators: dict[str, Provider] = {}
    counts = {"models": 0, "aliases": 0}
    resolver = None
    for source, creator_slug, raw_id in first_party_ids():
        if resolver is None or resolver.source != source:  # one resolver per run of a source
            resolver = IdentityResolver(source=source)
        model = resolver.resolve(raw_id)
        if model is None:
            creator = creators.get(creator_slug) or Provider.objects.create(slug=creator_slug, name=creator_slug)
            creators[creator_slug] = creator
            bare_id = raw_id.rsplit("/", 1)[-1]
            slug = canonical_slug(bare_id)
            if Model.objects.filter(slug=slug).exists():  # another id with the same spelling, elsewhere
                slug = canonical_slug(f"{creator_slug}-{raw_id}")
            model = Model.objects.create(slug=slug, name=bare_id, creator=creator)
            counts["models"] += 1
        counts["aliases"] += resolver.remember_alias(model, raw_id)
    return counts
