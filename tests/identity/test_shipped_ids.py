"""Every shipped file end to end, and a hand-checked table of ids from all five sources.

Every shipped file is ingested once per module through the real pipelines in
date order (the operator's order), LiteLLM's twice in a row, in a transaction
rolled back when the module ends; both tests read that one catalog.

The table: each id is looked up the way an API user looks it up
(``GET /v1/models/{id}``: slug, alias or normal form). The table covers
floating names and their only snapshot, ``-latest`` names, reasoning modes
that leaderboards rate separately (variants), host ids from more than fifteen
hosts (Bedrock, Vertex, Azure, Fireworks, Together, DeepInfra, Nebius, Novita,
Groq, Cerebras, Cloudflare, OCI, watsonx, Replicate, Vercel, GitHub Models,
OpenRouter, Databricks, Snowflake, SambaNova, Baseten, Hyperbolic, Hugging
Face, NVIDIA, Perplexity), pairs that must never merge, and ids no rule may
decide. See docs/identity.md for the rules each row exercises.
"""

from datetime import date

import pytest
from django.db import transaction

from ingestion.models import PipelineRun
from models_registry.models import Endpoint, Model, ModelAlias, UnresolvedIdentifier
from models_registry.selectors import model_by_slug_or_alias
from pricing.models import Price
from rankings.models import Signal
from tests.conftest import eager_tasks, forget_everything_cached
from tests.ingestion.conftest import DATA_DIR, ingest

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.shared_data]

LITELLM = ("litellm", DATA_DIR / "litellm/litellm-1.109.1-model-prices.json", date(2026, 7, 1))
ARENA_BOARDS = sorted((DATA_DIR / "arena").glob("leaderboard-text-*.json"))
SHIPPED_IN_DATE_ORDER = [
    ("models-dev", DATA_DIR / "models-dev/models-dev-2025-12-31.tar.gz", None),
    ("models-dev", DATA_DIR / "models-dev/models-dev-2026-07-01.tar.gz", None),
    ("openrouter", DATA_DIR / "openrouter/openrouter-models-2026-07-01.json", None),
    LITELLM,
    ("genai-prices", DATA_DIR / "genai-prices/genai-prices-v2-data.json", date(2026, 8, 21)),
    *[("arena", path, None) for path in ARENA_BOARDS],
]


@pytest.fixture(scope="module")
def litellm_rerun(django_db_setup, django_db_blocker):
    """Every shipped file in date order, LiteLLM's read a second time right after the first; the
    second run's result. Shared by the module's tests and rolled back when the module ends."""
    eager_tasks()
    forget_everything_cached()
    with django_db_blocker.unblock(), transaction.atomic():
        for pipeline, path, as_of in SHIPPED_IN_DATE_ORDER:
            ingest(pipeline, path, as_of=as_of)
            if (pipeline, path, as_of) == LITELLM:
                rerun = ingest(pipeline, path, as_of=as_of)
        yield rerun
        transaction.set_rollback(True)
    forget_everything_cached()


def test_the_full_shipped_files_ingest_and_a_rerun_changes_nothing(litellm_rerun):
    # Each file, the LiteLLM re-run, and files other sources' runs read again (their queued ids now resolve).
    runs = PipelineRun.objects.filter(status="success")
    assert runs.values("input").distinct().count() == 5 + len(ARENA_BOARDS) == 16
    assert runs.count() >= 17
    assert Model.objects.count() > 800
    assert ModelAlias.objects.count() > Model.objects.count()
    assert Endpoint.objects.count() > 5000
    # Both models.dev snapshots give history: some endpoints have a price per snapshot.
    assert Price.objects.filter(source="models-dev", effective_from=date(2025, 12, 31)).exists()
    assert Price.objects.filter(source="models-dev", effective_from=date(2026, 7, 1)).exists()
    # Eleven arena snapshots give eleven dates of quality signals.
    assert Signal.objects.filter(source="arena").values("recorded_at").distinct().count() == len(ARENA_BOARDS)
    assert UnresolvedIdentifier.objects.filter(source="arena").exists()

    # The re-run right after the first: ids it meets resolve exactly as before (routers and a price
    # list's size brackets are decided by rule again, and still create nothing).
    assert litellm_rerun.changed is False
    decided_again = {"unchanged", "unresolved", "conflicts", "unmapped", "ignored", "skipped", "routers", "price-slots"}
    assert all(set(outcomes) <= decided_again for outcomes in litellm_rerun.counts.values())


# (where the id appears: a source or the host that serves it, the id, the model's slug)
RESOLVES = [
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
    # OpenAI's own OpenRouter entry dates gpt-4-turbo by its only snapshot (the card by its first preview).
    ("arena", "gpt-4o-mini-2024-07-18", "gpt-4o-mini-2024-07-18"),
    ("arena", "gpt-4.1-2025-04-14", "gpt-4-1-2025-04-14"),
    ("arena", "gpt-4.1-mini-2025-04-14", "gpt-4-1-mini-2025-04-14"),
    ("arena", "gpt-4-turbo-2024-04-09", "gpt-4-turbo-2024-04-09"),
    ("arena", "gpt-3.5-turbo-0125", "gpt-3-5-turbo-0125"),
    ("arena", "o1-2024-12-17", "o1-2024-12-17"),
    ("arena", "o3-2025-04-16", "o3-2025-04-16"),
    ("arena", "o4-mini-2025-04-16", "o4-mini-2025-04-16"),
    ("arena", "o3-mini", "o3-mini-2025-01-31"),
    ("arena", "gpt-5.1", "gpt-5-1-2025-11-13"),
    ("arena", "gpt-5-chat", "gpt-5-chat"),
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
    ("arena", "kimi-k2-0905-preview", "kimi-k2-0905"),
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
    ("openrouter", "anthropic/claude-sonnet-4.5", "claude-sonnet-4-5-20250929"),
    # Bedrock GovCloud writes the id without the vendor, its revision after the date.
    ("bedrock", "bedrock/us-gov-east-1/claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"),
    # OpenRouter's id and the repository of the weights it serves (hugging_face_id) are one release.
    ("openrouter", "deepseek/deepseek-chat-v3.1", "deepseek-chat-v3-1"),
    ("openrouter", "qwen/qwen3-235b-a22b-2507", "qwen3-235b-a22b-2507"),
    ("openrouter", "moonshotai/kimi-k2-0905", "kimi-k2-0905"),
    ("openrouter", "minimax/minimax-01", "minimax-01"),
    ("models-dev", "MiniMaxAI/MiniMax-Text-01", "minimax-01"),
    ("openrouter", "baidu/ernie-4.5-21b-a3b", "ernie-4-5-21b-a3b"),
    ("models-dev", "baidu/ERNIE-4.5-21B-A3B-PT", "ernie-4-5-21b-a3b"),
    # ... but not a name without the repository's version or size: OpenRouter's meaning only.
    ("openrouter", "deepseek/deepseek-chat", "deepseek-chat"),
    ("openrouter", "meta-llama/llama-4-scout", "llama-4-scout"),
    ("openrouter", "anthropic/claude-haiku-4.5", "claude-haiku-4-5-20251001"),
    ("openrouter", "anthropic/claude-opus-4", "claude-opus-4-20250514"),
    ("openrouter", "anthropic/claude-sonnet-4", "claude-sonnet-4-20250514"),
    ("openrouter", "openai/gpt-4o", "gpt-4o"),
    ("openrouter", "openai/gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
    ("openrouter", "openai/gpt-4o-2024-05-13", "gpt-4o-2024-05-13"),
    ("openrouter", "openai/gpt-5-chat", "gpt-5-chat"),
    ("openrouter", "openai/gpt-oss-120b:free", "gpt-oss-120b"),
    ("openrouter", "google/gemini-2.5-pro", "gemini-2-5-pro"),
    ("openrouter", "google/gemma-4-31b-it:free", "gemma-4-31b-it"),
    ("openrouter", "~google/gemini-flash-latest", "gemini-flash-latest"),
    ("openrouter", "deepseek/deepseek-chat", "deepseek-chat"),
    ("openrouter", "deepseek/deepseek-v4-flash:free", "deepseek-v4-flash"),
    ("openrouter", "meta-llama/llama-3.3-70b-instruct", "llama-3-3-70b-instruct"),
    ("openrouter", "mistralai/mistral-large-2411", "mistral-large-2411"),
    # One snapshot with and without "instruct": the maker's API id and its weights' repository.
    ("io-net", "mistralai/Mistral-Large-Instruct-2411", "mistral-large-2411"),
    ("ollama", "mistral-large-instruct-2407", "mistral-large-2407"),
    ("togetherai", "mistralai/Ministral-3-14B-Instruct-2512", "ministral-14b-2512"),
    ("digitalocean", "ministral-3-8b-instruct-2512", "ministral-8b-2512"),
    ("fireworks", "accounts/fireworks/models/ministral-3-3b-instruct-2512", "ministral-3b-2512"),
    ("nano-gpt", "moonshotai/kimi-k2-instruct-0711", "kimi-k2-0711"),
    # A maker's own name written before its id (rule spelling).
    ("azure_ai", "Cohere-embed-v3-english", "embed-english-v3-0"),
    ("azure-cognitive-services", "cohere-embed-v3-multilingual", "embed-multilingual-v3-0"),
    ("azure_ai", "cohere-rerank-v3-english", "rerank-english-v3-0"),
    ("azure_ai", "Cohere-Embed-V5-Fast", "embed-v5-0-fast"),
    ("fal", "minimax/h3/text-to-video", "minimax-h3"),
    ("minimax", "MiniMax-H3", "minimax-h3"),
    ("models-dev", "moonshot-kimi-k2-instruct", "kimi-k2-instruct"),
    # Mistral's API drops Ministral 3's generation, which its name keeps (rule named-as).
    ("openrouter", "mistralai/ministral-14b-2512", "ministral-14b-2512"),
    ("mistral", "ministral-3-14b-2512", "ministral-14b-2512"),
    ("openrouter", "mistralai/ministral-8b-2512", "ministral-8b-2512"),
    ("mistral", "ministral-3-8b-2512", "ministral-8b-2512"),
    ("openrouter", "mistralai/ministral-3b-2512", "ministral-3b-2512"),
    ("mistral", "ministral-3-3b-2512", "ministral-3b-2512"),
    # Mistral's API names a dated release by its line, its weights by version, size and edition (rule weights-name).
    ("mistral", "mistral/mistral-large-2512", "mistral-large-2512"),
    ("nvidia", "mistralai/mistral-large-3-675b-instruct-2512", "mistral-large-2512"),
    ("amazon-bedrock", "mistral.mistral-large-3-675b-instruct", "mistral-large-2512"),
    ("azure", "mistral-small-2503", "mistral-small-3-1-24b-instruct"),
    ("chutes", "chutesai/Mistral-Small-3.1-24B-Instruct-2503", "mistral-small-3-1-24b-instruct"),
    ("mistral", "mistral/mistral-small-2603", "mistral-small-2603"),
    ("nano-gpt", "mistralai/mistral-small-4-119b-2603", "mistral-small-2603"),
    ("regolo-ai", "mistral-small-4-119b", "mistral-small-2603"),
    ("mistral", "voxtral-small-2507", "voxtral-small-24b-2507"),
    ("openrouter", "mistralai/voxtral-small-24b-2507", "voxtral-small-24b-2507"),
    # A version's ".0" is a spelling: one host writes it, the maker does not.
    ("qiniu-ai", "gemini-3.0-pro-preview", "gemini-3-pro-preview"),
    ("qiniu-ai", "gemini-3.0-flash-preview", "gemini-3-flash-preview"),
    ("qiniu-ai", "gemini-3.0-pro-image-preview", "gemini-3-pro-image-preview"),
    ("vercel", "cohere/rerank-v4-fast", "rerank-v4-0-fast"),
    ("fastrouter", "google/imagen-4.0-ultra", "imagen-4-ultra"),
    # Gateways' spellings of Google's numbered media models: one release with the number.
    ("aiml", "google/imagen-4.0-ultra-generate-001", "imagen-4-ultra"),
    ("vercel", "google/imagen-4.0-fast-generate-001", "imagen-4-fast"),
    ("vercel", "google/imagen-4.0-generate-001", "imagen-4"),
    ("poe", "google/imagen-3", "imagen-3-0-generate-001"),
    ("google-vertex", "veo-3.0-generate-001", "veo-3"),
    ("google-vertex", "veo-3.1-generate-001", "veo-3-1-generate-001"),
    ("fastrouter", "google/veo3.1", "veo-3-1-generate-001"),
    ("poe", "google/veo-3.1", "veo-3-1-generate-001"),
    ("runwayml", "veo3.1", "veo-3-1-generate-001"),
    ("runwayml", "seedance2_fast", "seedance-2-0-fast"),
    # OpenRouter's February 2024 "Mistral Large", not the pointer that has moved to three later snapshots.
    ("openrouter", "mistralai/mistral-large", "mistral-large"),
    ("openrouter", "moonshotai/kimi-k2.6", "kimi-k2-6"),
    ("openrouter", "qwen/qwen-2.5-72b-instruct", "qwen2-5-72b-instruct"),
    ("openrouter", "z-ai/glm-4.5-air:free", "glm-4-5-air"),
    ("openrouter", "x-ai/grok-4.3", "grok-4-3"),
    ("openrouter", "cohere/command-r-plus-08-2024", "command-r-plus-08-2024"),
    ("openrouter", "minimax/minimax-m2.5", "minimax-m2-5"),
    ("openrouter", "perplexity/sonar-pro", "sonar-pro"),
    ("litellm", "anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022"),
    ("litellm", "anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet-20240620"),
    # A host's path names the product it ends with; Novita's "community" edition is the release.
    ("litellm", "deepseek/deepseek-r1/community", "deepseek-r1"),
    # A second LiteLLM key routed onto the same host and id (Alibaba's API under "dashscope" and
    # "qwencloud", Mistral's under "codestral" and "text-completion-codestral") names the same model.
    ("litellm", "qwencloud/qwen-max", "qwen-max"),
    # A host's derivative spelled otherwise than the fine-tuner's repository is that release.
    ("models-dev", "Qwen2.5-32B-EVA-v0.2", "eva-qwen2-5-32b-v0-2"),
    ("models-dev", "Qwen3.5-27B-BlueStar-v3-Derestricted", "qwen3-5-27b-bluestar-v3-derestricted"),
    ("models-dev", "Gemma-4-31B-DarkIdol", "gemma-4-31b-darkidol"),
    ("litellm", "qwencloud/qwq-plus", "qwq-plus"),
    ("litellm", "text-completion-codestral/codestral-latest", "codestral-latest"),
    ("litellm", "deepseek/deepseek-v3/community", "deepseek-v3"),
    ("litellm", "fal-ai/imagen4/preview/ultra", "imagen4-preview-ultra"),
    ("litellm", "bytedance/seedance-2.0/reference-to-video", "seedance-2"),
    ("litellm", "us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022"),
    ("litellm", "eu.anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet-20240620"),
    ("litellm", "bedrock/invoke/anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet-20240620"),
    ("litellm", "bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku-20241022"),
    ("litellm", "anthropic.claude-opus-4-6-v1", "claude-opus-4-6-20260205"),
    ("litellm", "bedrock/us-gov-west-1/openai.gpt-oss-120b-1:0", "gpt-oss-120b"),
    ("litellm", "bedrock/us-east-1/moonshotai.kimi-k2.5", "kimi-k2-5"),
    ("litellm", "bedrock/ap-northeast-1/minimax.minimax-m2.1", "minimax-m2-1"),
    ("litellm", "bedrock_mantle/qwen.qwen3-coder-480b-a35b-instruct", "qwen3-coder-480b-a35b-instruct"),
    ("litellm", "vertex_ai/claude-3-5-sonnet@20240620", "claude-3-5-sonnet-20240620"),
    ("litellm", "vercel_ai_gateway/anthropic/claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022"),
    ("litellm", "azure/gpt-4o-2024-05-13", "gpt-4o-2024-05-13"),
    ("litellm", "azure/eu/gpt-4o-2024-08-06", "gpt-4o-2024-08-06"),
    ("litellm", "azure/global-standard/gpt-4o-2024-11-20", "gpt-4o-2024-11-20"),
    ("litellm", "azure/us/gpt-4o", "gpt-4o"),
    ("litellm", "azure/us/o4-mini", "o4-mini-2025-04-16"),
    ("litellm", "azure/high/1024-x-1536/gpt-image-1", "gpt-image-1"),
    ("litellm", "azure/text-embedding-3-small", "text-embedding-3-small"),
    ("litellm", "azure_ai/deepseek-r1", "deepseek-r1"),
    ("litellm", "fireworks_ai/accounts/fireworks/models/kimi-k2p6", "kimi-k2-6"),
    ("litellm", "fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct", "llama-3-3-70b-instruct"),
    ("litellm", "fireworks_ai/accounts/fireworks/models/qwen2p5-72b-instruct", "qwen2-5-72b-instruct"),
    ("litellm", "fireworks_ai/glm-5p1", "glm-5-1"),
    ("genai-prices", "global.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001"),
    ("genai-prices", "global.anthropic.claude-opus-4-8-v1:0", "claude-opus-4-8"),
    ("genai-prices", "claude-haiku-4-5", "claude-haiku-4-5-20251001"),
    ("genai-prices", "claude-4-sonnet", "claude-sonnet-4-20250514"),
    ("genai-prices", "claude-4-opus", "claude-opus-4-20250514"),
    ("genai-prices", "claude-opus-4-6", "claude-opus-4-6-20260205"),
    ("litellm", "perplexity/anthropic/claude-sonnet-4-5", "claude-sonnet-4-5-20250929"),
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
    # Undated: one date is no evidence for the same-name rule (docs/identity.md).
    ("genai-prices", "codestral", "codestral"),
    ("genai-prices", "deepseek-ai/DeepSeek-V4-Flash", "deepseek-v4-flash"),
    ("models-dev", "us.anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5-20251001"),
    ("models-dev", "global.anthropic.claude-opus-4-6-v1", "claude-opus-4-6-20260205"),
    ("models-dev", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"),
    ("models-dev", "qwen.qwen3-32b-v1:0", "qwen3-32b"),
    ("models-dev", "meta.llama3-3-70b-instruct-v1:0", "llama-3-3-70b-instruct"),
    ("models-dev", "deepseek.r1-v1:0", "deepseek-r1"),
    ("models-dev", "zai.glm-5", "glm-5"),
    # Bedrock's Kimi K2 Thinking is Moonshot's November release, not a mode of the July K2 preview.
    ("models-dev", "moonshot.kimi-k2-thinking", "kimi-k2-thinking"),
    ("models-dev", "claude-opus-4@20250514", "claude-opus-4-20250514"),
    ("models-dev", "claude-haiku-4-5@20251001", "claude-haiku-4-5-20251001"),
    ("models-dev", "claude-3-5-haiku@20241022", "claude-3-5-haiku-20241022"),
    ("models-dev", "claude-sonnet-4-6@default", "claude-sonnet-4-6"),
    ("models-dev", "claude-opus4-6", "claude-opus-4-6-20260205"),
    ("models-dev", "accounts/fireworks/models/kimi-k2p6", "kimi-k2-6"),
    ("models-dev", "openai/gpt-oss-120b", "gpt-oss-120b"),
    ("models-dev", "deepseek-ai/DeepSeek-R1", "deepseek-r1"),
    ("arena", "gemini-1.5-pro-002", "gemini-1-5-pro-002"),
    ("arena", "chatgpt-4o-latest-20250326", "chatgpt-4o-latest-20250326"),
    ("arena", "deepseek-r1-0528", "deepseek-r1-0528"),
    ("arena", "amazon-nova-pro-v1.0", "nova-pro-v1"),
    # Bedrock's "claude-v2:1" read first: one release (rule spelling), under the slug met first.
    ("arena", "claude-2.1", "claude-v2-1"),
    ("arena", "mistral-7b-instruct-v0.2", "mistral-7b-instruct-v0-2"),
    ("arena", "qwen3-235b-a22b-instruct-2507", "qwen3-235b-a22b-2507"),
    ("arena", "llama-3.1-405b-instruct-fp8", "llama-3-1-405b-instruct"),
    ("openrouter", "anthropic/claude-3.5-haiku", "claude-3-5-haiku-20241022"),
    ("litellm", "vertex_ai/claude-3-5-sonnet", "claude-3-5-sonnet"),
    ("litellm", "anthropic.claude-instant-v1", "claude-instant-v1"),
    ("litellm", "anthropic.claude-v2:1", "claude-v2-1"),
    ("litellm", "amazon.nova-pro-v1:0", "nova-pro-v1"),
    ("litellm", "mistral.mistral-7b-instruct-v0:2", "mistral-7b-instruct-v0-2"),
    ("genai-prices", "claude-3-5-sonnet", "claude-3-5-sonnet"),
    ("genai-prices", "chatgpt-4o-latest", "chatgpt-4o-latest"),
    ("models-dev", "accounts/fireworks/routers/kimi-k2p6-fast", "kimi-k2-6"),
    ("models-dev", "deepseek-ai/deepseek-v3.2-maas", "deepseek-v3-2"),
    ("arena", "gemini-pro", "gemini-pro"),
    ("arena", "mistral-medium", "mistral-medium"),
    ("amazon-bedrock", "us-west-2/1-month-commitment/anthropic.claude-v2:1", "claude-v2-1"),
    ("amazon-bedrock", "us.amazon.nova-2-pro-preview-20251202-v1:0", "nova-2-pro-preview-20251202"),
    ("amazon-bedrock", "stability.stable-image-control-structure-v1:0", "stable-image-control-structure-v1"),
    ("amazon-bedrock", "au.anthropic.claude-opus-4-8", "claude-opus-4-8"),
    ("amazon-bedrock", "apac.anthropic.claude-sonnet-5-5", "claude-sonnet-5-5"),
    ("amazon-bedrock", "jp.anthropic.claude-opus-4-7", "claude-opus-4-7-20260416"),
    ("amazon-bedrock", "meta.llama2-13b-chat-v1", "llama-2-13b-chat"),
    ("amazon-bedrock", "global.anthropic.claude-opus-4-6-v1:0", "claude-opus-4-6-20260205"),
    ("google-vertex", "gemini-2.5-flash-preview-09-2025", "gemini-2-5-flash-preview-09-2025"),
    ("google-vertex", "gemini-3.8-flash-lite-tts", "gemini-3-8-flash-lite-tts"),
    ("google-vertex", "gemini-2.5-flash-lite-preview-06-17", "gemini-2-5-flash-lite-preview-06-17"),
    ("google-vertex", "gemini-2.5-flash-preview-04-17", "gemini-2-5-flash-preview-04-17"),
    ("google-vertex", "gemini-3.8-flash-tts", "gemini-3-8-flash-tts"),
    ("google-vertex", "deepseek-ai/deepseek-v3.1-maas", "deepseek-chat-v3-1"),
    ("google-vertex", "gemini-2.5-flash-lite", "gemini-2-5-flash-lite"),
    # Anthropic tagged its only snapshot of Opus 4.5 three weeks before releasing it under the floating name.
    ("models-dev", "claude-opus-4-5", "claude-opus-4-5-20251101"),
    ("openrouter", "anthropic/claude-opus-4.5", "claude-opus-4-5-20251101"),
    # Ollama's tags name the chat release of the family and size.
    ("models-dev", "gemma3:12b", "gemma-3-12b-it"),
    ("ollama-cloud", "qwen3-coder:480b", "qwen3-coder-480b-a35b-instruct"),
    ("ollama", "qwen3-coder:480b-cloud", "qwen3-coder-480b-a35b-instruct"),
    ("ollama-cloud", "qwen3.5:397b", "qwen3-5-397b-a17b"),
    ("ollama-cloud", "qwen3-vl:235b-instruct", "qwen3-vl-235b-a22b-instruct"),
    ("ollama-cloud", "mistral-large-3:675b", "mistral-large-2512"),
    # A bare tag names the floating name beside its own dated snapshot.
    ("ollama-cloud", "ministral-3:8b", "ministral-3-8b-instruct"),
    ("google-vertex-anthropic", "claude-opus-4-5@20251101", "claude-opus-4-5-20251101"),
    ("google-vertex-anthropic", "vertex_ai/claude-fable-5-1@default", "claude-fable-5-1"),
    ("google-vertex-anthropic", "vertex_ai/claude-opus-4-5@20251101", "claude-opus-4-5-20251101"),
    ("google-vertex-anthropic", "vertex_ai/claude-opus-5", "claude-opus-5"),
    ("google-vertex-anthropic", "claude-sonnet-4-5@20250929", "claude-sonnet-4-5-20250929"),
    ("google-vertex-anthropic", "vertex_ai/claude-3-5-haiku", "claude-3-5-haiku-20241022"),
    ("google-vertex-anthropic", "vertex_ai/claude-opus-4-8", "claude-opus-4-8"),
    ("google-vertex-anthropic", "vertex_ai/claude-sonnet-4-6", "claude-sonnet-4-6"),
    ("azure", "us/gpt-5.4-pro", "gpt-5-4-pro-2026-03-05"),
    ("azure", "gpt-5.4-pro", "gpt-5-4-pro-2026-03-05"),
    ("azure", "us/gpt-5.3-codex", "gpt-5-3-codex"),
    ("azure", "us/o1-mini", "o1-mini"),
    ("azure", "us/o3", "o3-2025-04-16"),
    ("azure", "phi-3.5-moe-instruct", "phi-3-5-moe-instruct"),
    ("azure", "eu/gpt-5.4", "gpt-5-4-2026-03-05"),
    ("azure", "us/gpt-4o-2024-05-13", "gpt-4o-2024-05-13"),
    ("fireworks-ai", "accounts/fireworks/models/kimi-k2p5", "kimi-k2-5"),
    ("fireworks-ai", "accounts/fireworks/models/llama-v3p1-nemotron-70b-instruct", "llama-3-1-nemotron-70b-instruct"),
    ("fireworks-ai", "accounts/fireworks/models/qwen3-30b-a3b-thinking-2507", "qwen3-30b-a3b-thinking-2507"),
    ("fireworks-ai", "accounts/fireworks/models/llama-v3p1-8b-instruct", "llama-3-1-8b-instruct"),
    ("fireworks-ai", "accounts/fireworks/models/deepseek-v3p1", "deepseek-chat-v3-1"),
    ("fireworks-ai", "accounts/fireworks/models/minimax-m1-80k", "minimax-m1-80k"),
    ("fireworks-ai", "accounts/fireworks/models/qwen3-embedding-8b", "qwen3-embedding-8b"),
    ("togetherai", "deepseek-ai/DeepSeek-R1-0528", "deepseek-r1-0528"),
    ("togetherai", "nvidia/NVIDIA-Nemotron-Nano-9B-v2", "nemotron-nano-9b-v2"),
    ("togetherai", "Qwen/Qwen1.5-0.5B", "qwen1-5-0-5b"),
    # Together's INT4 "Lite" and FP8 "Turbo" builds are the releases they quantise.
    ("togetherai", "meta-llama/Meta-Llama-3-8B-Instruct-Lite", "llama-3-8b-instruct"),
    ("togetherai", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3-3-70b-instruct"),
    ("togetherai", "Qwen/Qwen2.5-72B-Instruct-Turbo", "qwen2-5-72b-instruct"),
    ("togetherai", "Qwen/Qwen3-Coder-Next-FP8", "qwen3-coder-next"),
    ("togetherai", "Qwen/Qwen3-235B-A22B-Instruct-2507-tput", "qwen3-235b-a22b-2507"),
    ("togetherai", "meta-llama/Llama-3.2-1B-Instruct", "llama-3-2-1b-instruct"),
    ("togetherai", "deepcogito/cogito-v2-1-671b", "cogito-v2-1-671b"),
    # Seed 1.8 is one entry with the snapshot a gateway dates alike (the 251215 snapshot is a known split).
    ("deepinfra", "ByteDance/Seed-1.8", "seed-1-8-251228"),
    ("zenmux", "volcengine/doubao-seed-1.8", "seed-1-8-251228"),
    # Only hosts name the repository; a host's name is no evidence for the same-name rule.
    ("deepinfra", "moonshotai/Kimi-K2-Instruct-0905", "kimi-k2-0905"),
    ("deepinfra", "nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B", "nemotron-3-ultra-550b-a55b"),
    ("deepinfra", "google/gemma-4-E4B-it", "gemma-4-e4b-it"),
    ("deepinfra", "Qwen/Qwen3-Max", "qwen3-max"),
    # A host lists the repository as the card of Mistral NeMo: one release, whichever file came first.
    ("deepinfra", "mistralai/Mistral-Nemo-Instruct-2407", "mistral-nemo"),
    ("deepinfra", "google/gemma-3-4b-it", "gemma-3-4b-it"),
    ("deepinfra", "Qwen/Qwen3-Next-80B-A3B-Thinking", "qwen3-next-80b-a3b-thinking"),
    ("deepinfra", "google/gemma-3-27b-it", "gemma-3-27b-it"),
    ("nebius", "qwen/qwen3-235b-a22b-instruct-2507", "qwen3-235b-a22b-2507"),
    ("nebius", "moonshotai/Kimi-K3", "kimi-k3"),
    ("nebius", "deepseek-ai/DeepSeek-V4-Flash-0731", "deepseek-v4-flash-0731"),
    ("nebius", "Qwen/Qwen2.5-Coder-7B", "qwen2-5-coder-7b"),
    ("nebius", "Qwen/Qwen3-30B-A3B", "qwen3-30b-a3b"),
    ("nebius", "nvidia/Llama-3_1-Nemotron-Ultra-253B-v1", "llama-3-1-nemotron-ultra-253b-v1"),
    ("nebius", "openai/gpt-oss-20b", "gpt-oss-20b"),
    ("novita-ai", "kwaipilot/kat-coder-pro", "kat-coder-pro"),
    ("novita-ai", "meta-llama/llama-3.1-70b-instruct", "llama-3-1-70b-instruct"),
    ("novita-ai", "tencent/hy3", "hy3"),
    ("novita-ai", "minimax/minimax-m2.7-highspeed", "minimax-m2-7-highspeed"),
    ("novita-ai", "zai-org/glm-4.5-air", "glm-4-5-air"),
    ("novita-ai", "microsoft/wizardlm-2-8x22b", "wizardlm-2-8x22b"),
    ("novita-ai", "deepseek/deepseek-r1", "deepseek-r1"),
    ("novita-ai", "deepseek/deepseek-r1-0528", "deepseek-r1-0528"),
    ("novita-ai", "deepseek/deepseek-v3.2-exp", "deepseek-v3-2-exp"),
    ("groq", "qwen/qwen3.8-27b", "qwen3-8-27b"),
    ("groq", "qwen/qwen3-32b", "qwen3-32b"),
    ("groq", "meta-llama/llama-prompt-guard-2-22m", "llama-prompt-guard-2-22m"),
    ("groq", "meta-llama/llama-prompt-guard-2-86m", "llama-prompt-guard-2-86m"),
    ("groq", "openai/gpt-oss-safeguard-20b", "gpt-oss-safeguard-20b"),
    ("groq", "qwen-qwq-32b", "qwq-32b"),
    ("groq", "moonshotai/kimi-k2-instruct", "kimi-k2-instruct"),
    ("groq", "moonshotai/kimi-k2-instruct-0905", "kimi-k2-0905"),
    ("cerebras", "zai-glm-4.6", "glm-4-6"),
    ("cerebras", "gemma-4-31b", "gemma-4-31b-it"),
    ("cerebras", "llama3.1-8b", "llama-3-1-8b"),
    ("cerebras", "qwen-3-235b-a22b-instruct-2507", "qwen3-235b-a22b-2507"),
    ("cerebras", "qwen-3-32b", "qwen3-32b"),
    ("cerebras", "zai-glm-4.7", "glm-4-7"),
    ("cloudflare-workers-ai", "@cf/qwen/qwen2.5-coder-32b-instruct", "qwen2-5-coder-32b-instruct"),
    ("cloudflare-workers-ai", "@cf/qwen/qwen3-30b-a3b-fp8", "qwen3-30b-a3b"),
    ("cloudflare-workers-ai", "@cf/openai/gpt-oss-20b", "gpt-oss-20b"),
    ("cloudflare-workers-ai", "@cf/qwen/qwq-32b", "qwq-32b"),
    # Cloudflare's build of Llama 2 7B Chat that takes LoRA adapters: the same weights.
    ("cloudflare-workers-ai", "@cf/meta-llama/llama-2-7b-chat-hf-lora", "llama-2-7b-chat"),
    ("cloudflare-workers-ai", "@cf/moonshotai/kimi-k2.6", "kimi-k2-6"),
    ("cloudflare-workers-ai", "@cf/meta/llama-3.2-3b-instruct", "llama-3-2-3b-instruct"),
    ("cloudflare-workers-ai", "@cf/zai-org/glm-4.7-flash", "glm-4-7-flash"),
    ("cloudflare-workers-ai", "@cf/meta/llama-guard-3-8b", "llama-guard-3-8b"),
    ("oci", "meta.llama-3.3-70b-instruct-fp8-dynamic", "llama-3-3-70b-instruct"),
    ("oci", "meta.llama-3.1-70b-instruct", "llama-3-1-70b-instruct"),
    ("oci", "cohere.embed-english-light-v3.0", "embed-english-light-v3-0"),
    ("oci", "cohere.embed-v4.0", "embed-v4-0"),
    ("oci", "google.gemini-2.5-flash", "gemini-2-5-flash"),
    ("oci", "cohere.command-r-08-2024", "command-r-08-2024"),
    ("oci", "meta.llama-3.2-90b-vision-instruct", "llama-3-2-90b-vision-instruct"),
    ("oci", "cohere.embed-multilingual-image-v3.0", "embed-multilingual-image-v3-0"),
    ("oci", "cohere.embed-multilingual-light-image-v3.0", "embed-multilingual-light-image-v3-0"),
    ("watsonx", "ibm/granite-4-h-small", "granite-4-h-small"),
    ("watsonx", "mistralai/pixtral-12b-2409", "pixtral-12b"),
    ("watsonx", "ibm/granite-ttm-1024-96-r2", "granite-ttm-1024-96-r2"),
    ("watsonx", "ibm/granite-13b-instruct-v2", "granite-13b-instruct-v2"),
    ("watsonx", "ibm/granite-guardian-3-2-2b", "granite-guardian-3-2-2b"),
    ("watsonx", "ibm/granite-vision-3-2-2b", "granite-vision-3-2-2b"),
    ("watsonx", "meta-llama/llama-guard-3-11b-vision", "llama-guard-3-11b-vision"),
    ("watsonx", "meta-llama/llama-3-2-3b-instruct", "llama-3-2-3b-instruct"),
    ("watsonx", "google/flan-t5-xl-3b", "flan-t5-xl-3b"),
    ("replicate", "mistralai/mistral-7b-instruct-v0.2", "mistral-7b-instruct-v0-2"),
    # Hosts list the Arena's "gemini-3-pro" as the preview card: the release Gemini 3 Pro is.
    ("replicate", "google/gemini-3-pro", "gemini-3-pro-preview"),
    ("replicate", "anthropic/claude-3.7-sonnet", "claude-3-7-sonnet-20250219"),
    ("replicate", "google/gemini-2.5-flash", "gemini-2-5-flash"),
    ("replicate", "anthropic/claude-3.5-sonnet", "claude-3-5-sonnet"),
    ("vercel", "anthropic/claude-sonnet-5", "claude-sonnet-5"),
    ("vercel", "zai/glm-4.5-air", "glm-4-5-air"),
    # Helicone links "mistral-small" to the mistral-small-2506 card, but the name has served several
    # snapshots (2503, 2506, ...): it floats, with dated targets, and joins none of them.
    # Hosts' "Nova Lite" beside OpenRouter's "Nova Lite 1.0": no maker names both alike.
    ("vercel", "mistral/mistral-small", "mistral-small"),
    ("vercel", "alibaba/qwen3-embedding-0.6b", "qwen3-embedding-0-6b"),
    ("vercel", "arcee-ai/trinity-large-preview", "trinity-large-preview"),
    ("vercel", "amazon/nova-lite", "nova-lite"),
    ("vercel", "openai/tts-1", "tts-1-1106"),
    ("github-models", "xai/grok-3", "grok-3"),
    ("github-models", "mistral-ai/mistral-large-2411", "mistral-large-2411"),
    ("github-models", "meta/llama-3.2-90b-vision-instruct", "llama-3-2-90b-vision-instruct"),
    ("github-models", "meta/meta-llama-3-8b-instruct", "llama-3-8b-instruct"),
    ("github-models", "meta/meta-llama-3.1-70b-instruct", "llama-3-1-70b-instruct"),
    ("github-models", "ai21-labs/ai21-jamba-1.5-large", "jamba-1-5-large"),
    ("github-models", "deepseek/deepseek-v3-0324", "deepseek-chat-v3-0324"),
    ("github-models", "microsoft/phi-3-small-8k-instruct", "phi-3-small-8k-instruct"),
    ("github-models", "microsoft/phi-4", "phi-4"),
    ("openrouter", "qwen2.5-vl-32b-instruct", "qwen2-5-vl-32b-instruct"),
    ("openrouter", "moonshotai/kimi-k3", "kimi-k3"),
    ("openrouter", "qwen/qwen3.6-27b", "qwen3-6-27b"),
    ("openrouter", "z-ai/glm-4.6", "glm-4-6"),
    ("openrouter", "llama-3.1-sonar-large-128k-online", "llama-3-1-sonar-large-128k-online"),
    ("openrouter", "qwq-32b:free", "qwq-32b"),
    ("openrouter", "deepseek/deepseek-r1-distill-llama-8b", "deepseek-r1-distill-llama-8b"),
    ("databricks", "databricks-kimi-k2-7", "kimi-k2-7"),
    ("databricks", "databricks-llama-4-maverick", "llama-4-maverick-17b-instruct"),
    ("databricks", "databricks-deepseek-v4-1-flash", "deepseek-v4-1-flash"),
    ("databricks", "databricks-meta-llama-3-1-8b-instruct", "llama-3-1-8b-instruct"),
    ("databricks", "databricks-deepseek-v4-pro-0813", "deepseek-v4-pro-0813"),
    ("databricks", "databricks-gpt-6-1-sol", "gpt-6-1-sol"),
    ("databricks", "databricks-deepseek-v4-flash-0731", "deepseek-v4-flash-0731"),
    ("databricks", "databricks-claude-sonnet-4", "claude-sonnet-4-20250514"),
    ("snowflake-cortex", "openai-gpt-5.1", "gpt-5-1-2025-11-13"),
    ("snowflake-cortex", "llama2-70b-chat", "llama2-70b-chat"),
    ("snowflake-cortex", "openai-gpt-5-nano", "gpt-5-nano-2025-08-07"),
    ("snowflake-cortex", "openai-gpt-4.1", "gpt-4-1-2025-04-14"),
    ("snowflake-cortex", "openai-gpt-5", "gpt-5-2025-08-07"),
    ("sambanova", "DeepSeek-V3.2", "deepseek-v3-2"),
    ("sambanova", "DeepSeek-V3.1", "deepseek-chat-v3-1"),
    # A host's fast or turbo build after a snapshot's date is that snapshot.
    ("baseten", "deepseek-ai/DeepSeek-V4.1-Flash-1017-Fast", "deepseek-v4-1-flash-1017"),
    ("deepinfra", "deepseek-ai/DeepSeek-R1-0528-Turbo", "deepseek-r1-0528"),
    ("nebius", "Qwen/Qwen3-235B-A22B-Thinking-2507-fast", "qwen3-235b-a22b-thinking-2507"),
    # Poe's bots that Cerebras runs, and nano-gpt's "-original" route: deployment marks.
    ("poe", "cerebras/qwen3-32b-cs", "qwen3-32b"),
    ("poe", "cerebras/gpt-oss-120b-cs", "gpt-oss-120b"),
    ("poe", "cerebras/llama-3.3-70b-cs", "llama-3-3-70b-instruct"),
    ("nano-gpt", "zai-org/glm-4.7-original", "glm-4-7"),
    ("nano-gpt", "moonshotai/kimi-k2-thinking-original", "kimi-k2-thinking"),
    ("nano-gpt", "moonshotai/kimi-k2-thinking-turbo-original", "kimi-k2-thinking-turbo"),
    ("nano-gpt", "xiaomi/mimo-v2-flash-original", "mimo-v2-flash"),
    ("nano-gpt", "qwen3-vl-235b-a22b-instruct-original", "qwen3-vl-235b-a22b-instruct"),
    ("novita-ai", "baidu/ernie-4.5-300b-a47b-paddle", "ernie-4-5-300b-a47b"),
    # Mistral's "labs" channel and a host's bare name of one release.
    ("cortecs", "devstral-small-2512", "labs-devstral-small-2512"),
    ("baseten", "moonshotai/Kimi-K2.7-Code", "kimi-k2-7-code"),
    ("baseten", "zai-org/GLM-5.3", "glm-5-3"),
    ("baseten", "Qwen/Qwen3-Coder-480B-A35B-Instruct", "qwen3-coder-480b-a35b-instruct"),
    ("baseten", "MiniMaxAI/MiniMax-M2.5", "minimax-m2-5"),
    ("baseten", "nvidia/NVIDIA-Nemotron-3.5-Super-VL-120B-A12B", "nemotron-3-5-super-vl-120b-a12b"),
    ("baseten", "zai-org/GLM-4.6", "glm-4-6"),
    ("hyperbolic", "deepseek-ai/DeepSeek-V3-0324", "deepseek-chat-v3-0324"),
    ("hyperbolic", "meta-llama/Llama-3.2-3B-Instruct", "llama-3-2-3b-instruct"),
    ("hyperbolic", "meta-llama/Meta-Llama-3.1-8B-Instruct", "llama-3-1-8b-instruct"),
    ("hyperbolic", "deepseek-ai/DeepSeek-V3", "deepseek-v3"),
    ("hyperbolic", "Qwen/QwQ-32B", "qwq-32b"),
    ("hyperbolic", "meta-llama/Llama-3.3-70B-Instruct", "llama-3-3-70b-instruct"),
    ("hyperbolic", "meta-llama/Meta-Llama-3-70B-Instruct", "llama-3-70b-instruct"),
    ("hyperbolic", "moonshotai/Kimi-K2-Instruct", "kimi-k2-instruct"),
    ("huggingface", "XiaomiMiMo/MiMo-V2.5-Pro", "mimo-v2-5-pro"),
    ("huggingface", "zai-org/GLM-5", "glm-5"),
    ("huggingface", "Qwen/Qwen3-32B", "qwen3-32b"),
    ("huggingface", "Qwen/Qwen3-Next-80B-A3B-Instruct", "qwen3-next-80b-a3b-instruct"),
    ("huggingface", "Qwen/Qwen3-Coder-Next", "qwen3-coder-next"),
    ("huggingface", "MiniMaxAI/MiniMax-M2.7", "minimax-m2-7"),
    ("huggingface", "zai-org/GLM-5.2", "glm-5-2"),
    ("nvidia", "deepseek-ai/deepseek-v3.1", "deepseek-chat-v3-1"),
    ("nvidia", "nvidia/nemoretriever-ocr-v1", "nemoretriever-ocr-v1"),
    ("nvidia", "nvidia/active-speaker-detection", "active-speaker-detection"),
    ("nvidia", "mistralai/ministral-14b-instruct-2512", "ministral-14b-2512"),
    ("nvidia", "google/codegemma-1.1-7b", "codegemma-1-1-7b"),
    ("nvidia", "meta/esmfold", "esmfold"),
    ("nvidia", "meta/llama3-70b-instruct", "llama-3-70b-instruct"),
    ("nvidia", "baai/bge-m3", "bge-m3"),
    ("perplexity", "xai/grok-4.7", "grok-4-7"),
    ("perplexity", "google/gemini-3.6-flash", "gemini-3-6-flash"),
    ("perplexity", "perplexity/deepseek-v4-pro-0813", "deepseek-v4-pro-0813"),
    ("perplexity", "google/gemini-3.5-flash-lite", "gemini-3-5-flash-lite"),
    ("perplexity", "anthropic/claude-opus-5", "claude-opus-5"),
    ("perplexity", "openai/gpt-6-luna", "gpt-6-luna"),
    ("perplexity", "google/gemini-3.1-pro-preview", "gemini-3-1-pro-preview"),
    ("perplexity", "openai/gpt-5-nano", "gpt-5-nano-2025-08-07"),
    ("perplexity", "google/gemini-3-pro-preview", "gemini-3-pro-preview"),
    ("alibaba", "wan2.7-r2v", "wan2-7-r2v"),
    ("alibaba", "glm-5.1", "glm-5-1"),
    ("alibaba", "qwen-audio-3.1-tts-flash", "qwen-audio-3-1-tts-flash"),
    ("alibaba", "kimi-k2.7-code", "kimi-k2-7-code"),
    ("alibaba", "wan2.7-i2v", "wan2-7-i2v"),
    ("alibaba", "happyhorse-1.1-r2v", "happyhorse-1-1-r2v"),
    ("alibaba", "happyhorse-1.1-t2v", "happyhorse-1-1-t2v"),
    ("alibaba", "qwen-image-2.0-pro", "qwen-image-2-0-pro"),
    ("mistral", "mistral-embed-2312", "mistral-embed-2312"),
    ("mistral", "devstral-latest", "devstral-2512"),
    ("mistral", "mistral-nemo:free", "mistral-nemo"),
    ("mistral", "zai-glm-5-3", "glm-5-3"),
    ("mistral", "mistral-medium-3-5", "mistral-medium-2604"),
    # Mistral Small 3.2 is the 2506 snapshot, as a host's link to its card says.
    ("mistral", "mistral-small-3.2-24b-instruct", "mistral-small-2506"),
    ("mistral", "voxtral-mini-tts-3-0", "voxtral-mini-tts-3"),
    # "Ministral 8B 24.10", undated, is not the pointer the card calls "Ministral 8B".
    ("mistral", "ministral-8b", "ministral-8b"),
    ("deepseek", "deepseek-v3.1-terminus", "deepseek-v3-1-terminus"),
    ("deepseek", "deepseek-v3.2-exp", "deepseek-v3-2-exp"),
    ("xai", "grok-imagine-image-2.0", "grok-imagine-image-2-0"),
    ("xai", "grok-3-mini-latest", "grok-3-mini"),
    ("xai", "grok-4.3-latest", "grok-4-3-latest"),
    ("xai", "grok-4.20-0309-non-reasoning", "grok-4-20-0309-non-reasoning"),
    ("xai", "grok-voice-3.0", "grok-voice-3-0"),
    ("xai", "grok-4.20-beta-0309-reasoning", "grok-4-20-0309-reasoning"),
    ("xai", "grok-4.20-reasoning-latest", "grok-4-20-reasoning-latest"),
    ("xai", "grok-4.20-beta-0309-non-reasoning", "grok-4-20-0309-non-reasoning"),
    # Out of beta, xAI kept the snapshot's date and dropped the word.
    ("xai", "grok-4.20-beta-0309", "grok-4-20-0309"),
    ("xai", "grok-4.20-multi-agent-beta-0309", "grok-4-20-multi-agent-0309"),
    ("anthropic", "claude-opus-4-6-20260205", "claude-opus-4-6-20260205"),
    ("anthropic", "claude-3-haiku", "claude-3-haiku-20240307"),
    ("anthropic", "claude-3-opus-latest", "claude-3-opus-20240229"),
    ("anthropic", "claude-3-5-haiku-latest", "claude-3-5-haiku-20241022"),
    ("anthropic", "claude-3-sonnet", "claude-3-sonnet-20240229"),
    ("anthropic", "claude-opus-4-7-20260416", "claude-opus-4-7-20260416"),
    ("openai", "gpt-image-2.5-sunburst", "gpt-image-2-5-sunburst"),
    ("openai", "gpt-audio-1.5", "gpt-audio-1-5"),
    ("openai", "medium/1024-x-1024/gpt-image-1", "gpt-image-1"),
    ("openai", "gpt-5.2-pro-2025-12-11", "gpt-5-2-pro-2025-12-11"),
    ("openai", "gpt-image-1.5", "gpt-image-1-5"),
    ("openai", "gpt-5-nano-2025-08-07", "gpt-5-nano-2025-08-07"),
    ("openai", "medium/1024-x-1536/gpt-image-1-mini", "gpt-image-1-mini"),
    ("google", "gemini-live-2.5-flash", "gemini-live-2-5-flash"),
    ("google", "gemini-3.1-flash-image-preview", "gemini-3-1-flash-image-preview"),
    ("google", "gemini-2.5-pro-preview-06-05", "gemini-2-5-pro-preview-06-05"),
    ("google", "gemini-2.0-flash-lite", "gemini-2-0-flash-lite"),
    # A floating name is its only numbered version (Google's "-001").
    ("openrouter", "google/gemini-2.0-flash-lite-001", "gemini-2-0-flash-lite"),
    ("google", "gemini-2.0-flash", "gemini-2-0-flash"),
    ("openrouter", "google/gemini-2.0-flash-001", "gemini-2-0-flash"),
    ("arena", "gemini-2.0-flash-001", "gemini-2-0-flash"),
    ("google", "gemini-1.5-flash-8b", "gemini-1-5-flash-8b"),
    ("google-vertex", "gemini-1.5-flash-8b-001", "gemini-1-5-flash-8b"),
    ("google", "gemini-live-2.5-flash-preview-native-audio", "gemini-live-2-5-flash-preview-native-audio"),
    ("google", "lyria-3.5", "lyria-3-5"),
    ("cohere", "command-a", "command-a-03-2025"),
    ("cohere", "rerank-v4.0-fast", "rerank-v4-0-fast"),
    ("cohere", "embed-v5.0-fast", "embed-v5-0-fast"),
    ("cohere", "rerank-english-v3.0", "rerank-english-v3-0"),
    ("cohere", "rerank-v5.0-fast", "rerank-v5-0-fast"),
    ("cohere", "rerank-v5.0-pro", "rerank-v5-0-pro"),
    ("cohere", "embed-v4.0", "embed-v4-0"),
    ("cohere", "rerank-v3.5", "rerank-v3-5"),
    ("cohere", "embed-v5.0-pro", "embed-v5-0-pro"),
    # Fireworks' older builds: Code Llama's brand in two words, one release with Meta's repository.
    ("fireworks-ai", "accounts/fireworks/models/code-llama-13b-instruct", "code-llama-13b-instruct"),
    ("togetherai", "codellama/CodeLlama-13b-Instruct-hf", "code-llama-13b-instruct"),
    ("fireworks-ai", "accounts/fireworks/models/code-llama-13b-python", "code-llama-13b-python"),
    # Cloudflare's path names the org; a quantiser's repository is the release it repackages.
    ("cloudflare-ai-gateway", "workers-ai/@cf/facebook/bart-large-cnn", "bart-large-cnn"),
    ("cloudflare-workers-ai", "@cf/deepgram/aura-1", "aura-1"),
    ("cloudflare-workers-ai", "@hf/thebloke/deepseek-coder-6.7b-instruct-awq", "deepseek-coder-6-7b-instruct"),
    ("cloudflare-workers-ai", "@cf/meta/llama-3.1-8b-instruct-fast", "llama-3-1-8b-instruct"),
    # A host that lists only its own products is their maker.
    ("the-grid-ai", "agent-max", "agent-max"),
    ("lucidquery", "lucidquery-agi-01-swift", "lucidquery-agi-01-swift"),
    # Microsoft AI's closed brand.
    ("arena", "mai-1-preview", "mai-1-preview"),
    ("azure", "MAI-Image-2.5", "mai-image-2-5"),
    # Brands in one word or two on Fireworks' curated catalog; closed brands on Azure.
    ("fireworks-ai", "accounts/fireworks/models/starcoder2-15b", "starcoder2-15b"),
    ("fireworks-ai", "accounts/fireworks/models/codegemma-2b", "codegemma-2b"),
    ("azure", "gpt-6-astra-2026-09-03", "gpt-6-astra-2026-09-03"),
    # The maker's brand before a product line's own name: ByteDance's Doubao-Seed is its Seed.
    ("qiniu-ai", "doubao-seed-1.6", "seed-1-6"),
    ("openrouter", "bytedance-seed/seed-1.6", "seed-1-6"),
    ("qiniu-ai", "doubao-seed-1.6-flash", "seed-1-6-flash"),
    ("openrouter", "bytedance-seed/seed-1.6-flash", "seed-1-6-flash"),
    ("models-dev", "doubao-seed-2.0-mini", "seed-2-0-mini"),
    ("openrouter", "bytedance-seed/seed-2.0-mini", "seed-2-0-mini"),
    ("models-dev", "doubao-seed-2.0-lite", "seed-2-0-lite"),
    ("openrouter", "bytedance-seed/seed-2.0-lite", "seed-2-0-lite"),
    ("models-dev", "doubao-seed-2.0-code", "doubao-seed-2-0-code"),
    ("deepinfra", "ByteDance/Seed-2.0-code", "doubao-seed-2-0-code"),
    ("deepinfra", "ByteDance/Seed-2.0-pro", "doubao-seed-2-0-pro-260215"),
    # Google's API writes Gemma 2 with Gemini's name first.
    ("gemini", "gemini-gemma-2-9b-it", "gemini-gemma-2-9b-it"),
    ("groq", "gemma2-9b-it", "gemini-gemma-2-9b-it"),
    ("gemini", "gemini-gemma-2-27b-it", "gemma-2-27b-it"),
    ("openrouter", "google/gemma-2-27b-it", "gemma-2-27b-it"),
    # An org's derivative, known by its own name or a word no lab ships under.
    ("chutes", "ArliAI/QwQ-32B-ArliAI-RpR-v1", "qwq-32b-arliai-rpr-v1"),
    ("genai-prices", "arliai/qwq-32b-arliai-rpr-v1:free", "qwq-32b-arliai-rpr-v1"),
    ("nano-gpt", "huihui-ai/Llama-3.3-70B-Instruct-abliterated", "llama-3-3-70b-instruct-abliterated"),
    # A reseller's wrapping: a provider's name around the id, or a listing name that says the release.
    ("nano-gpt", "azure-gpt-4o", "gpt-4o"),
    ("nano-gpt", "azure-o3-mini", "o3-mini-2025-01-31"),
    ("nano-gpt", "deepseek-r1-sambanova", "deepseek-r1"),
    ("azure-cognitive-services", "cohere-embed-v-4-0", "embed-v4-0"),
    ("gitlab", "duo-chat-gpt-5-1", "gpt-5-1-2025-11-13"),
    ("gitlab", "duo-chat-haiku-4-5", "claude-haiku-4-5-20251001"),
    ("aihubmix", "alicloud-deepseek-v4-flash", "deepseek-v4-flash"),
    ("aihubmix", "deep-deepseek-v4-pro", "deepseek-v4-pro"),
    ("cloudflare-workers-ai", "@cf/tiiuae/falcon-7b-instruct", "falcon-7b-instruct"),
    # Bedrock's any-region price rows; Vertex's listing revision of a partner's snapshot.
    ("amazon-bedrock", "*/1-month-commitment/cohere.command-text-v14", "command-text-v14"),
    ("google-vertex", "vertex_ai/mistral-large@2411-001", "mistral-large-2411"),
    # The Arena's bare ids of a repository an org published.
    ("arena", "starling-lm-7b-beta", "starling-lm-7b-beta"),
    ("arena", "openchat-3.5-0106", "openchat-3-5-0106"),
    # The Arena's 2023 releases, named by their labs' brands; Llama derivatives by the brand after "Llama".
    ("arena", "llama-3.1-tulu-3-70b", "llama-3-1-tulu-3-70b"),
    ("arena", "llama-3.1-tulu-3-8b", "llama-3-1-tulu-3-8b"),
    ("arena", "stablelm-tuned-alpha-7b", "stablelm-tuned-alpha-7b"),
    ("arena", "oasst-pythia-12b", "oasst-pythia-12b"),
    ("arena", "koala-13b", "koala-13b"),
    ("arena", "alpaca-13b", "alpaca-13b"),
    ("arena", "guanaco-33b", "guanaco-33b"),
    ("arena", "stripedhyena-nous-7b", "stripedhyena-nous-7b"),
    # A host's own brand under its own org: Together's releases; Fireworks' catalog names Stability's.
    ("togetherai", "togethercomputer/StripedHyena-Nous-7B", "stripedhyena-nous-7b"),
    ("togetherai", "togethercomputer/RedPajama-INCITE-7B-Chat", "redpajama-incite-7b-chat"),
    ("fireworks-ai", "accounts/fireworks/models/stablecode-3b", "stablecode-3b"),
    # Groq's serving tiers and context sizes: the chat release it serves.
    ("groq", "llama-3.3-70b-versatile", "llama-3-3-70b-instruct"),
    ("groq", "llama-3.1-8b-instant", "llama-3-1-8b-instruct"),
    ("groq", "llama3-70b-8192", "llama-3-70b-instruct"),
    ("groq", "llama2-70b-4096", "llama2-70b-chat"),
    ("groq", "mixtral-8x7b-32768", "mixtral-8x7b-instruct"),
    # "GPT-5.1 Instant" is OpenAI's chat model, listed by hosts under that name.
    ("vercel", "openai/gpt-5.1-instant", "gpt-5-1-chat"),
    # Hosts' ids of what the maker calls a dated release (rule maker-name).
    ("regolo-ai", "mistral-small3.2", "mistral-small-2506"),
    ("vercel", "mistral/devstral-2", "devstral-2512"),
    ("vercel", "mistral/devstral-small-2", "labs-devstral-small-2512"),
    ("helicone", "claude-3.5-sonnet-v2", "claude-3-5-sonnet-20241022"),
    # Clarifai's app path of a publisher spelled with "_" (Arcee AI's AFM app).
    ("clarifai", "arcee_ai/AFM/models/trinity-mini", "trinity-mini"),
    # An org's repository named without a version, its hosts' bare and quantised ids.
    ("togetherai", "together_ai/thinkingmachines/Inkling", "inkling"),
    ("deepinfra", "deepinfra/thinkingmachines/Inkling-Small", "inkling-small"),
    ("modal", "thinkingmachines/Inkling-NVFP4", "inkling"),
    ("fireworks", "inkling", "inkling"),
    # A mixture of experts named by its total size alone.
    ("regolo-ai", "qwen3.5-122b", "qwen3-5-122b-a10b"),
    ("fireworks-ai", "accounts/fireworks/models/qwen3-coder-480b-instruct-bf16", "qwen3-coder-480b-a35b-instruct"),
    ("venice", "qwen3-next-80b", "qwen3-next-80b-a3b"),
    ("darkbloom", "gemma-4-26b", "gemma-4-26b-a4b"),
    ("cerebras", "qwen-3-30b", "qwen3-30b-a3b"),
    # Hosts' tiers and routings of a release: nano-gpt's cheaper route, Fireworks' basic, Clarifai's throughput.
    ("nano-gpt", "deepseek/deepseek-v4-pro-cheaper", "deepseek-v4-pro"),
    ("nano-gpt", "deepseek/deepseek-v4-pro-cheaper:thinking", "deepseek-v4-pro-thinking"),
    ("fireworks-ai", "accounts/fireworks/models/deepseek-r1-basic", "deepseek-r1"),
    ("clarifai", "openai/chat-completion/models/gpt-oss-120b-high-throughput", "gpt-oss-120b"),
    ("clarifai", "minimaxai/chat-completion/models/MiniMax-M2_5-high-throughput", "minimax-m2-5"),
]

# The maker of each of these ids' model (its Provider's slug): the brand's lab, whoever lists it.
MADE_BY = [
    # An org's repository named without a version: the org's, and the org's own name beside a lab's brand.
    ("thinkingmachines/Inkling", "thinkingmachines"),
    ("snorkelai/Snorkel-Mistral-PairRM-DPO", "snorkelai"),
    # A derivative nobody attributes is its one host's, the publisher of record (not Zhipu's, Alibaba's or
    # Google's release); a host's name leading the id signs it wherever it is listed.
    ("GLM-4.6-Derestricted-v5", "nano-gpt"),
    ("glm-5.3-abliterated", "refuseless"),
    ("Qwen3.5-27B-BlueStar-v3-Derestricted", "nano-gpt"),
    ("Gemma-4-31B-DarkIdol", "nano-gpt"),
    ("venice-uncensored", "venice"),
    ("llama-3.1-tulu-3-70b", "allenai"),
    ("stablelm-tuned-alpha-7b", "stability"),
    ("oasst-pythia-12b", "openassistant"),
    ("koala-13b", "bair"),
    ("togethercomputer/RedPajama-INCITE-7B-Chat", "togetherai"),
    ("accounts/fireworks/models/stablecode-3b", "stability"),
    # Fireworks' curated catalog of labs' open vision models.
    ("accounts/fireworks/models/internvl3-8b", "opengvlab"),
    ("accounts/fireworks/models/internvl3-38b", "opengvlab"),
    # Fireworks' spot-capacity routers of one release are that release.
    ("accounts/fireworks/routers/glm-5p3-spot", "zhipuai"),
    ("accounts/fireworks/routers/kimi-k3-spot", "moonshotai"),
    # Google's own products on its Vertex platform; another lab's model there stays that lab's.
    ("vertex_ai/semantic-ranker-default", "google"),
    ("vertex_ai/chirp_3", "google"),
    ("text-unicorn", "google"),
    ("vertex_ai/mistral-ocr-2505", "mistral"),
]

# (source, id, the base release's slug, the mode): a variant entry linked to its base.
VARIANTS = [
    ("arena", "claude-3-7-sonnet-20250219-thinking-32k", "claude-3-7-sonnet-20250219", "thinking-32k"),
    ("arena", "claude-opus-4-1-20250805-thinking-16k", "claude-opus-4-1-20250805", "thinking-16k"),
    ("arena", "claude-opus-4-20250514-thinking-16k", "claude-opus-4-20250514", "thinking-16k"),
    ("arena", "claude-opus-4-5-20251101-thinking-32k", "claude-opus-4-5-20251101", "thinking-32k"),
    ("arena", "claude-sonnet-4-20250514-thinking-32k", "claude-sonnet-4-20250514", "thinking-32k"),
    ("arena", "claude-sonnet-4-5-20250929-thinking-32k", "claude-sonnet-4-5-20250929", "thinking-32k"),
    ("arena", "gemini-2.5-flash-lite-preview-06-17-thinking", "gemini-2-5-flash-lite-preview-06-17", "thinking"),
    ("arena", "gpt-5-high", "gpt-5-2025-08-07", "high"),
    ("arena", "gpt-5-mini-high", "gpt-5-mini-2025-08-07", "high"),
    ("arena", "gpt-5-nano-high", "gpt-5-nano-2025-08-07", "high"),
    ("arena", "gpt-5.1-high", "gpt-5-1-2025-11-13", "high"),
    ("arena", "grok-3-mini-high", "grok-3-mini", "high"),
    ("arena", "grok-4.1-thinking", "grok-4-1", "thinking"),
    ("genai-prices", "llama-3.1-405b-reasoning", "llama3-1-405b", "reasoning"),
    ("litellm", "gpt-5.4-low", "gpt-5-4-2026-03-05", "low"),
    ("litellm", "grok-4.20-beta-latest-reasoning", "grok-4-20-beta-latest", "reasoning"),
    ("litellm", "grok-4.20-beta-reasoning", "grok-4-20-beta", "reasoning"),
    ("litellm", "grok-4.20-experimental-beta-0304-reasoning", "grok-4-20-experimental-beta-0304", "reasoning"),
    ("models-dev", "Qwen/Qwen3-VL-235B-A22B-Thinking", "qwen3-vl-235b-a22b", "thinking"),
    ("models-dev", "TEE/deepseek-v4-pro:thinking", "deepseek-v4-pro", "thinking"),
    ("models-dev", "TEE/glm-5.1-thinking", "glm-5-1", "thinking"),
    ("models-dev", "alibaba/qwen3.6-27b:thinking", "qwen3-6-27b", "thinking"),
    ("models-dev", "anthropic/claude-opus-4.6:thinking", "claude-opus-4-6-20260205", "thinking"),
    ("models-dev", "anthropic/claude-opus-4.6:thinking:medium", "claude-opus-4-6-20260205", "thinking-medium"),
    ("models-dev", "anthropic/claude-opus-4.8:thinking", "claude-opus-4-8", "thinking"),
    ("models-dev", "anthropic/claude-sonnet-4-reasoning", "claude-sonnet-4-20250514", "reasoning"),
    ("models-dev", "baidu/ernie-4.5-vl-28b-a3b-thinking", "ernie-4-5-vl-28b-a3b", "thinking"),
    ("models-dev", "claude-opus-4-1-20250805-thinking", "claude-opus-4-1-20250805", "thinking"),
    ("models-dev", "claude-opus-4-1-thinking:1024", "claude-opus-4-1-20250805", "thinking-1024"),
    ("models-dev", "claude-opus-4-1-thinking:32768", "claude-opus-4-1-20250805", "thinking-32768"),
    ("models-dev", "claude-opus-4-5-20251101-thinking", "claude-opus-4-5-20251101", "thinking"),
    ("models-dev", "claude-opus-4-thinking:1024", "claude-opus-4-20250514", "thinking-1024"),
    ("models-dev", "claude-opus-4-thinking:32768", "claude-opus-4-20250514", "thinking-32768"),
    ("models-dev", "claude-sonnet-4-5-20250929-thinking", "claude-sonnet-4-5-20250929", "thinking"),
    ("models-dev", "claude-sonnet-4-thinking:1024", "claude-sonnet-4-20250514", "thinking-1024"),
    ("models-dev", "claude-sonnet-4-thinking:64000", "claude-sonnet-4-20250514", "thinking-64000"),
    ("models-dev", "deepseek-ai/DeepSeek-V3.1-Terminus:thinking", "deepseek-v3-1-terminus", "thinking"),
    ("models-dev", "deepseek/deepseek-v3.2-exp-thinking", "deepseek-v3-2-exp", "thinking"),
    ("models-dev", "deepseek/deepseek-v4-flash:thinking", "deepseek-v4-flash", "thinking"),
    ("models-dev", "doubao-seed-1.6-thinking", "seed-1-6", "thinking"),
    (
        "models-dev",
        "gemini-2.5-flash-lite-preview-09-2025-thinking",
        "gemini-2-5-flash-lite-preview-09-2025",
        "thinking",
    ),
    ("models-dev", "gemini-2.5-flash-preview-05-20:thinking", "gemini-2-5-flash-preview-05-20", "thinking"),
    ("models-dev", "google/gemini-3-flash-preview-thinking", "gemini-3-flash-preview", "thinking"),
    ("models-dev", "google/gemini-3.1-pro-preview-low", "gemini-3-1-pro-preview", "low"),
    ("models-dev", "google/gemma-4-26b-a4b-it:thinking", "gemma-4-26b-a4b-it", "thinking"),
    ("models-dev", "gpt-5-thinking", "gpt-5-2025-08-07", "thinking"),
    ("models-dev", "grok-4-1-fast-non-reasoning", "grok-4-1-fast", "non-reasoning"),
    ("models-dev", "grok-4-fast-non-reasoning", "grok-4-fast", "non-reasoning"),
    ("models-dev", "microsoft/phi-4-reasoning", "phi-4", "reasoning"),
    ("models-dev", "mistral/mistral-medium-3.5:thinking", "mistral-medium-2604", "thinking"),
    ("models-dev", "moonshotai/kimi-k2.6:thinking", "kimi-k2-6", "thinking"),
    ("models-dev", "openai/gpt-5.1-thinking", "gpt-5-1-2025-11-13", "thinking"),
    ("models-dev", "openai/o3-mini-low", "o3-mini-2025-01-31", "low"),
    ("models-dev", "qwen/Qwen3.6-35B-A3B:thinking", "qwen3-6-35b-a3b", "thinking"),
    ("models-dev", "qwen/qwen3.5-397b-a17b-thinking", "qwen3-5-397b-a17b", "thinking"),
    ("models-dev", "qwen3.5-122b-a10b:thinking", "qwen3-5-122b-a10b", "thinking"),
    ("models-dev", "qwen3.5-35b-a3b:thinking", "qwen3-5-35b-a3b", "thinking"),
    ("models-dev", "qwen3.7-plus:thinking", "qwen3-7-plus", "thinking"),
    ("models-dev", "x-ai/grok-4.2-fast-non-reasoning", "grok-4-2-fast", "non-reasoning"),
    ("models-dev", "z-ai/glm-4.5v:thinking", "glm-4-5v", "thinking"),
    ("models-dev", "z-ai/glm-5v-turbo:thinking", "glm-5v-turbo", "thinking"),
    ("models-dev", "zai-org/GLM-4.6-turbo:thinking", "glm-4-6-turbo", "thinking"),
    ("models-dev", "zai-org/glm-4.7-flash-original:thinking", "glm-4-7-flash", "thinking"),
    ("models-dev", "zai-org/glm-4.7-original:thinking", "glm-4-7", "thinking"),
    ("models-dev", "zai-org/glm-5-original:thinking", "glm-5", "thinking"),
]

# Ids of different releases: dated snapshots, a name that has served several
# snapshots, sizes and tiers, a later generation under one host's link, and the
# Arena's 2023 models beside their makers' moving "-latest" pointers.
NEVER_THE_SAME = [
    # Both called "GPT-4" by OpenAI; a floating name is called by what it serves (rule maker-name).
    ("gpt-4", "gpt-4-32k"),
    ("deepseek-chat", "deepseek-v3"),
    ("deepseek-reasoner", "deepseek-r1"),
    ("mistral-small-latest", "mistral-small3.2"),
    ("gpt-5.3", "gpt-5.3-chat"),
    # A preview is not the numbered release, nor one version or tier another.
    ("veo-3.1-generate-preview", "veo-3.1-generate-001"),
    ("google/veo-3", "google/veo3.1"),
    ("google/imagen-4", "google/imagen-4-fast"),
    # A name of two numbered versions floats over them; a later number may follow another generation.
    ("gemini-1.5-pro", "gemini-1.5-pro-002"),
    ("gemini-1.5-pro-001", "gemini-1.5-pro-002"),
    ("gemini-1.5-flash", "gemini-1.5-flash-001"),
    ("babbage", "babbage-002"),
    # A brand leads a maker's derivative of another lab's release, and another tier is another release.
    ("oasst-pythia-12b", "accounts/fireworks/models/pythia-12b"),
    ("doubao-seed-1.6", "doubao-seed-1.6-flash"),
    ("doubao-seed-1.6", "doubao-seed-1-6-250615"),
    # A fine-tuner's weights are never the lab's release they start from.
    ("Qwen3.5-27B-BlueStar-v3-Derestricted", "qwen3.5-27b"),
    ("Gemma-4-31B-DarkIdol", "gemma-4-31b-it"),
    ("Qwen3.5-27B-BlueStar-v3-Derestricted", "Qwen3.5-27B-BlueStar-v3-Derestricted-Lite"),
    ("fal-ai/imagen4/preview/ultra", "fal-ai/imagen4/preview"),
    ("togethercomputer/RedPajama-INCITE-7B-Base", "togethercomputer/RedPajama-INCITE-7B-Chat"),
    ("gpt-4o-2024-05-13", "gpt-4o-2024-08-06"),
    ("gpt-4o-2024-08-06", "gpt-4o-2024-11-20"),
    ("gpt-4o", "gpt-4o-2024-05-13"),
    ("gpt-4o", "gpt-4o-2024-08-06"),
    ("claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20241022"),
    ("claude-3-5-sonnet", "claude-3-5-sonnet-20241022"),
    ("qwen3-235b-a22b-instruct-2507", "qwen3-235b-a22b"),
    ("Qwen/Qwen3-235B-A22B-Instruct-2507", "alibaba/qwen3-235b-a22b"),
    ("qwen3-235b-a22b-thinking-2507", "qwen3-235b-a22b"),
    ("Qwen/Qwen3-4B-Thinking-2507", "qwen3-4b"),
    ("mistral-medium", "mistral-medium-latest"),
    ("gemini-pro", "gemini-pro-latest"),
    ("mistral-large-2407", "mistral-large-2411"),
    ("mistral-large-2411", "mistral-large-2512"),
    ("mistral-large2", "mistral-large-latest"),
    ("databricks-claude-sonnet-4", "claude-sonnet-4-5"),
    ("claude-sonnet-4-20250514", "claude-sonnet-4-5-20250929"),
    ("claude-opus-4-20250514", "claude-opus-4-1-20250805"),
    ("claude-opus-4-1", "claude-opus-4-5"),
    ("gpt-4o", "gpt-4o-mini"),
    ("o3", "o3-mini"),
    ("o3", "o3-pro"),
    ("gpt-5", "gpt-5-mini"),
    ("gpt-5", "gpt-5-chat-latest"),
    ("gemini-2.5-flash", "gemini-2.5-flash-lite"),
    ("gemini-2.5-pro", "gemini-2.5-flash"),
    ("gemini-1.5-flash", "gemini-flash-1.5-8b"),
    ("gemini-1.5-pro-001", "gemini-1.5-pro-002"),
    ("deepseek-r1", "deepseek-r1-0528"),
    ("deepseek-v3", "deepseek-v3-0324"),
    ("deepseek-v3.1", "deepseek-v3.1-terminus"),
    ("kimi-k2-thinking", "kimi-k2-instruct"),
    ("kimi-k2-0711-preview", "kimi-k2-0905-preview"),
    ("mistralai/ministral-14b-2512", "mistralai/ministral-8b-2512"),
    ("mistralai/ministral-3b-2512", "ministral-3b"),
    ("mistral-small-2503", "mistral-small-2506"),
    ("deepseek-ai/DeepSeek-R1-0528-Turbo", "deepseek-r1"),
    ("labs-devstral-small-2512", "devstral-small-2507"),
    ("moonshotai/kimi-k2-thinking-turbo-original", "kimi-k2-thinking"),
    ("zai-org/glm-4.7-flash-original", "glm-4.7"),
    ("mistral-small-2603", "mistral-small-2506"),
    ("voxtral-small-2507", "voxtral-mini-3b-2507"),
    ("ministral-3-14b-2512", "mistralai/completion/models/Ministral-3-14B-Reasoning-2512"),
    ("Cohere-embed-v3-english", "Cohere-embed-v3-multilingual"),
    ("cohere-rerank-v3-english", "embed-english-v3.0"),
    ("Cohere-Embed-V5-Fast", "Cohere-Embed-V5-Pro"),
    ("llama-3.1-8b-instruct", "llama-3.1-70b-instruct"),
    ("llama-3.3-70b-instruct", "llama-3.1-70b-instruct"),
    ("claude-3-7-sonnet-20250219", "claude-3-7-sonnet-20250219-thinking-32k"),
    ("gpt-5.1", "gpt-5.1-high"),
    ("sd3-medium", "sd3-large"),
    ("command-r-08-2024", "command-r-plus-08-2024"),
    ("grok-4-fast-reasoning", "grok-4-fast-non-reasoning"),
    ("code-llama-13b-python", "code-llama-13b-instruct"),
    ("accounts/fireworks/models/code-llama-13b", "accounts/fireworks/models/code-llama-34b"),
    ("codellama-7b", "codellama/CodeLlama-7b-Instruct-hf"),
    ("@cf/meta/llama-3.1-8b-instruct-fast", "llama-3.1-70b-instruct"),
    ("grok-4-fast", "grok-4"),
    ("MAI-Image-2.5", "MAI-Image-2.5-Flash"),
    ("agent-max", "agent-prime"),
    ("gpt-6-sol-2026-09-22", "gpt-6.1-sol-2026-09-29"),
    ("accounts/fireworks/models/starcoder2-7b", "accounts/fireworks/models/starcoder2-15b"),
    ("vertex_ai/mistral-large@2411-001", "mistral-large-2407"),
    ("*/1-month-commitment/cohere.command-light-text-v14", "cohere.command-text-v14"),
    ("huihui-ai/Llama-3.3-70B-Instruct-abliterated", "llama-3.3-70b-instruct"),
]

# Ids no rule may decide: a fine-tune without a known maker, a host's
# quantised build of a release the catalog lacks, a reseller's unbranded
# products, a stealth model.
QUEUED = [
    # A library's bare tag beside Bedrock's undated "devstral-2-123b" and the dated "...-instruct-2512":
    # the undated release may be another generation (as April's "qwen3-235b-a22b" is), so a curator decides.
    ("models-dev", "devstral-2:123b"),
    # Beside a reasoning release of that size in the same snapshot: either release may be meant.
    ("models-dev", "ministral-3:3b"),
    ("models-dev", "ministral-3:14b"),
    ("models-dev", "brave"),  # nano-gpt resells Brave's answer engine
    ("models-dev", "qwen3-vl:235b"),  # a library's bare tag beside an instruct and a thinking release
    ("models-dev", "kimi-k2:1t"),  # only the family is known, and a library's size may be another release's
    ("models-dev", "coding-minimax-m2.7"),  # a reseller's plan, its name says no more than the id
    ("openrouter", "openrouter/owl-alpha"),
    # A host's bare name beside the maker's edition waits (the bare name may be the base weights),
    # and a host's name joins nothing: iflowcn calls its "deepseek-v3.2-chat" "DeepSeek-V3.2".
    ("models-dev", "gemma-3-27b"),
    ("models-dev", "deepseek-v3.2-chat"),
    # Others' weights under a host's organisation: Stanford's Alpaca republished by Together.
    ("genai-prices", "togethercomputer/alpaca-7b"),
]


# Routers: decided by rule (no model), so never left for a curator.
ROUTERS = [
    ("openrouter", "openrouter/auto"),
    ("openrouter", "openrouter/free"),
    ("models-dev", "nanogpt/coding-router:high"),
    ("models-dev", "kilo-auto/balanced"),
    ("litellm", "accounts/fireworks/routers/auto-instant"),
]


def _resolved(raw_id: str):
    model = model_by_slug_or_alias(raw_id)
    return model.slug if model is not None else None


def test_every_shipped_id_names_its_hand_checked_model(litellm_rerun):
    wrong = [(where, raw_id, want, _resolved(raw_id)) for where, raw_id, want in RESOLVES if _resolved(raw_id) != want]
    assert wrong == [], "\n".join(map(str, wrong))

    wrong_variants = []
    for source, raw_id, base, label in VARIANTS:
        model = model_by_slug_or_alias(raw_id)
        got = (model.variant_of.slug, model.variant_label) if model and model.variant_of_id else None
        if got != (base, label):
            wrong_variants.append((source, raw_id, (base, label), got))
    assert wrong_variants == []

    makers = {raw_id: model.creator.slug for raw_id, _ in MADE_BY if (model := model_by_slug_or_alias(raw_id))}
    assert makers == dict(MADE_BY)

    merged = [(a, b) for a, b in NEVER_THE_SAME if _resolved(a) is not None and _resolved(a) == _resolved(b)]
    assert merged == []

    decided = [(source, raw_id, _resolved(raw_id)) for source, raw_id in QUEUED if _resolved(raw_id) is not None]
    assert decided == []
    pending = set(UnresolvedIdentifier.objects.pending().values_list("source", "raw_id"))
    assert set(QUEUED) <= pending

    routers = [raw_id for _, raw_id in ROUTERS if _resolved(raw_id) is not None or raw_id in {r for _, r in pending}]
    assert routers == []

    ids = {raw_id for _, raw_id, *_ in [*RESOLVES, *VARIANTS, *QUEUED, *ROUTERS]} | {
        i for pair in NEVER_THE_SAME for i in pair
    }
    assert len(ids) >= 400
