"""A hand-checked table of ids from the shipped files and the canonical model each resolves to.

The canonical catalog is built from the first-party files exactly as
``tests/identity/shipped.py`` describes (lab cards, then creators' own APIs);
every id below comes from a host, an aggregator or the Arena and must resolve
through normalisation alone. ``None`` means "not the same model as anything we
have": the id goes to the curator queue instead of being guessed.
"""

import pytest

from models_registry.identity import IdentityResolver
from models_registry.models import ModelAlias
from tests.identity.shipped import build_catalog, source_ids

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]

RESOLVES = [
    # --- Arena: dated snapshots match the labs' dated ids, "." and "-" alike.
    ("arena", "claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022"),
    ("arena", "claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20240620"),
    ("arena", "claude-3-5-haiku-20241022", "claude-3-5-haiku-20241022"),
    ("arena", "claude-3-7-sonnet-20250219", "claude-3-7-sonnet-20250219"),
    ("arena", "claude-3-opus-20240229", "claude-3-opus-20240229"),
    ("arena", "claude-opus-4-20250514", "claude-opus-4-20250514"),
    ("arena", "claude-sonnet-4-20250514", "claude-sonnet-4-20250514"),
    ("arena", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929"),
    ("arena", "claude-haiku-4-5-20251001", "claude-haiku-4-5-20251001"),
    ("arena", "claude-opus-4-1-20250805", "claude-opus-4-1-20250805"),
    ("arena", "gpt-4o-2024-05-13", "gpt-4o-2024-05-13"),
    ("arena", "gpt-4o-2024-08-06", "gpt-4o-2024-08-06"),
    ("arena", "gpt-4o-mini-2024-07-18", "gpt-4o-mini-2024-07-18"),
    ("arena", "gpt-4.1-2025-04-14", "gpt-4-1-2025-04-14"),
    ("arena", "gpt-4.1-mini-2025-04-14", "gpt-4-1-mini-2025-04-14"),
    ("arena", "gpt-4-turbo-2024-04-09", "gpt-4-turbo-2024-04-09"),
    ("arena", "gpt-3.5-turbo-0125", "gpt-3-5-turbo-0125"),
    ("arena", "o1-2024-12-17", "o1-2024-12-17"),
    ("arena", "o3-2025-04-16", "o3-2025-04-16"),
    ("arena", "o4-mini-2025-04-16", "o4-mini-2025-04-16"),
    ("arena", "o3-mini", "o3-mini"),
    ("arena", "gpt-5.1", "gpt-5-1"),
    ("arena", "gpt-5-chat", "gpt-5-chat-latest"),
    ("arena", "gpt-oss-120b", "gpt-oss-120b"),
    ("arena", "gemini-2.5-pro", "gemini-2-5-pro"),
    ("arena", "gemini-2.5-flash", "gemini-2-5-flash"),
    ("arena", "gemma-3-27b-it", "gemma-3-27b-it"),
    ("arena", "deepseek-r1", "deepseek-r1"),
    ("arena", "deepseek-v3", "deepseek-v3"),
    ("arena", "deepseek-v3.2", "deepseek-v3-2"),
    ("arena", "glm-4.5", "glm-4-5"),
    ("arena", "glm-4.5-air", "glm-4-5-air"),
    ("arena", "glm-4.6", "glm-4-6"),
    ("arena", "kimi-k2-0905-preview", "kimi-k2-0905-preview"),
    ("arena", "qwen3-32b", "qwen3-32b"),
    ("arena", "qwen3-235b-a22b", "qwen3-235b-a22b"),
    ("arena", "qwen2.5-72b-instruct", "qwen2-5-72b-instruct"),
    ("arena", "qwen3-coder-480b-a35b-instruct", "qwen3-coder-480b-a35b-instruct"),
    ("arena", "mistral-large-2411", "mistral-large-2411"),
    ("arena", "mistral-medium-2505", "mistral-medium-2505"),
    ("arena", "mistral-small-2506", "mistral-small-2506"),
    ("arena", "llama-3.3-70b-instruct", "llama-3-3-70b-instruct"),
    ("arena", "llama-3.1-8b-instruct", "llama-3-1-8b-instruct"),
    ("arena", "command-r-plus-08-2024", "command-r-plus-08-2024"),
    ("arena", "command-a-03-2025", "command-a-03-2025"),
    ("arena", "minimax-m2", "minimax-m2"),
    # --- OpenRouter: "creator/" prefixes, "4.5" for "4-5", ":free" routes.
    ("openrouter", "anthropic/claude-sonnet-4.5", "claude-sonnet-4-5"),
    ("openrouter", "anthropic/claude-haiku-4.5", "claude-haiku-4-5"),
    ("openrouter", "anthropic/claude-opus-4", "claude-opus-4-0"),
    ("openrouter", "anthropic/claude-sonnet-4", "claude-sonnet-4-0"),
    ("openrouter", "openai/gpt-4o", "gpt-4o"),
    ("openrouter", "openai/gpt-4o-mini", "gpt-4o-mini"),
    ("openrouter", "openai/gpt-4o-2024-05-13", "gpt-4o-2024-05-13"),
    ("openrouter", "openai/gpt-5-chat", "gpt-5-chat-latest"),
    ("openrouter", "openai/gpt-oss-120b:free", "gpt-oss-120b"),
    ("openrouter", "google/gemini-2.5-pro", "gemini-2-5-pro"),
    ("openrouter", "google/gemma-4-31b-it:free", "gemma-4-31b-it"),
    ("openrouter", "~google/gemini-flash-latest", "gemini-flash-latest"),
    ("openrouter", "deepseek/deepseek-chat", "deepseek-chat"),
    ("openrouter", "deepseek/deepseek-v4-flash:free", "deepseek-v4-flash"),
    ("openrouter", "meta-llama/llama-3.3-70b-instruct", "llama-3-3-70b-instruct"),
    ("openrouter", "mistralai/mistral-large-2411", "mistral-large-2411"),
    ("openrouter", "mistralai/mistral-large", "mistral-large-latest"),
    ("openrouter", "moonshotai/kimi-k2.6", "kimi-k2-6"),
    ("openrouter", "qwen/qwen-2.5-72b-instruct", "qwen2-5-72b-instruct"),
    ("openrouter", "z-ai/glm-4.5-air:free", "glm-4-5-air"),
    ("openrouter", "x-ai/grok-4.3", "grok-4-3"),
    ("openrouter", "cohere/command-r-plus-08-2024", "command-r-plus-08-2024"),
    ("openrouter", "minimax/minimax-m2.5", "minimax-m2-5"),
    ("openrouter", "perplexity/sonar-pro", "sonar-pro"),
    # --- LiteLLM on Bedrock: region prefixes and "-vN:M" revisions fold away; the date stays.
    ("litellm", "anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022"),
    ("litellm", "anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet-20240620"),
    ("litellm", "us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022"),
    ("litellm", "eu.anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet-20240620"),
    ("litellm", "bedrock/invoke/anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet-20240620"),
    ("litellm", "bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku-20241022"),
    ("litellm", "anthropic.claude-opus-4-6-v1", "claude-opus-4-6"),
    ("litellm", "bedrock/us-gov-west-1/openai.gpt-oss-120b-1:0", "gpt-oss-120b"),
    ("litellm", "bedrock/us-east-1/moonshotai.kimi-k2.5", "kimi-k2-5"),
    ("litellm", "bedrock/ap-northeast-1/minimax.minimax-m2.1", "minimax-m2-1"),
    ("litellm", "bedrock_mantle/qwen.qwen3-coder-480b-a35b-instruct", "qwen3-coder-480b-a35b-instruct"),
    # --- LiteLLM on Vertex: "@date" is the snapshot, "-v2@" repeats it, "@default" is nothing.
    ("litellm", "vertex_ai/claude-3-5-sonnet@20240620", "claude-3-5-sonnet-20240620"),
    ("litellm", "vercel_ai_gateway/anthropic/claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022"),
    # --- LiteLLM on Azure: deployment regions and image size/quality tiers are routes.
    ("litellm", "azure/gpt-4o-2024-05-13", "gpt-4o-2024-05-13"),
    ("litellm", "azure/eu/gpt-4o-2024-08-06", "gpt-4o-2024-08-06"),
    ("litellm", "azure/global-standard/gpt-4o-2024-11-20", "gpt-4o-2024-11-20"),
    ("litellm", "azure/us/gpt-4o", "gpt-4o"),
    ("litellm", "azure/us/o4-mini", "o4-mini"),
    ("litellm", "azure/high/1024-x-1536/gpt-image-1", "gpt-image-1"),
    ("litellm", "azure/text-embedding-3-small", "text-embedding-3-small"),
    ("litellm", "azure_ai/deepseek-r1", "deepseek-r1"),
    # --- LiteLLM on Fireworks: "accounts/fireworks/models/" is a route, "3p3" is 3.3.
    ("litellm", "fireworks_ai/accounts/fireworks/models/kimi-k2p6", "kimi-k2-6"),
    ("litellm", "fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct", "llama-3-3-70b-instruct"),
    ("litellm", "fireworks_ai/accounts/fireworks/models/qwen2p5-72b-instruct", "qwen2-5-72b-instruct"),
    ("litellm", "fireworks_ai/glm-5p1", "glm-5-1"),
    # --- genai-prices: bare ids, HF-style "Org/Model" casing, Bedrock ids, ":free"/":extended" routes.
    ("genai-prices", "global.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001"),
    ("genai-prices", "global.anthropic.claude-opus-4-8-v1:0", "claude-opus-4-8"),
    ("genai-prices", "claude-haiku-4-5", "claude-haiku-4-5"),
    # Google's Vertex listing writes Claude 4 version first.
    ("genai-prices", "claude-4-sonnet", "claude-sonnet-4-0"),
    ("genai-prices", "claude-4-opus", "claude-opus-4-0"),
    ("genai-prices", "claude-opus-4-6", "claude-opus-4-6"),
    ("litellm", "perplexity/anthropic/claude-sonnet-4-5", "claude-sonnet-4-5"),
    ("litellm", "dashscope/glm-5.1", "glm-5-1"),
    ("genai-prices", "Qwen/Qwen3-235B-A22B", "qwen3-235b-a22b"),
    ("genai-prices", "meta-llama/Llama-3.1-8B-Instruct", "llama-3-1-8b-instruct"),
    ("genai-prices", "Meta-Llama-3.3-70B-Instruct", "llama-3-3-70b-instruct"),
    ("genai-prices", "moonshotai/Kimi-K2.6", "kimi-k2-6"),
    ("genai-prices", "kimi-k2p5", "kimi-k2-5"),
    ("genai-prices", "GLM-5", "glm-5"),
    ("genai-prices", "MiniMax-M2.7", "minimax-m2-7"),
    ("genai-prices", "gpt-4o:extended", "gpt-4o"),
    ("genai-prices", "mistralai/mistral-nemo:free", "mistral-nemo"),
    ("genai-prices", "codestral", "codestral-latest"),
    ("genai-prices", "deepseek-ai/DeepSeek-V4-Flash", "deepseek-v4-flash"),
    # --- models.dev hosts: Bedrock, Vertex, Azure, Groq, Fireworks files.
    ("models-dev", "us.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001"),
    ("models-dev", "global.anthropic.claude-opus-4-6-v1", "claude-opus-4-6"),
    ("models-dev", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"),
    ("models-dev", "qwen.qwen3-32b-v1:0", "qwen3-32b"),
    ("models-dev", "meta.llama3-3-70b-instruct-v1:0", "llama-3-3-70b-instruct"),
    ("models-dev", "deepseek.r1-v1:0", "deepseek-r1"),
    ("models-dev", "zai.glm-5", "glm-5"),
    ("models-dev", "moonshot.kimi-k2-thinking", "kimi-k2-thinking"),
    ("models-dev", "claude-opus-4@20250514", "claude-opus-4-20250514"),
    ("models-dev", "claude-haiku-4-5@20251001", "claude-haiku-4-5-20251001"),
    ("models-dev", "claude-3-5-haiku@20241022", "claude-3-5-haiku-20241022"),
    ("models-dev", "claude-sonnet-4-6@default", "claude-sonnet-4-6"),
    ("models-dev", "claude-opus4-6", "claude-opus-4-6"),
    ("models-dev", "accounts/fireworks/models/kimi-k2p6", "kimi-k2-6"),
    ("models-dev", "openai/gpt-oss-120b", "gpt-oss-120b"),
    ("models-dev", "deepseek-ai/DeepSeek-R1", "deepseek-r1"),
]

# Ids that are not any model the first-party files define: variants a source
# ranks or sells separately, bare names no source ties to a snapshot, and
# fine-tunes. They go to the curator queue.
UNRESOLVED = [
    ("arena", "claude-3-7-sonnet-20250219-thinking-32k"),
    ("arena", "claude-opus-4-20250514-thinking-16k"),
    ("arena", "gemini-1.5-pro-002"),
    ("arena", "chatgpt-4o-latest-20250326"),
    ("arena", "gpt-5-high"),
    ("arena", "deepseek-r1-0528"),
    ("arena", "amazon-nova-pro-v1.0"),
    ("arena", "claude-2.1"),
    ("arena", "mistral-7b-instruct-v0.2"),
    ("arena", "qwen3-235b-a22b-instruct-2507"),
    ("arena", "llama-3.1-405b-instruct-fp8"),
    ("openrouter", "qwen/qwen-plus-2025-07-28:thinking"),
    ("openrouter", "openrouter/auto"),
    ("openrouter", "anthropic/claude-3.5-haiku"),
    ("litellm", "vertex_ai/claude-3-5-sonnet"),
    ("litellm", "anthropic.claude-instant-v1"),
    ("litellm", "anthropic.claude-v2:1"),
    ("litellm", "amazon.nova-pro-v1:0"),
    ("litellm", "mistral.mistral-7b-instruct-v0:2"),
    ("genai-prices", "claude-3-5-sonnet"),
    ("genai-prices", "chatgpt-4o-latest"),
    ("models-dev", "accounts/fireworks/routers/kimi-k2p6-fast"),
    ("models-dev", "claude-opus-4-1-thinking"),
    ("models-dev", "deepseek-ai/deepseek-v3.2-maas"),
]

# Rule-following merges a curator may have to split with a ruling for one
# source: "-latest" folds away, so the Arena's 2023 "gemini-pro" meets
# Google's moving "gemini-pro-latest" (see docs/identity.md).
FOLDED_BY_LATEST = [
    ("arena", "gemini-pro", "gemini-pro-latest"),
    ("arena", "mistral-medium", "mistral-medium-latest"),
]


def test_every_table_id_is_in_its_shipped_file():
    ids = source_ids()
    missing = [(s, i) for s, i, *_ in [*RESOLVES, *UNRESOLVED, *FOLDED_BY_LATEST] if i not in ids[s]]
    assert missing == []
    assert len(RESOLVES) + len(UNRESOLVED) >= 100


def test_each_shipped_id_resolves_to_its_hand_checked_model():
    counts = build_catalog()
    resolvers = {source: IdentityResolver(source=source) for source in source_ids()}

    def resolved(source, raw_id):
        model = resolvers[source].resolve(raw_id)
        return model.slug if model else None

    wrong = [(s, i, want, resolved(s, i)) for s, i, want in [*RESOLVES, *FOLDED_BY_LATEST] if resolved(s, i) != want]
    wrong += [(s, i, None, resolved(s, i)) for s, i in UNRESOLVED if resolved(s, i) is not None]
    assert wrong == []
    assert counts["models"] > 500
    assert ModelAlias.objects.count() == counts["aliases"]
