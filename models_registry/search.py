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
   the whole query against the name and each alias (one vectorised call),
   names weighted above aliases. Descriptions count in the prefilter only,
   with a low weight, so prose mentions rank below name matches.
"""

from __future__ import annotations

import bisect
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process, utils

from aimodelsmap.dataversion import data_version

TOKEN_RE = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")

# Where a token was seen weighs how much a match on it says about the model.
NAME_WEIGHT, ALIAS_WEIGHT, DESCRIPTION_WEIGHT = 1.0, 0.9, 0.35
# Full scores are scaled per field the same way: a name match beats an alias match.
FIELD_SCALE = {"name": 1.0, "alias": 0.95}
CANDIDATES = 100
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
        # Every document's names (name, then aliases) flattened into one list,
        # document i owning strings[offsets[i]:offsets[i + 1]], so full scoring
        # is one vectorised cdist call over the candidates' strings.
        self._strings: list[str] = []
        weights: list[float] = []
        offsets = [0]
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        name_tokens = np.zeros(len(documents), dtype=np.float32)
        for position, doc in enumerate(documents):
            self._strings.append(utils.default_process(doc.name))
            weights.append(FIELD_SCALE["name"])
            for alias in doc.aliases:
                self._strings.append(utils.default_process(alias))
                weights.append(FIELD_SCALE["alias"])
            offsets.append(len(self._strings))
            name_tokens[position] = len(tokenize(doc.name))
            fields = [(doc.name, NAME_WEIGHT), (doc.slug, NAME_WEIGHT)]
            fields += [(alias, ALIAS_WEIGHT) for alias in doc.aliases]
            fields.append((doc.description[:DESCRIPTION_CHARS], DESCRIPTION_WEIGHT))
            for text, weight in fields:
                for token in tokenize(text):
                    if postings[token].get(position, 0.0) < weight:
                        postings[token][position] = weight
        self._weights = np.asarray(weights, dtype=np.float32)
        self._offsets = np.asarray(offsets, dtype=np.int64)
        # Among models holding the same query tokens, shorter names are the
        # closer matches ("Claude Sonnet 4" before "Hermes Claude 3.5 Sonnet 34B v2").
        self._brevity = (0.01 * name_tokens).astype(np.float32)
        # Ties in relevance go to the better-scored model (unscored last).
        self._scores = np.asarray([-1.0 if doc.score is None else doc.score for doc in documents], dtype=np.float64)
        self.vocabulary = sorted(postings)
        self._postings = [
            (
                np.fromiter(postings[token].keys(), dtype=np.int64),
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
            start = bisect.bisect_left(self.vocabulary, token)
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
        """Per document: the sum over query tokens of its best matching token's weight."""
        coverage = np.zeros(len(self.documents), dtype=np.float32)
        for token in dict.fromkeys(tokens):
            best = np.zeros(len(self.documents), dtype=np.float32)
            for position, similarity in self._token_matches(token).items():
                members, weights = self._postings[position]
                # Members are unique within one posting list, so fancy indexing is exact.
                best[members] = np.maximum(best[members], weights * similarity)
            coverage += best
        return coverage

    def _full_scores(self, query: str, candidates: np.ndarray) -> np.ndarray:
        """Best weighted WRatio of the query against each candidate's name and aliases."""
        starts, ends = self._offsets[candidates], self._offsets[candidates + 1]
        indices = np.concatenate([np.arange(a, b) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)])
        strings = [self._strings[i] for i in indices.tolist()]
        raw = process.cdist([query], strings, scorer=fuzz.WRatio, processor=None, dtype=np.float32)[0]
        weighted = raw * self._weights[indices]
        return np.maximum.reduceat(weighted, np.concatenate([[0], np.cumsum(ends - starts)[:-1]]))

    def search(self, query: str, *, limit: int) -> list[SearchHit]:
        tokens = tokenize(query)
        if not tokens or not self.documents:
            return []
        coverage = self._prefilter(tokens)
        ranked = np.where(coverage > 0, coverage - self._brevity, -np.inf)
        count = min(CANDIDATES, int(np.count_nonzero(coverage)))
        if count == 0:
            return []
        candidates = np.argpartition(-ranked, count - 1)[:count]
        # Coverage (how many query tokens a model holds) dominates; the fuzzy
        # score orders models that hold the same tokens.
        relevance = coverage[candidates] * 100 + self._full_scores(utils.default_process(query), candidates)
        order = np.lexsort((candidates, -self._scores[candidates], -relevance))[:limit]
        return [SearchHit(self.documents[int(candidates[i])], float(relevance[i])) for i in order.tolist()]


class VersionedIndex:
    """The process's index, ``build(loader())``, rebuilt when the catalog's data version changes.

    When the cache cannot tell the version (it answers 0), the index is
    trusted for ``stale_after`` seconds and then rebuilt. ``build`` is
    SearchIndex by default; the identity lookup keeps its resolvers the same way.
    """

    def __init__(self, loader, *, build=SearchIndex, stale_after: float = 30.0):
        self._loader = loader
        self._build = build
        self._stale_after = stale_after
        self._lock = threading.Lock()
        # (index, version, built_at) swapped as one tuple so a reader thread
        # never pairs one build's index with another build's version.
        self._state: tuple[Any, int, float] | None = None

    def _fresh(self, version: int) -> Any:
        state = self._state
        if state is None:
            return None
        index, built_version, built_at = state
        if version == 0:
            return index if time.monotonic() - built_at < self._stale_after else None
        return index if version == built_version else None

    def forget(self) -> None:
        """Drop the index: the next ``get`` builds it again (tests that empty the database use it)."""
        with self._lock:
            self._state = None

    def get(self) -> Any:
        version = data_version()
        index = self._fresh(version)
        if index is not None:
            return index
        with self._lock:
            index = self._fresh(version)
            if index is None:
                index = self._build(self._loader())
                self._state = (index, version, time.monotonic())
            return index
