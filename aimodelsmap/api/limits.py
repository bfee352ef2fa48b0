"""Request limits enforced before any view runs."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from aimodelsmap.api.errors import ERROR_KINDS, ApiFailure, json_error_response


class QueryStringLimitMiddleware:
    """Refuse over-long query strings with a 414 in the surface's envelope.

    No legitimate query of either surface comes near the cap; a longer one is
    an attempt to make filters, search or logging chew on megabytes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.META.get("QUERY_STRING", "")) > settings.MAX_QUERY_STRING_LENGTH:
            return json_error_response(request, ApiFailure(414, ERROR_KINDS[414][2]))
        return self.get_response(request)
