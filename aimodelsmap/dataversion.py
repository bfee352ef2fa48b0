"""Data versions: numbers that change whenever served data changes.

Ingestion, recomputes, rollups and curator edits call ``data_version_bump()``;
read caches, ETags and the in-process search index key on ``data_version()``,
so every worker sees a change as soon as it commits, without cache-key
hunting. Reviews and helpful votes have a version of their own
(``reviews_version()``): they are written by users all day long, only the
review lists show them, and bumping the catalog's version for each one would
empty every cached catalog and leaderboard body. The numbers live in the
shared cache (Redis; on the embedded default, files every process reads).
If the cache loses one (restart, flush, outage) a fresh number
is minted, which only costs a cache refill.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from aimodelsmap.cache import cache_call, outage_fallback
from aimodelsmap.localmemo import LocalMemo

logger = logging.getLogger(__name__)

DATA_VERSION_KEY = "data-version"
REVIEWS_VERSION_KEY = "reviews-version"
# Every request reads a version (ETags, response caches, the search index);
# remembering it for a moment saves a Redis round trip per request. Another
# worker's bump is seen within this TTL; this process's own bumps at once.
_local = LocalMemo(ttl_seconds=settings.DATA_VERSION_LOCAL_CACHE_SECONDS)


def _store():
    """Where the versions live: Redis, or on the embedded default files every process shares."""
    return caches[settings.DATA_VERSION_CACHE]


def _fresh_version() -> int:
    return time.time_ns() // 1000


def _current(key: str) -> int:
    remembered = _local.get(key)
    if remembered is not None:
        return remembered
    store = _store()
    version = cache_call(store.get, key)
    if version is None:
        cache_call(store.add, key, _fresh_version(), None)
        version = cache_call(store.get, key)
    if version is None:
        return 0  # the cache is down: 0 disables version-keyed caching for this request
    version = int(version)
    _local.set(key, version)
    return version


def _bump_now(key: str) -> None:
    _local.delete(key)
    store = _store()
    try:
        version = max(_fresh_version(), int(store.get(key) or 0) + 1)
        store.set(key, version, None)
    except Exception as exc:
        # Readers see 0 (no version-keyed caching) until the cache is back.
        # What this process kept in the outage fallback was built before the
        # change it just committed: drop it, as a bump that reached Redis
        # would have made it unreachable.
        logger.debug("could not bump %s: %s", key, exc)
        fallback = outage_fallback(store)
        if fallback is not None:
            fallback.clear()
        return
    _local.set(key, version)


def data_version() -> int:
    """The version of everything served except reviews; 0 when the cache is unreachable."""
    return _current(DATA_VERSION_KEY)


def reviews_version() -> int:
    """The version of reviews and their helpful votes; 0 when the cache is unreachable."""
    return _current(REVIEWS_VERSION_KEY)


def data_version_forget_local() -> None:
    """Drop this process's remembered versions (tests that flush the cache use it)."""
    _local.clear()


def data_version_bump() -> None:
    """Mark served data as changed once the current transaction commits."""
    transaction.on_commit(lambda: _bump_now(DATA_VERSION_KEY))


def reviews_version_bump() -> None:
    """Mark reviews as changed once the current transaction commits."""
    transaction.on_commit(lambda: _bump_now(REVIEWS_VERSION_KEY))
