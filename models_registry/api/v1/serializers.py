"""v1 catalog shapes, field for field as the spec writes them, and the query parameters."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from aimodelsmap.api.fields import EnumField, LimitField, NoNulCharField
from models_registry.models import Model
from models_registry.selectors import SORT_FIELDS, SORT_ORDERS

MAX_SEARCH_LENGTH = 200
MAX_CURSOR_LENGTH = 2000
COMPARE_MIN, COMPARE_MAX = 2, 4


class BlankAsNullCharField(serializers.CharField):
    """Optional text stored as "" and served as null."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


# --- query parameters -----------------------------------------------------------


class ModelListQuerySerializer(serializers.Serializer):
    category = NoNulCharField(required=False, max_length=100, help_text="Category slug; includes its subcategories.")
    provider = NoNulCharField(required=False, max_length=100, help_text="Creator's provider slug.")
    status = EnumField(Model.Status.values, required=False, help_text="Lifecycle status.")
    search = NoNulCharField(
        required=False, allow_blank=True, max_length=MAX_SEARCH_LENGTH, help_text="Substring of name, slug or alias."
    )
    sort_by = EnumField(SORT_FIELDS, default="score", help_text="Sort field. Unscored models always come last.")
    sort_order = EnumField(SORT_ORDERS, default="desc", help_text="Direction of the sort field's values.")
    cursor = NoNulCharField(
        required=False,
        allow_blank=True,
        max_length=MAX_CURSOR_LENGTH,
        help_text="next_cursor of the previous page; absent or blank for the first page.",
    )
    limit = LimitField(help_text="Page size, 1-100.")


class SearchQuerySerializer(serializers.Serializer):
    q = NoNulCharField(max_length=MAX_SEARCH_LENGTH, help_text="Search text (typo-tolerant).")
    limit = LimitField(help_text="Results to return, 1-100.")


# 2 to 4 comma-separated slugs, none blank and none with NUL, as the schema can state it.
# That they are distinct is checked in validate_slugs; no schema keyword says it.
_COMPARE_SLUG = "[^,\\u0000]*[^,\\s\\u0000][^,\\u0000]*"
COMPARE_SLUGS_PATTERN = f"^{_COMPARE_SLUG}(,{_COMPARE_SLUG}){{{COMPARE_MIN - 1},{COMPARE_MAX - 1}}}$"


@extend_schema_field({"type": "string", "maxLength": 1000, "pattern": COMPARE_SLUGS_PATTERN})
class CompareSlugsField(NoNulCharField):
    """``slugs``: the comma-separated list, validated in CompareQuerySerializer.validate_slugs."""


class CompareQuerySerializer(serializers.Serializer):
    slugs = CompareSlugsField(max_length=1000, help_text="Comma-separated model slugs or aliases (2-4, distinct).")

    def validate_slugs(self, value: str) -> list[str]:
        slugs = [slug.strip() for slug in value.split(",")]
        if any(not slug for slug in slugs):
            raise serializers.ValidationError("Slugs must be non-empty and separated by single commas.")
        if len(set(slugs)) != len(slugs):
            raise serializers.ValidationError("Each slug may appear only once.")
        if not COMPARE_MIN <= len(slugs) <= COMPARE_MAX:
            raise serializers.ValidationError(f"Give between {COMPARE_MIN} and {COMPARE_MAX} slugs.")
        return slugs


# --- shared pieces ---------------------------------------------------------------


class ProviderRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class CategoryRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PriceFieldsSerializer(serializers.Serializer):
    input_price_per_million = serializers.DecimalField(
        20, 10, source="input_per_million", coerce_to_string=False, allow_null=True
    )
    output_price_per_million = serializers.DecimalField(
        20, 10, source="output_per_million", coerce_to_string=False, allow_null=True
    )
    image_price = serializers.DecimalField(20, 10, coerce_to_string=False, allow_null=True)
    video_price_per_minute = serializers.DecimalField(
        20, 10, source="video_per_minute", coerce_to_string=False, allow_null=True
    )


class DatedPriceSerializer(PriceFieldsSerializer):
    updated_at = serializers.DateField(source="effective_from", help_text="Date the price took effect.")


class ScoreBriefSerializer(serializers.Serializer):
    category = serializers.CharField(source="category.slug")
    score = serializers.FloatField()
    quality_rank = serializers.IntegerField()
    adoption_rank = serializers.IntegerField()
    state = serializers.CharField()


class ScoreEntrySerializer(ScoreBriefSerializer):
    recorded_at = serializers.DateTimeField()


# --- models ----------------------------------------------------------------------


class ModelSummarySerializer(serializers.Serializer):
    """A list row. Score fields come from the listed category's Score row (``overall`` by default)."""

    slug = serializers.CharField()
    name = serializers.CharField()
    description = BlankAsNullCharField()
    model_type = serializers.CharField()
    status = serializers.ChoiceField(Model.Status.choices)
    provider = ProviderRefSerializer(source="creator")
    score = serializers.FloatField(source="score_row.score", allow_null=True)
    quality_rank = serializers.IntegerField(source="score_row.quality_rank", allow_null=True)
    adoption_rank = serializers.IntegerField(source="score_row.adoption_rank", allow_null=True)
    state = serializers.CharField(source="score_row.state", allow_null=True)
    context_window = serializers.IntegerField(allow_null=True)


class ModelDetailSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = BlankAsNullCharField()
    model_type = serializers.CharField()
    status = serializers.CharField()
    release_date = serializers.DateField(allow_null=True)
    context_window = serializers.IntegerField(allow_null=True)
    provider = ProviderRefSerializer(source="creator")
    aliases = serializers.ListField(child=serializers.CharField(), source="alias_names")
    categories = CategoryRefSerializer(many=True, source="category_list")
    scores = ScoreEntrySerializer(many=True, source="score_rows")
    pricing = DatedPriceSerializer(source="price", allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class SearchResultSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    provider = serializers.CharField(source="provider_name", help_text="Creator's name.")
    score = serializers.FloatField(allow_null=True, help_text="Overall score.")


class SearchResponseSerializer(serializers.Serializer):
    data = SearchResultSerializer(many=True)
    query = serializers.CharField()
    count = serializers.IntegerField()


class CompareModelSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = BlankAsNullCharField()
    model_type = serializers.CharField()
    provider = ProviderRefSerializer(source="creator")
    context_window = serializers.IntegerField(allow_null=True)
    release_date = serializers.DateField(allow_null=True)


class CompareEntrySerializer(serializers.Serializer):
    model = CompareModelSerializer(source="*")
    scores = ScoreBriefSerializer(many=True, source="score_rows")
    pricing = PriceFieldsSerializer(source="price", allow_null=True)
    categories = serializers.ListField(child=serializers.CharField(), source="category_slugs")


class CompareResponseSerializer(serializers.Serializer):
    data = CompareEntrySerializer(many=True)
    slugs_requested = serializers.ListField(child=serializers.CharField())
    slugs_found = serializers.ListField(child=serializers.CharField(), help_text="Canonical slugs that resolved.")


class ModelDetailResponseSerializer(serializers.Serializer):
    data = ModelDetailSerializer()


# --- categories ------------------------------------------------------------------


class CategoryNodeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = BlankAsNullCharField()
    display_order = serializers.IntegerField()

    def get_fields(self):
        # Declared here rather than as a class attribute: the node is recursive.
        fields = super().get_fields()
        fields["children"] = CategoryNodeSerializer(many=True, source="tree_children")
        return fields


class CategoryListResponseSerializer(serializers.Serializer):
    data = CategoryNodeSerializer(many=True)


class CategoryChildSerializer(CategoryRefSerializer):
    display_order = serializers.IntegerField()


class CategoryDetailSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = BlankAsNullCharField()
    parent = CategoryRefSerializer(allow_null=True)
    children = CategoryChildSerializer(many=True, source="ordered_children")
    model_count = serializers.IntegerField(help_text="Distinct models in this category and its descendants.")
    display_order = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class CategoryDetailResponseSerializer(serializers.Serializer):
    data = CategoryDetailSerializer()
