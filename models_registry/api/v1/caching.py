"""Read-through cache of response bodies, keyed on the catalog's data version.

Catalog reads change only when ingestion, a recompute or a curator edit bumps
the data version, so a body cached under the current version is never stale
and nothing has to be invalidated by hand. A cache outage only costs the
query (the cache fails open).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

import orjson
from django.conf import settings
from django.core.cache import cache

from aimodelsmap.dataversion import data_version

logger = logging.getLogger(__name__)


def cached_body(namespace: str, params: dict, build: Callable[[], dict]) -> dict:
    """``build()``'s result for these parameters under the current data version."""
    version = data_version()
    timeout = settings.CATALOG_CACHE_SECONDS
    if not version or timeout <= 0:
        return build()
    digest = hashlib.blake2b(orjson.dumps(params, option=orjson.OPT_SORT_KEYS), digest_size=16).hexdigest()
    key = f"v1:{namespace}:{version}:{digest}"
    try:
        body = cache.get(key)
    except Exception as exc:
        logger.warning("catalog cache unavailable: %s", exc.__class__.__name__)
        return build()
    if body is None:
        body = build()
        try:
            cache.set(key, body, timeout)
        except Exception as exc:
            logger.warning("catalog cache unavailable: %s", exc.__class__.__name__)
    return body
