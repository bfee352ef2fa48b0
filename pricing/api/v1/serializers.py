"""v1 pricing serializers: price rows, the pricing response and the calculator body."""

import math
from datetime import date
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from aimodelsmap.api.fields import BodyLimitField, NoNulCharField
from pricing.calculator import Usage
from pricing.models import Price

# A trillion a month is far past any real workload and keeps every amount
# within the digits a JSON number carries exactly.
MAX_VOLUME = 10**12


def _price(source: str | None, help_text: str) -> serializers.DecimalField:
    # coerce_to_string=False: prices leave as JSON numbers (exact, see the renderer), not strings.
    extra = {"source": source} if source else {}
    return serializers.DecimalField(
        **extra,
        max_digits=20,
        decimal_places=10,
        coerce_to_string=False,
        allow_null=True,
        read_only=True,
        help_text=help_text,
    )


class PricingHostRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PricingHistoryEntrySerializer(serializers.ModelSerializer):
    input_price_per_million = _price("input_per_million", "USD per million input tokens.")
    output_price_per_million = _price("output_per_million", "USD per million output tokens.")
    image_price = _price(None, "USD per generated image.")
    video_price_per_minute = _price("video_per_minute", "USD per minute of video.")
    source = serializers.CharField(read_only=True, help_text="The source of this row's series (pipeline, curator).")
    host = PricingHostRefSerializer(source="endpoint.host", read_only=True, help_text="The host selling at this price.")
    updated_at = serializers.DateField(source="effective_from", read_only=True, help_text="Effective from.")
    valid_from = serializers.SerializerMethodField(
        help_text="First day the price applied: the row's date, never before the model's release."
    )

    class Meta:
        model = Price
        fields = [
            "input_price_per_million",
            "output_price_per_million",
            "image_price",
            "video_price_per_minute",
            "source",
            "host",
            "updated_at",
            "valid_from",
        ]
        read_only_fields = fields

    def get_valid_from(self, price: Price) -> date:
        release = price.endpoint.model.release_date
        return max(price.effective_from, release) if release else price.effective_from


class PricingModelRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    provider = serializers.CharField(source="creator.name", help_text="The model's creator.")


class PricingCurrentSerializer(PricingHistoryEntrySerializer):
    model = PricingModelRefSerializer(source="endpoint.model", read_only=True)
    free_tier_limits = serializers.SerializerMethodField()

    class Meta(PricingHistoryEntrySerializer.Meta):
        fields = [
            "model",
            "input_price_per_million",
            "output_price_per_million",
            "image_price",
            "video_price_per_minute",
            "free_tier_available",
            "free_tier_limits",
            "source",
            "host",
            "updated_at",
            "valid_from",
        ]
        read_only_fields = fields

    def get_free_tier_limits(self, price: Price) -> str | None:
        return price.free_tier_limits or None


class PricingDataSerializer(serializers.Serializer):
    current = PricingCurrentSerializer(allow_null=True, help_text="Price in force; null for a model without prices.")
    history = PricingHistoryEntrySerializer(
        many=True, help_text="Older prices of the same endpoint and source as `current`, newest first."
    )


class PricingResponseSerializer(serializers.Serializer):
    data = PricingDataSerializer()


class PricingQuerySerializer(serializers.Serializer):
    asOf = serializers.DateField(
        required=False, input_formats=["%Y-%m-%d"], help_text="The price in force on this date (YYYY-MM-DD)."
    )
    provider = NoNulCharField(
        required=False, max_length=100, help_text="Host provider slug: its price instead of the canonical one."
    )
    source = NoNulCharField(
        required=False,
        max_length=50,
        help_text="That source's price series (models-dev, litellm, genai-prices, openrouter, curator) "
        "instead of the one served.",
    )


@extend_schema_field({"type": "number", "minimum": 0, "maximum": MAX_VOLUME})
class StrictNumberField(serializers.Field):
    """A JSON number (not a string or boolean), finite, 0..MAX_VOLUME, as a Decimal."""

    default_error_messages = {
        "invalid": "Must be a number.",
        "integer": "Must be a whole number.",
        "range": f"Must be between 0 and {MAX_VOLUME}.",
    }

    def __init__(self, *, integer: bool = False, **kwargs):
        self.integer = integer
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail("invalid")
        if isinstance(data, float) and not math.isfinite(data):
            self.fail("invalid")
        if self.integer and not isinstance(data, int):
            self.fail("integer")
        # str() of a float is its shortest round-trip text, so 0.1 becomes Decimal("0.1").
        value = Decimal(data) if isinstance(data, int) else Decimal(str(data))
        if not 0 <= value <= MAX_VOLUME:
            self.fail("range")
        return value

    def to_representation(self, value):
        return value


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_VOLUME})
class StrictCountField(StrictNumberField):
    """A StrictNumberField that must be a JSON integer."""

    def __init__(self, **kwargs):
        super().__init__(integer=True, **kwargs)


USAGE_FIELDS = ("monthlyTokens", "monthlyInputTokens", "monthlyOutputTokens", "monthlyImages", "monthlyVideoMinutes")


class PricingCalculateSerializer(serializers.Serializer):
    """The calculator body. Keys not declared here are ignored."""

    monthlyTokens = StrictNumberField(
        required=False,
        help_text="Monthly tokens, priced as this many input tokens plus 20% as many output tokens.",
    )
    monthlyInputTokens = StrictNumberField(
        required=False, help_text="Exact monthly input tokens; with monthlyOutputTokens replaces the 20% rule."
    )
    monthlyOutputTokens = StrictNumberField(required=False, help_text="Exact monthly output tokens.")
    monthlyImages = StrictCountField(required=False, help_text="Monthly generated images.")
    monthlyVideoMinutes = StrictNumberField(required=False, help_text="Monthly minutes of generated video.")
    category = NoNulCharField(required=False, max_length=100, help_text="Category slug; includes its subcategories.")
    limit = BodyLimitField(default=20, max_value=100, help_text="How many estimates to return, cheapest first (1-100).")

    def validate(self, attrs):
        if not any(name in attrs for name in USAGE_FIELDS):
            raise serializers.ValidationError(
                {"usage": [f"Give at least one usage metric: {', '.join(USAGE_FIELDS)}."]}
            )
        return attrs

    def usage(self) -> Usage:
        data = self.validated_data
        return Usage.from_volumes(
            tokens=data.get("monthlyTokens"),
            input_tokens=data.get("monthlyInputTokens"),
            output_tokens=data.get("monthlyOutputTokens"),
            images=data.get("monthlyImages"),
            video_minutes=data.get("monthlyVideoMinutes"),
        )


def document_usage_rule(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK: the calculator needs a body with at least one usage metric.

    No single field is required, so the generated schema would make the body
    optional and every field in it too; anyOf states the rule.
    """
    body = result.get("components", {}).get("schemas", {}).get("PricingCalculateRequest")
    if body is not None:
        body["anyOf"] = [{"required": [name]} for name in USAGE_FIELDS]
    operation = result.get("paths", {}).get("/v1/pricing/calculate", {}).get("post")
    if operation is not None and "requestBody" in operation:
        operation["requestBody"]["required"] = True
    return result


class CostEstimateSerializer(serializers.Serializer):
    model = PricingModelRefSerializer()
    estimated_monthly_cost = serializers.DecimalField(
        max_digits=40, decimal_places=2, coerce_to_string=False, help_text="USD, rounded to cents."
    )
    breakdown = serializers.DictField(
        child=serializers.DecimalField(max_digits=60, decimal_places=30, coerce_to_string=False),
        help_text="Exact USD per component: input_cost, output_cost, image_cost, video_cost (those used).",
    )
    pricing = serializers.DictField(
        child=serializers.DecimalField(max_digits=20, decimal_places=10, coerce_to_string=False),
        help_text="The prices the estimate used, named as in the pricing endpoint.",
    )


class CalculatorUsageSerializer(serializers.Serializer):
    monthly_tokens = serializers.DecimalField(
        max_digits=40, decimal_places=10, coerce_to_string=False, help_text="monthlyTokens, or the exact mix's sum."
    )
    monthly_input_tokens = serializers.DecimalField(max_digits=40, decimal_places=10, coerce_to_string=False)
    monthly_output_tokens = serializers.DecimalField(max_digits=40, decimal_places=10, coerce_to_string=False)
    monthly_images = serializers.IntegerField()
    monthly_video_minutes = serializers.DecimalField(max_digits=40, decimal_places=10, coerce_to_string=False)


class PricingCalculateResponseSerializer(serializers.Serializer):
    data = CostEstimateSerializer(
        many=True, help_text="The `limit` cheapest models with the prices the usage needs, cheapest first."
    )
    usage = CalculatorUsageSerializer()
    count = serializers.IntegerField(help_text="Estimates in `data`.")
    total = serializers.IntegerField(
        help_text="Models with the prices the usage needs; above `count` when cut by `limit`."
    )
