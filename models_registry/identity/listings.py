"""Pure evidence in how a host lists someone else's release (no ORM; docs/identity.md, "How an id resolves").

Hosts and resellers wrap a release's id in their own words. Two shapes are
decided by rule, each only on an exact match of what is left (a known alias,
never a fuzzy one), so none can join two releases the catalog tells apart:

- ``host_route``: a provider's name before or after the id
  (nano-gpt's ``azure-gpt-4o``, ``deepseek-r1-sambanova``, Azure's
  ``cohere-embed-v-4-0``): the route through that provider.
- ``listed_name``: the listing's name says which release it serves, in its
  parenthesis or before it ("Agentic Chat (Claude Haiku 4.5)" for GitLab's
  ``duo-chat-haiku-4-5``, "DeepSeek V4 Flash (Alibaba Cloud)" for
  ``alicloud-deepseek-v4-flash``), and the id, without its first words, ends
  as that release's name does. The name alone is no evidence, nor the id alone.

Names without the words that complete them (Ollama's ``gemma3:12b`` for
``gemma-3-12b-it``) are not decided here: the same bare name is elsewhere the
maker's base weights (``Qwen/Qwen2.5-Coder-7B``), and an alias of that normal
form would then take every source's base release to the instruct build.
"""

from __future__ import annotations

import re

_PARENTHESIS = re.compile(r"^(?P<main>[^()]*?)\s*\((?P<inner>[^()]+)\)\s*$")
# A provider's name is a mark only when it is a word of its own, not a letter or a version.
MIN_MARK_LENGTH = 4


def route_splits(normalized: str) -> list[tuple[str, str]]:
    """``(mark, rest)`` for each way one or two words at either end could be a provider's mark.

    ``azure-gpt-4-o`` -> ``("azure", "gpt-4-o")`` first; the rest must name
    something: at least two characters.
    """
    tokens = normalized.split("-")
    splits = []
    for size in (1, 2):
        if len(tokens) <= size:
            break
        splits.append(("-".join(tokens[:size]), "-".join(tokens[size:])))
        splits.append(("-".join(tokens[-size:]), "-".join(tokens[:-size])))
    return [(mark, rest) for mark, rest in splits if len(mark) >= MIN_MARK_LENGTH and len(rest) >= 2]


def listed_names(name: str | None) -> tuple[str, ...]:
    """The two halves of a listing's name with a parenthesis: "Agentic Chat (GPT-5.1)" -> both parts."""
    match = _PARENTHESIS.match((name or "").strip())
    if match is None:
        return ()
    return tuple(part.strip() for part in (match["main"], match["inner"]) if part.strip())


def tail_agrees(normalized: str, named: str) -> bool:
    """Whether the id, without its first one or two words, ends as the named release's normal form does.

    ``duo-chat-haiku-4-5`` agrees with ``claude-haiku-4-5``; the tail must keep
    a word and a number, so neither a product word nor a version alone agrees.
    """
    tokens = normalized.split("-")
    for drop in (1, 2):
        tail = tokens[drop:]
        named_words = any(token.isalpha() and len(token) >= 2 for token in tail)
        if len(tail) < 2 or not named_words or not any(token[:1].isdigit() for token in tail):
            continue
        joined = "-".join(tail)
        if named == joined or named.endswith("-" + joined):
            return True
    return False
