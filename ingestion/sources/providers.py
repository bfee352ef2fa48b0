"""Who is who across sources: each source's provider ids mapped to our Provider slugs.

Host slugs follow models.dev's provider directory names (the largest catalog);
the other sources' spellings are mapped onto them so one host is one Provider.
A provider id that is also a model maker's own API names that creator: only
records from such APIs (or a lab's own card) may create canonical models.
"""

from __future__ import annotations

import re

# slug -> display name for the organisations that make models.
CREATORS = {
    "ai21": "AI21 Labs",
    "alibaba": "Alibaba (Qwen)",
    "amazon": "Amazon",
    "anthropic": "Anthropic",
    "baidu": "Baidu",
    "bytedance": "ByteDance",
    "cohere": "Cohere",
    "deepreinforce": "DeepReinforce",
    "deepseek": "DeepSeek",
    "google": "Google",
    "ibm": "IBM",
    "meta": "Meta",
    "microsoft": "Microsoft",
    "minimax": "MiniMax",
    "mistral": "Mistral AI",
    "moonshotai": "Moonshot AI",
    "nvidia": "NVIDIA",
    "openai": "OpenAI",
    "perplexity": "Perplexity",
    "sakana": "Sakana AI",
    "sarvam": "Sarvam AI",
    "stepfun": "StepFun",
    "tencent": "Tencent",
    "xai": "xAI",
    "xiaomi": "Xiaomi",
    "zhipuai": "Zhipu AI (Z.ai)",
}

# models.dev provider directories that are a creator's own API.
MODELS_DEV_CREATOR_APIS = {
    "alibaba": "alibaba",
    "anthropic": "anthropic",
    "cohere": "cohere",
    "deepseek": "deepseek",
    "google": "google",
    "llama": "meta",
    "minimax": "minimax",
    "mistral": "mistral",
    "moonshotai": "moonshotai",
    "openai": "openai",
    "perplexity": "perplexity",
    "sakana": "sakana",
    "sarvam": "sarvam",
    "stepfun": "stepfun",
    "xai": "xai",
    "xiaomi": "xiaomi",
    "zai": "zhipuai",
    "zhipuai": "zhipuai",
}

# LiteLLM provider -> (host slug, creator slug if it is that creator's own API).
LITELLM_PROVIDERS = {
    "anthropic": ("anthropic", "anthropic"),
    "azure": ("azure", None),
    "azure_ai": ("azure", None),
    "bedrock": ("amazon-bedrock", None),
    "bedrock_converse": ("amazon-bedrock", None),
    "bedrock_mantle": ("amazon-bedrock", None),
    "cloudflare": ("cloudflare-workers-ai", None),
    "cohere": ("cohere", "cohere"),
    "cohere_chat": ("cohere", "cohere"),
    "dashscope": ("alibaba", "alibaba"),
    "deepseek": ("deepseek", "deepseek"),
    "fireworks_ai": ("fireworks-ai", None),
    "gemini": ("google", "google"),
    "github_copilot": ("github-copilot", None),
    "meta_llama": ("llama", "meta"),
    "minimax": ("minimax", "minimax"),
    "mistral": ("mistral", "mistral"),
    "moonshot": ("moonshotai", "moonshotai"),
    "novita": ("novita-ai", None),
    "openai": ("openai", "openai"),
    "perplexity": ("perplexity", "perplexity"),
    "snowflake": ("snowflake-cortex", None),
    "text-completion-openai": ("openai", "openai"),
    "together_ai": ("togetherai", None),
    "vercel_ai_gateway": ("vercel", None),
    "vertex_ai": ("google-vertex", None),
    "vertex_ai-anthropic_models": ("google-vertex-anthropic", None),
    "xai": ("xai", "xai"),
    "zai": ("zai", "zhipuai"),
}

# genai-prices provider id -> (host slug, creator slug if it is that creator's own API).
GENAI_PRICES_PROVIDERS = {
    "anthropic": ("anthropic", "anthropic"),
    "aws": ("amazon-bedrock", None),
    "cohere": ("cohere", "cohere"),
    "deepseek": ("deepseek", "deepseek"),
    "fireworks": ("fireworks-ai", None),
    "google": ("google", "google"),
    "minimax": ("minimax", "minimax"),
    "mistral": ("mistral", "mistral"),
    "moonshotai": ("moonshotai", "moonshotai"),
    "novita": ("novita-ai", None),
    "openai": ("openai", "openai"),
    "perplexity": ("perplexity", "perplexity"),
    "together": ("togetherai", None),
    "x-ai": ("xai", "xai"),
    "zai": ("zai", "zhipuai"),
    "zhipuai": ("zhipuai", "zhipuai"),
}

# OpenRouter's creator prefixes that differ from our creator slugs.
OPENROUTER_CREATORS = {
    "ai21": "ai21",
    "amazon": "amazon",
    "baidu": "baidu",
    "bytedance": "bytedance",
    "bytedance-seed": "bytedance",
    "ibm-granite": "ibm",
    "meta-llama": "meta",
    "microsoft": "microsoft",
    "mistralai": "mistral",
    "qwen": "alibaba",
    "x-ai": "xai",
    "z-ai": "zhipuai",
}

HOST_NAMES = {
    "amazon-bedrock": "Amazon Bedrock",
    "azure": "Azure",
    "google-vertex": "Google Vertex AI",
    "google-vertex-anthropic": "Google Vertex AI (Anthropic)",
    "openrouter": "OpenRouter",
    "togetherai": "Together AI",
    "fireworks-ai": "Fireworks AI",
    "novita-ai": "Novita AI",
    "zai": "Z.ai",
    "llama": "Meta Llama API",
}


def provider_slug(raw: str) -> str:
    """A source's provider id as a Provider slug (``together_ai`` -> ``together-ai``)."""
    return re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")[:100] or "unknown"


def display_name(slug: str, fallback: str = "") -> str:
    return CREATORS.get(slug) or HOST_NAMES.get(slug) or fallback or slug.replace("-", " ").title()


# The brands each lab names its models with, as a prefix of an id's token
# ("qwen3-32b", "claude-opus-4"). A host that lists another lab's model under
# its own name ("google" selling Claude on Vertex) must not become its creator.
BRANDS = {
    "ai21": ("jamba",),
    "alibaba": ("qwen", "qwq", "qvq", "wan"),
    "amazon": ("nova", "titan"),
    "anthropic": ("claude",),
    "baidu": ("ernie",),
    "bytedance": ("doubao", "seedream", "seedance"),
    "cohere": ("command", "c4ai", "aya"),
    "deepseek": ("deepseek",),
    "google": ("gemini", "gemma", "imagen", "veo", "lyria", "learnlm", "palm", "chat-bison", "text-bison"),
    "meta": ("llama", "codellama"),
    "microsoft": ("phi",),
    "minimax": ("minimax", "abab"),
    "mistral": ("mistral", "mixtral", "codestral", "ministral", "pixtral", "magistral", "devstral", "voxtral"),
    "moonshotai": ("kimi", "moonshot"),
    "nvidia": ("nemotron",),
    "openai": ("gpt", "chatgpt", "dall-e", "whisper", "sora", "davinci", "babbage", "o1", "o3", "o4"),
    "perplexity": ("sonar",),
    "tencent": ("hunyuan",),
    "xai": ("grok",),
    "xiaomi": ("mimo",),
    "zhipuai": ("glm", "chatglm", "cogview"),
}
_BRAND_PATTERNS = {
    creator: re.compile(r"(?:^|[/_.:-])(?:" + "|".join(re.escape(b) for b in brands) + r")(?=$|[\d/_.:-])")
    for creator, brands in BRANDS.items()
}
_LEADING_BRAND = {
    creator: re.compile(r"^(?:" + "|".join(re.escape(b) for b in brands) + r")(?=$|[\d_.:-])")
    for creator, brands in BRANDS.items()
}


def brand_creator(model_id: str) -> str | None:
    """The lab whose brand a bare model id starts with (``claude-3-opus`` -> anthropic), if any."""
    text = model_id.lower().rsplit("/", 1)[-1]
    return next((creator for creator, pattern in _LEADING_BRAND.items() if pattern.match(text)), None)


def foreign_creator(model_id: str, creator: str) -> str | None:
    """The lab whose model a creator's listing names, if the id carries none of the creator's own brands.

    ``claude-3-opus`` listed by google -> ``anthropic``; ``llama-3.1-sonar-large``
    listed by perplexity -> None (Sonar is Perplexity's, built on Llama).
    """
    owner = brand_creator(model_id)
    if owner is None or owner == creator:
        return None
    own_brand = _BRAND_PATTERNS.get(creator)
    if own_brand is not None and own_brand.search(model_id.lower()):
        return None
    return owner
