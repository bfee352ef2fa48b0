"""OpenModels telemetry endpoints: provider health and latency, ranked hosts, system health."""

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from aimodelsmap.api.fields import validate_query
from aimodelsmap.api.health import HEALTHY, UNHEALTHY, HealthResponseSerializer, cache_status, database_status
from aimodelsmap.api.openmodels import OpenModelsView
from aimodelsmap.api.schema import openmodels_errors
from models_registry.api.lookups import model_or_404, provider_or_404
from models_registry.api.openmodels.views import MODEL_ID, PROVIDER_ID
from models_registry.models import Endpoint
from telemetry import health
from telemetry.api.openmodels.serializers import (
    ModelLatencySerializer,
    OpenModelsModelRefSerializer,
    OpenModelsProviderLatencySerializer,
    OpenModelsProviderRefSerializer,
    OpenModelsRankedHostsSerializer,
    ProviderHealthSerializer,
    RankedHostSerializer,
    RankedQuerySerializer,
    host_figures,
)
from telemetry.models import Rollup, Sample, Window
from telemetry.ranking import BALANCED_WEIGHTS, rank
from telemetry.selectors import SUMMARY_WINDOW, model_host_rows, provider_health, rollups_by_endpoint

TAGS = ["openmodels"]


class ProviderHealthView(OpenModelsView):
    serializer_class = ProviderHealthSerializer
    pagination_class = None

    @extend_schema(
        operation_id="openmodels_telemetry_health",
        parameters=[PROVIDER_ID],
        summary="Provider health: status, uptime and error rate over 1h/24h/7d, last incident",
        tags=TAGS,
        auth=[],
        responses={200: ProviderHealthSerializer, **openmodels_errors(404, 429)},
    )
    def get(self, request, provider_id: str):
        provider = provider_or_404(provider_id)
        report = provider_health([provider.pk])[provider.pk]
        body = {
            "provider": provider,
            "status": report.status,
            "windows": report.windows,
            "last_incident": report.last_incident,
            "thresholds": health.THRESHOLDS,
            "updated_at": report.updated_at,
        }
        return Response(self.get_serializer(body).data)


def _latency_window(rollup: Rollup | None) -> dict | None:
    if rollup is None:
        return None
    return {
        "sample_count": rollup.sample_count,
        "ttft_ms": {p: getattr(rollup, f"ttft_{p}_ms") for p in ("p50", "p90", "p99")},
        "latency_ms": {p: getattr(rollup, f"latency_{p}_ms") for p in ("p50", "p90", "p99")},
        "tokens_per_second": rollup.tokens_per_second_p50,
    }


class ProviderLatencyView(OpenModelsView, generics.ListAPIView):
    serializer_class = ModelLatencySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Endpoint.objects.none()
        provider = provider_or_404(self.kwargs["provider_id"])
        self.provider = provider
        return (
            Endpoint.objects.filter(host=provider)
            .exclude(status=Endpoint.Status.RETIRED)
            .select_related("model__creator")
            .order_by("model__name", "model__slug", "id")
        )

    @extend_schema(
        operation_id="openmodels_telemetry_latency",
        parameters=[PROVIDER_ID],
        summary="Provider latency per model: TTFT and total latency p50/p90/p99, tokens/s, over 1h/24h/7d",
        tags=TAGS,
        auth=[],
        responses={
            200: OpenModelsProviderLatencySerializer,
            **openmodels_errors(400, 404, 429),
        },
    )
    def get(self, request, provider_id: str):
        page = self.paginate_queryset(self.get_queryset())
        rollups = rollups_by_endpoint(endpoint.pk for endpoint in page)
        data = [
            {
                "model": endpoint.model,
                "provider_model_id": endpoint.provider_model_id,
                "windows": {str(w): _latency_window(rollups.get(endpoint.pk, {}).get(w)) for w in Window},
            }
            for endpoint in page
        ]
        provider = OpenModelsProviderRefSerializer(self.provider).data
        return self.paginator.get_paginated_response(self.get_serializer(data, many=True).data, provider=provider)


class RankedHostsView(OpenModelsView, generics.ListAPIView):
    serializer_class = RankedHostSerializer
    # Ranks hosts in Python; the queryset only tells the schema this is a paginated list.
    queryset = Endpoint.objects.none()

    @extend_schema(
        operation_id="openmodels_telemetry_ranked",
        summary="A model's providers ranked by balanced score, price, latency, throughput or uptime",
        description=(
            "Figures are the current price and the last 24h of telemetry. `balanced` is a weighted sum of each "
            "column scaled across the hosts (1 = best); the weights are returned with the result."
        ),
        tags=TAGS,
        auth=[],
        parameters=[MODEL_ID, RankedQuerySerializer],
        responses={
            200: OpenModelsRankedHostsSerializer,
            **openmodels_errors(400, 404, 429),
        },
    )
    def get(self, request, model_id: str):
        sort = validate_query(RankedQuerySerializer, request)["sort"]
        model = model_or_404(model_id)
        rows = {str(row.endpoint.pk): row for row in model_host_rows(model)}
        ranked = [
            {**host_figures(rows[figures.key]), "rank": position, "score": score}
            for position, (figures, score) in enumerate(rank([row.figures() for row in rows.values()], sort), 1)
        ]
        page = self.paginate_queryset(ranked)
        return self.paginator.get_paginated_response(
            self.get_serializer(page, many=True).data,
            model=OpenModelsModelRefSerializer(model).data,
            sort=sort,
            window=str(SUMMARY_WINDOW),
            weights=BALANCED_WEIGHTS,
        )


class TelemetryFreshnessSerializer(serializers.Serializer):
    last_sample_at = serializers.DateTimeField(allow_null=True)
    rollups_computed_at = serializers.DateTimeField(allow_null=True)


class OpenModelsHealthSerializer(HealthResponseSerializer):
    telemetry = TelemetryFreshnessSerializer()


class SystemHealthView(OpenModelsView):
    serializer_class = OpenModelsHealthSerializer
    pagination_class = None

    @extend_schema(
        operation_id="openmodels_health",
        summary="System health check",
        tags=TAGS,
        auth=[],
        responses={
            (200, "application/json"): OpenModelsHealthSerializer,
            (503, "application/json"): OpenApiResponse(
                OpenModelsHealthSerializer, description="The database is unreachable; status is degraded."
            ),
            **openmodels_errors(429),
        },
    )
    def get(self, request):
        services = {"database": database_status(), "redis": cache_status()}
        telemetry = {"last_sample_at": None, "rollups_computed_at": None}
        if services["database"] == HEALTHY:
            telemetry = {
                "last_sample_at": Sample.objects.aggregate(at=Max("measured_at"))["at"],
                "rollups_computed_at": Rollup.objects.aggregate(at=Max("computed_at"))["at"],
            }
        body = {
            "status": "ok" if UNHEALTHY not in services.values() else "degraded",
            "timestamp": timezone.now().replace(microsecond=0),
            "version": settings.SERVICE_VERSION,
            "services": services,
            "telemetry": telemetry,
        }
        return Response(self.get_serializer(body).data, status=503 if services["database"] == UNHEALTHY else 200)
