"""The middleware only the admin and the HTML pages need, kept off the API surfaces.

Sessions, CSRF, the logged-in user, messages and clickjacking protection
serve browsers: the admin login and the pages. The API surfaces (``/v1``,
``/api``, ``/health``: ``aimodelsmap.api.conditional.surface_for``) take a key
or nothing, set no cookies and are never framed, yet running that stack cost
a sixth of a cached API read. So ``MIDDLEWARE`` names one entry,
``PageMiddleware``, standing for the ``PAGE_MIDDLEWARE`` list: an API request
passes straight through it, and every other request (admin, docs, pages)
runs the whole list, in order, exactly as if it were written in
``MIDDLEWARE`` at that place.

The list is chained the way Django chains ``MIDDLEWARE`` (each layer wrapped
by ``convert_exception_to_response``; ``process_view`` hooks, which CSRF
relies on, run in order before the view). Django's own checks look for these
classes in ``MIDDLEWARE`` by name and cannot see them here, so
``aimodelsmap.checks`` silences those checks and makes the same demands of
``PAGE_MIDDLEWARE`` instead.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.exception import convert_exception_to_response
from django.utils.module_loading import import_string

from aimodelsmap.api.conditional import surface_for

HOOKS_NOT_SUPPORTED = ("process_exception", "process_template_response")


class PageMiddleware:
    """Runs ``settings.PAGE_MIDDLEWARE`` for every request except those to the API surfaces."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._view_hooks = []
        handler = get_response
        for path in reversed(settings.PAGE_MIDDLEWARE):
            middleware = import_string(path)(handler)
            if unsupported := [hook for hook in HOOKS_NOT_SUPPORTED if hasattr(middleware, hook)]:
                raise ImproperlyConfigured(f"{path} has {', '.join(unsupported)}: list it in MIDDLEWARE instead")
            if hasattr(middleware, "process_view"):
                self._view_hooks.insert(0, middleware.process_view)
            handler = convert_exception_to_response(middleware)
        self.pages = handler

    def __call__(self, request):
        if surface_for(request.path_info) is not None:
            return self.get_response(request)
        return self.pages(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if surface_for(request.path_info) is not None:
            return None
        for hook in self._view_hooks:
            response = hook(request, view_func, view_args, view_kwargs)
            if response is not None:
                return response
        return None
