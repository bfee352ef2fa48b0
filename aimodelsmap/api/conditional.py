"""Conditional GET for both API surfaces: ``ETag`` from the data version, ``If-None-Match`` -> 304.

Every served read is a function of the catalog's data version (bumped on
commit by ingest, recompute, rollups and curator edits), the path, the query
string and, on v1, the caller's plan; a model's review list also of the
reviews version (bumped by submissions, votes and moderation), which no other
read depends on. So the tag is computed from those inputs
*before* the view runs, and a matching ``If-None-Match`` is answered with 304
without running the view: no queries, and no quota or per-IP counter is
consumed. A tagged GET the view has already answered from the response
cache is answered again from memory, before the view
(``aimodelsmap.api.replay``). v1 still insists on a valid key first, so a 304 never tells an
unauthenticated caller anything.

The version is read before the view reads its data. A bump lands only after
its transaction commits, so a tag may label newer data with the older
version (the client simply gets a 200 next time), but never older data with
the newer version, which would pin a stale body in a client's cache.

Health endpoints report live state and are never tagged (``no-store``).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from accounts.authentication import API_KEY_HEADER, request_principal
from aimodelsmap.api.errors import RateLimited
from aimodelsmap.api.replay import replayed_reads
from aimodelsmap.dataversion import data_version, reviews_version

V1, OPENMODELS, HEALTH = "v1", "openmodels", "health"

CACHE_CONTROL = {
    # Per-key data: only the caller's own cache may keep it, and must ask again every time.
    V1: "private, max-age=0, must-revalidate",
    # Public, identical for everyone: shared caches may serve it for a minute.
    OPENMODELS: "public, max-age=60",
    # Live state: never stored.
    HEALTH: "no-store",
}
# Errors (401, 404, 429, 5xx) must not be replayed from any cache.
ERROR_CACHE_CONTROL = "no-store"


@dataclass(frozen=True)
class Surface:
    name: str
    taggable: bool  # whether its reads are functions of the data version


HEALTH_SURFACE = Surface(HEALTH, taggable=False)
OPENMODELS_SURFACE = Surface(OPENMODELS, taggable=True)
V1_SURFACE = Surface(V1, taggable=True)


def surface_for(path: str) -> Surface | None:
    """Which API surface a path belongs to; None for admin, docs, schema and static files."""
    if path == "/health" or path.startswith("/health/"):
        return HEALTH_SURFACE
    if path == "/api/health" or path.startswith("/api/health/"):
        # The OpenModels system health check is live state, like /health.
        return HEALTH_SURFACE
    if path.startswith("/api/"):
        return OPENMODELS_SURFACE
    if path.startswith("/v1/"):
        return V1_SURFACE
    return None


def canonical_query(query_string: str) -> str:
    """The query string with parameters ordered by name, so ``?a=1&b=2`` and ``?b=2&a=1`` share a tag.

    The sort is stable on names only: repeated parameters keep their relative
    order, which a view may depend on.
    """
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def reads_reviews(path: str) -> bool:
    """Whether the GET at ``path`` shows reviews (``/v1/models/{slug}/reviews``)."""
    return path.startswith("/v1/models/") and path.endswith("/reviews")


# Pure, and asked for the same few inputs over and over (a hot read's every
# request): each process computes a tag once per data version instead of
# parsing, sorting and hashing the query on every request.
@functools.lru_cache(maxsize=4096)
def compute_etag(*, version: int | str, path: str, query_string: str, plan: str = "") -> str:
    """A weak tag: equal inputs give an equal document, though not necessarily equal bytes."""
    material = f"{version}\n{path}\n{canonical_query(query_string)}\n{plan}"
    return 'W/"' + hashlib.sha256(material.encode("utf-8")).hexdigest()[:32] + '"'


def _opaque(tag: str) -> str:
    return tag.strip().removeprefix("W/")


def if_none_match_matches(header: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 section 13.1.2): the opaque parts must be equal."""
    # "*" is not honoured: whether the resource exists is only known once the
    # view has run, and a 304 for a missing model would be a lie.
    if not header:
        return False
    wanted = _opaque(etag)
    return any(_opaque(candidate) == wanted for candidate in header.split(","))


def versions_tag(path: str) -> str | None:
    """The data versions a read at ``path`` is a function of, as they go into its tag; None while the cache is down."""
    versions = [data_version()]
    if reads_reviews(path):
        versions.append(reviews_version())
    if 0 in versions:
        return None  # the cache is down: the version is unknown, so tag nothing
    return ".".join(map(str, versions))


def _request_etag(request: HttpRequest, surface: Surface) -> tuple[str | None, bool]:
    """The tag of the document this request would get, and whether a 304 may be sent.

    A v1 request without a valid key gets no tag: its view answers 401.
    """
    versions = versions_tag(request.path)
    if versions is None:
        return None, False
    plan = ""
    if surface.name == V1:
        try:
            principal = request_principal(request)
        except RateLimited:
            return None, False  # the view refuses the request and renders the 429
        if principal is None:
            return None, False
        plan = principal.plan_slug
    etag = compute_etag(
        version=versions, path=request.path, query_string=request.META.get("QUERY_STRING", ""), plan=plan
    )
    return etag, True


def _finish(response: HttpResponse, surface: Surface, etag: str | None) -> HttpResponse:
    if 200 <= response.status_code < 300 or response.status_code == 304:
        response["Cache-Control"] = CACHE_CONTROL[surface.name]
        if etag is not None and response.status_code in (200, 304):
            response["ETag"] = etag
    else:
        response["Cache-Control"] = ERROR_CACHE_CONTROL
    if surface.name == V1:
        patch_vary_headers(response, [API_KEY_HEADER])
    return response


class ConditionalGetMiddleware:
    """ETag, If-None-Match and Cache-Control for ``/v1``, ``/api`` and ``/health*``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        surface = surface_for(request.path)
        if surface is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        etag = None
        if surface.taggable:
            etag, may_short_circuit = _request_etag(request, surface)
            if may_short_circuit and if_none_match_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
                return _finish(HttpResponseNotModified(), surface, etag)
        if etag is None or request.method != "GET":
            return _finish(self.get_response(request), surface, etag)
        response = replayed_reads.response(request, etag)
        if response is None:
            response = self.get_response(request)
            replayed_reads.keep(request, etag, response)
        return _finish(response, surface, etag)
