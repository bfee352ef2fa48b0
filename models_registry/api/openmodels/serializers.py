"""OpenModels shapes of the catalog: models (``vendor`` = creator) and providers (hosts)."""

from rest_framework import serializers

from models_registry.models import Model, Provider
from telemetry.api.openmodels.serializers import (
    CurrentPriceSerializer,
    OpenModelsProviderRefSerializer,
    TelemetrySummarySerializer,
)
from telemetry.health import HEALTH_STATUSES


class OpenModelSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="slug", help_text="The model's slug.")
    vendor = serializers.CharField(source="creator.slug", help_text="Slug of the provider that made the model.")
    capabilities = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")

    class Meta:
        model = Model
        fields = [
            "id",
            "name",
            "vendor",
            "capabilities",
            "context_window",
            "max_output_tokens",
            "model_type",
            "status",
            "release_date",
            "open_weights",
            "knowledge_cutoff",
        ]


class ModelPriceSerializer(CurrentPriceSerializer):
    provider = serializers.CharField(source="endpoint.host.slug", help_text="The host whose price this is.")


class OpenModelDetailSerializer(OpenModelSerializer):
    description = serializers.CharField()
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")
    providers_count = serializers.IntegerField(help_text="Hosts serving the model.")
    pricing = ModelPriceSerializer(
        allow_null=True, help_text="The canonical price: the creator's own API where it has one."
    )

    class Meta(OpenModelSerializer.Meta):
        fields = [*OpenModelSerializer.Meta.fields, "description", "aliases", "providers_count", "pricing"]


class ModelProviderSerializer(serializers.Serializer):
    """One host of a model: its id for the model there, limits, current price, last-24h telemetry."""

    provider = OpenModelsProviderRefSerializer(source="endpoint.host")
    provider_model_id = serializers.CharField(source="endpoint.provider_model_id")
    context_window = serializers.IntegerField(source="endpoint.context_window", allow_null=True)
    max_output_tokens = serializers.IntegerField(source="endpoint.max_output_tokens", allow_null=True)
    status = serializers.CharField(source="endpoint.status")
    pricing = CurrentPriceSerializer(source="price", allow_null=True)
    telemetry = TelemetrySummarySerializer(source="summary", allow_null=True)


class OpenProviderSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="slug", help_text="The provider's slug.")
    models_count = serializers.IntegerField(help_text="Models it serves (endpoints not retired).")
    status = serializers.ChoiceField(choices=HEALTH_STATUSES, help_text="Health from probes (see /api/telemetry).")

    class Meta:
        model = Provider
        fields = ["id", "name", "website", "description", "is_creator", "is_host", "models_count", "status"]


class ServedModelSerializer(serializers.Serializer):
    id = serializers.CharField(source="model.slug")
    name = serializers.CharField(source="model.name")
    vendor = serializers.CharField(source="model.creator.slug")
    provider_model_id = serializers.CharField()
    status = serializers.CharField()


class OpenProviderDetailSerializer(OpenProviderSerializer):
    models = ServedModelSerializer(many=True, help_text="Every model it serves, by model name.")

    class Meta(OpenProviderSerializer.Meta):
        fields = [*OpenProviderSerializer.Meta.fields, "models"]
