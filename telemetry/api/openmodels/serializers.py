"""OpenModels response shapes for telemetry: summaries, health, latency, comparisons and rankings."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from aimodelsmap.api.fields import EnumField
from aimodelsmap.api.schema import PagePaginationSerializer
from telemetry.health import HEALTH_STATUSES
from telemetry.models import Window
from telemetry.ranking import COLUMNS, SORTS
from telemetry.selectors import HostRow


class OpenModelsProviderRefSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug", help_text="The host provider's slug.")
    name = serializers.CharField()


class OpenModelsModelRefSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug", help_text="The model's slug.")
    name = serializers.CharField()
    vendor = serializers.CharField(source="creator.slug", help_text="The creator provider's slug.")


class TelemetrySummarySerializer(serializers.Serializer):
    """One endpoint's last-24h rollup."""

    window = serializers.CharField(help_text='Always "24h".')
    sample_count = serializers.IntegerField()
    uptime = serializers.FloatField(allow_null=True, help_text="Fraction of probes that reached a working server.")
    error_rate = serializers.FloatField(allow_null=True, help_text="Fraction of probes that failed for any reason.")
    ttft_p50_ms = serializers.FloatField(allow_null=True)
    latency_p50_ms = serializers.FloatField(allow_null=True)
    latency_p95_ms = serializers.FloatField(allow_null=True)
    tokens_per_second = serializers.FloatField(
        source="tokens_per_second_p50", allow_null=True, help_text="Median output tokens/s."
    )
    computed_at = serializers.DateTimeField()


class CurrentPriceSerializer(serializers.Serializer):
    currency = serializers.SerializerMethodField()
    input_per_million = serializers.DecimalField(
        max_digits=20, decimal_places=10, coerce_to_string=False, allow_null=True
    )
    output_per_million = serializers.DecimalField(
        max_digits=20, decimal_places=10, coerce_to_string=False, allow_null=True
    )
    cache_read_per_million = serializers.DecimalField(
        max_digits=20, decimal_places=10, coerce_to_string=False, allow_null=True
    )
    cache_write_per_million = serializers.DecimalField(
        max_digits=20, decimal_places=10, coerce_to_string=False, allow_null=True
    )
    free_tier_available = serializers.BooleanField()
    effective_from = serializers.DateField()

    @extend_schema_field(serializers.ChoiceField(choices=["USD"]))
    def get_currency(self, price) -> str:
        return "USD"


class WindowRatesSerializer(serializers.Serializer):
    sample_count = serializers.IntegerField()
    uptime = serializers.FloatField(allow_null=True)
    error_rate = serializers.FloatField(allow_null=True)


class WindowsRatesSerializer(serializers.Serializer):
    """Figures over the last hour, day and week."""

    # "1h", "24h", "7d" are not Python identifiers, so the fields are declared here.
    def get_fields(self):
        return {str(window): WindowRatesSerializer() for window in Window}


class IncidentSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    error_kind = serializers.CharField(source="kind")
    http_status = serializers.IntegerField(allow_null=True)
    model_id = serializers.CharField(source="model_slug")
    provider_model_id = serializers.CharField()


class ThresholdsSerializer(serializers.Serializer):
    down_below_uptime = serializers.FloatField()
    degraded_below_uptime = serializers.FloatField()
    degraded_above_error_rate = serializers.FloatField()


class ProviderHealthSerializer(serializers.Serializer):
    provider = OpenModelsProviderRefSerializer()
    status = serializers.ChoiceField(choices=HEALTH_STATUSES)
    windows = WindowsRatesSerializer()
    last_incident = IncidentSerializer(allow_null=True, help_text="The latest failed probe in the last 7 days.")
    thresholds = ThresholdsSerializer()
    updated_at = serializers.DateTimeField(allow_null=True, help_text="When the rollups were last refreshed.")


class PercentilesSerializer(serializers.Serializer):
    p50 = serializers.FloatField(allow_null=True)
    p90 = serializers.FloatField(allow_null=True)
    p99 = serializers.FloatField(allow_null=True)


class LatencyWindowSerializer(serializers.Serializer):
    sample_count = serializers.IntegerField()
    ttft_ms = PercentilesSerializer()
    latency_ms = PercentilesSerializer()
    tokens_per_second = serializers.FloatField(allow_null=True, help_text="Median output tokens/s.")


class LatencyWindowsSerializer(serializers.Serializer):
    """Figures over the last hour, day and week; null where the endpoint has no rollup yet."""

    def get_fields(self):
        return {str(window): LatencyWindowSerializer(allow_null=True) for window in Window}


class ModelLatencySerializer(serializers.Serializer):
    model = OpenModelsModelRefSerializer()
    provider_model_id = serializers.CharField()
    windows = LatencyWindowsSerializer(help_text="null for a window the endpoint has no rollup for yet.")


class HostFiguresSerializer(serializers.Serializer):
    """The comparison columns of one host (last 24h telemetry, current price)."""

    provider = OpenModelsProviderRefSerializer()
    provider_model_id = serializers.CharField()
    input_per_million = serializers.DecimalField(
        max_digits=20, decimal_places=10, coerce_to_string=False, allow_null=True
    )
    output_per_million = serializers.DecimalField(
        max_digits=20, decimal_places=10, coerce_to_string=False, allow_null=True
    )
    price = serializers.DecimalField(
        max_digits=24,
        decimal_places=12,
        coerce_to_string=False,
        allow_null=True,
        help_text="Blended USD per 1M tokens: (3 x input + output) / 4.",
    )
    latency_p50_ms = serializers.FloatField(allow_null=True)
    latency_p95_ms = serializers.FloatField(allow_null=True)
    tokens_per_second = serializers.FloatField(allow_null=True, help_text="Median output tokens/s.")
    uptime = serializers.FloatField(allow_null=True)
    sample_count = serializers.IntegerField(help_text="Probes in the last 24h behind these figures.")


class ComparedHostSerializer(HostFiguresSerializer):
    best = serializers.ListField(
        child=serializers.ChoiceField(choices=list(COLUMNS)), help_text="Columns in which this host is best."
    )


class BestColumnsSerializer(serializers.Serializer):
    price = serializers.ListField(child=serializers.CharField())
    latency_p50 = serializers.ListField(child=serializers.CharField())
    latency_p95 = serializers.ListField(child=serializers.CharField())
    throughput = serializers.ListField(child=serializers.CharField())
    uptime = serializers.ListField(child=serializers.CharField())


class OpenModelsCompareSerializer(serializers.Serializer):
    model = OpenModelsModelRefSerializer()
    window = serializers.CharField()
    providers = ComparedHostSerializer(many=True)
    best = BestColumnsSerializer(help_text="Per column, the ids of the hosts holding the best value (ties: all).")


class RankedHostSerializer(HostFiguresSerializer):
    rank = serializers.IntegerField()
    score = serializers.FloatField(help_text="Balanced score in [0, 1] (see weights).")


class WeightsSerializer(serializers.Serializer):
    price = serializers.FloatField()
    latency = serializers.FloatField()
    throughput = serializers.FloatField()
    uptime = serializers.FloatField()


# The two lists below carry context next to data/pagination; many=False stops
# the schema generator wrapping them in a second page envelope.
@extend_schema_serializer(many=False)
class OpenModelsProviderLatencySerializer(serializers.Serializer):
    provider = OpenModelsProviderRefSerializer()
    data = ModelLatencySerializer(many=True)
    pagination = PagePaginationSerializer()


@extend_schema_serializer(many=False)
class OpenModelsRankedHostsSerializer(serializers.Serializer):
    model = OpenModelsModelRefSerializer()
    sort = serializers.ChoiceField(choices=SORTS)
    window = serializers.CharField(help_text='Always "24h".')
    weights = WeightsSerializer(help_text="The balanced score's weights (they sum to 1).")
    data = RankedHostSerializer(many=True)
    pagination = PagePaginationSerializer()


class RankedQuerySerializer(serializers.Serializer):
    sort = EnumField(choices=SORTS, default="balanced")


def host_figures(row: HostRow) -> dict:
    """The comparison columns of one host row, ready for HostFiguresSerializer."""
    figures = row.figures()
    return {
        "provider": row.endpoint.host,
        "provider_model_id": row.endpoint.provider_model_id,
        "input_per_million": row.price.input_per_million if row.price else None,
        "output_per_million": row.price.output_per_million if row.price else None,
        "price": figures.price,
        "latency_p50_ms": figures.latency_p50,
        "latency_p95_ms": figures.latency_p95,
        "tokens_per_second": figures.throughput,
        "uptime": figures.uptime,
        "sample_count": row.summary.sample_count if row.summary else 0,
    }
