"""The catalog's data version: one number that changes whenever served data changes.

Ingestion, recomputes and curator edits call ``data_version_bump()``; read
caches, ETags and the in-process search index key on ``data_version()``, so
every worker sees a change as soon as it commits, without cache-key hunting.
The number lives in the shared cache. If the cache loses it (restart, flush,
outage) a fresh number is minted, which only costs a cache refill.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from aimodelsmap.localmemo import LocalMemo

logger = logging.getLogger(__name__)

DATA_VERSION_KEY = "data-version"
# Every request reads the version (ETags, response caches, the search index);
# remembering it for a moment saves a Redis round trip per request. Another
# worker's bump is seen within this TTL; this process's own bumps at once.
_local = LocalMemo(ttl_seconds=settings.DATA_VERSION_LOCAL_CACHE_SECONDS)


def _fresh_version() -> int:
    return time.time_ns() // 1000


def data_version() -> int:
    remembered = _local.get(DATA_VERSION_KEY)
    if remembered is not None:
        return remembered
    try:
        version = cache.get(DATA_VERSION_KEY)
        if version is None:
            cache.add(DATA_VERSION_KEY, _fresh_version(), None)
            version = cache.get(DATA_VERSION_KEY)
    except Exception as exc:
        logger.warning("data version unavailable from cache: %s", exc.__class__.__name__)
        return 0  # 0 disables version-keyed caching for this request
    version = int(version or 0)
    _local.set(DATA_VERSION_KEY, version)
    return version


def _bump_now() -> None:
    _local.clear()
    try:
        version = max(_fresh_version(), int(cache.get(DATA_VERSION_KEY) or 0) + 1)
        cache.set(DATA_VERSION_KEY, version, None)
    except Exception as exc:
        logger.warning("could not bump data version: %s", exc.__class__.__name__)
        return
    _local.set(DATA_VERSION_KEY, version)


def data_version_forget_local() -> None:
    """Drop this process's remembered version (tests that flush the cache use it)."""
    _local.clear()


def data_version_bump() -> None:
    """Mark served data as changed once the current transaction commits."""
    transaction.on_commit(_bump_now)
