"""The one error mapping for both API surfaces.

Every failure, whether raised inside a DRF view, by Django before a view runs
(unknown URL, oversized body) or by a bug, is turned into the envelope of the
surface the request was made to:

* v1 (``/v1/...``, ``/health``): ``{"error": {"code", "message", "details"}}``
* OpenModels (``/api/...``): ``{"error": {"status", "message", "type"}}``
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response

logger = logging.getLogger(__name__)

OPENMODELS_PREFIX = "/api/"

# status -> (v1 code, OpenModels type, default message)
ERROR_KINDS: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "BAD_REQUEST", "Invalid parameters."),
    401: ("unauthorized", "UNAUTHORIZED", "Missing or invalid API key."),
    403: ("forbidden", "FORBIDDEN", "You do not have permission to perform this action."),
    404: ("not_found", "NOT_FOUND", "Resource not found."),
    405: ("method_not_allowed", "METHOD_NOT_ALLOWED", "Method not allowed."),
    406: ("not_acceptable", "NOT_ACCEPTABLE", "Only application/json responses are available."),
    413: ("payload_too_large", "PAYLOAD_TOO_LARGE", "Request body is too large."),
    414: ("uri_too_long", "URI_TOO_LONG", "Request URI is too long."),
    411: ("length_required", "LENGTH_REQUIRED", "Send the body with a Content-Length header."),
    415: ("unsupported_media_type", "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type."),
    417: ("expectation_failed", "EXPECTATION_FAILED", "Expectation failed."),
    431: (
        "request_header_fields_too_large",
        "REQUEST_HEADER_FIELDS_TOO_LARGE",
        "Request header fields are too large.",
    ),
    429: ("rate_limited", "RATE_LIMITED", "Rate limit exceeded."),
    500: ("internal_error", "INTERNAL_ERROR", "An unexpected error occurred."),
    501: ("not_implemented", "NOT_IMPLEMENTED", "Not implemented."),
    503: ("service_unavailable", "SERVICE_UNAVAILABLE", "Service temporarily unavailable."),
}


@dataclass(frozen=True)
class ApiFailure:
    status: int
    message: str
    details: Any = None
    retry_after: int | None = None


class PayloadTooLarge(drf_exceptions.APIException):
    status_code = 413
    default_detail = "Request body is too large."
    default_code = "payload_too_large"


class ServiceUnavailable(drf_exceptions.APIException):
    status_code = 503
    default_detail = "Service temporarily unavailable."
    default_code = "service_unavailable"


class NotFoundWithDetails(drf_exceptions.NotFound):
    """A 404 that tells the client more than "not found" (on v1: the closest matches, in ``details``)."""

    def __init__(self, message: str, *, details: dict):
        super().__init__(message)
        self.details = details


class RateLimited(drf_exceptions.Throttled):
    """A 429 carrying the exact message the surface promises."""

    def __init__(self, *, wait: int, message: str):
        super().__init__(wait=wait)
        self.detail = message


def is_openmodels_path(path: str) -> bool:
    return path.startswith(OPENMODELS_PREFIX) or path == OPENMODELS_PREFIX.rstrip("/")


def error_body(path: str, failure: ApiFailure) -> dict:
    code, type_, _ = ERROR_KINDS.get(failure.status, ERROR_KINDS[500])
    if is_openmodels_path(path):
        return {"error": {"status": failure.status, "message": failure.message, "type": type_}}
    return {"error": {"code": code, "message": failure.message, "details": failure.details}}


def _flatten_messages(detail: Any) -> Any:
    """DRF ErrorDetail trees -> plain strings, keeping the field structure."""
    if isinstance(detail, dict):
        return {str(key): _flatten_messages(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten_messages(item) for item in detail]
    return str(detail)


def _validation_failure(exc: drf_exceptions.ValidationError) -> ApiFailure:
    detail = exc.detail
    if isinstance(detail, dict):
        details = _flatten_messages(detail)
        non_field = details.pop("non_field_errors", None)
        if non_field:
            details["non_field_errors"] = non_field
        fields = ", ".join(key for key in details if key != "non_field_errors")
        message = f"Invalid value for: {fields}." if fields else "; ".join(non_field or [])
        return ApiFailure(400, message or "Invalid parameters.", details or None)
    messages = _flatten_messages(detail if isinstance(detail, list) else [detail])
    return ApiFailure(400, "; ".join(str(m) for m in messages) or "Invalid parameters.", None)


def failure_from_exception(exc: BaseException) -> ApiFailure:
    """Map any exception to the failure the client sees."""
    if isinstance(exc, drf_exceptions.ValidationError):
        return _validation_failure(exc)
    if isinstance(exc, (Http404, drf_exceptions.NotFound)):
        message = str(getattr(exc, "detail", "") or "") or ERROR_KINDS[404][2]
        if isinstance(exc, Http404):
            message = str(exc) if exc.args and str(exc) else ERROR_KINDS[404][2]
        return ApiFailure(404, message, getattr(exc, "details", None))
    if isinstance(exc, RequestDataTooBig):
        return ApiFailure(413, ERROR_KINDS[413][2])
    if isinstance(exc, (TooManyFieldsSent, SuspiciousOperation)):
        return ApiFailure(400, "Malformed request.")
    if isinstance(exc, DjangoPermissionDenied):
        # Services raise it with a message for the client; Django's own raise it bare.
        return ApiFailure(403, str(exc) or ERROR_KINDS[403][2])
    if isinstance(exc, drf_exceptions.Throttled):
        wait = int(exc.wait or 0) if exc.wait is not None else None
        message = str(exc.detail)
        if not isinstance(exc, RateLimited):
            message = ERROR_KINDS[429][2]
        return ApiFailure(429, message, None, retry_after=wait)
    if isinstance(exc, drf_exceptions.APIException):
        status = exc.status_code
        detail = exc.detail
        message = str(detail) if not isinstance(detail, (dict, list)) else ERROR_KINDS.get(status, ERROR_KINDS[500])[2]
        if status == 401 and not str(detail):
            message = ERROR_KINDS[401][2]
        return ApiFailure(status, message)
    if isinstance(exc, (OperationalError, InterfaceError)):
        logger.error("database unavailable: %s", exc.__class__.__name__)
        return ApiFailure(503, "The database is unavailable. Try again shortly.")
    if isinstance(exc, DatabaseError):
        logger.exception("database error")
        return ApiFailure(500, ERROR_KINDS[500][2])
    logger.exception("unhandled error", exc_info=exc)
    return ApiFailure(500, ERROR_KINDS[500][2])


def _apply_headers(response, failure: ApiFailure) -> None:
    if failure.retry_after is not None:
        response["Retry-After"] = str(max(failure.retry_after, 0))


def api_exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's EXCEPTION_HANDLER for both surfaces."""
    request = context.get("request")
    path = request.path if request is not None else ""
    failure = failure_from_exception(exc)
    response = Response(error_body(path, failure), status=failure.status)
    _apply_headers(response, failure)
    if failure.status == 401:
        response["WWW-Authenticate"] = 'ApiKey header="X-API-Key"'
    return response


def json_error_response(request: HttpRequest, failure: ApiFailure) -> JsonResponse:
    """The same envelope for failures that happen outside DRF views."""
    response = JsonResponse(error_body(request.path, failure), status=failure.status)
    _apply_headers(response, failure)
    return response


def handler400(request, exception=None):
    return json_error_response(
        request, failure_from_exception(exception) if exception else ApiFailure(400, "Bad request.")
    )


def handler403(request, exception=None):
    return json_error_response(request, ApiFailure(403, ERROR_KINDS[403][2]))


def handler404(request, exception=None):
    return json_error_response(request, ApiFailure(404, "Resource not found."))


def handler500(request):
    # Django calls this from inside its except block. A database outage met
    # outside a DRF view (in middleware, or a plain Django view) is still a
    # 503 the client may retry, not a 500.
    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        return json_error_response(request, failure_from_exception(exc))
    return json_error_response(request, ApiFailure(500, ERROR_KINDS[500][2]))
