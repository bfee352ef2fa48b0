"""Who is who across sources: each source's provider ids mapped to our Provider slugs.

Host slugs follow models.dev's provider directory names (the largest catalog);
the other sources' spellings are mapped onto them so one host is one Provider.
A provider id that is also a model maker's own API names that creator: only
records from such APIs (or a lab's own card) may create canonical models.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from models_registry.identity.brands import BRANDS, CLOSED_BRANDS, DERIVATIVES_LEAD_WITH, SIGNED_LLAMA_DERIVATIVES
from models_registry.identity.normalize import bedrock_vendor, republishing_org
from models_registry.identity.prefixes import PUBLISHER_SEGMENTS

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
    "sber": "Sber",
    "01-ai": "01.AI",
    "allenai": "Ai2",
    "databricks": "Databricks",
    "huggingface": "Hugging Face",
    "inception": "Inception",
    "lmsys": "LMSYS",
    "mosaicml": "MosaicML",
    "nexusflow": "Nexusflow",
    "nousresearch": "Nous Research",
    "cognitivecomputations": "Cognitive Computations",
    "openassistant": "OpenAssistant (LAION)",
    "openchat": "OpenChat",
    "stanford": "Stanford CRFM",
    "bair": "Berkeley AI Research (BAIR)",
    "timdettmers": "Tim Dettmers",
    "prime-intellect": "Prime Intellect",
    "reka": "Reka",
    "rwkv": "RWKV",
    "shanghai-ai-lab": "Shanghai AI Lab",
    "snowflake": "Snowflake",
    "stability": "Stability AI",
    "tii": "Technology Innovation Institute",
    "sakana": "Sakana AI",
    "sarvam": "Sarvam AI",
    "stepfun": "StepFun",
    "tencent": "Tencent",
    "xai": "xAI",
    "xiaomi": "Xiaomi",
    "zhipuai": "Zhipu AI (Z.ai)",
    "bigcode": "BigCode",
    "cognition": "Cognition",
    "poolside": "Poolside",
    "upstage": "Upstage",
    "vercel": "Vercel",
}

# models.dev provider directories that are a creator's own API.
MODELS_DEV_CREATOR_APIS = {
    "inception": "inception",
    "kimi-for-coding": "moonshotai",
    "morph": "morph",
    "poolside": "poolside",
    "tencent": "tencent",
    "upstage": "upstage",
    "v0": "vercel",
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

# A creator's own API in another region or plan: "alibaba-cn", "minimax-cn-coding-plan",
# "xiaomi-token-plan-ams", "zai-coding-plan", "tencent-tokenhub", "stepfun-ai".
_CREATOR_API_EDITION = re.compile(
    r"^(?P<creator>[a-z0-9]+)-(?:cn|intl|global|ai|agent|tokenhub|(?:cn-)?coding-plan(?:-cn)?|token-plan(?:-[a-z]+)?)$"
)


def models_dev_creator_api(directory: str) -> str | None:
    """The creator whose own API a models.dev provider directory is, or None for a host."""
    if directory in MODELS_DEV_CREATOR_APIS:
        return MODELS_DEV_CREATOR_APIS[directory]
    edition = _CREATOR_API_EDITION.match(directory)
    return MODELS_DEV_CREATOR_APIS.get(edition["creator"]) if edition else None


# LiteLLM provider -> (host slug, creator slug if it is that creator's own API).
LITELLM_PROVIDERS = {
    "anthropic": ("anthropic", "anthropic"),
    "azure": ("azure", None),
    "azure_ai": ("azure", None),
    "azure_text": ("azure", None),
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
    # Single-vendor APIs that serve their makers' own models.
    "ai21": ("ai21", "ai21"),
    "assemblyai": ("assemblyai", "assemblyai"),
    "aws_polly": ("amazon-polly", "amazon"),
    "black_forest_labs": ("black-forest-labs", "black-forest-labs"),
    "codestral": ("mistral", "mistral"),
    "cognition": ("cognition", "cognition"),
    "meta": ("llama", "meta"),
    "upstage": ("upstage", "upstage"),
    "v0": ("v0", "vercel"),
    "deepgram": ("deepgram", "deepgram"),
    "elevenlabs": ("elevenlabs", "elevenlabs"),
    "gigachat": ("gigachat", "sber"),
    "inception": ("inception", "inception"),
    "text-completion-inception": ("inception", "inception"),
    "jina_ai": ("jina-ai", "jina-ai"),
    "morph": ("morph", "morph"),
    "qwencloud": ("alibaba", "alibaba"),
    "recraft": ("recraft", "recraft"),
    "reducto": ("reducto", "reducto"),
    "runwayml": ("runwayml", "runwayml"),
    "soniox": ("soniox", "soniox"),
    "stability": ("stability", "stability"),
    "voyage": ("voyage", "voyage"),
    # Named as a maker's API, but not one (``litellm_creator_api``): Tencent Cloud's LiteLLM
    # provider resells other labs' models; Google's Programmable Search is no model API.
    "tencent": ("tencent", None),
    "google_pse": ("google-pse", None),
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
    "voyageai": ("voyage", "voyage"),
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


# LiteLLM files some providers' entries in sections of one provider key: a kind
# of the provider's own models ("vertex_ai-embedding-models",
# "fireworks_ai-embedding-models"), one lab's models it serves
# ("vertex_ai-llama_models") or another API of it ("text-completion-codestral").
_LITELLM_SECTION = re.compile(
    r"^(?:text-completion-)?(?P<base>[a-z0-9_]+?)(?:-(?P<kind>[a-z0-9-]+-models)|-(?P<lab>[a-z0-9]+)_models)?$"
)


# A creator's cloud platform (host slug -> creator), on every source that lists it:
# it serves other labs' models too, so its listings are a host's (a retirement
# there retires the endpoint, not the release), but it files them under their
# publisher's path or brand (``meta/llama-3.1-70b-instruct-maas``,
# ``xai/grok-4.3``, ``jamba-1.5``) or in a lab's section, so an id there that
# names no other lab is the creator's own product (Vertex's ``chirp``,
# ``semantic-ranker-default``, ``text-unicorn``). Azure is no such platform: it
# lists others' models under bare names (G42's ``jais-30b-chat``).
CREATOR_PLATFORMS = {"google-vertex": "google"}


class LiteLLMRoute(NamedTuple):
    host: str
    creator: str | None  # the creator whose own API this is
    route: str  # the provider key the entries' ids are prefixed with
    platform_of: str | None = None  # the creator whose cloud platform this is (CREATOR_PLATFORMS)


def litellm_route(provider: str) -> LiteLLMRoute:
    """Where a LiteLLM provider key's entries are served, and whose own API or platform it is.

    A section is its provider's: the host is the provider's, a kind of its own
    models keeps its creator (or platform), a lab's section names none (the
    id's brand or org does), and ``route`` is the key its entries' ids are
    prefixed with (``vertex_ai/meta/llama-3.1-70b-instruct-maas`` in
    ``vertex_ai-llama_models``). A provider ``LITELLM_PROVIDERS`` names is
    taken as it says; any other named as a maker's own API is on models.dev,
    alone or before a product (``sarvam``, ``xiaomi_mimo``), is that maker's
    API (``litellm_creator_api``).
    """
    section = _LITELLM_SECTION.match(provider)
    if provider in LITELLM_PROVIDERS or section is None or section["base"] == provider:
        host, creator = (
            LITELLM_PROVIDERS.get(provider) or litellm_creator_api(provider) or (provider_slug(provider), None)
        )
        return LiteLLMRoute(host, creator, provider, CREATOR_PLATFORMS.get(host))
    base = section["base"]
    host, creator = LITELLM_PROVIDERS.get(base) or litellm_creator_api(base) or (provider_slug(base), None)
    if section["lab"]:
        return LiteLLMRoute(host, None, base)
    return LiteLLMRoute(host, creator, base, CREATOR_PLATFORMS.get(host))


def litellm_creator_api(provider: str) -> tuple[str, str] | None:
    """(host, maker) when a LiteLLM provider key no table lists is a maker's own API, by models.dev's
    directories of makers' APIs: the key itself (``sarvam``) or its first word before a product
    (``xiaomi_mimo`` is Xiaomi's MiMo API, served where models.dev's ``xiaomi`` is); None for a host."""
    for directory in dict.fromkeys((provider_slug(provider), provider.split("_", 1)[0])):
        if (creator := models_dev_creator_api(directory)) is not None:
            return directory, creator
    return None


def provider_slug(raw: str) -> str:
    """A source's provider id as a Provider slug (``together_ai`` -> ``together-ai``)."""
    return re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")[:100] or "unknown"


def known_name(slug: str) -> str | None:
    """The name the catalog's own lists give the provider, if they know it."""
    return CREATORS.get(slug) or HOST_NAMES.get(slug)


def slug_name(slug: str) -> str:
    """A name read off the slug, when nobody gives one (``together-ai`` -> ``Together Ai``)."""
    return slug.replace("-", " ").title()


def display_name(slug: str, fallback: str = "") -> str:
    return known_name(slug) or fallback or slug_name(slug)


def _brand_anywhere(brands) -> re.Pattern:
    """Any of these brands as a word of an id, wherever it stands (``duo-chat-gpt-5-1``)."""
    return re.compile(r"(?:^|[/_.:-])(?:" + "|".join(re.escape(b) for b in brands) + r")(?=$|[\d/_.:-])")


def _brand_leading(brands) -> re.Pattern:
    """Any of these brands as the first word of a bare id (``claude-3-opus``)."""
    return re.compile(r"^(?:" + "|".join(re.escape(b) for b in brands) + r")(?=$|[\d_.:-])")


_BRAND_PATTERNS = {creator: _brand_anywhere(brands) for creator, brands in BRANDS.items()}
_LEADING_BRAND = {creator: _brand_leading(brands) for creator, brands in BRANDS.items()}
_CLOSED_BRAND = {creator: _brand_leading(brands) for creator, brands in CLOSED_BRANDS.items()}
_LLAMA_SIGNERS = {creator: _brand_anywhere(brands) for creator, brands in SIGNED_LLAMA_DERIVATIVES.items()}


def brand_creator(model_id: str) -> str | None:
    """The lab whose brand a bare model id starts with (``claude-3-opus`` -> anthropic), if any."""
    text = model_id.lower().rsplit("/", 1)[-1]
    return next((creator for creator, pattern in _LEADING_BRAND.items() if pattern.match(text)), None)


def any_brand(model_id: str) -> bool:
    """Whether any lab's brand appears in the id, anywhere (``duo-chat-gpt-5-1``, ``alicloud-glm-5.1``)."""
    text = model_id.lower()
    return any(pattern.search(text) for pattern in _BRAND_PATTERNS.values())


_DERIVATIVES_LEAD = _brand_leading(b for brands in DERIVATIVES_LEAD_WITH.values() for b in brands)


def foreign_creator(model_id: str, creator: str) -> str | None:
    """The lab whose model a creator's listing names: the lab whose brand leads the id, when another's.

    The leading brand names the maker, whatever brand follows it:
    ``claude-3-opus`` listed by google -> ``anthropic``;
    ``deepseek-r1-distill-qwen-32b`` listed by alibaba -> ``deepseek`` (DeepSeek's
    R1 distilled into a Qwen base). Only a brand whose licence makes every
    derivative lead with it (``DERIVATIVES_LEAD_WITH``) leaves the model to a
    later brand of the listing creator's own: ``llama-3.1-sonar-large`` listed by
    perplexity -> None (Sonar is Perplexity's, built on Llama).
    """
    owner = brand_creator(model_id)
    if owner is None or owner == creator:
        return None
    text = model_id.lower()
    own_brand = _BRAND_PATTERNS.get(creator)
    if _DERIVATIVES_LEAD.match(text.rsplit("/", 1)[-1]) and own_brand is not None and own_brand.search(text):
        return None
    return owner


# Publishing organisations (the "org/" of "meta-llama/Llama-3.3-70B-Instruct", a
# Bedrock vendor "meta.") whose slug differs from the maker's Provider slug.
PUBLISHER_CREATORS = {
    "meta-llama": "meta",
    "codellama": "meta",
    "mistralai": "mistral",
    "mistral-ai": "mistral",
    "deepseek-ai": "deepseek",
    "qwen": "alibaba",
    "qwenlm": "alibaba",
    "x-ai": "xai",
    "moonshot": "moonshotai",
    "zai-org": "zhipuai",
    "z-ai": "zhipuai",
    "zai": "zhipuai",
    "thudm": "zhipuai",
    "amazon-nova": "amazon",
    "ai21-labs": "ai21",
    "minimaxai": "minimax",
    "bytedance-seed": "bytedance",
    "ibm-granite": "ibm",
    "stepfun-ai": "stepfun",
    "xiaomimimo": "xiaomi",
    "liquidai": "liquid",
    "google-deepmind": "google",
    "bfl": "black-forest-labs",
    "zero-one-ai": "01-ai",
    "sarvamai": "sarvam",
    "facebook": "meta",
    "tiiuae": "tii",
    "stabilityai": "stability",
    "togethercomputer": "togetherai",
}
# Publisher segments that name a hosting or aggregating organisation, not a maker: what
# it republishes is others' ("togethercomputer/alpaca-7b"), only its own brand is its own
# ("togethercomputer/RedPajama-INCITE-7B-Chat").
_NOT_MAKERS = frozenset({"togethercomputer", "fal-ai"})
# Organisations that publish other makers' weights quantised or re-packaged under the
# same name ("TheBloke/...-AWQ", "unsloth/...", "bartowski/...-GGUF"): never a maker;
# their repositories are the release they repackage (rule ``republished``) or wait.
RE_UPLOADERS = frozenset(
    {
        "thebloke",
        "unsloth",
        "bartowski",
        "lmstudio-community",
        "mlx-community",
        "neuralmagic",
        "redhatai",
        "mradermacher",
        "turboderp",
        "casperhansen",
    }
)


def publisher_creator(raw_id: str) -> str | None:
    """The maker an id names with certainty by its publishing organisation, if any.

    ``together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo`` -> ``meta``,
    ``us.meta.llama3-3-70b-instruct-v1:0`` -> ``meta``,
    ``nvidia/llama-3.1-nemotron-70b-instruct`` -> ``nvidia`` (NVIDIA's release on
    Llama: the publisher, not the brand, is the maker).
    """
    segments = [segment for segment in raw_id.strip().lower().lstrip("~").split("/") if segment]
    for segment in segments[:-1]:
        if segment not in PUBLISHER_SEGMENTS:
            continue
        org = PUBLISHER_CREATORS.get(segment, provider_slug(segment))
        if segment not in _NOT_MAKERS or brand_creator(segments[-1]) == org:
            return org
    vendor = bedrock_vendor(raw_id)
    return PUBLISHER_CREATORS.get(vendor, vendor) if vendor else None


def sole_brand_creator(model_id: str) -> str | None:
    """The lab whose brand the id starts with, when it carries no other lab's brand.

    ``grok-4.1-thinking`` -> ``xai``; ``deepseek-r1-distill-qwen-7b`` -> None
    (two labs' brands disagree, so neither is certain). A lab that releases
    Llama derivatives under its own brand (``SIGNED_LLAMA_DERIVATIVES``) is the
    exception: its brand after "Llama" signs the model
    (``llama-3.1-nemotron-70b-instruct`` -> ``nvidia``, ``llama-3.1-tulu-3-8b``
    -> ``allenai``); ``llama-2-7b-dolly-15k`` names no one. Nor does an id that
    says its weights were altered after release (``GLM-4.6-Derestricted-v5``,
    ``glm-5.3-abliterated``): that is someone's derivative of the lab's release.
    """
    if altered_after_release(model_id):
        return None
    owner, others = _brands_in(model_id)
    text = model_id.lower()
    if len(others) == 1 and _DERIVATIVES_LEAD.match(text.rsplit("/", 1)[-1]):
        signer = _LLAMA_SIGNERS.get(others[0])
        return others[0] if signer is not None and signer.search(text) else None
    return None if others else owner


def _brands_in(model_id: str) -> tuple[str | None, list[str]]:
    """The lab whose brand leads the id, and every other lab whose brand the id carries."""
    owner = brand_creator(model_id)
    if owner is None:
        return None, []
    text = model_id.lower()
    return owner, [creator for creator, pattern in _BRAND_PATTERNS.items() if creator != owner and pattern.search(text)]


def closed_brand_creator(model_id: str) -> str | None:
    """The lab whose closed brand starts the id (``gpt-audio-1.5`` -> openai), when no other lab's brand is in it."""
    owner = sole_brand_creator(model_id)
    text = model_id.lower().rsplit("/", 1)[-1]
    return owner if owner and owner in _CLOSED_BRAND and _CLOSED_BRAND[owner].match(text) else None


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def fine_tuner(raw_id: str, *, hosts: frozenset[str]) -> str | None:
    """The organisation that published an ``org/name`` repository the rules know no maker for, as a slug.

    Hugging Face's convention: ``TheDrummer/Cydonia-24B-v4`` is TheDrummer's,
    ``huihui-ai/DeepSeek-R1-Distill-Qwen-32B-abliterated`` huihui-ai's. Not when
    the org is a host's own namespace (``nanogpt/coding-router`` on nano-gpt,
    ``chutesai/...`` on chutes), nor when the name carries a single lab's brand
    under another org (``unsloth/Mistral-Small-24B-Instruct-2501`` may be a
    re-upload): those wait for a curator unless the name is a known release
    (rule ``republished``).
    """
    found = republishing_org(raw_id)
    if found is None:
        return None
    org, name = found
    if provider_slug(org) in RE_UPLOADERS:
        return None
    org_slug = PUBLISHER_CREATORS.get(provider_slug(org), provider_slug(org))
    org_key = _compact(org)
    for host in hosts:
        host_key = _compact(host)
        if min(len(org_key), len(host_key)) >= 3 and (org_key.startswith(host_key) or host_key.startswith(org_key)):
            return None
    # One lab's brand alone may be a re-upload of its release; an org's repository
    # naming two labs' brands (Llama's and NVIDIA's) is that org's merge or tune.
    brand, others = _brands_in(name)
    if brand is not None and not others and brand != org_slug and not _derivative(name, org_key):
        return None
    return org_slug


_ALL_BRANDS = frozenset(_compact(b) for brands in BRANDS.values() for b in brands)
# Words no lab ships a release under: the weights were altered after release.
_DERIVATIVE_WORDS = frozenset({"abliterated", "uncensored", "derestricted", "heretic"})


def altered_after_release(model_id: str) -> bool:
    """Whether the id carries a word no lab ships a release under (``-abliterated``, ``-uncensored``)."""
    return any(token in _DERIVATIVE_WORDS for token in re.split(r"[^a-z0-9]+", model_id.lower()))


# What labs write after a release's size (tuning, mode, modality, purpose, size class) and hosts
# after that (tiers, builds, quantisations): the vocabulary of a release's own name, lower-case.
# Words shorter than three letters never count as a fine-tuner's name, so none are listed.
_RELEASE_NAME_WORDS = frozenset(
    # tuning and mode
    {"instruct", "chat", "base", "think", "thinking", "reasoning", "sft", "dpo", "distill", "distilled", "reward"}
    # modality, purpose and size class
    | {"vision", "omni", "audio", "coder", "code", "math", "guard", "embed", "reranker", "search", "tools", "tool"}
    | {"captioner", "customvoice", "voicedesign", "moe", "dense", "hybrid", "plus", "pro", "max", "mini", "nano"}
    | {"flash", "air", "small", "medium", "large", "tiny", "ultra", "long", "context", "latest", "preview", "exp"}
    | {"experimental", "mix", "mixed", "paddle"}
    # hosts' tiers and builds
    | {"turbo", "lite", "fast", "free", "tee", "versatile", "instant", "specdec", "reference", "maas", "cloud"}
    | {"original", "online", "qat", "qlora", "spinquant", "speculator", "fp8", "fp16", "bf16", "int4", "int8"}
    | {"awq", "gguf", "ggml", "gptq", "exl2", "onnx", "mlx", "nvfp4", "mxfp4", "dynamic", "mtp"}
)
# The size in parameters; ids are split at dots too, so "1.5B" is read as its "5B".
_PARAMETER_SIZE = re.compile(r"^\d+[bB]$")
# A version, a size, active parameters, a context length or a short code ("v2", "a3b", "128k", "e4b", "r1").
_RELEASE_CODE = re.compile(r"^[a-z]{0,2}\d+[a-z]?\d*$")


def renamed_by_a_fine_tuner(model_id: str) -> bool:
    """Whether a lab's release name is followed, after its size, by someone's own name for new weights.

    ``Gemma-4-31B-DarkIdol``, ``Llama-3.3-70B-Electra-R1``, ``Qwen3.5-27B-Anko``: the
    lab's brand, version and size, then a capitalised word no lab or host writes
    there. After the size a lab writes tuning, mode and modality words
    (``-Instruct``, ``-Thinking``, ``-Vision``) and a host its tiers and
    quantisations (``-Turbo``, ``-versatile``, ``-FP8``): the release's own
    vocabulary (``_RELEASE_NAME_WORDS``), versions and codes. Anything else there
    names a fine-tune. Read off the id as written: case is the evidence, so an id a
    source writes all in lower case (most price lists) tells nothing, and waits.
    """
    name = model_id.rsplit("/", 1)[-1]
    if brand_creator(name) is None:
        return False
    tokens = [token for token in re.split(r"[-_.:+() ]+", name) if token]
    size = next((i for i, token in enumerate(tokens) if _PARAMETER_SIZE.match(token)), None)
    if not size:  # no size, or the size first: no release name before it
        return False
    for token in tokens[size + 1 :]:
        lower = token.lower()
        if lower in _RELEASE_NAME_WORDS or _RELEASE_CODE.match(lower):
            continue
        capitalised = token[0].isupper() and (token.isalpha() and len(token) >= 3)
        camel_case = len(token) >= 4 and any(c.isupper() for c in token[1:])
        if capitalised or camel_case:
            return True
    return False


def _derivative(name: str, org_key: str) -> bool:
    """The name says it is the org's derivative of a lab's release, never a re-upload (which keeps
    the lab's name): it carries its publisher's own name (``ArliAI/QwQ-32B-ArliAI-RpR-v1``,
    ``Open-Orca/Mistral-7B-OpenOrca``), a word no lab ships under
    (``huihui-ai/Llama-3.3-70B-Instruct-abliterated``) or its own name for the weights after the
    lab's size (``Sao10K/Llama-3.3-70B-Vulpecula-r1``). A lab's brand in the org's name
    (``mistral-community/Mistral-7B-v0.2``) signs nothing."""
    if altered_after_release(name) or renamed_by_a_fine_tuner(name):
        return True
    for token in re.split(r"[^a-z0-9]+", name.lower()):
        if len(token) >= 4 and token not in _ALL_BRANDS and (org_key.startswith(token) or token.startswith(org_key)):
            return True
    return False
