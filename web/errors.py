"""The pages' one error mapping: a PageError becomes an HTML page with its status, never a 500.

Views raise PageError (bad query parameters: 400; unknown slug: 404) from
anywhere, including inside a cached build, which therefore never caches it.
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.http import HttpResponse
from django.template.loader import render_to_string

TITLES = {400: "Bad request", 404: "Not found"}


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
