"""Bench-only URLconf: every production URL plus a bare Django JSON view to compare with.

Selected by ``bench.settings`` (``DJANGO_SETTINGS_MODULE=bench.settings``); it is
never part of the production URLs.
"""

from django.http import JsonResponse
from django.urls import path

from aimodelsmap.urls import handler400, handler403, handler404, handler500  # noqa: F401
from aimodelsmap.urls import urlpatterns as production_urlpatterns


def bare_json(request):
    """The floor: the same middleware stack and gunicorn, no auth, no quota, no database."""
    return JsonResponse({"data": [], "ok": True})


urlpatterns = [path("bench/bare", bare_json), *production_urlpatterns]
