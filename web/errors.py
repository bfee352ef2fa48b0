"""The pages' one error mapping: a PageError becomes an HTML page with its status, never a 500.

Views raise PageError (bad query parameters: 400; unknown slug: 404) from
anywhere, including inside a cached build, which therefore never caches it.
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.http import HttpResponse
from django.template.loader import render_to_string

from aimodelsmap.api import errors as api_errors

TITLES = {400: "Bad request", 404: "Not found"}
# Paths whose errors are always the API's JSON envelope, whatever the client accepts.
API_PREFIXES = ("/v1/", "/api/", "/health")


class PageError(Exception):
    def __init__(self, status: int, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []


def not_found(noun: str) -> PageError:
    return PageError(404, f"No {noun} has this name.")


def bad_query(form: forms.Form) -> PageError:
    details = [
        f"{name}: {message}" if name != "__all__" else message
        for name, messages in form.errors.items()
        for message in messages
    ]
    return PageError(400, "Some query parameters are not valid.", details)


def error_page(error: PageError) -> HttpResponse:
    context = {"title": TITLES.get(error.status, "Error"), "error": error}
    # Error pages are not cached by anyone: the next request may well succeed.
    response = HttpResponse(render_to_string("web/error.html", context), status=error.status)
    response["Cache-Control"] = "no-store"
    return response


def page_view(view):
    """A page view whose PageErrors render as error pages."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PageError as error:
            return error_page(error)

    return wrapper


def handler404(request, exception=None):
    """An unknown URL: the 404 page for a browser, the API's JSON envelope for everyone else.

    Browsers ask for text/html explicitly; API clients (curl's */*, JSON
    clients) keep getting the envelope they always got.
    """
    wants_html = "text/html" in request.headers.get("Accept", "")
    if wants_html and not request.path.startswith(API_PREFIXES):
        return error_page(PageError(404, "No page has this address."))
    return api_errors.handler404(request, exception)
