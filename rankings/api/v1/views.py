"""v1 rankings endpoints: a model's scores and signals, leaderboards, their history and movers.

Every body is cached under the data version (a recompute, an ingest or a
curator edit bumps it), so nothing here is invalidated by hand. The cache key
holds the slugs as requested, so a cached read makes no query at all; an
unknown slug raises inside the build and is never cached.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from aimodelsmap.api.fields import validate_query
from aimodelsmap.api.schema import v1_errors
from models_registry.api.v1.caching import cached_body
from models_registry.models import Category, Model
from models_registry.selectors import model_by_slug_or_alias
from rankings import selectors
from rankings.api.v1 import serializers as s

MODEL_SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Model slug or any of its aliases.")
CATEGORY_SLUG = OpenApiParameter("category", str, OpenApiParameter.PATH, description="Category slug.")


def _model(slug: str) -> Model:
    model = model_by_slug_or_alias(slug)
    if model is None:
        raise NotFound("Model not found.")
    return model


def _category(slug: str) -> Category:
    category = None if "\x00" in slug else Category.objects.filter(slug=slug).first()
    if category is None:
        raise NotFound("Category not found.")
    return category


def _dates(params: dict) -> dict:
    return {"start": params.get("startDate"), "end": params.get("endDate")}


class ModelScoresView(GenericAPIView):
    serializer_class = s.ScorePointSerializer

    @extend_schema(
        operation_id="v1_models_scores",
        tags=["models"],
        parameters=[MODEL_SLUG, s.ModelScoresQuerySerializer],
        responses={200: s.ModelScoresResponseSerializer, **v1_errors(400, 401, 404, 429)},
    )
    def get(self, request, slug: str):
        params = validate_query(s.ModelScoresQuerySerializer, request)
        return Response(cached_body("model-scores", {**params, "slug": slug}, lambda: self._body(slug, params)))

    def _body(self, slug, params) -> dict:
        model = _model(slug)
        category = _category(params["category"]) if params.get("category") else None
        points = selectors.model_score_history(
            model, category=category, granularity=params["granularity"], **_dates(params)
        )
        data = self.get_serializer(points, many=True).data
        return {"data": data, "model": model.slug, "granularity": params["granularity"], "count": len(data)}


class ModelSignalsView(GenericAPIView):
    serializer_class = s.SignalSerializer

    @extend_schema(
        operation_id="v1_models_signals",
        tags=["models"],
        parameters=[MODEL_SLUG, s.ModelSignalsQuerySerializer],
        responses={200: s.ModelSignalsResponseSerializer, **v1_errors(400, 401, 404, 429)},
    )
    def get(self, request, slug: str):
        params = validate_query(s.ModelSignalsQuerySerializer, request)
        return Response(cached_body("model-signals", {**params, "slug": slug}, lambda: self._body(slug, params)))

    def _body(self, slug, params) -> dict:
        model = _model(slug)
        signals = selectors.model_signals(model, signal_type=params.get("signalType"), **_dates(params))
        data = self.get_serializer(signals, many=True).data
        return {"data": data, "model": model.slug, "count": len(data)}


class RankingView(GenericAPIView):
    serializer_class = s.RankingEntrySerializer

    @extend_schema(
        operation_id="v1_rankings_retrieve",
        tags=["rankings"],
        parameters=[CATEGORY_SLUG, s.RankingQuerySerializer],
        responses={200: s.RankingResponseSerializer, **v1_errors(400, 401, 404, 429)},
    )
    def get(self, request, category: str):
        # Keyed on the raw query, validated only when the body is built: the
        # body is a function of the raw query, an invalid one raises inside the
        # build and is never cached, and a hit (the leaderboard is the hottest
        # read) skips the query serializer.
        key = {"query": sorted(request.query_params.lists()), "slug": category}
        return Response(cached_body("rankings", key, lambda: self._body(category, request)))

    def _body(self, slug, request) -> dict:
        params = validate_query(s.RankingQuerySerializer, request)
        found = selectors.leaderboard_page(slug, limit=params["limit"], cursor=params.get("cursor") or None)
        if found is None:
            raise NotFound("Category not found.")
        category, page, at = found
        models = selectors.leaderboard_models(page.rows)
        recorded_at = selectors.iso_z(at) if at else None
        data = [selectors.ranking_entry(row, models[row.model_id], recorded_at) for row in page.rows]
        return {"data": data, "category": category.slug, "pagination": page.pagination()}


class RankingHistoryView(GenericAPIView):
    serializer_class = s.RankingHistoryEntrySerializer

    @extend_schema(
        operation_id="v1_rankings_history",
        tags=["rankings"],
        parameters=[CATEGORY_SLUG, s.RankingHistoryQuerySerializer],
        responses={200: s.RankingHistoryResponseSerializer, **v1_errors(400, 401, 404, 429)},
    )
    def get(self, request, category: str):
        params = validate_query(s.RankingHistoryQuerySerializer, request)
        key = {**params, "slug": category}
        return Response(cached_body("rankings-history", key, lambda: self._body(category, params)))

    def _body(self, slug, params) -> dict:
        category = _category(slug)
        model = _model(params["modelSlug"]) if params.get("modelSlug") else None
        data = selectors.ranking_history(category, model=model, **_dates(params))
        return {"data": data, "category": category.slug, "count": len(data)}


class MoversView(GenericAPIView):
    serializer_class = s.MoverEntrySerializer

    @extend_schema(
        operation_id="v1_rankings_movers",
        tags=["rankings"],
        parameters=[CATEGORY_SLUG, s.MoversQuerySerializer],
        responses={200: s.MoversResponseSerializer, **v1_errors(400, 401, 404, 429)},
    )
    def get(self, request, category: str):
        params = validate_query(s.MoversQuerySerializer, request)
        key = {**params, "slug": category}
        return Response(cached_body("rankings-movers", key, lambda: self._body(category, params)))

    def _body(self, slug, params) -> dict:
        category = _category(slug)
        gainers, losers = selectors.movers(category, period=params["period"], limit=params["limit"])
        data = {
            "gainers": self.get_serializer(gainers, many=True).data,
            "losers": self.get_serializer(losers, many=True).data,
        }
        return {"data": data, "category": category.slug, "period": params["period"]}
