"""Query-string rules enforced before any view runs."""

from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from aimodelsmap.api.errors import ERROR_KINDS, ApiFailure, json_error_response

API_PREFIXES = ("/v1/", "/api/")


def repeated_parameters(query_string: str) -> list[str]:
    """Names given more than once, in order of first repetition."""
    seen: set[str] = set()
    repeated: list[str] = []
    for name, _ in parse_qsl(query_string, keep_blank_values=True):
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    return repeated


class ChunkedBodyMiddleware:
    """A body sent with ``Transfer-Encoding: chunked`` is answered 411, never silently dropped.

    Django reads a body only as far as Content-Length says; a chunked body
    has none, so the view would see an empty body and answer a misleading
    400. Every write of both APIs is a small JSON document whose length the
    client knows, so the request is refused with a reason instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            message = "Send the body with a Content-Length header; chunked transfer encoding is not accepted."
            return json_error_response(request, ApiFailure(411, message))
        return self.get_response(request)


class QueryStringLimitMiddleware:
    """Over-long query strings are a 414; a repeated parameter on an API surface is a 400.

    No legitimate query of either surface comes near the length cap; a longer
    one is an attempt to make filters, search or logging chew on megabytes.
    Every API parameter is single-valued, and views read the last occurrence,
    so ``?limit=5&limit=500`` would mean whatever the client hoped a proxy or
    cache in between would not notice: it is refused instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query_string = request.META.get("QUERY_STRING", "")
        if len(query_string) > settings.MAX_QUERY_STRING_LENGTH:
            return json_error_response(request, ApiFailure(414, ERROR_KINDS[414][2]))
        if request.path.startswith(API_PREFIXES):
            repeated = repeated_parameters(query_string)
            if repeated:
                details = {name: ["Give this parameter at most once."] for name in repeated}
                message = f"Invalid value for: {', '.join(repeated)}."
                return json_error_response(request, ApiFailure(400, message, details))
        return self.get_response(request)
