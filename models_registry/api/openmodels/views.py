"""OpenModels catalog endpoints: /api/models..., /api/providers...."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from aimodelsmap.api.openmodels import OpenModelsView, VersionedMemo
from aimodelsmap.api.schema import openmodels_errors
from models_registry.api.lookups import model_or_404, provider_or_404
from models_registry.api.openmodels.serializers import (
    ModelProviderSerializer,
    OpenModelDetailSerializer,
    OpenModelSerializer,
    OpenProviderDetailSerializer,
    OpenProviderSerializer,
)
from models_registry.models import Capability, Endpoint, Model, ModelAlias, Provider
from pricing.selectors import canonical_prices
from telemetry.api.openmodels.serializers import OpenModelsCompareSerializer, host_figures
from telemetry.ranking import best_by_column
from telemetry.selectors import SUMMARY_WINDOW, host_rows, model_endpoints, model_host_rows, provider_health

TAGS = ["openmodels"]
LIST_BODIES = VersionedMemo()
LIVE_ENDPOINTS = ~Q(endpoints__status=Endpoint.Status.RETIRED)
MODEL_ID = OpenApiParameter("model_id", str, OpenApiParameter.PATH, description="Model slug or any of its aliases.")
PROVIDER_ID = OpenApiParameter("provider_id", str, OpenApiParameter.PATH, description="Provider slug.")


def models_queryset():
    return Model.objects.with_creator().prefetch_related(
        Prefetch("capabilities", queryset=Capability.objects.order_by("slug"))
    )


class ModelFilter(filters.FilterSet):
    search = filters.CharFilter(method="filter_search", help_text="Substring of the name, slug or any alias.")
    capability = filters.CharFilter(field_name="capabilities__slug", help_text="A capability slug, e.g. vision.")
    vendor = filters.CharFilter(field_name="creator__slug", help_text="The creator's slug, e.g. openai.")

    class Meta:
        model = Model
        fields = ["search", "capability", "vendor"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        aliases = ModelAlias.objects.filter(model=OuterRef("pk"), alias__icontains=value)
        return queryset.filter(Q(name__icontains=value) | Q(slug__icontains=value) | Exists(aliases))


class ModelListView(OpenModelsView, generics.ListAPIView):
    serializer_class = OpenModelSerializer
    filterset_class = ModelFilter

    def get_queryset(self):
        return models_queryset().order_by("name", "slug")

    @extend_schema(
        operation_id="openmodels_models_list",
        summary="List and search models",
        tags=TAGS,
        auth=[],
        responses={200: OpenModelSerializer(many=True), **openmodels_errors(400, 429)},
    )
    def get(self, request, *args, **kwargs):
        # The body is a function of the raw query and the data version: serve it from the cache.
        return LIST_BODIES.response("models", request, lambda: self.list(request).data)


class ModelDetailView(OpenModelsView):
    serializer_class = OpenModelDetailSerializer

    @extend_schema(
        operation_id="openmodels_models_retrieve",
        parameters=[MODEL_ID],
        summary="Get a model by slug or alias",
        tags=TAGS,
        auth=[],
        responses={200: OpenModelDetailSerializer, **openmodels_errors(404, 429)},
    )
    def get(self, request, model_id: str):
        resolved = model_or_404(model_id)
        model = (
            models_queryset()
            .prefetch_related("aliases")
            .annotate(providers_count=Count("endpoints", filter=LIVE_ENDPOINTS))
            .get(pk=resolved.pk)
        )
        model.pricing = canonical_prices([model.pk]).get(model.pk)
        return Response(self.get_serializer(model).data)


class ModelProvidersView(OpenModelsView, generics.ListAPIView):
    serializer_class = ModelProviderSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Endpoint.objects.none()
        return model_endpoints(model_or_404(self.kwargs["model_id"]))

    @extend_schema(
        operation_id="openmodels_models_providers",
        parameters=[MODEL_ID],
        summary="List the providers serving a model",
        tags=TAGS,
        auth=[],
        responses={200: ModelProviderSerializer(many=True), **openmodels_errors(400, 404, 429)},
    )
    def get(self, request, model_id: str):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(host_rows(page), many=True).data)


class ModelCompareView(OpenModelsView):
    serializer_class = OpenModelsCompareSerializer
    pagination_class = None

    @extend_schema(
        operation_id="openmodels_models_compare",
        parameters=[MODEL_ID],
        summary="Compare a model's providers side by side",
        description=(
            "Price (blended, current), latency p50/p95, throughput and uptime over the last 24h for every host, "
            "with the best host in each column marked."
        ),
        tags=TAGS,
        auth=[],
        responses={200: OpenModelsCompareSerializer, **openmodels_errors(404, 429)},
    )
    def get(self, request, model_id: str):
        model = model_or_404(model_id)
        rows = model_host_rows(model)
        best = best_by_column([row.figures() for row in rows])
        providers = [
            {**host_figures(row), "best": [column for column, keys in best.items() if str(row.endpoint.pk) in keys]}
            for row in rows
        ]
        # Winners are endpoints; clients know hosts. A host with two winning endpoints is listed once.
        host_of = {str(row.endpoint.pk): row.endpoint.host.slug for row in rows}
        best = {column: list(dict.fromkeys(host_of[key] for key in keys)) for column, keys in best.items()}
        body = {"model": model, "window": str(SUMMARY_WINDOW), "providers": providers, "best": best}
        return Response(self.get_serializer(body).data)


def providers_queryset():
    return Provider.objects.annotate(models_count=Count("endpoints", filter=LIVE_ENDPOINTS))


class ProviderListView(OpenModelsView, generics.ListAPIView):
    serializer_class = OpenProviderSerializer

    def get_queryset(self):
        return providers_queryset().filter(is_host=True).order_by("name", "slug")

    @extend_schema(
        operation_id="openmodels_providers_list",
        summary="List providers (inference hosts)",
        tags=TAGS,
        auth=[],
        responses={200: OpenProviderSerializer(many=True), **openmodels_errors(400, 429)},
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        health = provider_health([provider.pk for provider in page])
        for provider in page:
            provider.status = health[provider.pk].status
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ProviderDetailView(OpenModelsView):
    serializer_class = OpenProviderDetailSerializer

    @extend_schema(
        operation_id="openmodels_providers_retrieve",
        parameters=[PROVIDER_ID],
        summary="Get a provider with the models it serves",
        tags=TAGS,
        auth=[],
        responses={200: OpenProviderDetailSerializer, **openmodels_errors(404, 429)},
    )
    def get(self, request, provider_id: str):
        provider = provider_or_404(provider_id, providers_queryset())
        provider.status = provider_health([provider.pk])[provider.pk].status
        provider.models = list(
            Endpoint.objects.filter(host=provider)
            .exclude(status=Endpoint.Status.RETIRED)
            .select_related("model__creator")
            .order_by("model__name", "model__slug", "id")
        )
        return Response(self.get_serializer(provider).data)
