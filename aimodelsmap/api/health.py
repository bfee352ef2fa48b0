"""``GET /health``: is the service able to serve? Checks the database and Redis for real."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

logger = logging.getLogger(__name__)

HEALTHY, UNHEALTHY = "healthy", "unhealthy"


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
    try:
        cache.set("health:probe", 1, 5)
        return HEALTHY if cache.get("health:probe") == 1 else UNHEALTHY
    except Exception as exc:
        logger.warning("health: cache check failed: %s", exc.__class__.__name__)
        return UNHEALTHY


class HealthView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

    @extend_schema(
        operation_id="health",
        tags=["health"],
        auth=[],
        responses={
            (200, "application/json"): inline_serializer(
                name="HealthResponse",
                fields={
                    "status": serializers.ChoiceField(choices=["ok", "degraded"]),
                    "timestamp": serializers.DateTimeField(),
                    "version": serializers.CharField(),
                    "services": inline_serializer(
                        name="HealthServices",
                        fields={
                            "database": serializers.ChoiceField(choices=[HEALTHY, UNHEALTHY]),
                            "redis": serializers.ChoiceField(choices=[HEALTHY, UNHEALTHY]),
                        },
                    ),
                },
            ),
            (503, "application/json"): inline_serializer(
                name="HealthResponseDown",
                fields={
                    "status": serializers.ChoiceField(choices=["degraded"]),
                    "timestamp": serializers.DateTimeField(),
                    "version": serializers.CharField(),
                    "services": inline_serializer(
                        name="HealthServicesDown",
                        fields={
                            "database": serializers.ChoiceField(choices=[HEALTHY, UNHEALTHY]),
                            "redis": serializers.ChoiceField(choices=[HEALTHY, UNHEALTHY]),
                        },
                    ),
                },
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
