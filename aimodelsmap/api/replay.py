"""Repeated cached reads answered before URL resolution and DRF.

A read served from the response cache (``cached_json``, ``VersionedMemo``)
is a function of the data version, its URL and its raw query; a second
request for it differs from the first only in who asks. Once the view has
answered such a read with a 200, this process keeps the response's bytes
and headers under its ETag (which holds the data versions, the path, the
query and, on v1, the plan), its path and its raw query string. The
conditional-GET middleware then answers the next request for it here,
without resolving the URL, building a DRF request or running the view:
about half of a hit's CPU.

What DRF would have done for that view is done here in the same order and
with the same code: the key was authenticated when the ETag was computed
(there is no tag without a valid key), and the request is counted against
the key's daily quota or the client address's per-minute limit
(``count_once``). A request the count refuses is handed to the view after
all, whose throttle gives the same refusal without counting it again, so
the 429 and its envelope come from one place. A view is replayed only when
its authentication, permissions and throttles are exactly those of its
surface's defaults (``POLICIES``); any other goes through the view every
time.

A publish or ingest changes the data version and with it the ETag, so
entries of older versions are never asked for again and age out of the LRU,
as in ``aimodelsmap.api.caching``.

The finished responses are replayed once more, in front of Django itself:
``aimodelsmap.api.front``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import AllowAny

from accounts.authentication import ApiKeyAuthentication
from accounts.permissions import HasValidApiKey
from accounts.throttling import DailyKeyQuota, daily_quota_count
from aimodelsmap.api.middleware import count_once
from aimodelsmap.api.openmodels import PerIpRateThrottle, per_ip_count

ENTRIES = 512


def _count_v1(request: HttpRequest) -> None:
    # The conditional-GET middleware tags only requests with a valid key, and
    # stored the principal on the request when it looked the key up.
    count_once(request, lambda: daily_quota_count(request, request.api_key_principal))


def _count_openmodels(request: HttpRequest) -> None:
    count_once(request, lambda: per_ip_count(request))


@dataclass(frozen=True)
class Policy:
    """A view's authentication, permission and throttle classes, and the same checks for a plain request."""

    authentication: tuple[type, ...]
    permissions: tuple[type, ...]
    throttles: tuple[type, ...]
    count: Callable[[HttpRequest], None]

    def governs(self, view_class: type) -> bool:
        return (
            tuple(view_class.authentication_classes) == self.authentication
            and tuple(view_class.permission_classes) == self.permissions
            and tuple(view_class.throttle_classes) == self.throttles
        )


POLICIES = (
    # v1 reads: a valid key (HasValidApiKey) and the key's daily quota.
    Policy((ApiKeyAuthentication,), (HasValidApiKey,), (DailyKeyQuota,), _count_v1),
    # OpenModels reads: public, the per-address limit.
    Policy((), (AllowAny,), (PerIpRateThrottle,), _count_openmodels),
)


@dataclass(frozen=True)
class Entry:
    body: bytes
    headers: dict[str, str]  # the view's own (Content-Type, Allow); the middleware adds the rest per request
    policy: Policy


class ReplayedReads:
    def __init__(self, size: int = ENTRIES):
        self._size = size
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _key(request: HttpRequest, etag: str) -> tuple:
        return etag, request.path, request.META.get("QUERY_STRING", "")

    def response(self, request: HttpRequest, etag: str) -> HttpResponse | None:
        """The view's response to this GET, counted as the view would count it; None to let the view answer."""
        key = self._key(request, etag)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
        try:
            entry.policy.count(request)
        except Exception:
            # A refusal (or a failure) is the view's to render: its throttle
            # raises the same exception again without counting the request twice.
            return None
        response = HttpResponse(entry.body, headers=entry.headers)
        response.replay_policy = entry.policy  # the front may keep the finished response
        return response

    def keep(self, request: HttpRequest, etag: str, response: HttpResponse) -> None:
        """Keep a view's 200 for replay if it came from the response cache under a surface's default checks."""
        if response.status_code != 200 or not getattr(response, "replayable", False):
            return
        match = request.resolver_match
        view_class = getattr(match.func, "cls", None) if match is not None else None
        policy = next((p for p in POLICIES if view_class is not None and p.governs(view_class)), None)
        if policy is None:
            return
        entry = Entry(response.content, dict(response.headers), policy)
        response.replay_policy = policy
        with self._lock:
            self._entries[self._key(request, etag)] = entry
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


replayed_reads = ReplayedReads()
