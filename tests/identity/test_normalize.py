"""Pure normalisation: what folds together, what never does (no database)."""

import pytest

from models_registry.identity import bare_model_id, canonical_slug, normalize_model_id


@pytest.mark.parametrize(
    ("raw_id", "normalized"),
    [
        ("Claude-3-5-Sonnet-20241022", "claude-3-5-sonnet-20241022"),
        ("anthropic/claude-3.5-sonnet", "claude-3-5-sonnet"),
        ("claude_3.5 sonnet", "claude-3-5-sonnet"),
        ("openrouter/anthropic/claude-3.5-sonnet", "claude-3-5-sonnet"),
        ("gpt-4o-2024-05-13", "gpt-4o-20240513"),
        ("gpt-4o-20240513", "gpt-4o-20240513"),
        ("azure/eu/gpt-4o-2024-08-06", "gpt-4o-20240806"),
        ("us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022"),
        ("apac.anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet-20240620"),
        ("bedrock/us-east-1/1-month-commitment/anthropic.claude-instant-v1", "claude-instant-v-1"),
        ("global.anthropic.claude-opus-4-6-v1", "claude-opus-4-6"),
        ("openai.gpt-oss-20b-1:0", "gpt-oss-20b"),
        ("meta.llama3-1-8b-instruct-v1:0", "llama-3-1-8b-instruct"),
        ("deepseek.r1-v1:0", "deepseek-r-1"),
        ("amazon.nova-lite-v1:0", "nova-lite-v-1"),
        ("vertex_ai/claude-3-5-sonnet@20240620", "claude-3-5-sonnet-20240620"),
        # Vertex's listing revision after a partner's snapshot; Bedrock's any-region price rows.
        ("vertex_ai/mistral-large@2411-001", "mistral-large-2411"),
        ("*/1-month-commitment/cohere.command-text-v14", "command-text-v-14"),
        ("vertex_ai/claude-3-5-sonnet-v2@20241022", "claude-3-5-sonnet-20241022"),
        # Bedrock's GovCloud routes, without the vendor: the revision after the date and its minor come off.
        ("bedrock/us-gov-west-1/claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"),
        ("claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"),
        ("claude-opus-4-8@default", "claude-opus-4-8"),
        ("claude-3-5-haiku-latest", "claude-3-5-haiku-latest"),
        ("~anthropic/claude-sonnet-latest", "claude-sonnet-latest"),
        ("claude-sonnet-4-0", "claude-sonnet-4"),
        ("claude-2.0", "claude-2"),
        ("qwen/qwen3-coder:free", "qwen-3-coder"),
        ("gpt-4o:extended", "gpt-4o"),
        ("fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct", "llama-3-1-8b-instruct"),
        # LiteLLM's routes to a maker's own API without an underscore are routes too.
        ("qwencloud/qwen-max", "qwen-max"),
        ("text-completion-codestral/codestral-latest", "codestral-latest"),
        ("codestral/codestral-2405", "codestral-2405"),
        ("meta-llama/Meta-Llama-3.1-8B-Instruct", "llama-3-1-8b-instruct"),
        ("azure/gpt-35-turbo", "gpt-3-5-turbo"),
        ("hd/1024-x-1792/dall-e-3", "dall-e-3"),
        ("hf:qwen/Qwen3-32B", "qwen-3-32b"),
        ("@cf/meta/llama-3-8b-instruct", "llama-3-8b-instruct"),
        ("command-r+", "command-r-plus"),
        # Claude 4 and later are tier first, earlier ones version first, whichever way a source writes them.
        ("claude-4-sonnet", "claude-sonnet-4"),
        ("claude-sonnet-4-0", "claude-sonnet-4"),
        ("claude-4-opus", "claude-opus-4"),
        ("claude-4.1-opus", "claude-opus-4-1"),
        ("claude-4-5-haiku", "claude-haiku-4-5"),
        ("claude-4-sonnet-20250514", "claude-sonnet-4-20250514"),
        ("claude-sonnet-3.7", "claude-3-7-sonnet"),
        ("claude-3-opus", "claude-3-opus"),
        ("claude-instant-1", "claude-instant-1"),
        ("Sao10K/L3-8B-Stheno-v3.2", "sao-10k-l-3-8b-stheno-v-3-2"),
        # Hosts' marks on someone else's release, and a publisher glued to its brand.
        ("vertex_ai/mistral-medium-3@001", "mistral-medium-3"),
        ("deepseek-ai/deepseek-v3.2-maas", "deepseek-v-3-2"),
        ("databricks/databricks-claude-sonnet-4-5", "claude-sonnet-4-5"),
        ("system.ai.deepseek-v4-flash-0731", "deepseek-v-4-flash-0731"),
        ("databricks/system.ai.kimi-k3", "kimi-k-3"),
        ("@oi/GLM-5.3-Flash", "glm-5-3-flash"),
        ("openinfer/@oi/Qwen3.5-27B", "qwen-3-5-27b"),
        ("azure_ai/FW-DeepSeek-V3.2", "deepseek-v-3-2"),
        ("kimi-k2.5-free", "kimi-k-2-5"),
        ("qwen/Qwen3-235B-A22B-Instruct-2507-TEE", "qwen-3-235b-a-22b-instruct-2507"),
        ("gpt-oss:120b-cloud", "gpt-oss:120b"),  # a library tag keeps its colon: the size tag rule reads it
        ("Pro/deepseek-ai/DeepSeek-R1", "deepseek-r-1"),
        ("anthropic--claude-4.5-opus", "claude-opus-4-5"),
        ("alibaba-qwen3-32b", "qwen-3-32b"),
        ("meta-llama-Meta-Llama-3.1-70B-Instruct", "llama-3-1-70b-instruct"),
        ("mistral-7b", "mistral-7b"),
        ("deepseek-r1", "deepseek-r-1"),
        ("  ", ""),
        ("///", ""),
    ],
)
def test_it_normalises(raw_id, normalized):
    assert normalize_model_id(raw_id) == normalized


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20241022"),
        ("anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-5-sonnet-20241022-v2:0"),
        ("claude-3-5-sonnet", "claude-3-5-sonnet-20241022"),
        ("claude-sonnet-4-20250514", "claude-sonnet-4-5-20250929"),
        ("claude-4-sonnet", "claude-4-opus"),
        ("claude-opus-4", "claude-opus-4-1"),
        ("claude-3-sonnet", "claude-sonnet-4"),
        ("claude-3-7-sonnet-20250219", "claude-3-7-sonnet-20250219-thinking-32k"),
        ("gpt-4o", "gpt-4o-mini"),
        ("gpt-4o", "gpt-4o-2024-05-13"),
        ("gpt-4o-2024-05-13", "gpt-4o-2024-08-06"),
        ("gpt-4o-2024-08-06", "ft:gpt-4o-2024-08-06"),
        ("gpt-4", "gpt-4o"),
        ("gpt-4.1", "gpt-4.1-mini"),
        ("gpt-5", "gpt-5-pro"),
        ("o3", "o3-mini"),
        ("o1-mini", "o1-preview"),
        ("gemini-1.5-pro-001", "gemini-1.5-pro-002"),
        ("gemini-2.5-flash", "gemini-2.5-flash-lite"),
        ("gemini-2.5-pro", "gemini-2.5-pro-preview-05-06"),
        ("llama-3.1-8b-instruct", "llama-3.1-70b-instruct"),
        ("llama-3.1-405b-instruct-bf16", "llama-3.1-405b-instruct-fp8"),
        ("mistral-7b-instruct-v0.1", "mistral-7b-instruct-v0.2"),
        ("mistral.mistral-7b-instruct-v0:2", "mistral-7b-instruct"),
        ("anthropic.claude-v2", "anthropic.claude-v2:1"),
        ("amazon.titan-embed-text-v1", "amazon.titan-embed-text-v2:0"),
        ("qwen3-235b-a22b", "qwen3-235b-a22b-instruct-2507"),
        ("qwen-plus-2025-07-28", "qwen/qwen-plus-2025-07-28:thinking"),
        ("deepseek-r1", "deepseek-r1-0528"),
        ("deepseek-v3", "deepseek-v3.1"),
        ("text-embedding-3-small", "text-embedding-3-large"),
        ("kimi-k2p6", "kimi-k2p6-fast"),
        ("Sao10K/L3-8B-Stheno-v3.2", "L3-8B-Stheno-v3.2"),
        ("fal_ai/fal-ai/flux/dev", "fal_ai/fal-ai/flux/schnell"),
        ("vertex_ai/mistral-large@2407-001", "mistral-large-2411"),
        ("*/1-month-commitment/cohere.command-light-text-v14", "cohere.command-text-v14"),
    ],
)
def test_it_never_merges_distinct_models(one, other):
    assert normalize_model_id(one) != normalize_model_id(other)


@pytest.mark.parametrize(
    ("dashed", "compact"),
    [
        ("gpt-4o-2024-05-13", "gpt-4o-20240513"),
        ("qwen-plus-2025-07-28", "qwen-plus-20250728"),
        ("o3-deep-research-2025-06-26", "o3-deep-research-20250626"),
        ("claude-3-5-sonnet@2024.10.22", "claude-3-5-sonnet-20241022"),
    ],
)
def test_iso_and_compact_dates_meet(dashed, compact):
    assert normalize_model_id(dashed) == normalize_model_id(compact)


@pytest.mark.parametrize(
    ("raw_id", "normalized"),
    [
        ("gemini-2.0-flash-lite-preview-02-05", "gemini-2-0-flash-lite-preview-02-05"),  # month-day preview tag
        ("command-r-08-2024", "command-r-08-2024"),  # month-year
        ("gpt-4-0613", "gpt-4-0613"),  # OpenAI's MMDD snapshots
        ("mistral-large-2411", "mistral-large-2411"),  # YYMM
        ("claude-3-5-sonnet-2024-13-22", "claude-3-5-sonnet-2024-13-22"),  # not a date
    ],
)
def test_it_leaves_partial_dates_as_they_are(raw_id, normalized):
    assert normalize_model_id(raw_id) == normalized


def test_normalising_twice_changes_nothing():
    for raw_id in ["us.anthropic.claude-3-5-sonnet-20241022-v2:0", "gpt-4o-2024-05-13", "Qwen/Qwen3-235B-A22B"]:
        once = normalize_model_id(raw_id)
        assert normalize_model_id(once) == once


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Claude 3.5 Sonnet", "claude-3-5-sonnet"),
        ("anthropic/claude-3.5-sonnet", "anthropic-claude-3-5-sonnet"),
        ("Command R+ (08-2024)", "command-r-plus-08-2024"),
        ("  GPT-4o mini  ", "gpt-4o-mini"),
        ("x" * 250, "x" * 200),
        ("???", ""),
    ],
)
def test_canonical_slug(text, slug):
    assert canonical_slug(text) == slug


@pytest.mark.parametrize(
    ("raw_id", "bare"),
    [
        ("us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022"),
        ("openai/gpt-4.1", "gpt-4.1"),
        ("fireworks_ai/accounts/fireworks/models/kimi-k2p6", "kimi-k2p6"),
        ("qwen/qwen3-coder:free", "qwen3-coder"),
        ("claude-opus-4-8@default", "claude-opus-4-8"),
        ("Sao10K/L3-8B-Stheno-v3.2", "sao10k-l3-8b-stheno-v3.2"),
    ],
)
def test_bare_model_id_drops_routes_and_revisions_but_keeps_the_spelling(raw_id, bare):
    assert bare_model_id(raw_id) == bare


@pytest.mark.parametrize(
    ("raw_id", "normalized"),
    [
        # What a host prices after the model's name: the operation and its quality tier.
        ("medium/1920-x-1080/openai/gpt-image-2.5/sunburst/text-to-image", "gpt-image-2-5"),
        ("high/1024-x-1536/openai/gpt-image-2/edit", "gpt-image-2"),
        # Any operation, by its shape.
        ("bytedance/seedance-2.5/reference-to-video", "seedance-2-5"),
        ("fal-ai/stable-audio-25/text-to-audio", "stable-audio-25"),
        # A publisher's app path names its model after "models"; a user's account on a host stays.
        ("deepseek-ai/deepseek-ocr/models/DeepSeek-OCR", "deepseek-ocr"),
        ("qwen/qwenCoder/models/Qwen3-Coder-30B-A3B-Instruct", "qwen-3-coder-30b-a-3b-instruct"),
        # Clarifai spells the publisher as its user ids are, "_" for "-".
        ("arcee_ai/AFM/models/trinity-mini", "trinity-mini"),
        # LiteLLM's routes without an underscore.
        ("gigachat/GigaChat-2-Max", "gigachat-2-max"),
        ("accounts/someuser/models/llama-3-8b-instruct", "someuser-models-llama-3-8b-instruct"),
        # A repository named like an operation is a model, not an operation.
        ("fofr/face-to-many", "fofr-face-to-many"),
        ("lambdal/text-to-pokemon", "lambdal-text-to-pokemon"),
        ("fal-ai/flux-pro/v1.1", "flux-pro-v-1-1"),
        # OCI writes xAI's models with a vendor prefix, as Bedrock does.
        ("xai.grok-4.20", "grok-4-20"),
    ],
)
def test_it_drops_what_hosts_append_and_prefix(raw_id, normalized):
    assert normalize_model_id(raw_id) == normalized
