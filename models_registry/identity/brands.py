"""Which lab names its models with which brand: pure data for identity rules and ingestion."""

# The brands each lab names its models with, as a prefix of an id's token
# ("qwen3-32b", "claude-opus-4"). A host that lists another lab's model under
# its own name ("google" selling Claude on Vertex) must not become its creator.
BRANDS = {
    "ai21": ("jamba",),
    "alibaba": ("qwen", "qwq", "qvq", "wan", "codeqwen", "code-qwen"),
    "amazon": ("nova", "titan"),
    "anthropic": ("claude",),
    "baidu": ("ernie",),
    "bytedance": ("doubao", "seedream", "seedance"),
    "cohere": ("command", "c4ai", "aya"),
    "deepseek": ("deepseek",),
    "google": ("gemini", "gemma", "codegemma", "imagen", "veo", "lyria", "learnlm", "palm", "chat-bison", "text-bison"),
    "meta": ("llama", "codellama", "code-llama", "llamaguard"),
    "microsoft": ("phi", "wizardlm", "mai"),
    "minimax": ("minimax", "abab"),
    "mistral": ("mistral", "mixtral", "codestral", "ministral", "pixtral", "magistral", "devstral", "voxtral"),
    "moonshotai": ("kimi", "moonshot"),
    "nvidia": ("nemotron",),
    "openai": ("gpt", "chatgpt", "dall-e", "whisper", "sora", "davinci", "babbage", "o1", "o3", "o4"),
    "perplexity": ("sonar",),
    "tencent": ("hunyuan",),
    "xai": ("grok",),
    "xiaomi": ("mimo",),
    "zhipuai": ("glm", "chatglm", "cogview", "zai-glm"),
    # Labs whose older releases the Arena still rates.
    "01-ai": ("yi",),
    "allenai": ("olmo", "tulu", "molmo"),
    "databricks": ("dbrx", "dolly"),
    "bigcode": ("starcoder",),
    "huggingface": ("zephyr", "smollm"),
    "ibm": ("granite",),
    "inception": ("mercury",),
    "lmsys": ("vicuna", "fastchat"),
    "mosaicml": ("mpt",),
    "nexusflow": ("athene",),
    "openassistant": ("oasst",),
    "prime-intellect": ("intellect",),
    "reka": ("reka",),
    "rwkv": ("rwkv",),
    "shanghai-ai-lab": ("internlm",),
    # Labs of the open vision models the vision arena rates.
    "opengvlab": ("internvl",),
    "openbmb": ("minicpm",),
    "snowflake": ("snowflake-arctic",),
    "stability": ("stablelm", "stablecode", "stable-code"),
    "stanford": ("alpaca",),
    "bair": ("koala",),
    "timdettmers": ("guanaco",),
    "togetherai": ("redpajama", "stripedhyena"),
    "stepfun": ("step",),
    "tii": ("falcon",),
}

# Brands whose licence makes every model built on them lead with them: Llama's
# requires "Llama" at the start of a derivative's name ("llama-3.1-sonar-large" is
# Perplexity's Sonar, "llama-3.3-nemotron-super-49b" NVIDIA's Nemotron). Any other
# leading brand names the lab that made the model: "deepseek-r1-distill-qwen-32b"
# is DeepSeek's R1 distilled into a Qwen base, whoever lists it.
DERIVATIVES_LEAD_WITH = {
    "meta": ("llama",),
}

# Labs that release their own models built on Llama under a brand of theirs after
# "Llama": that brand signs the model ("llama-3.1-tulu-3-8b" is Ai2's Tülu). Only
# these: a dataset, a teacher or a checkpoint named after "Llama" signs nothing
# ("llama-2-7b-dolly-15k", "llama-o1-supervised", "llama-3-8b-instruct-step-1000").
SIGNED_LLAMA_DERIVATIVES = {
    "nvidia": ("nemotron",),
    "allenai": ("tulu",),
    "perplexity": ("sonar",),
}

# Brands only their lab ships under: no community fine-tune is published as
# "claude-..." or "gpt-4o-...", so such an id names its maker on any source.
# Open-weight brands (llama, qwen, gemma, mistral, deepseek, phi) are left out:
# "Qwen3.5-27B-BlueStar-Derestricted" is someone's fine-tune, not Alibaba's.
CLOSED_BRANDS = {
    "anthropic": ("claude",),
    "openai": ("chatgpt", "dall-e", "sora", "o1", "o3", "o4", "gpt-3.5", "gpt-4", "gpt-5", "gpt-image", "gpt-audio")
    + ("gpt-realtime", "gpt-4o", "gpt-6", "gpt-35"),  # "gpt-35": Azure's spelling of GPT-3.5
    "google": ("gemini", "imagen", "veo", "lyria"),
    "xai": ("grok",),
    "bytedance": ("doubao", "seedream", "seedance"),
    "baidu": ("ernie",),
    "tencent": ("hunyuan",),
    "amazon": ("nova", "titan"),
    "cohere": ("command",),
    "perplexity": ("sonar",),
    "moonshotai": ("kimi",),
    "zhipuai": ("glm", "zai-glm"),
    "minimax": ("minimax", "abab"),
    "ai21": ("jamba",),
    "microsoft": ("mai",),
}
