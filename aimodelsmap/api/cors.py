"""CORS for the two API surfaces.

The OpenModels API (``/api/...``) is public and read-only: any web page may
read it, so every answer carries ``Access-Control-Allow-Origin: *``, whatever
the Origin (and with no Origin at all: its answers are ``public`` and shared
caches must not keep a copy without the header to hand to a browser later).
``*`` never admits credentials, and the surface takes none.

The v1 API, ``/health`` and ``/health/pipelines`` stay behind the
``CORS_ALLOWED_ORIGINS`` allowlist of django-cors-headers: v1 keys are secrets,
and a page that embeds one should be a page the operator knows.

A preflight answer is an empty 200 without a Content-Type: it has no body,
and the library's default ``text/html`` would claim there is a page.
"""

from corsheaders.conf import conf
from corsheaders.middleware import CorsMiddleware

from aimodelsmap.api.errors import is_openmodels_path

ALLOW_ORIGIN = "Access-Control-Allow-Origin"


def is_preflight(request) -> bool:
    return request.method == "OPTIONS" and "access-control-request-method" in request.headers


class ApiCorsMiddleware(CorsMiddleware):
    def is_enabled(self, request) -> bool:
        return is_openmodels_path(request.path_info) or super().is_enabled(request)

    def check_preflight(self, request):
        response = super().check_preflight(request)
        if response is not None:
            del response["Content-Type"]
        return response

    def add_response_headers(self, request, response):
        if not is_openmodels_path(request.path_info):
            return super().add_response_headers(request, response)
        response[ALLOW_ORIGIN] = "*"
        response["Access-Control-Expose-Headers"] = ", ".join(conf.CORS_EXPOSE_HEADERS)
        if is_preflight(request):
            response["Access-Control-Allow-Headers"] = ", ".join(conf.CORS_ALLOW_HEADERS)
            response["Access-Control-Allow-Methods"] = ", ".join(conf.CORS_ALLOW_METHODS)
            if conf.CORS_PREFLIGHT_MAX_AGE:
                response["Access-Control-Max-Age"] = str(conf.CORS_PREFLIGHT_MAX_AGE)
        return response
