"""Stand-in views for the conditional-GET tests: a keyed v1 read and a public OpenModels read
that count how often they run, each behind the throttle of its surface."""

from datetime import timedelta

from django.urls import path
from django.utils import timezone
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from accounts.services import counter_consume
from aimodelsmap.api import health
from aimodelsmap.api.errors import RateLimited

CALLS = {"v1": 0, "api": 0}


class PerIpMinute(BaseThrottle):
    limit = 3

    def allow_request(self, request, view):
        now = timezone.now()
        decision = counter_consume(
            key=f"test-ip:{request.META['REMOTE_ADDR']}",
            limit=self.limit,
            window_end=now + timedelta(minutes=1),
            now=now,
        )
        if not decision.allowed:
            raise RateLimited(wait=60, message="Rate limit exceeded. Try again in 60 seconds.")
        return True


class KeyedRead(APIView):
    def get(self, request):
        CALLS["v1"] += 1
        return Response({"data": [1, 2, 3]})


class PublicRead(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [PerIpMinute]

    def get(self, request):
        CALLS["api"] += 1
        return Response({"data": [1, 2, 3]})


urlpatterns = [
    path("v1/things", KeyedRead.as_view()),
    path("api/things", PublicRead.as_view()),
    path("api/health", PublicRead.as_view()),
    path("health", health.HealthView.as_view()),
]
