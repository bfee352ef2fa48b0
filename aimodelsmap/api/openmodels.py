"""Shared plumbing of the public OpenModels surface (``/api/...``).

* No authentication; a per-client-IP limit of OPENMODELS_RATE_LIMIT_PER_MINUTE
  requests per fixed UTC minute, counted atomically in Redis, with
  ``X-RateLimit-*`` headers on every response and the spec's 429 message.
* ``page`` (1-based) / ``limit`` (default 20, max 100) pagination answering
  ``{"data": [...], "pagination": {"page", "limit", "total"}}``.
* ``OpenModelsView``: the base every OpenModels view derives from.

The client address is decided in ``aimodelsmap.api.clientip``.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle

from accounts.services import counter_consume
from aimodelsmap.api.caching import json_response, raw_query
from aimodelsmap.api.clientip import client_ip, rate_limit_subject
from aimodelsmap.api.errors import RateLimited
from aimodelsmap.api.fields import LimitField
from aimodelsmap.api.middleware import RateLimitState, count_once, set_rate_limit_state
from aimodelsmap.api.renderers import dumps
from aimodelsmap.cache import outage_body
from aimodelsmap.dataversion import data_version

RATE_WINDOW_SECONDS = 60
MAX_PAGE = 1_000_000


def _window_end(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0) + timedelta(seconds=RATE_WINDOW_SECONDS)


class PerIpRateThrottle(BaseThrottle):
    """OPENMODELS_RATE_LIMIT_PER_MINUTE requests per client address (IPv6: per /64) per UTC minute."""

    def allow_request(self, request, view):
        count_once(request, lambda: per_ip_count(request))
        return True


def per_ip_count(request) -> None:
    """Count ``request`` against its client address: rate-limit headers, and RateLimited past the limit."""
    now = timezone.now()
    limit = settings.OPENMODELS_RATE_LIMIT_PER_MINUTE
    window_end = _window_end(now)
    decision = counter_consume(
        key=f"openmodels:rate:{rate_limit_subject(client_ip(request))}:{int(window_end.timestamp())}",
        limit=limit,
        window_end=window_end,
        now=now,
    )
    set_rate_limit_state(request, RateLimitState(decision.limit, decision.remaining, decision.reset_at))
    if not decision.allowed:
        wait = max(math.ceil((window_end - now).total_seconds()), 1)
        raise RateLimited(wait=wait, message=f"Rate limit exceeded. Try again in {wait} seconds.")


class PageField(serializers.IntegerField):
    """``page``: a whole number from 1."""

    def __init__(self, **kwargs):
        super().__init__(default=1, min_value=1, max_value=MAX_PAGE, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and not data.strip().lstrip("+").isdigit():
            self.fail("invalid")
        return super().to_internal_value(data)


class PageQuerySerializer(serializers.Serializer):
    page = PageField()
    limit = LimitField(default=20, max_value=100)


class PageLimitPagination(BasePagination):
    """``?page=&limit=`` over a QuerySet or a list; bad values are a 400, a page past the end is empty."""

    def paginate_queryset(self, queryset, request, view=None):
        query = PageQuerySerializer(data=request.query_params)
        if not query.is_valid():
            raise ValidationError(query.errors)
        self.page, self.limit = query.validated_data["page"], query.validated_data["limit"]
        self.total = len(queryset) if isinstance(queryset, list) else queryset.count()
        offset = (self.page - 1) * self.limit
        return list(queryset[offset : offset + self.limit]) if offset < self.total else []

    def pagination(self) -> dict:
        return {"page": self.page, "limit": self.limit, "total": self.total}

    def get_paginated_response(self, data, **extra):
        return Response({**extra, "data": data, "pagination": self.pagination()})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["data", "pagination"],
            "properties": {
                "data": schema,
                "pagination": {
                    "type": "object",
                    "required": ["page", "limit", "total"],
                    "properties": {
                        "page": {"type": "integer", "example": 1},
                        "limit": {"type": "integer", "example": 20},
                        "total": {"type": "integer", "example": 44},
                    },
                },
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Page number, 1-based.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
            },
            {
                "name": "limit",
                "required": False,
                "in": "query",
                "description": "Items per page.",
                "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
            },
        ]


class VersionedMemo:
    """Rendered response bodies kept in this process, keyed on the data version and the raw query.

    The public lists are identical for every caller and change only when the
    data version does, so a worker can answer repeats from memory: one Redis
    read (the version) instead of a version read plus a shared-cache fetch.
    A bump makes every entry unreachable at once; the LRU bound evicts them.
    Bodies are kept as the JSON bytes sent (see ``aimodelsmap.api.caching``),
    and the query is the raw one, so a hit neither validates nor re-encodes.
    """

    def __init__(self, maxsize: int = 512):
        self.maxsize = maxsize
        self._entries: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def response(self, namespace: str, request, build: Callable[[], dict]) -> HttpResponse:
        """The response of ``build()`` for this request's raw query; ``build`` validates it on a miss."""
        body = self.get_or_build(namespace, raw_query(request.GET), lambda: dumps(build()))
        return json_response(body, replayable=True)

    def get_or_build(self, namespace: str, params, build: Callable[[], bytes]) -> bytes:
        version = data_version()
        query = orjson.dumps(params, option=orjson.OPT_SORT_KEYS)
        if not version:
            # The cache is down, so the version is unknown: keep the body in the
            # outage fallback, bounded by age, and not here under a version.
            return outage_body(f"openmodels:{namespace}:{query.decode()}", build)
        key = (namespace, version, query)
        with self._lock:
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
                return body
        body = build()
        with self._lock:
            self._entries[key] = body
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return body


class OpenModelsView(generics.GenericAPIView):
    """Base of every OpenModels view: public, per-IP throttled, page/limit paginated, read-only."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [PerIpRateThrottle]
    pagination_class = PageLimitPagination
