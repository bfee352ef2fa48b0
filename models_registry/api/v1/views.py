"""v1 catalog endpoints: models, model search and comparison, categories, and what any model id names."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from aimodelsmap.api.caching import cached_json
from aimodelsmap.api.errors import NotFoundWithDetails
from aimodelsmap.api.fields import validate_query
from aimodelsmap.api.schema import V1_READ_ERRORS, paginated, v1_errors
from models_registry import selectors
from models_registry.api.lookups import category_or_404, model_or_404
from models_registry.api.v1 import serializers as s
from models_registry.identity.lookup import id_lookup
from models_registry.models import Category, Model, Provider
from models_registry.search import VersionedIndex
from pricing.selectors import canonical_prices

SEARCH_INDEX = VersionedIndex(selectors.search_documents)
UNKNOWN_ID = "No model has this id."
RULED_OUT_ID = "A curator ruled that this id names no model."
SLUG_PARAMETER = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    description=(
        'Model slug or any of its aliases; an alias may hold "/", as is or encoded as %2F. '
        "A source's prefix (openrouter:deepseek/deepseek-chat) gives that source's own meaning of the id."
    ),
)


def _existing(model_class, slug: str, parameter: str):
    obj = model_class.objects.filter(slug=slug).first()
    if obj is None:
        raise ValidationError({parameter: [f'Unknown {parameter} "{slug}".']})
    return obj


class ModelListView(GenericAPIView):
    serializer_class = s.ModelSummarySerializer

    @extend_schema(
        operation_id="v1_models_list",
        tags=["models"],
        parameters=[s.ModelListQuerySerializer],
        responses={200: paginated("ModelListResponse", s.ModelSummarySerializer), **v1_errors(*V1_READ_ERRORS)},
    )
    def get(self, request):
        return cached_json("models", request, lambda: self._page(validate_query(s.ModelListQuerySerializer, request)))

    def _page(self, params: dict) -> dict:
        category = _existing(Category, params["category"], "category") if "category" in params else None
        provider = _existing(Provider, params["provider"], "provider") if "provider" in params else None
        score_category_id = category.pk if category is not None else selectors.overall_category_id()
        query = selectors.ModelListQuery(
            category=category,
            provider_id=provider.pk if provider else None,
            status=params.get("status"),
            search=params.get("search") or None,
            sort_by=params["sort_by"],
            sort_order=params["sort_order"],
        )
        filters = [params.get(name) or "" for name in ("category", "provider", "status", "search")]
        page = selectors.model_list_page(
            query,
            score_category_id=score_category_id,
            limit=params["limit"],
            cursor=params.get("cursor") or None,
            scope=f"models:{query.sort_by}:{query.sort_order}:" + "|".join(filters),
        )
        return {"data": self.get_serializer(page.rows, many=True).data, "pagination": page.pagination()}


class ModelDetailView(GenericAPIView):
    serializer_class = s.ModelDetailSerializer

    @extend_schema(
        operation_id="v1_models_retrieve",
        tags=["models"],
        parameters=[SLUG_PARAMETER, s.ModelDetailQuerySerializer],
        responses={200: s.ModelDetailResponseSerializer, **v1_errors(400, 401, 404, 429)},
    )
    def get(self, request, slug: str):
        def build():
            params = validate_query(s.ModelDetailQuerySerializer, request)
            return self._detail(model_or_404(slug, as_of=params.get("asOf")))

        # Keyed on the slug or alias as requested and the raw query: a hit makes no query,
        # and an unknown one is never cached.
        return cached_json("model", request, build, slug=slug)

    def _detail(self, model: Model) -> dict:
        model.alias_names = list(model.aliases.order_by("alias").values_list("alias", flat=True))
        model.category_list = list(model.categories.order_by("display_order", "slug"))
        model.score_rows = selectors.all_scores_for([model.pk]).get(model.pk, [])
        model.price = canonical_prices([model.pk]).get(model.pk)
        return {"data": self.get_serializer(model).data}


class ModelSearchView(GenericAPIView):
    """Rows are built straight from the index's documents: the response is the
    whole cost of a search besides scoring, and a serializer per row would
    cost as much as the scoring itself. The schema is SearchResponseSerializer."""

    @extend_schema(
        operation_id="v1_models_search",
        tags=["models"],
        parameters=[s.SearchQuerySerializer],
        responses={200: s.SearchResponseSerializer, **v1_errors(*V1_READ_ERRORS)},
    )
    def get(self, request):
        # Popular queries repeat; an answer holds until the data version changes.
        return cached_json("search", request, lambda: self._search(validate_query(s.SearchQuerySerializer, request)))

    def _search(self, params: dict) -> dict:
        query, limit = params["q"], params["limit"]
        hits = SEARCH_INDEX.get().search(query, limit=limit)
        data = [
            {"slug": doc.slug, "name": doc.name, "provider": doc.provider_name, "score": doc.score}
            for doc in (hit.document for hit in hits)
        ]
        return {"data": data, "query": query, "count": len(data)}


class ModelCompareView(GenericAPIView):
    serializer_class = s.CompareEntrySerializer

    @extend_schema(
        operation_id="v1_models_compare",
        tags=["models"],
        parameters=[s.CompareQuerySerializer],
        responses={200: s.CompareResponseSerializer, **v1_errors(*V1_READ_ERRORS)},
    )
    def get(self, request):
        requested = validate_query(s.CompareQuerySerializer, request)["slugs"]
        resolved = selectors.models_by_slugs_or_aliases(requested)
        # Two requested names may resolve to one model; it is compared once.
        models = list({model.pk: model for model in resolved.values()}.values())
        ids = [model.pk for model in models]
        scores = selectors.all_scores_for(ids)
        prices = canonical_prices(ids)
        slugs_by_model = selectors.category_slugs_for(ids)
        for model in models:
            model.score_rows = scores.get(model.pk, [])
            model.price = prices.get(model.pk)
            model.category_slugs = slugs_by_model.get(model.pk, [])
        entries = self.get_serializer(models, many=True).data
        return Response(
            {"data": entries, "slugs_requested": requested, "slugs_found": [model.slug for model in models]}
        )


class CategoryListView(GenericAPIView):
    serializer_class = s.CategoryNodeSerializer

    @extend_schema(
        operation_id="v1_categories_list",
        tags=["categories"],
        responses={200: s.CategoryListResponseSerializer, **v1_errors(401, 429)},
    )
    def get(self, request):
        return cached_json("categories", request, self._tree)

    def _tree(self) -> dict:
        return {"data": self.get_serializer(selectors.category_tree(), many=True).data}


class CategoryDetailView(GenericAPIView):
    serializer_class = s.CategoryDetailSerializer

    @extend_schema(
        operation_id="v1_categories_retrieve",
        tags=["categories"],
        parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Category slug.")],
        responses={200: s.CategoryDetailResponseSerializer, **v1_errors(401, 404, 429)},
    )
    def get(self, request, slug: str):
        return cached_json("category", request, lambda: self._detail(slug), slug=slug)

    def _detail(self, slug: str) -> dict:
        category = category_or_404(slug, Category.objects.select_related("parent"))
        category.ordered_children = list(category.children.order_by("display_order", "slug"))
        category.model_count = selectors.category_model_count(category)
        return {"data": self.get_serializer(category).data}


class ResolveView(GenericAPIView):
    """Which model an external id is, by the rules ingestion applies (``IdentityResolver.explain``)."""

    serializer_class = s.ResolutionSerializer

    @extend_schema(
        operation_id="v1_resolve",
        tags=["models"],
        summary="Resolve any model id",
        description=(
            "Says which model (and variant) an id that any source uses names, the rule that matched "
            "and the alias or curator ruling it rests on. Rules, first match wins: "
            "`ignored_for_source` and `ruling_for_source` (only when `source` is given), `ignored_for_all_sources`, "
            "`exact_alias`, `normalized_alias`, `ruling_for_all_sources`, `host_deployment` (the id without a "
            "host's quantisation or deployment mark, such as `-fp8`, or a host's serving tier for the chat release "
            "it serves: Groq's `llama-3.3-70b-versatile` is Llama 3.3 70B Instruct), then `maker_prefix` (the id "
            "without its maker's name, when it starts with a creator's slug), then `republished` (an unknown org's "
            "`org/name` whose name alone is a known release: `unsloth/gemma-3-12b-it`), then `host_route` (the id "
            "without a provider's name before or after it: `azure-gpt-4o`) and `listed_name` (ingestion only: "
            "the listing's name names the release). When the model found "
            "is a floating name (gpt-4o), `dated_target` gives the snapshot it served on `asOf` (today by default) and "
            "`source_meaning` the named source's own meaning of the id (`source`, or a prefix such as "
            "`openrouter:deepseek/deepseek-chat`). A miss, or an id a curator ruled out, "
            "is a 404 whose `details` list the closest models."
        ),
        parameters=[s.ResolveQuerySerializer],
        responses={
            200: s.ResolveResponseSerializer,
            404: OpenApiResponse(
                s.ResolveNotFoundSerializer,
                description="No rule matched the id, or a curator ruled it out; `details` list the closest models.",
            ),
            **v1_errors(*V1_READ_ERRORS),
        },
    )
    def get(self, request):
        # Without asOf the answer is today's: a floating name may switch targets overnight.
        return cached_json(
            "resolve",
            request,
            lambda: self._resolve(validate_query(s.ResolveQuerySerializer, request)),
            day=timezone.localdate().isoformat(),
        )

    def _resolve(self, params: dict) -> dict:
        lookup = id_lookup(raw_id=params["id"], source=params.get("source"), as_of=params.get("asOf"))
        if lookup.model is None:
            message = UNKNOWN_ID if lookup.match is None else RULED_OUT_ID
            raise NotFoundWithDetails(message, details=s.ResolveMissSerializer(lookup).data)
        return {"data": self.get_serializer(lookup).data}
