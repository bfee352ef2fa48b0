"""``GET /health``: is the service able to serve? Checks the database and Redis for real."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from aimodelsmap.cache import cache_call

logger = logging.getLogger(__name__)

HEALTHY, UNHEALTHY = "healthy", "unhealthy"
SERVICE_HEALTH_CHOICES = [HEALTHY, UNHEALTHY]


class HealthServicesSerializer(serializers.Serializer):
    database = serializers.ChoiceField(choices=SERVICE_HEALTH_CHOICES)
    redis = serializers.ChoiceField(choices=SERVICE_HEALTH_CHOICES)


class HealthResponseSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "degraded"])
    timestamp = serializers.DateTimeField()
    version = serializers.CharField()
    services = HealthServicesSerializer()


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return HEALTHY
    except Exception as exc:
        logger.warning("health: database check failed: %s", exc.__class__.__name__)
        return UNHEALTHY


def cache_status() -> str:
    """Round-trip a value through the cache (Redis in production)."""
    # While the cache's circuit breaker is open this fails at once, without a timeout.
    cache_call(cache.set, "health:probe", 1, 5)
    return HEALTHY if cache_call(cache.get, "health:probe") == 1 else UNHEALTHY


class HealthView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

    @extend_schema(
        operation_id="health",
        tags=["health"],
        auth=[],
        responses={
            (200, "application/json"): HealthResponseSerializer,
            (503, "application/json"): OpenApiResponse(
                HealthResponseSerializer, description="The database is unreachable; status is degraded."
            ),
        },
    )
    def get(self, request):
        services = {"database": database_status(), "redis": cache_status()}
        healthy = all(value == HEALTHY for value in services.values())
        body = {
            "status": "ok" if healthy else "degraded",
            "timestamp": timezone.now().replace(microsecond=0),
            "version": settings.SERVICE_VERSION,
            "services": services,
        }
        return Response(body, status=503 if services["database"] == UNHEALTHY else 200)
