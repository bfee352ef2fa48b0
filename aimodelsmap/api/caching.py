"""Read-through cache of response bodies, keyed on the catalog's data version.

Catalog reads change only when ingestion, a recompute or a curator edit bumps
the data version, so a body cached under the current version is never stale
and nothing has to be invalidated by hand. Two levels: a small per-process
LRU (a hit costs no round trip beyond reading the version) in front of Redis
(shared by every worker). While Redis is down the version cannot be read,
and bodies are kept in the circuit breaker's process-local fallback instead,
bounded by age (``aimodelsmap.cache.outage_body``), so hot reads stay cached
during an outage.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

import orjson
from django.conf import settings
from django.core.cache import cache
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from aimodelsmap.api.fields import validate_query
from aimodelsmap.cache import cache_call, outage_body
from aimodelsmap.dataversion import data_version

LOCAL_ENTRIES = 512


class _LocalLRU:
    def __init__(self, size: int):
        self._size = size
        self._entries: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self._lock:
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
            return body

    def put(self, key: str, body: dict) -> None:
        with self._lock:
            self._entries[key] = body
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


_local = _LocalLRU(LOCAL_ENTRIES)


def cached_body(namespace: str, params: dict, build: Callable[[], dict]) -> dict:
    """``build()``'s result for these parameters under the current data version."""
    version = data_version()
    timeout = settings.CATALOG_CACHE_SECONDS
    if timeout <= 0:
        return build()
    digest = hashlib.blake2b(orjson.dumps(params, option=orjson.OPT_SORT_KEYS), digest_size=16).hexdigest()
    if not version:
        return outage_body(f"v1:{namespace}:{digest}", build)
    key = f"v1:{namespace}:{version}:{digest}"
    # Entries of older versions are never asked for again and age out of the LRU.
    body = _local.get(key)
    if body is not None:
        return body
    body = cache_call(cache.get, key)
    if body is None:
        body = build()
        cache_call(cache.set, key, body, timeout)
    _local.put(key, body)
    return body


class CachedSlugReadView(GenericAPIView):
    """A GET whose body is a function of one path slug and the validated query, cached by ``cached_body``.

    Subclasses name the query serializer and the cache namespace and build the
    body in ``build_body``. The key holds the slug as requested, so a cached
    read makes no query; an unknown slug raises inside the build and is never
    cached.
    """

    query_serializer_class: type
    cache_namespace: str
    # For the hottest reads: key on the raw query and validate it only when
    # the body is built. The body is a function of the raw query too, a hit
    # then skips the query serializer, and an invalid query raises inside the
    # build, so it is never cached and is rejected every time.
    key_on_raw_query = False

    def get(self, request, **path):
        (slug,) = path.values()
        if self.key_on_raw_query:
            key = {"query": sorted(request.query_params.lists()), "slug": slug}
            body = cached_body(self.cache_namespace, key, lambda: self.build_body(slug, self._params(request)))
        else:
            params = self._params(request)
            body = cached_body(self.cache_namespace, {**params, "slug": slug}, lambda: self.build_body(slug, params))
        return Response(body)

    def _params(self, request) -> dict:
        return validate_query(self.query_serializer_class, request)

    def build_body(self, slug: str, params: dict) -> dict:
        raise NotImplementedError
