from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ingestion.selectors import DEGRADED, DOWN, HEALTHY, pipelines_health


class PipelineHealthSerializer(serializers.Serializer):
    source_name = serializers.CharField()
    source_type = serializers.CharField()
    status = serializers.ChoiceField(choices=[HEALTHY, DEGRADED, DOWN])
    last_success_at = serializers.DateTimeField(allow_null=True)
    last_failure_at = serializers.DateTimeField(allow_null=True)
    last_error = serializers.CharField(allow_null=True)
    avg_latency_ms = serializers.IntegerField()
    success_rate = serializers.FloatField()
    checked_at = serializers.DateTimeField()


class PipelinesSummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    healthy = serializers.IntegerField()
    unhealthy = serializers.IntegerField()


class PipelineStatusResponseSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["all_healthy", "partial_degradation", "critical"])
    summary = PipelinesSummarySerializer()
    pipelines = PipelineHealthSerializer(many=True)


class PipelinesHealthView(APIView):
    """Status of the ingestion pipelines, for checking data freshness. No authentication."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

    @extend_schema(
        operation_id="health_pipelines",
        tags=["health"],
        auth=[],
        responses={(200, "application/json"): PipelineStatusResponseSerializer},
    )
    def get(self, request):
        return Response(PipelineStatusResponseSerializer(pipelines_health()).data)
