"""Bench-only URLconf: every production URL plus a bare Django JSON view to compare with.

Selected by ``bench.settings`` (``DJANGO_SETTINGS_MODULE=bench.settings``); it is
never part of the production URLs.
"""

from django.http import HttpResponse, JsonResponse
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from aimodelsmap.urls import handler400, handler403, handler404, handler500  # noqa: F401
from aimodelsmap.urls import urlpatterns as production_urlpatterns
from bench.reference import REFERENCE_BODY


def reference_view(request):
    """R0's view (served without middleware by bench/wsgi.py): the reference bytes, nothing else."""
    return HttpResponse(REFERENCE_BODY, content_type="application/json")


def bare_json(request):
    """The floor: the same middleware stack and gunicorn, no auth, no quota, no database."""
    return JsonResponse({"data": [], "ok": True})


class KeyedFloor(APIView):
    """The floor of any keyed v1 read: DRF with the default key auth and quota, no work."""

    def get(self, request):
        return Response({"data": []})


urlpatterns = [
    path("bench/bare", bare_json),
    path("bench/r0", reference_view),
    # Under /v1/ so the v1 middleware (request ids, conditional GET) applies as it does to real reads.
    path("v1/bench/keyed-floor", KeyedFloor.as_view()),
    *production_urlpatterns,
]
