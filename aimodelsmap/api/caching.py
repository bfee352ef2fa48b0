"""Read-through cache of rendered response bodies, keyed on the catalog's data version.

Catalog reads change only when ingestion, a recompute or a curator edit bumps
the data version, so a body cached under the current version is never stale
and nothing has to be invalidated by hand. Two levels: a small per-process
LRU (a hit costs no round trip beyond reading the version) in front of Redis
(shared by every worker). While Redis is down the version cannot be read,
and bodies are kept in the circuit breaker's process-local fallback instead,
bounded by age (``aimodelsmap.cache.outage_body``), so hot reads stay cached
during an outage.

What is cached is the rendered JSON, as bytes: a hit writes them out as they
are, with no re-encoding, and a miss renders once with the API's renderer, so
the bytes of a hit are the bytes of the miss that stored them. Redis keeps
them as they are (no pickling), and a miss's write is not answered
(``aimodelsmap.cache.cache_set_bytes``): another worker that misses in the
meantime builds the body too, which is all a lost write can cost. The key holds
the path values and the raw query string (``cached_json``), so a hit skips
query validation too: the body is a function of the raw query, and an
invalid query raises inside the build, is never cached, and is rejected every
time in the surface's envelope. The ETag needs nothing stored: the
conditional-GET middleware derives it from the same inputs as the key (data
version, path, query, plan) before the view runs.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import orjson
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from rest_framework.generics import GenericAPIView

from aimodelsmap.api.fields import validate_query
from aimodelsmap.api.renderers import ORJSONRenderer, dumps
from aimodelsmap.cache import cache_call, cache_get_bytes, cache_set_bytes, outage_body
from aimodelsmap.dataversion import data_version

LOCAL_ENTRIES = 512
T = TypeVar("T")


class _LocalLRU:
    def __init__(self, size: int):
        self._size = size
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        with self._lock:
            self._entries[key] = body
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


_local = _LocalLRU(LOCAL_ENTRIES)


def cached(namespace: str, params: dict, build: Callable[[], T]) -> T:
    """``build()``'s result for these parameters under the current data version, from the cache when it can.

    The result must pickle; the pages cache their rendered HTML and the
    values they are built from. The API's bodies go through ``cached_body``.
    """
    return _read_through(namespace, params, build, _get_pickled, _set_pickled)


def cached_body(namespace: str, params: dict, build: Callable[[], dict]) -> bytes:
    """``build()``'s result for these parameters under the current data version, rendered as JSON bytes.

    Stored in Redis as the bytes themselves (``cache_set_bytes``).
    """
    return _read_through(namespace, params, lambda: dumps(build()), cache_get_bytes, cache_set_bytes)


def _get_pickled(key: str):
    return cache_call(cache.get, key)


def _set_pickled(key: str, value, timeout: int) -> None:
    cache_call(cache.set, key, value, timeout)


def _read_through(
    namespace: str,
    params: dict,
    build: Callable[[], T],
    get: Callable[[str], T | None],
    put: Callable[[str, T, int], None],
) -> T:
    version = data_version()
    timeout = settings.CATALOG_CACHE_SECONDS
    if timeout <= 0:
        return build()
    digest = hashlib.blake2b(orjson.dumps(params, option=orjson.OPT_SORT_KEYS), digest_size=16).hexdigest()
    if not version:
        return outage_body(f"v1:{namespace}:{digest}", build)
    key = f"v1:{namespace}:{version}:{digest}"
    # Entries of older versions are never asked for again and age out of the LRU.
    value = _local.get(key)
    if value is not None:
        return value
    value = get(key)
    if value is None:
        value = build()
        put(key, value, timeout)
    _local.put(key, value)
    return value


def json_response(body: bytes, *, replayable: bool = False) -> HttpResponse:
    """A 200 carrying already rendered JSON, with the headers the API's renderer gives.

    ``replayable``: the body is a function of the data version, the URL and
    the raw query alone, so ``aimodelsmap.api.replay`` may answer the next
    request for it before the view.
    """
    response = HttpResponse(body, content_type=ORJSONRenderer.media_type)
    response.replayable = replayable
    return response


def raw_query(query: QueryDict) -> list:
    """The query string as a cache key: parameters ordered by name, repeated values in their order."""
    return sorted(query.lists())


def read_key(query: QueryDict, **path: str) -> dict:
    """What a cached read's body is a function of, besides the data version: its path values and raw query."""
    return {"query": raw_query(query), **path}


def cached_json(namespace: str, request: HttpRequest, build: Callable[[], dict], **path: str) -> HttpResponse:
    """The response of ``build()`` for this request's path values and raw query, from the cache when it can.

    ``build`` validates the query itself (it runs only on a miss).
    """
    body = cached_body(namespace, read_key(request.GET, **path), build)
    # Replayable only when the key holds nothing but the URL's values and the
    # query: a view that keys on more (the day, say) must run to choose its body.
    match = request.resolver_match
    replayable = (
        settings.CATALOG_CACHE_SECONDS > 0 and match is not None and list(path.values()) == list(match.kwargs.values())
    )
    return json_response(body, replayable=replayable)


class CachedSlugReadView(GenericAPIView):
    """A GET whose body is a function of one path slug and the query, cached by ``cached_json``.

    Subclasses name the query serializer and the cache namespace and build the
    body in ``build_body``. The key holds the slug as requested and the raw
    query, so a cached read makes no query and skips validation; an unknown
    slug or an invalid query raises inside the build and is never cached.
    """

    query_serializer_class: type
    cache_namespace: str

    def get(self, request, **path):
        (slug,) = path.values()
        return cached_json(
            self.cache_namespace, request, lambda: self.build_body(slug, self._params(request)), slug=slug
        )

    def _params(self, request) -> dict:
        return validate_query(self.query_serializer_class, request)

    def build_body(self, slug: str, params: dict) -> dict:
        raise NotImplementedError
