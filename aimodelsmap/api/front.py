"""Finished replayed reads, answered in front of Django.

``aimodelsmap.api.replay`` answers a repeated cached read before URL
resolution and DRF; what is left around it (building Django's request,
its request_started and request_finished signals, the outer middleware and
their headers) then costs more than the replay itself. ``ReplayFront`` wraps
the WSGI application (``aimodelsmap/wsgi.py``): once a replayed read has
gone through the whole stack, the front keeps the finished status, headers
and bytes, keyed on the read's tag (data versions, path, query, plan) and on
every part of the request the outer middleware read (scheme, host,
forwarded scheme and host, origin). The next such request is authenticated
and counted exactly as the replay does it (``Policy.count``: the key from
this process's memory, the same counting functions, one round trip) and
answered from there, with only its request id and rate-limit headers its
own.

Whatever the front cannot decide for certain goes through Django: a key not
in this process's memory (the lookup and the bad-key limit are Django's), a
key whose last-used time is due to be written (the front never touches the
database), a bad key, HEAD, conditional GETs, a request whose count refused (the refusal
stays in the environ, so the view renders the 429 without counting again),
and any read never replayed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings

from accounts.authentication import API_KEY_META
from accounts.services import ApiKeyPrincipal, api_key_authenticate, last_used_due
from aimodelsmap.api.conditional import V1, compute_etag, surface_for, versions_tag
from aimodelsmap.api.middleware import PER_REQUEST_HEADERS, rate_limit_headers, request_id
from aimodelsmap.api.replay import ENTRIES, Policy


class _LookupNeeded(Exception):
    """The key is not in this process's memory: Django looks it up, with the bad-key limit in front."""


def _lookup_needed() -> None:
    raise _LookupNeeded


class FrontRequest:
    """What the counting functions read of a request, over the WSGI environ (``count_once`` keeps its state there)."""

    __slots__ = ("META", "path", "api_key_principal")

    def __init__(self, environ: dict, path: str, principal):
        self.META = environ
        self.path = path
        self.api_key_principal = principal


@dataclass(frozen=True)
class FinalEntry:
    status: str
    headers: list[tuple[str, str]]  # as the whole stack sent them, less PER_REQUEST_HEADERS
    body: bytes
    policy: Policy


class ReplayFront:
    """A WSGI application in front of Django's: finished replayed reads, sent again without Django."""

    def __init__(self, application, size: int = ENTRIES):
        self.application = application
        self._size = size
        self._entries: OrderedDict[tuple, FinalEntry] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        found = self._key(environ)
        if found is None:
            return self.application(environ, start_response)
        key, principal = found
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
        if entry is not None:
            try:
                entry.policy.count(FrontRequest(environ, key[1], principal))
            except Exception:
                # The refusal stays in the environ: Django's request sees it and the view renders it uncounted.
                pass
            else:
                headers = [*entry.headers, ("X-Request-Id", request_id(environ)), *rate_limit_headers(environ)]
                start_response(entry.status, headers)
                return [entry.body]
        response = self.application(environ, start_response)
        self._keep(key, response)
        return response

    @staticmethod
    def _key(environ: dict) -> tuple[tuple, ApiKeyPrincipal | None] | None:
        """The entry a request may be answered from: the tag and what the outer middleware reads; None to pass."""
        if environ.get("REQUEST_METHOD") != "GET" or "HTTP_IF_NONE_MATCH" in environ:
            return None  # HEAD, conditional GETs (304) and writes are Django's
        if "HTTP_TRANSFER_ENCODING" in environ or environ.get("SCRIPT_NAME") or settings.FORCE_SCRIPT_NAME:
            return None
        path = environ.get("PATH_INFO", "")
        surface = surface_for(path)
        if surface is None or not surface.taggable or not path.isascii():
            return None  # Django's request.path is the raw path only for plain ASCII without a script name
        versions = versions_tag(path)
        if versions is None:
            return None
        plan = principal = None
        if surface.name == V1:
            raw_key = environ.get(API_KEY_META)
            if raw_key is None:
                return None
            try:
                principal = api_key_authenticate(raw_key=raw_key.strip(), before_lookup=_lookup_needed, touch=False)
            except _LookupNeeded:
                return None
            # The bad-key limit and the 401 are Django's, and so is a write of the key's last-used
            # time: the front never opens a database connection, so it has none to hand back.
            if principal is None or last_used_due(principal):
                return None
            plan = principal.plan_slug
        query = environ.get("QUERY_STRING", "")
        etag = compute_etag(version=versions, path=path, query_string=query, plan=plan or "")
        key = (
            etag, path, query, environ.get("wsgi.url_scheme"), environ.get("HTTP_HOST"), environ.get("SERVER_NAME"),
            environ.get("SERVER_PORT"),
            environ.get("HTTP_X_FORWARDED_PROTO"), environ.get("HTTP_X_FORWARDED_HOST"), environ.get("HTTP_ORIGIN"),
            environ.get("HTTP_USER_AGENT") if settings.DISALLOWED_USER_AGENTS else None,
        )  # fmt: skip
        return key, principal

    def _keep(self, key: tuple, response) -> None:
        policy = getattr(response, "replay_policy", None)
        if policy is None or response.status_code != 200 or response.cookies or response.get("ETag") != key[0]:
            return  # the tag moved on (a bump) between the key and the view: keep nothing
        headers = [(name, value) for name, value in response.items() if name not in PER_REQUEST_HEADERS]
        entry = FinalEntry(f"200 {response.reason_phrase}", headers, response.content, policy)
        with self._lock:
            self._entries[key] = entry
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
