"""The benchmarks' WSGI entry point: the project, plus two reference rows served by the same gunicorn.

* ``/bench/r0``: R0, a Django view with no middleware at all (Django's
  request, URL resolution, the view, a response of ``REFERENCE_BODY``). Every
  benchmark figure is also given as a ratio to it.
* ``/bench/wsgi-limit``: a plain WSGI app that pays one Redis ``INCR`` (what a
  metered key's counter costs at the least) and writes the same bytes: the
  physical limit of a keyed, cached read on this server. Each figure read as a
  share of it says how much of the possible is left on the table.

Everything else goes to the project's own WSGI application, with its whole
middleware stack. Served with the production gunicorn settings
(``gunicorn --config gunicorn_settings.py bench.wsgi:application``).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import redis
from django.conf import settings
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler

from bench.reference import REFERENCE_BODY

R0_PATH = "/bench/r0"  # harness.R0_PATH
WSGI_LIMIT_PATH = "/bench/wsgi-limit"  # harness.WSGI_LIMIT_PATH

from aimodelsmap.wsgi import application as project  # noqa: E402  (the production application)


class NoMiddlewareHandler(WSGIHandler):
    """Django's WSGI handler with an empty middleware list: the request goes straight to URL resolution."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


r0 = NoMiddlewareHandler()
_redis = redis.Redis.from_url(settings.REDIS_URL) if settings.REDIS_URL else None
_limit_headers = [("Content-Type", "application/json"), ("Content-Length", str(len(REFERENCE_BODY)))]


def wsgi_limit(environ, start_response):
    _redis.incr("aimm-bench:wsgi-limit")
    start_response("200 OK", _limit_headers)
    return [REFERENCE_BODY]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == WSGI_LIMIT_PATH:
        return wsgi_limit(environ, start_response)
    if path == R0_PATH:
        return r0(environ, start_response)
    return project(environ, start_response)
