"""Cross-cutting response plumbing: request ids, rate-limit headers, and counting a request once."""

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


def set_rate_limit_state(request, state: RateLimitState) -> None:
    # DRF wraps the HttpRequest; store on the Django request so middleware sees it.
    getattr(request, "_request", request).rate_limit_state = state


_NOT_COUNTED = object()


def count_once(request, count: Callable[[], None]) -> None:
    """Run ``count`` (a quota or per-IP counter, raising RateLimited to refuse) once per request.

    A cached read may be answered before the view (``aimodelsmap.api.replay``),
    which counts the request itself; when the count refuses it, the view runs
    after all, to render the 429 in its surface's envelope, and its throttle
    must give the same refusal without counting the request a second time.
    """
    django_request = getattr(request, "_request", request)
    refusal = getattr(django_request, "limit_refusal", _NOT_COUNTED)
    if refusal is _NOT_COUNTED:
        django_request.limit_refusal = None
        try:
            count()
        except Exception as exc:
            django_request.limit_refusal = exc
            raise
    elif refusal is not None:
        raise refusal


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.headers.get("X-Request-Id", "")
        request.request_id = supplied if CLIENT_REQUEST_ID.match(supplied) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-Id"] = request.request_id
        state = getattr(request, "rate_limit_state", None)
        if state is not None:
            response["X-RateLimit-Limit"] = str(state.limit)
            response["X-RateLimit-Remaining"] = str(state.remaining)
            response["X-RateLimit-Reset"] = str(state.reset_at)
        return response
