"""Pure evidence that two ids of one maker name the same release (no ORM; docs/identity.md).

A floating name that has only ever served one dated snapshot *is* that snapshot:
``gpt-4.1`` (released 2025-04-14) and ``gpt-4.1-2025-04-14``; ``claude-sonnet-4-5``
and ``claude-sonnet-4-5-20250929``. Makers also list one release under two
spellings (``command-a`` and ``command-a-03-2025``, ``mistral-medium-3`` and
``mistral-medium-2505``), which their cards give the same name and date.

Six rules, each needing the maker's own facts (or, for ``weights-name``, its ids) to agree:

- ``snapshot``: one id is the other plus a snapshot tag (a date, ``2505``,
  ``03-2025``, ``0711``), the tag agrees with a release date the maker or a
  host gives the floating name (for a ``-latest`` pointer, the maker naming
  both alike will do), and no other snapshot of that name is known. A name that
  has served several snapshots (``gpt-4o``: 2024-05-13, 08-06, 11-20) floats
  and joins none, by this rule or another.
- ``spelling``: the two ids differ only in where their separators fall
  (``gpt-52`` / ``gpt-5.2``, ``claude-opus-45`` / ``claude-opus-4-5``), in
  the order of their words (``gemini-flash-1.5`` / ``gemini-1.5-flash``) or
  in words that never tell two models apart (``open-mistral-7b`` /
  ``mistral-7b``: ``SPELLING_WORDS``), or in the maker's own name written
  before one of them (``cohere-embed-v3-english`` / ``embed-english-v3.0``),
  for one maker.
- ``named-as``: the maker names one dated id by the other, which carries the
  same snapshot tag and no other size or tier (``ministral-14b-2512``, which
  its maker calls "Ministral 3 14B 2512", is ``ministral-3-14b-2512``).
- ``same-name``: the maker's records give both the same name (``(latest)``
  aside), the same model type and release dates within a week, and neither
  carries a snapshot tag the other contradicts. Both must be dated: a date
  one side lacks may come with a later file and contradict the other's, and
  a merge is never undone, so a join on one date would depend on the order
  the files were read in.
- ``weights-name``: one id is a dated release named by its line and date
  (``mistral-small-2503``), the other the same date's weights' repository,
  which adds only the version, sizes and edition
  (``Mistral-Small-3.1-24B-Instruct-2503``).
- ``maker-name``: an undated id no maker states anything of is the name the
  maker gives one known dated release, read as an id (Mistral calls
  ``mistral-small-2506`` "Mistral Small 3.2", which hosts list as
  ``mistral-small3.2``), when no other release is called so and neither id is
  the other with more words.

A host's deployment of a release (``llama-4-scout-17b-16e-instruct-fp8``) is
that release (rule ``deployment``), as ingestion's ``host_deployment`` says
when the release is known first.

Two ids of other rated modes (``o4-mini`` / ``o4-mini-high``) are never one
release: a mode is a variant of its release (``variants.py``).

The facts are every name and date the maker's records state (``ReleaseFacts``
``names`` and ``release_dates``, beside the one ``name`` and ``release_date``
of an incoming record), not only the value served now: evidence only
accumulates, so a pair joined once stays joinable whatever file comes next,
and the grouping does not depend on the order the files are read in. A
host's or aggregator's name is no evidence here; its dates only date a
floating name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from models_registry.fact_fields import name_repeats_an_id
from models_registry.identity.brands import BRANDS
from models_registry.identity.normalize import normalize_model_id, without_deployment_marks
from models_registry.identity.variants import split_variant

SNAPSHOT_TOLERANCE_DAYS = 14  # labs date a snapshot a few days before they release it
# ... and sometimes weeks before: Anthropic's claude-opus-4-5-20251101 was released on 2025-11-24. A tag
# that far ahead joins only a floating name its maker calls by the snapshot's own name.
PRE_RELEASE_SNAPSHOT_DAYS = 31
SAME_NAME_TOLERANCE_DAYS = 7
# The rule of a dated release and its weights' name (``_weights_named``): one answer only.
WEIGHTS_NAME = "weights-name"
# The rule of an id its maker calls a release by (``_called_by_maker``): one answer only, as above.
MAKER_NAME = "maker-name"

_LATEST_IN_NAME = re.compile(r"\s*\(?\blatest\b\)?\s*", re.IGNORECASE)
# Tokens that tell two releases apart whatever their cards call them: sizes
# ("8b", "a22b", "e4b") and tiers. A card naming "gemini-flash-1.5-8b" "Gemini
# 1.5 Flash" does not make it Gemini 1.5 Flash.
_SIZE_TOKEN = re.compile(r"^(?:\d+(?:x\d+)?[bmt]|[ae]\d+b)$")
# A context size in the id ("gpt-4-32k", "step-1-8k") is another offering, whatever a price list calls it.
_CONTEXT_TOKEN = re.compile(r"^\d+k$")
_FULL_DATE = re.compile(r"20\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_TIER_TOKENS = frozenset(
    {"mini", "nano", "micro", "lite", "small", "medium", "large", "flash", "pro", "max", "ultra", "plus", "turbo"}
    | {"vision", "vl", "coder", "code", "fast", "thinking", "reasoning", "base"}
)


@dataclass(frozen=True)
class SnapshotTag:
    """The snapshot part of an id: as precise as the id writes it."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def agrees_with(self, released: date | None) -> bool:
        if released is None or self.month is None:
            return False
        if self.year is not None and self.day is None:  # month precision: "2505", "03-2025"
            months = (released.year - self.year) * 12 + released.month - self.month
            return 0 <= months <= 1
        tagged = self._day(released)
        return tagged is not None and abs((tagged - released).days) <= SNAPSHOT_TOLERANCE_DAYS

    def dates_before(self, released: date | None) -> bool:
        """Whether the tag is a day at most PRE_RELEASE_SNAPSHOT_DAYS before ``released`` (never after it)."""
        tagged = self._day(released) if released is not None and self.month is not None else None
        return tagged is not None and 0 <= (released - tagged).days <= PRE_RELEASE_SNAPSHOT_DAYS

    def dates_long_after(self, released: date) -> bool:
        """Whether the tag dates its snapshot later than ``released`` beyond what ``agrees_with``
        allows (more than SNAPSHOT_TOLERANCE_DAYS, or for a month's tag a month or more after).
        A tag without a year ("0324") that would fall long before ``released`` in its year is of
        the next year: a snapshot is dated at most PRE_RELEASE_SNAPSHOT_DAYS before its release."""
        if self.month is None:
            return False
        if self.year is not None and self.day is None:
            return (self.year - released.year) * 12 + self.month - released.month > 1
        tagged = self._day(released)
        if tagged is None:
            return False
        if self.year is None and (released - tagged).days > PRE_RELEASE_SNAPSHOT_DAYS:
            return True  # December's name, March's tag: the March after it
        return (tagged - released).days > SNAPSHOT_TOLERANCE_DAYS

    def dates_long_before(self, released: date) -> bool:
        """Whether the tag writes a full date (year included: a "0324" tag may be of the next year)
        more than PRE_RELEASE_SNAPSHOT_DAYS before ``released``."""
        tagged = self._day(released) if self.year is not None and self.month is not None else None
        return tagged is not None and (released - tagged).days > PRE_RELEASE_SNAPSHOT_DAYS

    def _day(self, released: date) -> date | None:
        """The day the tag writes; a "0711" tag's year is the release's own. None for a month or a version."""
        if self.day is None:
            return None
        try:
            return date(self.year if self.year is not None else released.year, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True)
class ReleaseFacts:
    """What the catalog knows of one model (or one incoming record) for these rules.

    ``name`` and ``release_date`` (one record's) and ``names`` and
    ``release_dates`` (every other) are what the maker's own records state
    (``provenance.stated_facts``): a host's or aggregator's name is no
    evidence (a host calls its ``llama3.1-8b`` "Llama 3.1 8B Instruct").
    ``host_dates``: the dates hosts give it, which only date a floating name
    for the ``snapshot`` rule (the snapshot's own tag is the maker's word).
    """

    normalized: str
    creator: str | None
    name: str = ""
    release_date: date | None = None
    model_type: str = ""
    names: frozenset[str] = frozenset()
    release_dates: frozenset[date] = frozenset()
    host_dates: frozenset[date] = frozenset()

    @property
    def makers(self) -> _Said:
        names = {name for name in {self.name, *self.names} if name}
        dates = {day for day in {self.release_date, *self.release_dates} if day is not None}
        return _Said(_comparable(names), frozenset(dates))


def release_facts(normalized: str, creator: str | None, model_type: str, stated) -> ReleaseFacts:
    """A known model's facts for these rules, from everything stated of it (``provenance.StatedFacts``)."""
    return ReleaseFacts(
        normalized,
        creator,
        model_type=model_type,
        names=stated.names,
        release_dates=stated.release_dates,
        host_dates=stated.host_dates,
    )


@dataclass(frozen=True)
class _Said:
    names: frozenset[str]  # cleaned, without names that only repeat an id
    dates: frozenset[date]


def _comparable(names) -> frozenset[str]:
    return frozenset(clean_name(name) for name in names if name and not name_repeats_an_id(name))


def _month(text: str) -> int | None:
    value = int(text)
    return value if 1 <= value <= 12 else None


def snapshot_split(normalized: str) -> tuple[str, SnapshotTag] | None:
    """``(floating name, tag)`` when the normal form ends in a snapshot tag, else None."""
    tokens = normalized.split("-")
    if len(tokens) < 2:
        return None
    last = tokens[-1]
    if re.fullmatch(r"20\d{6}", last):
        year, month, day = int(last[:4]), _month(last[4:6]), int(last[6:])
        if month:
            return "-".join(tokens[:-1]), SnapshotTag(last, year, month, day)
    if len(tokens) >= 3 and re.fullmatch(r"\d\d", tokens[-2]) and re.fullmatch(r"20\d\d", last):
        month = _month(tokens[-2])  # Cohere's "03-2025"
        if month:
            return "-".join(tokens[:-2]), SnapshotTag(f"{tokens[-2]}-{last}", int(last), month)
    if re.fullmatch(r"2[3-9]\d{4}", last) and _month(last[2:4]) and 1 <= int(last[4:]) <= 31:
        # Moonshot's and ByteDance's "251104": YYMMDD
        return "-".join(tokens[:-1]), SnapshotTag(last, 2000 + int(last[:2]), int(last[2:4]), int(last[4:]))
    if re.fullmatch(r"\d{4}", last):
        head, tail = int(last[:2]), int(last[2:])
        if 23 <= head <= 29 and _month(last[2:]):  # Mistral's "2505": May 2025
            return "-".join(tokens[:-1]), SnapshotTag(last, 2000 + head, tail)
        if _month(last[:2]) and 1 <= tail <= 31:  # "0711": July 11th
            return "-".join(tokens[:-1]), SnapshotTag(last, None, head, tail)
    return None


# A maker's numbered version of a floating name: Google's "gemini-2.0-flash-001", Vertex's
# "chat-bison@001". Three digits with leading zeros: never a size, a date or a model's own number.
_NUMBERED_VERSION = re.compile(r"^00[1-9]$")
FIRST_VERSION = "001"


def numbered_split(normalized: str) -> tuple[str, str] | None:
    """``(floating name, number)`` when the normal form ends in a maker's numbered version, else None."""
    head, _, last = normalized.rpartition("-")
    return (head, last) if head and _NUMBERED_VERSION.match(last) else None


def tagged_name(normalized: str) -> tuple[str, str] | None:
    """``(floating name, tag)`` for any snapshot of a name: a dated one (its tag's text) or a numbered one."""
    split = snapshot_split(normalized)
    return (split[0], split[1].text) if split is not None else numbered_split(normalized)


def joined(normalized: str) -> str:
    """The normal form without separators: "gpt-52" and "gpt-5-2" are one spelling of GPT-5.2."""
    return normalized.replace("-", "")


# Words hosts and makers add to an id without changing the model: a Hugging
# Face repo suffix, Mistral's "open-" and "labs-" (its API's channel for a release
# whose weights it publishes under the bare name: "labs-devstral-small-2512"), a "v"
# before the version, a route's region, the operation Google's media ids name
# ("imagen-4.0-generate-001", which gateways list as "imagen-4"). Anything else
# ("instruct", "ja", "fast", a tier) may be another model.
SPELLING_WORDS = frozenset({"hf", "open", "labs", "v", "us", "eu", "global", "generate"})
# ... and, in an id with a snapshot tag, "instruct": a dated snapshot is one tuned
# release, which a maker's API names without the word and its weights' repository
# with it ("mistral-large-2411" / "Mistral-Large-Instruct-2411", "qwen3-30b-a3b-2507"
# / "Qwen3-30B-A3B-Instruct-2507"). A base release of that date says "base". The
# words of the stage a snapshot was first offered in are spellings between ids of
# one snapshot too: a maker that takes a dated snapshot out of beta keeps its date
# and drops the word ("grok-4.20-beta-0309" / "grok-4.20-0309"); another snapshot
# has another date.
DATED_SPELLING_WORDS = frozenset({"instruct", "alpha", "beta", "preview"})
# A version's ".0" minor ("gemini-3.0-pro-preview" / "gemini-3-pro-preview", "rerank-v4.0-fast" /
# "rerank-v4-fast"): after a one- or two-digit major, and not before a size ("qwen-2-0.5b" is 0.5B).
_MAJOR = re.compile(r"^v?\d{1,2}$")


def _minor_zero(tokens: list[str], at: int) -> bool:
    """Whether ``tokens[at]`` is the ".0" of the version before it, which says nothing the major does not."""
    following = tokens[at + 1] if at + 1 < len(tokens) else ""
    return tokens[at] == "0" and at > 0 and bool(_MAJOR.match(tokens[at - 1])) and not following[:1].isdigit()


def spellings(normalized: str) -> set[str]:
    """Keys two spellings of one release share: the id without separators ("gpt52"), its
    words in any order without ``SPELLING_WORDS``, its numbers in theirs ("gemini-flash-1-5" and
    "gemini-1-5-flash", "open-mistral-7b" and "mistral-7b"; never "preview-05-06" and "preview-06-05"),
    and the id without separators nor ``SPELLING_WORDS`` ("code-llama-13b-instruct" and
    "codellama-13b-instruct-hf"); a dated id's keys also leave out ``DATED_SPELLING_WORDS``
    ("mistral-large-instruct-2411" and "mistral-large-2411", "grok-4-20-beta-0309" and
    "grok-4-20-0309"), and every id's a version's ".0"
    ("gemini-3-0-pro-preview" and "gemini-3-pro-preview")."""
    dropped = SPELLING_WORDS | (DATED_SPELLING_WORDS if snapshot_split(normalized) else frozenset())
    split = [token for token in normalized.split("-") if token]
    tokens = [token for at, token in enumerate(split) if token not in dropped and not _minor_zero(split, at)]
    if not tokens:
        return {joined(normalized)}
    numbers = [token for token in tokens if any(ch.isdigit() for ch in token)]
    words = sorted(token for token in tokens if token not in numbers)
    # Both at once: a brand written as one word or two, beside a word that tells nothing
    # ("code-llama-13b-instruct" / "codellama-13b-instruct-hf"); the order stays as written.
    return {joined(normalized), "|".join(numbers) + "/" + "|".join(words), "=" + "".join(tokens)}


def maker_words(creator: str) -> set[str]:
    """The words a maker's own name is written with before its ids: its slug, and the slug
    without a trailing "ai" ("moonshotai" -> "moonshot"); a word of two letters or a number
    names no one. Its brands are read apart (``maker_brand_words``): a product line's word before
    an id may name another product (Perplexity's ``preset/deep-research`` is no ``sonar-deep-research``)."""
    words = {creator, creator.removesuffix("ai").rstrip("-")}
    return {word for word in words if len(word) > 2 and not word.isdigit() and "-" not in word}


_NUMBERED = re.compile(r"\d")


def after_first_word(normalized: str) -> str | None:
    """The normal form without its first word ("cohere-embed-v-3-english" -> "embed-v-3-english")."""
    first, _, rest = normalized.partition("-")
    return rest if first and rest else None


@cache
def maker_brand_words(creator: str) -> frozenset[str]:
    """The one-word brands a maker sells its releases under ("doubao" for ByteDance), its own name aside."""
    brands = {normalize_model_id(brand) for brand in BRANDS.get(creator, ()) if "-" not in brand}
    return frozenset(brands - maker_words(creator))


# Words that say what a release does or which tier it is, never which product line it belongs to:
# after a brand they may name another product of the maker (Google's ``gemini-embedding-001`` is
# not its older ``embedding-001``).
_PURPOSE_WORDS = _TIER_TOKENS | frozenset(
    {"embedding", "embed", "image", "audio", "video", "speech", "voice", "music", "text", "chat", "search"}
    | {"rerank", "realtime", "tts", "moderation", "omni", "instruct", "edit", "live", "deep", "research"}
)


def _names_a_product_line(rest: str) -> bool:
    """Whether an id's rest after a brand leads with a product line's own name (``seed-1-6``), not a
    version code (``k-2-6``) nor a word of purpose or tier (``embedding-001``, ``pro-2``)."""
    lead = rest.partition("-")[0]
    return len(lead) >= 3 and lead.isalpha() and lead not in _PURPOSE_WORDS


def _maker_named_first(named: ReleaseFacts, other: ReleaseFacts) -> bool:
    """``named`` is ``other`` written with its maker's name before it: Azure's
    ``cohere-embed-v3-english`` for Cohere's ``embed-english-v3.0``, a host's
    ``moonshot-kimi-k2-instruct`` for Moonshot AI's ``kimi-k2-instruct``, fal's
    ``minimax/h3`` for MiniMax's ``MiniMax-H3``. The maker is the one either side is
    known by (``same_release`` has refused two), so no other lab's release is read so.

    Or with the maker's brand before it, when what follows leads with a product line's own
    name: Volcengine's ``doubao-seed-1.6`` for ByteDance's ``seed-1.6``, a host's
    ``gemini-gemma-2-9b-it`` for Google's ``gemma2-9b-it``. A brand before a version code or a
    word of purpose says less: ``kimi-k2.7`` may be a release apart from Moonshot's ``k2p7``
    (K2.7 Code), and ``gemini-embedding-001`` is not ``embedding-001``."""
    maker = named.creator or other.creator
    if not maker:
        return False
    first = named.normalized.partition("-")[0]
    rest = after_first_word(named.normalized)
    if rest is None:
        return False
    # A brand also leads the maker's derivatives of another lab's release (OpenAssistant's
    # ``oasst-pythia-12b`` is not EleutherAI's ``pythia-12b``): both sides must be known as the maker's.
    branded = first in maker_brand_words(maker) and named.creator == other.creator and _names_a_product_line(rest)
    if first not in maker_words(maker) and not branded:
        return False
    # What is left must name a release by a version or size, not a word anyone lists ("chat", "small"):
    # Microsoft 365 Copilot's ``chat`` is no ``deepseek-chat``.
    return _NUMBERED.search(rest) is not None and bool(spellings(rest) & spellings(other.normalized))


def clean_name(name: str) -> str:
    """A maker's display name without the "(latest)" marker, for comparison."""
    return " ".join(_LATEST_IN_NAME.sub(" ", name).casefold().split())


def _said_alike(one: _Said, other: _Said) -> bool:
    """One name, and two dates within a week (evidence only accumulates, so a pair alike stays alike)."""
    return bool(one.names & other.names) and any(
        abs((mine - theirs).days) <= SAME_NAME_TOLERANCE_DAYS for mine in one.dates for theirs in other.dates
    )


def deployed_as(deployment: str, release: str) -> bool:
    """``deployment`` is ``release`` with a host's quantisation or deployment mark (``-fp8``, ``-awq``)."""
    return deployment != release and without_deployment_marks(deployment) == release


def mode_of(normalized: str) -> str | None:
    """The rated mode an id names (``high`` of ``o-4-mini-high``), its snapshot tag aside, or None."""
    split = snapshot_split(normalized)
    mode = split_variant(split[0] if split else normalized)
    return mode[1] if mode else None


def same_release(incoming: ReleaseFacts, known: ReleaseFacts, *, snapshot_tags: dict[str, set[str]]) -> str | None:
    """The rule by which ``incoming`` names the release ``known`` is, or None.

    ``snapshot_tags`` maps each floating name to the snapshot tags the catalog and
    the incoming file know for it: a name with several never joins one of them.
    """
    if incoming.creator and known.creator and incoming.creator != known.creator:
        return None
    if incoming.normalized == known.normalized:
        return None
    if mode_of(incoming.normalized) != mode_of(known.normalized):
        return None  # a rated mode is a variant of its release, never the release
    if _snapshot_of(incoming, known, snapshot_tags) or _snapshot_of(known, incoming, snapshot_tags):
        return "snapshot"
    if _only_version_of(incoming, known, snapshot_tags) or _only_version_of(known, incoming, snapshot_tags):
        return "snapshot"
    if _floats_over(incoming, known, snapshot_tags) or _floats_over(known, incoming, snapshot_tags):
        return None  # a floating name that served several snapshots never joins one, whatever the names
    if spellings(incoming.normalized) & spellings(known.normalized):
        return "spelling"
    if _maker_named_first(incoming, known) or _maker_named_first(known, incoming):
        return "spelling"
    if deployed_as(incoming.normalized, known.normalized) or deployed_as(known.normalized, incoming.normalized):
        return "deployment"
    if _named_as(incoming, known) or _named_as(known, incoming):
        return "named-as"
    if _same_name(incoming, known):
        return "same-name"
    if _weights_named(incoming, known) or _weights_named(known, incoming):
        return WEIGHTS_NAME
    if _called_by_maker(incoming, known) or _called_by_maker(known, incoming):
        return MAKER_NAME
    return None


def slipped_snapshot(tag: SnapshotTag, name_released: date | None, *, makers_word: bool) -> bool:
    """Whether a floating name's snapshot tag is a source's slip rather than a snapshot the name served:
    known only from hosts' ids (``makers_word``: a maker's record names or dates its entry) and dated
    more than a month before the name's first known release. A name cannot have served a snapshot
    before it existed: one price list's Bedrock ``claude-3-7-sonnet-20240620`` (Claude 3.5 Sonnet's
    date on Claude 3.7's name) never makes ``claude-3-7-sonnet`` float over two snapshots.
    """
    return not makers_word and name_released is not None and tag.dates_long_before(name_released)


def _is_snapshot_of(dated: ReleaseFacts, floating: ReleaseFacts) -> bool:
    split = snapshot_split(dated.normalized)
    return split is not None and split[0] == floating.normalized.removesuffix("-latest")


def _floats_over(dated: ReleaseFacts, floating: ReleaseFacts, snapshot_tags: dict[str, set[str]]) -> bool:
    """``dated`` is a snapshot of ``floating``'s name, which has served another snapshot too."""
    if not _is_snapshot_of(dated, floating):
        return False
    base, tag = snapshot_split(dated.normalized)
    return bool(snapshot_tags.get(base, {tag.text}) - {tag.text})


def _snapshot_of(dated: ReleaseFacts, floating: ReleaseFacts, snapshot_tags: dict[str, set[str]]) -> bool:
    if not _is_snapshot_of(dated, floating) or _floats_over(dated, floating, snapshot_tags):
        return False
    tag = snapshot_split(dated.normalized)[1]
    if any(tag.agrees_with(released) for released in floating.makers.dates):
        return True
    # A name its maker released long before the tag served an earlier release first (DeepSeek's
    # ``deepseek-r1``, 2025-01-20, is not ``deepseek-r1-0528``): a host's date that agrees with the
    # tag only says which release that host serves under the name now.
    released_before = any(tag.dates_long_after(released) for released in floating.makers.dates)
    if not released_before and any(tag.agrees_with(released) for released in floating.host_dates):
        return True
    named_alike = bool(floating.makers.names & dated.makers.names)
    # A snapshot its maker names as the floating name and dated up to a month before releasing it.
    if named_alike and any(tag.dates_before(released) for released in floating.makers.dates):
        return True
    # A "-latest" name is a pointer by its maker's word: to its only snapshot when the maker names both alike.
    return floating.normalized.endswith("-latest") and named_alike


def _only_version_of(numbered: ReleaseFacts, floating: ReleaseFacts, snapshot_tags: dict[str, set[str]]) -> bool:
    """``numbered`` is the first numbered version of ``floating``'s name, and the only snapshot of it
    known: Google's ``gemini-2.0-flash`` is its ``gemini-2.0-flash-001`` until a ``-002`` ships, and a
    gateway's ``veo-3.1`` is ``veo-3.1-generate-001``.

    A number carries no date to check against the name's release, so only the first version, of
    the same known maker, with no other version or dated snapshot known: a later number may follow
    a bare name of another generation (OpenAI's ``babbage-002`` is not the 2020 ``babbage``)."""
    split = numbered_split(numbered.normalized)
    if split is None or split[1] != FIRST_VERSION or not numbered.creator or numbered.creator != floating.creator:
        return False
    # The name as the maker numbers it, or a spelling of it: gateways list Google's
    # ``imagen-4.0-fast-generate-001`` as ``imagen-4-fast``.
    name = split[0]
    if name != floating.normalized and not spellings(name) & spellings(floating.normalized):
        return False
    known = snapshot_tags.get(name, {FIRST_VERSION}) | snapshot_tags.get(floating.normalized, set())
    return known == {FIRST_VERSION}


def named_as_keys(names) -> set[str]:
    """The normal forms of the names a maker gives a release that read as a dated id."""
    return {form for form in map(normalize_model_id, names) if form and snapshot_split(form)}


def _named_as(one: ReleaseFacts, other: ReleaseFacts) -> bool:
    """The maker names ``one`` by ``other``'s id (as ``spellings`` reads it: a dated repository's
    ``-Instruct`` aside), and both carry the same snapshot tag: one dated
    release its maker lists under two ids. A floating name is never joined so (it has no tag), and
    ids telling sizes, tiers or context sizes apart never are, whatever the name says."""
    one_dated, other_dated = snapshot_split(one.normalized), snapshot_split(other.normalized)
    if one_dated is None or other_dated is None or one_dated[1].text != other_dated[1].text:
        return False
    if not any(spellings(form) & spellings(other.normalized) for form in named_as_keys(one.makers.names)):
        return False
    return not _tells_apart(set(one.normalized.split("-")) ^ set(other.normalized.split("-")))


# What a weights' repository adds to the name a maker's API gives one dated release: the line's
# version, the sizes (total and active, "a-22b") and the edition ("mistral-small-2503" is
# "Mistral-Small-3.1-24B-Instruct-2503").
_WEIGHTS_EDITION = frozenset({"instruct", "a"})


def _weights_word(token: str) -> bool:
    """Whether a word of an id is one its weights' repository adds: a version, a size or the edition."""
    return (token.isdigit() and len(token) <= 2) or bool(_SIZE_TOKEN.match(token)) or token in _WEIGHTS_EDITION


def weights_line_key(normalized: str) -> str | None:
    """The key under which a dated id and its weights' name meet (``_weights_named``): the snapshot
    tag and the id's words without a version, size or edition; None for an id without a dated tag."""
    split = snapshot_split(normalized)
    if split is None or split[1].year is None:
        return None
    words = [token for token in split[0].split("-") if not _weights_word(token)]
    return f"{split[1].text}/{'-'.join(words)}" if words else None


def _weights_named(weights: ReleaseFacts, api: ReleaseFacts) -> bool:
    """``weights`` is the repository's name of the dated release ``api`` names by its line and date:
    Mistral's API lists ``mistral-small-2503`` and ``voxtral-small-2507``, their weights are
    ``Mistral-Small-3.1-24B-Instruct-2503`` and ``Voxtral-Small-24B-2507``.

    Both carry one snapshot tag with its year, so one month or day of one maker pins the release;
    the API's id names no version of its own (two versions are told apart by ``spellings``), and
    the repository keeps its words in their order and adds only the version, sizes and edition,
    with at least a version or a size. Another word ("base", "thinking", a tier) or another
    tag is another release. One maker's two sizes of one line and date would both qualify, so
    ``IdentityResolver.release_match`` takes this rule for an API's id without a size only while
    one size of that line and date is known (``generation_of(...).sizes``)."""
    if not (weights.creator or api.creator):
        return False
    repository, listed = snapshot_split(weights.normalized), snapshot_split(api.normalized)
    if repository is None or listed is None or repository[1].text != listed[1].text or listed[1].year is None:
        return False
    if generation_of(api.normalized).versions:
        return False
    long_words, short_words = repository[0].split("-"), listed[0].split("-")
    remaining = iter(long_words)
    if not all(token in remaining for token in short_words):  # the API's words, in their order
        return False
    added = [token for token in long_words if token not in short_words]
    return bool(added) and all(_weights_word(token) for token in added) and any(not token.isalpha() for token in added)


# The words of a stage a release is offered in before it ships: a maker may call its preview by the name
# the release will have ("Gemini 2.5 Flash"), so a preview is never the release a name reads as.
_PRE_RELEASE_WORDS = frozenset({"preview", "beta", "alpha", "exp", "experimental"})


def called_forms(names) -> set[str]:
    """The undated normal forms of the names a maker gives a release ("Mistral Small 3.2" ->
    ``mistral-small-3-2``): the ids a host would spell them as. A dated name is rule ``named-as``'s."""
    return {form for form in map(normalize_model_id, names) if form and not snapshot_split(form)}


def _called_by_maker(listed: ReleaseFacts, release: ReleaseFacts) -> bool:
    """``listed`` is the name ``release``'s maker calls it by, read as an id: Mistral names
    ``mistral-small-2506`` "Mistral Small 3.2", which Regolo lists as ``mistral-small3.2``.

    Anthropic names ``claude-3-5-sonnet-20241022`` "Claude Sonnet 3.5 v2", which Helicone lists as
    ``claude-3.5-sonnet-v2``. Only a dated release, and an undated id with a version or size in it
    (a bare word such as "saba" names too little) that no maker's record names or dates. Never when
    one id is the other with more words (``gpt-4`` and ``gpt-4-32k``, both "GPT-4"; ``gemma-3-27b``
    and ``gemma-3-27b-it``; a snapshot and its floating name, which rule ``snapshot`` weighs by their
    dates), nor ids that differ in a size, context size or tier, nor a pre-release the name may
    outlive, nor two model types. The resolver takes it only when one release answers.
    """
    if snapshot_split(listed.normalized) or not _NUMBERED.search(listed.normalized):
        return False
    # A dated snapshot is one release whatever it is called; a floating name's or pointer's names are
    # those of whatever it served (DeepSeek's "deepseek-chat" was called "DeepSeek V3", then "V3.2").
    # And an id its maker states anything of is the maker's own, which it keeps apart itself.
    if snapshot_split(release.normalized) is None or listed.makers.names or listed.makers.dates:
        return False
    # One id extending the other (a snapshot's date, an edition, a context size, a "-latest" pointer), or
    # the id spelling the snapshot's own floating name ("gemini-pro-1.5" of "gemini-1.5-pro-20240924"), is
    # for the rules that weigh such words and dates; so are ids that differ in a size, context size or tier.
    if release.normalized.startswith(f"{listed.normalized}-") or listed.normalized.startswith(f"{release.normalized}-"):
        return False
    if spellings(listed.normalized) & spellings(snapshot_split(release.normalized)[0]):
        return False
    listed_words, release_words = set(listed.normalized.split("-")), set(release.normalized.split("-"))
    if _tells_apart(listed_words ^ release_words) or _PRE_RELEASE_WORDS & (release_words - listed_words):
        return False
    if listed.model_type and release.model_type and listed.model_type != release.model_type:
        return False
    keys = spellings(listed.normalized)
    return any(keys & spellings(form) for form in called_forms(release.makers.names))


def _tells_apart(differing: set[str]) -> bool:
    """Whether any of the words two ids do not share is a size, a context size or a tier."""
    return any(_SIZE_TOKEN.match(token) or _CONTEXT_TOKEN.match(token) or token in _TIER_TOKENS for token in differing)


def _same_name(one: ReleaseFacts, other: ReleaseFacts) -> bool:
    if not _said_alike(one.makers, other.makers):
        return False
    if one.model_type and other.model_type and one.model_type != other.model_type:
        return False
    one_tag, other_tag = snapshot_split(one.normalized), snapshot_split(other.normalized)
    if one_tag and other_tag and one_tag[1].text != other_tag[1].text:
        return False
    one_number, other_number = numbered_split(one.normalized), numbered_split(other.normalized)
    if one_number and other_number and one_number[1] != other_number[1]:
        return False  # two numbered versions ("-001", "-002") are two snapshots, however alike named
    return not _tells_apart(set(one.normalized.split("-")) ^ set(other.normalized.split("-")))


@dataclass(frozen=True)
class Generation:
    """What tells one release of a family from the next: version numbers, sizes, snapshot."""

    versions: tuple[str, ...]
    sizes: tuple[str, ...]
    snapshot: str | None


def generation_of(normalized: str) -> Generation:
    """The generation marks of a normal form: every token with a digit in it, sorted into kinds.

    The snapshot is the trailing tag ``snapshot_split`` reads, or else a full
    date inside the id (``claude-3-5-sonnet-20241022-thinking``).
    """
    normalized = normalized.replace(":", "-")  # a library's tag ("ministral-3:8b") names its size too
    split = snapshot_split(normalized)
    base, snapshot = (split[0], split[1].text) if split else (normalized, None)
    numbered = [token for token in base.split("-") if any(ch.isdigit() for ch in token)]
    if snapshot is None:
        dates = [token for token in numbered if _FULL_DATE.fullmatch(token)]
        if dates:
            snapshot = dates[-1]
            numbered.remove(snapshot)
    sizes = tuple(token for token in numbered if _SIZE_TOKEN.match(token))
    versions = tuple(token for token in numbered if not _SIZE_TOKEN.match(token))
    return Generation(versions, sizes, snapshot)


def generation_conflict(one: str, other: str) -> str | None:
    """How two normal forms differ in generation, or None when their marks agree.

    ``gpt-4o-20240513`` / ``gpt-4o-20240806`` -> "snapshot 20240513 vs 20240806";
    ``llama-3-1-8b`` / ``llama-3-1-70b`` -> "size 8b vs 70b"; ``claude-opus-4-1``
    / ``claude-opus-4-5`` -> "version 4.1 vs 4.5". A dated id and its floating
    name differ too: only the maker's evidence (``same_release``) joins them.
    """
    a, b = generation_of(one), generation_of(other)
    if a.snapshot != b.snapshot:
        return f"snapshot {a.snapshot or 'none'} vs {b.snapshot or 'none'}"
    if a.sizes != b.sizes:
        return f"size {'/'.join(a.sizes) or 'none'} vs {'/'.join(b.sizes) or 'none'}"
    if a.versions != b.versions:
        return f"version {'.'.join(a.versions) or 'none'} vs {'.'.join(b.versions) or 'none'}"
    return None


# The active parameters of a mixture of experts in a normal form ("-a-35b" of "qwen-3-coder-480b-a-35b").
_ACTIVE_PARAMETERS = re.compile(r"-a-\d+b(?=-|$)")


def without_active_parameters(normalized: str) -> str:
    return _ACTIVE_PARAMETERS.sub("", normalized)


def active_parameters_dropped(one: str, other: str) -> bool:
    """Whether one normal form states the other's sizes but for the active parameters of a mixture of
    experts it leaves out (``qwen-3-coder-480b`` of ``qwen-3-coder-480b-a-35b-instruct``): a host's id
    may drop them, and no two releases of a family share a total size."""
    for short, full in ((one, other), (other, one)):
        if _ACTIVE_PARAMETERS.search(short) or not _ACTIVE_PARAMETERS.search(full):
            continue
        sizes = generation_of(short).sizes
        if sizes and sizes == generation_of(without_active_parameters(full)).sizes:
            return True
    return False


def _version_numbers(normalized: str) -> list[str]:
    return [token for token in normalized.split("-") if token.isdigit()]


def _is_snapshot_number(token: str) -> bool:
    return len(token) in (4, 6, 8)  # "2507", "251104", "20250929"


_BRAND_OF = {brand: lab for lab, brands in BRANDS.items() for brand in brands if "-" not in brand}


def labs_branded(normalized: str) -> set[str]:
    """The labs whose brand a word of the id is, alone or with its version ("qwen3", "llama3")."""
    return {
        _BRAND_OF[word]
        for token in normalized.split("-")
        if (word := token.rstrip("0123456789") or token) in _BRAND_OF and (word == token or token[len(word)].isdigit())
    }


def rated_mode(normalized: str) -> str | None:
    """The rated mode an id names, read before any snapshot tag after it: ``thinking`` for
    ``qwen-3-next-80b-a-3b-thinking-2509`` as for ``qwen-3-next-80b-a-3b-thinking``; None for none."""
    split = snapshot_split(normalized)
    mode = split_variant(split[0] if split is not None else normalized)
    return mode[1] if mode is not None else None


def link_modes_agree(host_normalized: str, lab_normalized: str) -> bool:
    """Whether a host's id may name a lab card as far as rated modes go: the same mode, or none.

    A host may drop the mode a maker names its release with
    ("nemotron-3-nano-omni" for "...-30b-a3b-reasoning"), as it drops a
    snapshot tag; an id that names a mode ("grok-4-20-reasoning") never names a
    card of another mode or of none. The same rule decides a link when a file
    is read (``host_link_plausible``, on the two ids) and when a later run joins
    the entries the link names (``merge_refusal(linked=True)``, on their slugs),
    so the order the files come in does not decide.
    """
    host_mode = rated_mode(host_normalized)
    return host_mode is None or host_mode == rated_mode(lab_normalized)


def host_link_plausible(host_normalized: str, lab_normalized: str, *, lab_released: date | None = None) -> bool:
    """Whether a host's "this id is that lab card" link agrees with both ids.

    A host may name a release by a nickname with no version ("umans-coder"),
    drop the lab's snapshot tag ("grok-4-20-non-reasoning" for "...-0309-..."),
    give the version of a lab id that only carries a date ("mistral-large-3" for
    "mistral-large-2512"), or add the snapshot the lab card was released as; it
    never carries other version numbers: "databricks-claude-sonnet-4" is not
    Claude Sonnet 4.5, and "Qwen3-235B-A22B-Instruct-2507" (July) is not the
    April "qwen3-235b-a22b", whatever one host's file says; a dated id is not
    a card of another date ("mistral-small-2503" is not "mistral-small-2603"),
    an id that carries another lab's brand (a distillation) is not the card,
    and an id that names a rated mode names that mode only (``link_modes_agree``).
    """
    if labs_branded(host_normalized) - labs_branded(lab_normalized):
        return False  # "deepseek-r1-distill-qwen-32b" is built on Qwen: not the DeepSeek R1 card
    if not link_modes_agree(host_normalized, lab_normalized):
        return False
    host = _version_numbers(host_normalized)
    lab = _version_numbers(lab_normalized)
    host_dates = {token for token in host if _is_snapshot_number(token)}
    lab_dates = {token for token in lab if _is_snapshot_number(token)}
    if host_dates and lab_dates and not host_dates & lab_dates:
        return False
    lab_versions = [token for token in lab if not _is_snapshot_number(token)]
    if not host or host in (lab, lab_versions) or (lab and not lab_versions):
        return True
    split = snapshot_split(host_normalized)
    if split is not None and _version_numbers(split[0]) in (lab, lab_versions):
        return split[1].agrees_with(lab_released)  # the card's own snapshot, by its date
    return False
