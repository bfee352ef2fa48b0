"""Typo-tolerant model search over names, aliases and descriptions.

The index is prepared once per process and per catalog data version: every
worker notices a change through ``data_version()`` (one cache read per query)
and rebuilds its own copy, so no worker serves a stale catalog for longer
than one request after the change commits.

A query is answered in two steps so that scoring stays well under a few
milliseconds on tens of thousands of strings:

1. **Prefilter** (cheap): each query token is matched against the token
   vocabulary (exact, prefix, and ``fuzz.ratio`` for typos such as
   ``cluade``); the models holding the matched tokens collect a coverage
   score through numpy-indexed posting lists.
2. **Full scoring** of the best few hundred candidates only: ``WRatio`` of
   the whole query against the name and each alias, and a partial token
   match against the description, weighted so names beat aliases beat prose.
"""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from aimodelsmap.dataversion import data_version

TOKEN_RE = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")

# Where a token was seen weighs how much a match on it says about the model.
NAME_WEIGHT, ALIAS_WEIGHT, DESCRIPTION_WEIGHT = 1.0, 0.9, 0.35
# Full scores are scaled per field the same way, so a description mention never
# outranks a model whose name matches.
FIELD_SCALE = {"name": 1.0, "alias": 0.95, "description": 0.7}
CANDIDATES = 200
DESCRIPTION_CHARS = 300


@dataclass(frozen=True)
class SearchDocument:
    """One model as search sees it, plus the fields the response needs."""

    model_id: int
    slug: str
    name: str
    provider_name: str
    score: float | None
    aliases: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class SearchHit:
    document: SearchDocument
    relevance: float


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower())


def _min_typo_similarity(token: str) -> float:
    # Short tokens tolerate no typo (one edit in "gpt" is another word);
    # longer ones tolerate roughly one edit or a transposition.
    if len(token) <= 3:
        return 101.0
    return 72.0 if len(token) <= 6 else 78.0


class SearchIndex:
    """An immutable prepared index over a list of documents."""

    def __init__(self, documents: list[SearchDocument]):
        self.documents = documents
        self._names = [utils.default_process(doc.name) for doc in documents]
        self._aliases = [[utils.default_process(alias) for alias in doc.aliases] for doc in documents]
        self._descriptions = [utils.default_process(doc.description[:DESCRIPTION_CHARS]) for doc in documents]
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        for position, doc in enumerate(documents):
            fields = [(doc.name, NAME_WEIGHT), (doc.slug, NAME_WEIGHT)]
            fields += [(alias, ALIAS_WEIGHT) for alias in doc.aliases]
            fields.append((doc.description[:DESCRIPTION_CHARS], DESCRIPTION_WEIGHT))
            for text, weight in fields:
                for token in tokenize(text):
                    if postings[token].get(position, 0.0) < weight:
                        postings[token][position] = weight
        self.vocabulary = sorted(postings)
        self._postings = [
            (
                np.fromiter(postings[token].keys(), dtype=np.int32),
                np.fromiter(postings[token].values(), dtype=np.float32),
            )
            for token in self.vocabulary
        ]
        self._position = {token: position for position, token in enumerate(self.vocabulary)}

    def __len__(self) -> int:
        return len(self.documents)

    def _token_matches(self, token: str) -> dict[int, float]:
        """Vocabulary positions matching one query token, with similarity in [0, 1]."""
        matches: dict[int, float] = {}
        exact = self._position.get(token)
        if exact is not None:
            matches[exact] = 1.0
        # Prefixes: a query typed halfway ("clau") still finds "claude".
        if len(token) >= 2:
            start = np.searchsorted(self.vocabulary, token)
            for position in range(start, min(start + 50, len(self.vocabulary))):
                if not self.vocabulary[position].startswith(token):
                    break
                matches.setdefault(position, 0.85)
        cutoff = _min_typo_similarity(token)
        if cutoff <= 100:
            for _, similarity, position in process.extract(
                token, self.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=20
            ):
                matches[position] = max(matches.get(position, 0.0), similarity / 100 * 0.9)
        return matches

    def _prefilter(self, tokens: list[str]) -> np.ndarray:
        coverage = np.zeros(len(self.documents), dtype=np.float32)
        for token in dict.fromkeys(tokens):
            best = np.zeros(len(self.documents), dtype=np.float32)
            for position, similarity in self._token_matches(token).items():
                members, weights = self._postings[position]
                np.maximum.at(best, members, weights * similarity)
            coverage += best
        return coverage

    def _full_score(self, query: str, position: int) -> float:
        best = FIELD_SCALE["name"] * fuzz.WRatio(query, self._names[position], processor=None)
        for alias in self._aliases[position]:
            best = max(best, FIELD_SCALE["alias"] * fuzz.WRatio(query, alias, processor=None))
        description = self._descriptions[position]
        if description:
            similarity = fuzz.partial_token_set_ratio(query, description, processor=None)
            best = max(best, FIELD_SCALE["description"] * similarity)
        return best

    def search(self, query: str, *, limit: int) -> list[SearchHit]:
        processed = utils.default_process(query)
        tokens = tokenize(query)
        if not tokens or not self.documents:
            return []
        coverage = self._prefilter(tokens)
        matched = np.flatnonzero(coverage)
        if matched.size == 0:
            return []
        if matched.size > CANDIDATES:
            top = np.argpartition(coverage[matched], -CANDIDATES)[-CANDIDATES:]
            matched = matched[top]
        # Coverage (how many query tokens a model holds) dominates; the fuzzy
        # score orders models that hold the same tokens.
        scored = []
        for position in matched.tolist():
            relevance = float(coverage[position]) * 100 + self._full_score(processed, position)
            scored.append((relevance, position))
        scored.sort(key=lambda item: (-item[0], -(self.documents[item[1]].score or -1), item[1]))
        return [SearchHit(self.documents[position], relevance) for relevance, position in scored[:limit]]


class VersionedIndex:
    """The process's index, rebuilt when the catalog's data version changes.

    When the cache cannot tell the version (it answers 0), the index is
    trusted for ``stale_after`` seconds and then rebuilt.
    """

    def __init__(self, loader, *, stale_after: float = 30.0):
        self._loader = loader
        self._stale_after = stale_after
        self._lock = threading.Lock()
        # (index, version, built_at) swapped as one tuple so a reader thread
        # never pairs one build's index with another build's version.
        self._state: tuple[SearchIndex, int, float] | None = None

    def _fresh(self, version: int) -> SearchIndex | None:
        state = self._state
        if state is None:
            return None
        index, built_version, built_at = state
        if version == 0:
            return index if time.monotonic() - built_at < self._stale_after else None
        return index if version == built_version else None

    def get(self) -> SearchIndex:
        version = data_version()
        index = self._fresh(version)
        if index is not None:
            return index
        with self._lock:
            index = self._fresh(version)
            if index is None:
                index = SearchIndex(self._loader())
                self._state = (index, version, time.monotonic())
            return index
