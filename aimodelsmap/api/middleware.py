"""Cross-cutting response plumbing: request ids, rate-limit headers, and counting a request once.

What a request's count decided (its rate-limit state, a refusal) is kept in
the WSGI environ (``request.META``), not on the request object: a replayed
read is counted before Django builds a request at all
(``aimodelsmap.api.replay.ReplayFront``), and when that count refuses it,
the request Django then builds from the same environ must see the refusal
instead of counting again.
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

# A client-supplied id is echoed only if it is short and plain, so it can be
# logged and returned without becoming a header-injection vector.
CLIENT_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")


@dataclass(frozen=True)
class RateLimitState:
    """What a throttle decided for this request; rendered as X-RateLimit-* headers."""

    limit: int
    remaining: int
    reset_at: int  # epoch seconds


RATE_LIMIT_STATE = "aimodelsmap.rate_limit_state"
LIMIT_REFUSAL = "aimodelsmap.limit_refusal"


def set_rate_limit_state(request, state: RateLimitState) -> None:
    # DRF's request proxies META to the Django request's, which is the environ.
    request.META[RATE_LIMIT_STATE] = state


def request_id(environ: dict) -> str:
    """The client's ``X-Request-Id`` if it is short and plain, else a new one."""
    supplied = environ.get("HTTP_X_REQUEST_ID", "")
    return supplied if CLIENT_REQUEST_ID.match(supplied) else uuid.uuid4().hex


def rate_limit_headers(environ: dict) -> list[tuple[str, str]]:
    """``X-RateLimit-*`` from what this request's count decided; none if it was not counted."""
    state = environ.get(RATE_LIMIT_STATE)
    if state is None:
        return []
    return [
        ("X-RateLimit-Limit", str(state.limit)),
        ("X-RateLimit-Remaining", str(state.remaining)),
        ("X-RateLimit-Reset", str(state.reset_at)),
    ]


PER_REQUEST_HEADERS = frozenset({"X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"})

_NOT_COUNTED = object()


def count_once(request, count: Callable[[], None]) -> None:
    """Run ``count`` (a quota or per-IP counter, raising RateLimited to refuse) once per request.

    A cached read may be answered before the view (``aimodelsmap.api.replay``),
    which counts the request itself; when the count refuses it, the view runs
    after all, to render the 429 in its surface's envelope, and its throttle
    must give the same refusal without counting the request a second time.
    """
    environ = request.META
    refusal = environ.get(LIMIT_REFUSAL, _NOT_COUNTED)
    if refusal is _NOT_COUNTED:
        environ[LIMIT_REFUSAL] = None
        try:
            count()
        except Exception as exc:
            environ[LIMIT_REFUSAL] = exc
            raise
    elif refusal is not None:
        raise refusal


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id(request.META)
        response = self.get_response(request)
        response["X-Request-Id"] = request.request_id
        for name, value in rate_limit_headers(request.META):
            response[name] = value
        return response
