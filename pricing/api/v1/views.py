"""v1 pricing endpoints: a model's price and history, and the cost calculator."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from aimodelsmap.api.fields import validate_query
from aimodelsmap.api.schema import v1_errors
from models_registry.api.lookups import category_or_404, model_or_404, provider_or_404
from models_registry.models import Model, Provider
from models_registry.selectors import category_subtree_ids
from pricing.api.v1.serializers import (
    PricingCalculateResponseSerializer,
    PricingCalculateSerializer,
    PricingCurrentSerializer,
    PricingHistoryEntrySerializer,
    PricingQuerySerializer,
    PricingResponseSerializer,
)
from pricing.selectors import model_price_history, price_estimate_rows


class ModelPricingView(GenericAPIView):
    serializer_class = PricingResponseSerializer

    @extend_schema(
        operation_id="v1_model_pricing",
        tags=["pricing"],
        summary="A model's current price and price history",
        description=(
            "`current` is the canonical endpoint's price in force (the creator's own API where it has a "
            "price, otherwise a host's), from the most authoritative source pricing it (curator, the seller's "
            "own price list, models.dev, genai-prices, LiteLLM); `history` is the same endpoint's older prices "
            "from that same source, newest first. `asOf` gives the price in force on a date; `provider` a "
            "host's price instead of the canonical one; `source` that source's series instead."
        ),
        parameters=[
            OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Model slug (or one of its aliases)."),
            PricingQuerySerializer,
        ],
        responses={200: PricingResponseSerializer, **v1_errors(400, 401, 404, 429)},
    )
    def get(self, request, slug: str):
        params = validate_query(PricingQuerySerializer, request)
        model = model_or_404(slug)
        host = _host_or_404(model, params.get("provider"))
        prices = model_price_history(model=model, on=params.get("asOf"), host=host, source=params.get("source"))
        current = PricingCurrentSerializer(prices.current).data if prices.current is not None else None
        history = PricingHistoryEntrySerializer(prices.history, many=True).data
        return Response({"data": {"current": current, "history": history}})


def _host_or_404(model: Model, slug: str | None) -> Provider | None:
    if slug is None:
        return None
    host = provider_or_404(slug)
    if not model.endpoints.filter(host=host).exists():
        raise NotFound(f"{model.name} is not served by {host.name}.")
    return host


class PricingCalculateView(GenericAPIView):
    serializer_class = PricingCalculateSerializer

    @extend_schema(
        operation_id="v1_pricing_calculate",
        tags=["pricing"],
        summary="Estimate monthly costs across models",
        description=(
            "Input cost = input tokens / 1M x input price; output cost = output tokens / 1M x output price; "
            "images x image price; video minutes x video price. With `monthlyTokens` the input volume is "
            "`monthlyTokens` and the output volume 20% of it (the ratio of the documented example); "
            "`monthlyInputTokens`/`monthlyOutputTokens` give an exact mix instead. Only models with every "
            "price the usage needs are listed, cheapest first; `estimated_monthly_cost` is the sum of the "
            "breakdown rounded half-up to cents. At least one usage metric is required. `limit` (default 20, "
            "at most 100) keeps the cheapest; `total` says how many models could be priced."
        ),
        request=PricingCalculateSerializer,
        responses={200: PricingCalculateResponseSerializer, **v1_errors(400, 401, 404, 413, 415, 429)},
    )
    def post(self, request):
        serializer = PricingCalculateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        usage = serializer.usage()
        category_ids = None
        if "category" in serializer.validated_data:
            category_ids = category_subtree_ids(category_or_404(serializer.validated_data["category"]))
        rows = price_estimate_rows(usage, category_ids=category_ids)
        data = rows[: serializer.validated_data["limit"]]
        exact_mix = {"monthlyInputTokens", "monthlyOutputTokens"} & set(serializer.validated_data)
        tokens = usage.input_tokens + usage.output_tokens if exact_mix else usage.input_tokens
        body = {
            "data": data,
            "usage": {
                "monthly_tokens": tokens,
                "monthly_input_tokens": usage.input_tokens,
                "monthly_output_tokens": usage.output_tokens,
                "monthly_images": int(usage.images),
                "monthly_video_minutes": usage.video_minutes,
            },
            "count": len(data),
            "total": len(rows),
        }
        return Response(body)
