"""Pure normalisation of model identifiers (no ORM; see docs/identity.md).

Every source spells the same model differently: ``anthropic/claude-3.5-sonnet``,
``claude-3-5-sonnet``, ``us.anthropic.claude-3-5-sonnet-20241022-v2:0``,
``vertex_ai/claude-3-5-sonnet-v2@20241022``. ``normalize_model_id`` folds the
differences that never distinguish two models (case, separators, route and
host prefixes, region prefixes, Bedrock revisions, hosts' tiers) and keeps every
token that can (dates, sizes, ``mini``/``pro``/``instruct``, versions). Two ids
with the same normal form are the same model; anything subtler is left to a
curator.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from models_registry.identity.brands import BRANDS
from models_registry.identity.prefixes import HOST_SEGMENTS, PUBLISHER_SEGMENTS

_SIZE_OR_TIER_SEGMENT = re.compile(
    r"^(\d+-x-\d+|max-x-max|\d+-month-commitment|\d+-steps|max-steps|low|medium|high|xhigh|hd|standard|max"
    r"|[a-z]{2}(-gov)?(-[a-z]+)?-\d|[a-z]{2}-gov)$"
)

# Bedrock ids: optional cross-region inference prefix, then the vendor.
_BEDROCK_ID = re.compile(
    r"^(?:(?:us|eu|apac|global|au|jp|ca|in|us-gov|regional)\.)?"
    r"(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|google|writer|minimax|moonshot|moonshotai"
    r"|nvidia|zai|xai|stability|twelvelabs|luma)\.(.+)$"
)
# Bedrock appends its own listing revision: "-v2:0", "-1:0", or bare "-v1".
_BEDROCK_REVISION = re.compile(r"^(?P<base>.+)-(?P<rev>v?\d+)(?::(?P<minor>\d+))?$")
# Vendors whose Bedrock model names do not repeat the vendor ("deepseek.r1").
_BEDROCK_KEEP_VENDOR = frozenset({"deepseek"})

# OpenRouter routing variants of one model (price tier, provider sorting).
_ROUTE_SUFFIX = re.compile(r":(free|beta|nitro|floor|extended|exacto|online)$")
_ISO_DATE = re.compile(r"(?<![0-9])(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![0-9])")
_COMPACT_DATE = re.compile(r"^20\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")


# A publisher's name glued to the front of its model's id by a host that
# flattens "org/model" ("anthropic--claude-4.5-opus", "openai-o3",
# "alibaba-qwen3-32b", "meta-llama-Meta-Llama-3.1-70B"): dropped only when a
# lab's brand follows, so "mistral-7b" and "deepseek-r1" keep their names.
_ANY_BRAND = "|".join(
    sorted((re.escape(b) for brands in BRANDS.values() for b in (*brands, "meta-llama")), key=len, reverse=True)
)
_GLUED_PUBLISHER = re.compile(
    r"^(?:" + "|".join(sorted(map(re.escape, PUBLISHER_SEGMENTS), key=len, reverse=True)) + r")[-_.]+"
    r"(?=(?:" + _ANY_BRAND + r")(?:$|[\d_.:-]))"
)


def _is_route_segment(segment: str) -> bool:
    # litellm's routes all carry an underscore (vertex_ai, fireworks_ai, azure_ai).
    return (
        segment in HOST_SEGMENTS
        or segment == "*"  # Bedrock's any-region price rows ("*/1-month-commitment/cohere.command-text-v14")
        or segment in PUBLISHER_SEGMENTS
        or "_" in segment
        or bool(_SIZE_OR_TIER_SEGMENT.match(segment))
    )


# What a host prices after the model's name: the operation and its quality tier
# ("openai/gpt-image-2.5/sunburst/text-to-image", ".../edit"), and any operation of a
# media model by its shape ("bytedance/seedance-2.0/reference-to-video"); a repository
# named so is a model ("fofr/face-to-many").
_OPERATION_SEGMENTS = frozenset({"edit", "sunburst", "flare"})
_MEDIA = r"(?:text|image|video|audio|speech|voice|music|reference|3d)"
_MEDIA_OPERATION = re.compile(rf"^{_MEDIA}-to-{_MEDIA}$")


def _is_operation_segment(segment: str) -> bool:
    return segment in _OPERATION_SEGMENTS or bool(_MEDIA_OPERATION.match(segment))


def _route_stripped(segments: list[str]) -> tuple[list[str], bool]:
    """The path's segments without its leading routes, hosts and publishers and its trailing
    operations, and whether any leading segment was dropped. Compares in lower case, keeps the spelling."""
    segments = list(segments)
    dropped = False
    # A publisher's app path names its model after "models", whatever the app is called (Clarifai's
    # "deepseek-ai/deepseek-ocr/models/DeepSeek-OCR"). Not a user's account: Fireworks serves users'
    # fine-tunes under "accounts/<user>/models/", and the user's name keeps them apart from releases.
    # The publisher may be spelled as Clarifai's user ids are, with "_" for "-" ("arcee_ai/AFM/models/trinity-mini").
    listed = [at for at, segment in enumerate(segments[:-1]) if segment.lower() == "models"]
    if listed and segments[0].lower().replace("_", "-") in PUBLISHER_SEGMENTS:
        segments, dropped = segments[listed[-1] + 1 :], True
    while len(segments) > 1 and _is_route_segment(segments[0].lower()):
        segments.pop(0)
        dropped = True
    while len(segments) > 1 and _is_operation_segment(segments[-1].lower()):
        segments.pop()
    return segments, dropped


def _strip_route(text: str) -> str:
    return "-".join(_route_stripped([segment for segment in text.split("/") if segment])[0])


def product_path(raw_id: str) -> str:
    """What a path id names, as the source spells it, for its slug and name of last resort.

    Under a known route or publisher, every segment left but a trailing operation, as the normal
    form reads them (``fal-ai/imagen4/preview/ultra`` -> ``imagen4/preview/ultra``,
    ``openai/gpt-image-2.5/flare/edit`` -> ``gpt-image-2.5``): its last segment alone may be a tier
    or a stage ("ultra"). Otherwise the last segment: the name of an org's repository
    (``TheDrummer/Cydonia-24B-v4`` -> ``Cydonia-24B-v4``) or of a product under a namespace the rules
    do not know (``tensormesh/deepseek-ai/DeepSeek-V4-Flash`` -> ``DeepSeek-V4-Flash``).
    """
    segments = [segment for segment in raw_id.strip().split("/") if segment]
    if len(segments) < 2:
        return raw_id.strip()
    named, dropped = _route_stripped(segments)
    if dropped and republishing_org(raw_id) is None:
        return "/".join(named)
    return named[-1]


_REPOSITORY_NAME = re.compile(r"[A-Za-z]{3,}")
# Hosts whose ids are "<host>/<org>/<name>" by convention (Cloudflare's "@cf/meta/...",
# "@hf/thebloke/..."): the segment after them is always the publishing org.
ORG_PATH_HOSTS = frozenset({"@cf", "@hf"})


def republishing_org(raw_id: str) -> tuple[str, str] | None:
    """``(org, name)`` when the id is an ``org/name`` repository of an organisation the rules do not know.

    Hugging Face's convention, which hosts copy: ``TheDrummer/Cydonia-24B-v4``,
    ``unsloth/gemma-3-12b-it``, ``siliconflow/deepseek-r1-0528``. The org is
    whoever published those weights: a fine-tuner, or a host or re-uploader
    republishing a lab's release under its own namespace. Ids with a known
    route, host or publisher segment, or more than one segment left, are not.
    """
    segments = [segment for segment in raw_id.strip().lstrip("~").split("/") if segment]
    org_path = False
    while len(segments) > 1 and _is_route_segment(segments[0].lower()):
        popped = segments.pop(0).lower()
        if popped in PUBLISHER_SEGMENTS:
            return None  # "fal-ai/imagen4/preview": a known publisher's product path, not a repository
        if popped in ORG_PATH_HOSTS:
            org_path = True
            break  # what follows is the org, even one that also hosts ("@cf/deepgram/aura-2-en")
    if len(segments) != 2 or segments[0].startswith("@"):
        return None
    org, name = segments[0], _ROUTE_SUFFIX.sub("", segments[1].strip())
    if org_path:
        # Cloudflare's "@cf/<org>/<name>" always names the org that published the
        # weights, so the name need not look like weights ("@cf/facebook/bart-large-cnn").
        return (org, name) if _REPOSITORY_NAME.search(name) else None
    # A repository's name names weights: letters and a version or size ("goliath-120b"), or a name its
    # org capitalises as Hugging Face repositories are written ("thinkingmachines/Inkling"); not an
    # operation, a product path or a bare version, which hosts write in lower case ("speech/azure-tts",
    # "reflection/beam", "v3").
    if not _REPOSITORY_NAME.search(name) or re.match(r"(?i)v\d", name):
        return None
    if not re.search(r"\d", name) and not re.search(r"[A-Z]", name):
        return None
    return org, name


# A router picks a model per request ("openrouter/auto", Azure's "model-router",
# Morph's "auto", "coding-router", Fireworks' "firerouter"): it is no release of its own.
# A router's tier or effort ("coding-router:high") is still the router.
_ROUTER = re.compile(r"^(?:auto|auto-[a-z-]+|[a-z-]*router(?:-(?:low|medium|high|max|min))?|custom)$")
# Path segments a host files its routers under ("accounts/fireworks/routers/...",
# Kilo's "kilo-auto/balanced", "orcarouter/auto").
_ROUTER_SEGMENT = re.compile(r"^(?:routers|(?:[a-z0-9]+-)?auto)$")
# A host's own name for its router: "Free Models Router", "OrcaRouter Auto", "Route LLM".
_ROUTER_NAME = re.compile(r"(?i)(?:router|\broute)\b")


def names_a_router(normalized: str, *, raw_id: str = "", name: str = "") -> bool:
    """Whether an id (its normal form, the path it is filed under, or its host's name for it) is a router."""
    if _ROUTER.match(normalized):
        return True
    segments = [segment for segment in raw_id.strip().lower().split("/") if segment]
    return any(_ROUTER_SEGMENT.match(segment) for segment in segments) or bool(_ROUTER_NAME.search(name))


# A host's price for any model in a size bracket ("together-ai-21.1b-41b", "together-ai-up-to-4b",
# "together-ai-embedding-151m-to-350m"): a row of its price list, no release.
_PRICE_SLOT = re.compile(r"(?:^|-)(?:up-to-\d+(?:-\d+)?[bm]|\d+(?:-\d+)?[bm]-(?:to-)?\d+(?:-\d+)?[bm])$")


def names_a_price_slot(normalized: str) -> bool:
    """Whether an id (its normal form) names a size bracket of a host's price list, not a model."""
    return bool(_PRICE_SLOT.search(normalized))


def bedrock_vendor(raw_id: str) -> str | None:
    """The vendor a Bedrock id names ("us.meta.llama3-3-70b-instruct-v1:0" -> "meta"), if it is one."""
    segments = [segment for segment in raw_id.strip().lower().split("/") if segment]
    match = _BEDROCK_ID.match(segments[-1]) if segments else None
    return match.group(1) if match else None


def bedrock_model_name(segment: str) -> str:
    """A Bedrock id as its model's name, without the region, the vendor and Bedrock's listing
    revision (``global.moonshotai.kimi-k3.1`` -> ``kimi-k3.1``, ``cohere.embed-english-v3`` ->
    ``embed-english-v3``); any other id as it is."""
    return _strip_bedrock(segment) if _BEDROCK_ID.match(segment) else segment


def _strip_bedrock(text: str) -> str:
    match = _BEDROCK_ID.match(text)
    if not match:
        return text
    vendor, name = match.groups()
    revision = _BEDROCK_REVISION.match(name)
    if revision:
        base, rev, minor = revision["base"], revision["rev"], revision["minor"]
        # A revision is only Bedrock's when the name keeps its own version
        # number ("titan-embed-text-v2" is a different model from -v1) and it
        # is not a v0 ("mistral-7b-instruct-v0:2" is Mistral's v0.2).
        bedrock_revision = any(ch.isdigit() for ch in base) and rev.lstrip("v") != "0"
        if bedrock_revision and (minor is not None or rev.startswith("v")):
            name = base
        elif minor == "0":
            name = f"{base}-{rev}"
    if vendor in _BEDROCK_KEEP_VENDOR and not name.startswith(vendor):
        name = f"{vendor}-{name}"
    return name


def _drop_revision_next_to_date(tokens: list[str]) -> list[str]:
    """ "claude-3-5-sonnet-v2@20241022": the date names the snapshot, "v2" repeats it; so does a
    listing revision after the date with its minor number, as Bedrock's GovCloud routes write it
    without the vendor ("claude-sonnet-4-5-20250929-v1:0")."""
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        is_revision = tokens[i] == "v" and i + 1 < len(tokens) and tokens[i + 1].isdigit()
        if is_revision:
            before = kept[-1] if kept else ""
            after = tokens[i + 2] if i + 2 < len(tokens) else ""
            if _COMPACT_DATE.match(before) and after.isdigit() and i + 3 == len(tokens):
                break  # "-20250929-v1:0": the revision and its minor end the id
            if _COMPACT_DATE.match(before) or _COMPACT_DATE.match(after):
                i += 2
                continue
        kept.append(tokens[i])
        i += 1
    return kept


_CLAUDE_TIERS = frozenset({"opus", "sonnet", "haiku"})
_HOST_TIER_TOKENS = frozenset({"free", "tee", "cloud"})


def _claude_tier_order(tokens: list[str]) -> list[str]:
    """Anthropic's own order: version first up to Claude 3 ("claude-3-5-sonnet"), tier first
    from Claude 4 ("claude-sonnet-4-5"). Hosts write either ("claude-4-sonnet"); both are one model."""
    if len(tokens) < 3 or tokens[0] != "claude":
        return tokens
    rest = tokens[1:]
    tier_first = rest[0] in _CLAUDE_TIERS
    if tier_first:
        rest = rest[1:]
    version: list[str] = []
    while rest and len(version) < 2 and rest[0].isdigit() and len(rest[0]) <= 2:
        version.append(rest.pop(0))
    if not version:
        return tokens
    if tier_first:
        tier = tokens[1]
    elif rest and rest[0] in _CLAUDE_TIERS:
        tier = rest.pop(0)
    else:
        return tokens
    ordered = [tier, *version] if int(version[0]) >= 4 else [*version, tier]
    return ["claude", *ordered, *rest]


# Pure and called several times per id per run (resolve, alias, queue): memoised,
# bounded well above the ~20k distinct ids all shipped sources hold.
@lru_cache(maxsize=65536)
def bare_model_id(raw_id: str) -> str:
    """The id without its route, host, region and revision, otherwise as written.

    ``us.anthropic.claude-3-5-sonnet-20241022-v2:0`` -> ``claude-3-5-sonnet-20241022``,
    ``openai/gpt-4.1`` -> ``gpt-4.1``: a readable name or slug for a new model.
    """
    text = raw_id.strip().lower().lstrip("~")
    text = re.sub(r"^hf:", "", text)
    # Vertex's "@default"/"@latest" name no snapshot and "@001" is its own listing
    # revision of a partner model; "@20241022" is a snapshot date and stays.
    text = re.sub(r"@(default|latest|\d{3})$", "", text)
    # A partner model's snapshot with Vertex's listing revision: "mistral-large@2411-001" is mistral-large-2411.
    text = re.sub(r"@(\d{4})-\d{3}$", r"-\1", text)
    text = _ROUTE_SUFFIX.sub("", text)
    text = _strip_bedrock(_strip_route(text))
    # Hosts' deployment marks on someone else's model: Vertex's Model-as-a-Service
    # listings ("-maas"), Databricks' and Azure's Fireworks deployments ("databricks-", "fw-"),
    # and the Databricks catalog schema its foundation models are served from ("system.ai.").
    text = re.sub(r"-maas$", "", text)
    text = re.sub(r"^(?:databricks-|fw-|system\.ai\.)(?=[a-z])", "", text)
    return _GLUED_PUBLISHER.sub("", text)


@lru_cache(maxsize=65536)
def normalize_model_id(raw_id: str) -> str:
    """The form under which two identifiers of the same model compare equal."""
    bare = bare_model_id(raw_id)
    if (tagged := _SIZE_TAG.match(bare)) is not None:
        # A library's tag keeps its colon: Ollama's "llama3:70b" is Llama 3 70B Instruct, and
        # "llama-3-70b" is elsewhere the base weights (IdentityResolver._size_tagged_release).
        family = normalize_model_id(tagged["family"])
        word = f"-{tagged['word'].lower()}" if tagged["word"] else ""
        return f"{family}:{normalize_model_id(tagged['size'])}{word}" if family else ""
    text = bare.replace("+", "-plus")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    text = _ISO_DATE.sub(r"\1\2\3", text)
    text = re.sub(r"(?<=\d)p(?=\d)", "-", text)  # Fireworks writes 3.1 as "3p1"
    text = re.sub(r"^gpt-35(?=-|$)", "gpt-3-5", text)  # Azure's spelling of gpt-3.5
    text = re.sub(r"(?<=[a-z])(?=\d)", "-", text)  # "llama3" is "llama-3", "qwen2.5" is "qwen-2-5"
    # Meta's own "Meta-Llama-3.1-8B" and Fireworks' "llama-v3p1-8b" are Llama 3.1 8B.
    text = re.sub(r"^(?:meta-)?llama-(?:v-)?(?=\d)", "llama-", text)
    # "latest" stays: "X-latest" is a floating pointer, not the bare name "X" a
    # leaderboard pinned years ago (the Arena's 2023 "gemini-pro"). The resolver
    # lets the two meet only where a source's names float (see resolver.py).
    tokens = [token for token in text.split("-") if token]
    # A host's price tier or enclave of the same model ("kimi-k2.5-free", "...-TEE").
    while len(tokens) > 1 and tokens[-1] in _HOST_TIER_TOKENS:
        tokens.pop()
    tokens = _claude_tier_order(_drop_revision_next_to_date(tokens))
    # "claude-sonnet-4-0" and "claude-2.0" are versions 4 and 2.
    if len(tokens) > 2 and tokens[-1] == "0" and tokens[-2].isdigit() and len(tokens[-2]) <= 2:
        tokens.pop()
    return "-".join(tokens)


def canonical_slug(text: str) -> str:
    """A URL slug for a new model, from its display name or an identifier."""
    text = text.strip().lower().replace("+", "-plus")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:200].rstrip("-")


# How a host deploys a release, appended to its id: quantisations ("-fp8",
# "-fp8-dynamic", "-nvfp4", "-awq", "-gguf", llama.cpp's "-Q8_0" and "-IQ4_XS",
# MLX's "-MLX-4bit", "-mxfp-GGUF") and deployment marks ("-fw" on Azure's
# Fireworks, "-cs" on Poe's Cerebras bots ("cerebras/qwen3-32b-cs"), Together's
# "-tput" throughput tier, Cloudflare's "-lora" build that
# takes adapters, Fireworks' "-spot" capacity, the image arena's "-fal" for a
# release it ran through fal's API, a host's cheaper "community" edition of the
# same weights: "deepseek/deepseek-r1/community", nano-gpt's "-original" beside
# its other routes to the same release: "zai-org/glm-4.7-original", its "-cheaper"
# routing ("deepseek/deepseek-v4-pro-cheaper"), Fireworks' "-basic" serving tier
# ("deepseek-r1-basic"), Clarifai's "-high-throughput" one ("gpt-oss-120b-high-throughput"),
# and Baidu's weights in PaddlePaddle's format: "baidu/ernie-4.5-300b-a47b-paddle").
_DEPLOYMENT_MARK = re.compile(
    r"-(?:(?:fp|bf|int|nvfp|mxfp|w)-\d+(?:-a-\d+)?|awq|gguf|mlx|mxfp|fw|cs|tput|dynamic|lora|spot|fal|community|original|paddle"
    r"|cheaper|basic|high-throughput"
    r"|q-\d+(?:-k-m|-0)?|iq-\d+(?:-[a-z]{1,3})?|\d+-?bit)$"
)


# A host's faster or lighter deployment of an instruction-tuned release (Cloudflare's
# "llama-3.1-8b-instruct-fast", Together's FP8 "Llama-3.3-70B-Instruct-Turbo" and INT4
# "Meta-Llama-3-8B-Instruct-Lite"): labs name tiers before "instruct", hosts their builds after it.
# Likewise after a snapshot's date, which closes a lab's id (DeepInfra's "DeepSeek-R1-0528-Turbo",
# Nebius' "Qwen3-235B-A22B-Thinking-2507-fast"; "qwen-turbo-2024-11-01" is Alibaba's tier).
_SNAPSHOT_DATE = r"-(?:20\d{6}|2[3-9](?:0[1-9]|1[0-2])(?:[0-3]\d)?|(?:0[1-9]|1[0-2])[0-3]\d)"
_FAST_DEPLOYMENT = re.compile(rf"(-(?:instruct|it)(?:-(?:fp|bf|int)-\d+)*|{_SNAPSHOT_DATE})-(?:fast|turbo|lite)$")


# How a host names the tier it serves a chat release on, after the release's name
# without its tuning word: Groq's "llama-3.3-70b-versatile", "llama-3.1-8b-instant",
# "llama-3.3-70b-specdec" and its older context sizes ("llama3-70b-8192",
# "mixtral-8x7b-32768"). A host serving a model on a tier serves its chat release,
# so the name without the tier names the release with its tuning word.
_SERVING_TIER = re.compile(r"-(?:versatile|instant|specdec|4096|8192|16384|32768)$")
TUNING_WORDS = ("instruct", "chat", "it")


# A model library's tag after a family's name: the size in parameters, then the library's own marks
# (Ollama's "qwen3-coder:480b", "gemma3:4b", "qwen3-vl:235b-instruct", its hosted "deepseek-v3.1:671b-cloud").
_SIZE_TAG = re.compile(
    r"^(?P<family>[^:/]+):(?P<size>\d+(?:\.\d+)?[bmt])(?:-(?P<word>instruct|it|chat|thinking))?(?:-cloud)?$", re.I
)
# What may follow a release's family and size in its normal form: the active parameters of a mixture of
# experts ("a-35b"), one tuning or mode word, a snapshot tag ("-2512").
_SIZED_RELEASE_TAIL = re.compile(
    r"^(?:-a-\d+b)?(?:-(?P<word>instruct|it|chat|thinking|reasoning))?(?P<snapshot>-\d{4}|-\d{6}|-\d{8})?$"
)
MODE_WORDS = ("thinking", "reasoning")


@dataclass(frozen=True)
class SizeTag:
    """A library's tag of a release by family and size: ``qwen3-coder:480b`` is (``qwen-3-coder``, ``480b``)."""

    family: str  # normal form
    size: str
    word: str | None  # a tuning or mode word the tag names ("instruct"), if any

    def tail(self, normalized: str) -> tuple[str, str] | None:
        """For a normal form that names this family at this size: its tuning or mode word and its
        snapshot tag ("" for none). None when the form names something else (another size, a
        variant such as "-fast")."""
        sized = f"{self.family}-{self.size}"
        if normalized != sized and not normalized.startswith(f"{sized}-"):
            return None
        tail = _SIZED_RELEASE_TAIL.match(normalized.removeprefix(sized))
        return None if tail is None else (tail["word"] or "", tail["snapshot"] or "")


def size_tag(raw_id: str) -> SizeTag | None:
    """The family and size a library's tag names (``gemma3:4b``), or None for any other id (Bedrock's ``...-v1:0``)."""
    found = _SIZE_TAG.match(bare_model_id(raw_id))
    if found is None:
        return None
    family = normalize_model_id(found["family"])
    size = normalize_model_id(found["size"])
    return SizeTag(family, size, (found["word"] or "").lower() or None) if family else None


def served_chat_releases(normalized: str) -> list[str]:
    """The chat releases an id with a host's serving tier may name, in the order to try; [] without a tier.

    ``llama-3-3-70b-versatile`` -> ``[llama-3-3-70b-instruct, llama-3-3-70b-chat, llama-3-3-70b-it]``.
    Only a fallback for ids that resolve to nothing; the bare name (``llama-3-3-70b``) is never
    tried, since elsewhere it may be the base weights.
    """
    stripped = normalized
    while (shorter := _SERVING_TIER.sub("", stripped)) != stripped and shorter:
        stripped = shorter
    if stripped == normalized or stripped.rsplit("-", 1)[-1] in TUNING_WORDS:
        return []
    return [f"{stripped}-{word}" for word in TUNING_WORDS]


def without_deployment_marks(normalized: str) -> str:
    """The normal form without a host's quantisation or deployment marks; unchanged if it has none.

    ``llama-3-1-405b-instruct-fp-8`` -> ``llama-3-1-405b-instruct``: the release a
    host serves quantised. Only a fallback for ids that resolve to nothing.
    """
    stripped = normalized
    while (shorter := _FAST_DEPLOYMENT.sub(r"\1", _DEPLOYMENT_MARK.sub("", stripped))) != stripped and shorter:
        stripped = shorter
    return stripped
