"""Pure evidence that two ids of one maker name the same release (no ORM; docs/identity.md).

A floating name that has only ever served one dated snapshot *is* that snapshot:
``gpt-4.1`` (released 2025-04-14) and ``gpt-4.1-2025-04-14``; ``claude-sonnet-4-5``
and ``claude-sonnet-4-5-20250929``. Makers also list one release under two
spellings (``command-a`` and ``command-a-03-2025``, ``mistral-medium-3`` and
``mistral-medium-2505``), which their cards give the same name and date.

Three rules, each needing the maker's own facts to agree:

- ``snapshot``: one id is the other plus a snapshot tag (a date, ``2505``,
  ``03-2025``, ``0711``), the tag agrees with the floating name's release date,
  and no other snapshot of that name is known. A name that has served several
  snapshots (``gpt-4o``: 2024-05-13, 08-06, 11-20) floats and joins none.
- ``spelling``: the two ids differ only in where their separators fall
  (``gpt-52`` / ``gpt-5.2``, ``claude-opus-45`` / ``claude-opus-4-5``), for one maker.
- ``same-name``: the maker's cards give both the same name (``(latest)`` aside),
  the same model type and release dates within a week, and neither carries a
  snapshot tag the other contradicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

SNAPSHOT_TOLERANCE_DAYS = 14  # labs date a snapshot a few days before they release it
SAME_NAME_TOLERANCE_DAYS = 7

_LATEST_IN_NAME = re.compile(r"\s*\(?\blatest\b\)?\s*", re.IGNORECASE)
# Tokens that tell two releases apart whatever their cards call them: sizes
# ("8b", "a22b", "e4b") and tiers. A card naming "gemini-flash-1.5-8b" "Gemini
# 1.5 Flash" does not make it Gemini 1.5 Flash.
_SIZE_TOKEN = re.compile(r"^(?:\d+(?:x\d+)?[bmt]|[ae]\d+b)$")
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
        if self.year is not None and self.day is not None:
            return abs((date(self.year, self.month, self.day) - released).days) <= SNAPSHOT_TOLERANCE_DAYS
        if self.year is not None:  # month precision: "2505", "03-2025"
            months = (released.year - self.year) * 12 + released.month - self.month
            return 0 <= months <= 1
        # "0711": month and day, the year is the release's own
        try:
            tagged = date(released.year, self.month, self.day)
        except ValueError:
            return False
        return abs((tagged - released).days) <= SNAPSHOT_TOLERANCE_DAYS


@dataclass(frozen=True)
class ReleaseFacts:
    """What the catalog knows of one model (or one incoming record) for these rules."""

    normalized: str
    creator: str | None
    name: str = ""
    release_date: date | None = None
    model_type: str = ""


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


def joined(normalized: str) -> str:
    """The normal form without separators: "gpt-52" and "gpt-5-2" are one spelling of GPT-5.2."""
    return normalized.replace("-", "")


def clean_name(name: str) -> str:
    """A maker's display name without the "(latest)" marker, for comparison."""
    return " ".join(_LATEST_IN_NAME.sub(" ", name).casefold().split())


def _named_by_id(facts: ReleaseFacts) -> bool:
    # Sources without display names repeat the id ("gpt-4.1-2025-04-14"): no
    # evidence. A maker's display name has a space ("Gemini 1.5 Flash") or is
    # one plain word ("Codestral").
    name = facts.name.strip()
    return " " not in name and bool(re.search(r"[\d\-_./:]", name))


def same_release(incoming: ReleaseFacts, known: ReleaseFacts, *, snapshot_tags: dict[str, set[str]]) -> str | None:
    """The rule by which ``incoming`` names the release ``known`` is, or None.

    ``snapshot_tags`` maps each floating name to the snapshot tags the catalog and
    the incoming file know for it: a name with several never joins one of them.
    """
    if incoming.creator and known.creator and incoming.creator != known.creator:
        return None
    if incoming.normalized == known.normalized:
        return None
    if _snapshot_of(incoming, known, snapshot_tags) or _snapshot_of(known, incoming, snapshot_tags):
        return "snapshot"
    if joined(incoming.normalized) == joined(known.normalized):
        return "spelling"
    if _same_name(incoming, known):
        return "same-name"
    return None


def _snapshot_of(dated: ReleaseFacts, floating: ReleaseFacts, snapshot_tags: dict[str, set[str]]) -> bool:
    split = snapshot_split(dated.normalized)
    if split is None:
        return False
    base, tag = split
    if base != floating.normalized.removesuffix("-latest"):
        return False
    if snapshot_tags.get(base, {tag.text}) - {tag.text}:
        return False  # the name has served another snapshot too: it floats
    return tag.agrees_with(floating.release_date)


def _same_name(one: ReleaseFacts, other: ReleaseFacts) -> bool:
    if not one.name or not other.name or _named_by_id(one) or _named_by_id(other):
        return False
    if clean_name(one.name) != clean_name(other.name):
        return False
    if one.model_type and other.model_type and one.model_type != other.model_type:
        return False
    if one.release_date is None and other.release_date is None:
        return False
    if (
        one.release_date
        and other.release_date
        and abs((one.release_date - other.release_date).days) > SAME_NAME_TOLERANCE_DAYS
    ):
        return False
    one_tag, other_tag = snapshot_split(one.normalized), snapshot_split(other.normalized)
    if one_tag and other_tag and one_tag[1].text != other_tag[1].text:
        return False
    differing = set(one.normalized.split("-")) ^ set(other.normalized.split("-"))
    return not any(_SIZE_TOKEN.match(token) or token in _TIER_TOKENS for token in differing)


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


def _version_numbers(normalized: str) -> list[str]:
    return [token for token in normalized.split("-") if token.isdigit()]


def _is_snapshot_number(token: str) -> bool:
    return len(token) in (4, 6, 8)  # "2507", "251104", "20250929"


def host_link_plausible(host_normalized: str, lab_normalized: str, *, lab_released: date | None = None) -> bool:
    """Whether a host's "this id is that lab card" link agrees with both ids.

    A host may name a release by a nickname with no version ("umans-coder"),
    drop the lab's snapshot tag ("grok-4-20-non-reasoning" for "...-0309-..."),
    give the version of a lab id that only carries a date ("mistral-large-3" for
    "mistral-large-2512"), or add the snapshot the lab card was released as; it
    never carries other version numbers: "databricks-claude-sonnet-4" is not
    Claude Sonnet 4.5, and "Qwen3-235B-A22B-Instruct-2507" (July) is not the
    April "qwen3-235b-a22b", whatever one host's file says.
    """
    host = _version_numbers(host_normalized)
    lab = _version_numbers(lab_normalized)
    lab_versions = [token for token in lab if not _is_snapshot_number(token)]
    if not host or host in (lab, lab_versions) or (lab and not lab_versions):
        return True
    split = snapshot_split(host_normalized)
    if split is not None and _version_numbers(split[0]) in (lab, lab_versions):
        return split[1].agrees_with(lab_released)  # the card's own snapshot, by its date
    return False
