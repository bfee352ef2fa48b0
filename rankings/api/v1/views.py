"""v1 rankings endpoints: a model's scores and signals, leaderboards, their history and movers.

Every body is cached under the data version (a recompute, an ingest or a
curator edit bumps it), so nothing here is invalidated by hand. The cache key
holds the slugs as requested, so a cached read makes no query at all; an
unknown slug raises inside the build and is never cached.
"""

from datetime import datetime

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound

from aimodelsmap.api.caching import CachedSlugReadView
from aimodelsmap.api.schema import v1_errors
from models_registry.api.lookups import category_or_404, model_or_404
from rankings import selectors
from rankings.api.v1 import serializers as s
from rankings.cache import LEADERBOARD_CACHE_NAMESPACE

MODEL_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Model slug or any of its aliases.")
CATEGORY_SLUG = OpenApiParameter("category", str, OpenApiParameter.PATH, description="Category slug.")


def _iso_or_none(moment: datetime | None) -> str | None:
    return selectors.iso_z(moment) if moment is not None else None


def _dates(params: dict) -> dict:
    return {"start": params.get("startDate"), "end": params.get("endDate")}


def documented(operation_id: str, tag: str, path_parameter: OpenApiParameter, response):
    """The OpenAPI description of a CachedSlugReadView's GET: its path slug, query and 200 body."""

    def decorate(view):
        schema = extend_schema(
            operation_id=operation_id,
            tags=[tag],
            parameters=[path_parameter, view.query_serializer_class],
            responses={200: response, **v1_errors(400, 401, 404, 429)},
        )
        return extend_schema_view(get=schema)(view)

    return decorate


@documented("v1_models_scores", "models", MODEL_SLUG, s.ModelScoresResponseSerializer)
class ModelScoresView(CachedSlugReadView):
    """A model's score history per category: its last score of each day (or ISO week), oldest first."""

    serializer_class = s.ScorePointSerializer
    query_serializer_class = s.ModelScoresQuerySerializer
    cache_namespace = "model-scores"

    def build_body(self, slug, params) -> dict:
        model = model_or_404(slug)
        category = category_or_404(params["category"]) if params.get("category") else None
        points = selectors.model_score_history(
            model, category=category, granularity=params["granularity"], **_dates(params)
        )
        data = self.get_serializer(points, many=True).data
        return {"data": data, "model": model.slug, "granularity": params["granularity"], "count": len(data)}


@documented("v1_models_signals", "models", MODEL_SLUG, s.ModelSignalsResponseSerializer)
class ModelSignalsView(CachedSlugReadView):
    """The signals behind a model's scores (quality, usage, demand, cost, trust, social, expert), newest first."""

    serializer_class = s.SignalSerializer
    query_serializer_class = s.ModelSignalsQuerySerializer
    cache_namespace = "model-signals"

    def build_body(self, slug, params) -> dict:
        model = model_or_404(slug)
        signals = selectors.model_signals(model, signal_type=params.get("signalType"), **_dates(params))
        data = self.get_serializer(signals, many=True).data
        return {"data": data, "model": model.slug, "count": len(data)}


@documented("v1_rankings_retrieve", "rankings", CATEGORY_SLUG, s.RankingResponseSerializer)
class RankingView(CachedSlugReadView):
    """A category's current leaderboard by rank; later pages of a cursor keep the leaderboard of its first page.

    `compared_with` names the published runs the rows' `change_24h` / `change_7d` compare with (null: none).
    """

    serializer_class = s.RankingEntrySerializer
    query_serializer_class = s.RankingQuerySerializer
    cache_namespace = LEADERBOARD_CACHE_NAMESPACE

    def build_body(self, slug, params) -> dict:
        body = selectors.leaderboard_body(slug, limit=params["limit"], cursor=params.get("cursor") or None)
        if body is None:
            raise NotFound("Category not found.")
        return body


@documented("v1_rankings_history", "rankings", CATEGORY_SLUG, s.RankingHistoryResponseSerializer)
class RankingHistoryView(CachedSlugReadView):
    """A category's last leaderboard of each day: its top 10, or one model's rows with `modelSlug`."""

    serializer_class = s.RankingHistoryEntrySerializer
    query_serializer_class = s.RankingHistoryQuerySerializer
    cache_namespace = "rankings-history"

    def build_body(self, slug, params) -> dict:
        category = category_or_404(slug)
        model = model_or_404(params["modelSlug"]) if params.get("modelSlug") else None
        data = selectors.ranking_history(category, model=model, **_dates(params))
        return {"data": data, "category": category.slug, "count": len(data)}


@documented("v1_rankings_movers", "rankings", CATEGORY_SLUG, s.MoversResponseSerializer)
class MoversView(CachedSlugReadView):
    """The models whose rank in a category moved most over the period: gainers and losers."""

    serializer_class = s.MoverEntrySerializer
    query_serializer_class = s.MoversQuerySerializer
    cache_namespace = "rankings-movers"

    def build_body(self, slug, params) -> dict:
        category = category_or_404(slug)
        moved = selectors.movers(category, period=params["period"], limit=params["limit"])
        data = {
            "gainers": self.get_serializer(moved.gainers, many=True).data,
            "losers": self.get_serializer(moved.losers, many=True).data,
        }
        return {
            "data": data,
            "category": category.slug,
            "period": params["period"],
            "compared_with": _iso_or_none(moved.compared_with),
        }
