"""v1 catalog shapes, field for field as the spec writes them, and the query parameters."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from aimodelsmap.api.fields import EnumField, LimitField, NoNulCharField
from aimodelsmap.api.schema import V1ErrorBodySerializer
from ingestion.sources import PIPELINES
from models_registry.identity.lookup import RELEASE_RULES, TARGET_RULES, split_source_prefix
from models_registry.identity.resolver import IGNORED_FOR_ALL_SOURCES, IGNORED_FOR_SOURCE, MAKER_PREFIX, RULES
from models_registry.models import AliasTarget, IdentityDecision, Model, ModelAlias
from models_registry.selectors import SORT_FIELDS, SORT_ORDERS

MAX_SEARCH_LENGTH = 200
MAX_CURSOR_LENGTH = 2000
COMPARE_MIN, COMPARE_MAX = 2, 4
MAX_ID_LENGTH = ModelAlias._meta.get_field("alias").max_length


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


class ModelDetailQuerySerializer(serializers.Serializer):
    asOf = serializers.DateField(
        required=False,
        input_formats=["iso-8601"],
        help_text=(
            "Date (YYYY-MM-DD): a floating name (gpt-4o) gives the snapshot it served that day. "
            "Absent: the model the id names (a floating name's own entry)."
        ),
    )


# --- resolve ---------------------------------------------------------------------


class ResolveQuerySerializer(serializers.Serializer):
    id = NoNulCharField(max_length=MAX_ID_LENGTH, help_text="The id as a source writes it (any host's spelling).")
    source = EnumField(
        PIPELINES,
        required=False,
        help_text="The source that uses the id; its rulings for its own ids then apply. Absent: every source.",
    )
    asOf = serializers.DateField(
        required=False,
        input_formats=["iso-8601"],
        help_text=(
            "Date (YYYY-MM-DD) the id was used: a floating name (gpt-4o) resolves to the snapshot it served "
            "that day. Absent: today."
        ),
    )

    def validate(self, attrs):
        prefixed, _ = split_source_prefix(attrs["id"], PIPELINES)
        if prefixed and attrs.get("source") not in (None, prefixed):
            raise serializers.ValidationError({"source": [f'The id names the source "{prefixed}".']})
        return attrs


class ResolvedModelSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    provider = serializers.CharField(source="creator.slug", help_text="The creator's slug.")
    variant_of = serializers.CharField(
        source="variant_of.slug", allow_null=True, help_text="Slug of the release this is a mode of, or null."
    )
    variant_label = BlankAsNullCharField(help_text='The mode ("thinking-32k", "high") when this is a variant.')


class AliasEvidenceSerializer(serializers.Serializer):
    alias = serializers.CharField(help_text="The alias as its source wrote it.")
    normalized = serializers.CharField()
    source = BlankAsNullCharField(help_text="Where the alias was seen.")
    created_at = serializers.DateTimeField()


class DecisionEvidenceSerializer(serializers.Serializer):
    action = serializers.ChoiceField(IdentityDecision.Action.values)
    raw_id = serializers.CharField(help_text="The id as the curator saw it.")
    normalized = serializers.CharField()
    source = BlankAsNullCharField(help_text="The source whose id the curator looked at.")
    source_only = serializers.BooleanField(help_text="The ruling holds for that source's id only.")
    decided_by = serializers.CharField(source="decided_by.get_username", allow_null=True, help_text="Curator.")
    decided_at = serializers.DateTimeField()
    note = BlankAsNullCharField(help_text="The curator's reason.")


class TargetEvidenceSerializer(serializers.Serializer):
    floating = serializers.CharField(source="floating.slug", help_text="Slug of the floating name's own entry.")
    source = BlankAsNullCharField(help_text="The source whose own meaning this is; null: the maker's.")
    valid_from = serializers.DateField(allow_null=True, help_text="First day served; null: since the name existed.")
    valid_to = serializers.DateField(allow_null=True, help_text="First day no longer served; null: still served.")
    basis = serializers.ChoiceField(AliasTarget.Basis.values, help_text="What the dates rest on.")
    evidence = serializers.DictField(help_text="The snapshot's date, or the source's statement and its day.")


class EvidenceSerializer(serializers.Serializer):
    alias = AliasEvidenceSerializer(allow_null=True, help_text="The alias row that matched, for alias rules.")
    decision = DecisionEvidenceSerializer(allow_null=True, help_text="The curator's ruling, for ruling rules.")
    target = TargetEvidenceSerializer(
        allow_null=True, help_text="The floating name's dated target or a source's own meaning that decided the model."
    )


class ResolutionSerializer(serializers.Serializer):
    id = serializers.CharField(source="raw_id", help_text="The id as asked.")
    normalized = serializers.CharField(help_text="The id's normal form.")
    source = serializers.CharField(allow_null=True)
    as_of = serializers.DateField(allow_null=True)
    model = ResolvedModelSerializer()
    rule = serializers.ChoiceField(
        RULES + RELEASE_RULES + TARGET_RULES,
        source="match.rule",
        help_text="The first rule that matched; dated_target or source_meaning when the id names a floating name; "
        "snapshot, spelling, deployment, named-as, weights-name or maker-name when only the rules that join a maker's "
        "records to a known release did.",
    )
    evidence = EvidenceSerializer(source="*")


class ResolveResponseSerializer(serializers.Serializer):
    data = ResolutionSerializer()


class CandidateSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField(help_text="Similarity, 70-100.")


class ResolveMissSerializer(serializers.Serializer):
    """``details`` of the 404: why nothing matched and the closest models."""

    id = serializers.CharField(source="raw_id")
    normalized = serializers.CharField()
    source = serializers.CharField(allow_null=True)
    as_of = serializers.DateField(allow_null=True)
    rule = serializers.ChoiceField(
        [IGNORED_FOR_SOURCE, IGNORED_FOR_ALL_SOURCES, MAKER_PREFIX],
        source="match.rule",
        allow_null=True,
        help_text=(
            "The curator's ruling that the id names no model (maker_prefix: a ruling on the id without "
            "its maker's name), or null when no rule matched."
        ),
    )
    evidence = EvidenceSerializer(source="*", help_text="The ignore ruling; both null when no rule matched.")
    candidates = CandidateSerializer(many=True, help_text="The closest models, best first (at most 5).")


class ResolveNotFoundBodySerializer(V1ErrorBodySerializer):
    details = ResolveMissSerializer()


class ResolveNotFoundSerializer(serializers.Serializer):
    error = ResolveNotFoundBodySerializer()
