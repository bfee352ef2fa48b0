"""v1 review serializers: the strict submission body and the review shape."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from aimodelsmap.api.fields import EnumField, LimitField, NoNulCharField
from reviews.models import AUTHOR_NAME_MAX, BODY_MAX, BODY_MIN, TITLE_MAX, USE_CASE_MAX, Review

REVIEW_SORTS = ("recent", "helpful", "rating_high", "rating_low")


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer and nothing else: 4.5, 5.0, "5", true and null are refused."""

    default_error_messages = {"invalid": "Must be a JSON integer."}

    def to_internal_value(self, data):
        # bool is an int subclass in Python; JSON true must not count as 1.
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictTextField(NoNulCharField):
    """A JSON string (numbers are not coerced), trimmed, without NUL bytes."""

    default_error_messages = {"invalid": "Must be a string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# Text with at least one character that is not whitespace (the field trims it) and no NUL.
NON_BLANK_PATTERN = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


@extend_schema_field({"type": "string", "minLength": 1, "maxLength": AUTHOR_NAME_MAX, "pattern": NON_BLANK_PATTERN})
class AuthorNameField(StrictTextField):
    """``authorName``: trimmed, so it must contain something besides whitespace, as its schema says."""


class ReviewSubmitSerializer(serializers.Serializer):
    """The POST body. Keys not declared here are ignored."""

    rating = StrictIntegerField(min_value=1, max_value=5, help_text="Overall rating, an integer from 1 to 5.")
    body = StrictTextField(min_length=BODY_MIN, max_length=BODY_MAX, help_text="Review text (10-5000 characters).")
    authorName = AuthorNameField(min_length=1, max_length=AUTHOR_NAME_MAX, help_text="Display name (1-100, not blank).")
    title = StrictTextField(
        required=False, allow_null=True, allow_blank=True, max_length=TITLE_MAX, help_text="Title (max 200)."
    )
    useCase = StrictTextField(
        required=False, allow_null=True, allow_blank=True, max_length=USE_CASE_MAX, help_text="Use case (max 500)."
    )

    def to_service_kwargs(self) -> dict:
        data = self.validated_data
        return {
            "rating": data["rating"],
            "body": data["body"],
            "author_name": data["authorName"],
            # An empty optional field is the same as leaving it out.
            "title": data.get("title") or None,
            "use_case": data.get("useCase") or None,
        }


class ReviewSerializer(serializers.ModelSerializer):
    id = serializers.SerializerMethodField()
    verified = serializers.BooleanField(
        source="account.is_verified", read_only=True, help_text="The author's account was verified by a curator."
    )

    class Meta:
        model = Review
        fields = ["id", "author_name", "rating", "title", "body", "use_case", "verified", "helpful_count", "created_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(help_text="Opaque review id, e.g. rev_8f3k2m."))
    def get_id(self, review: Review) -> str:
        return review.public_id


class ReviewListQuerySerializer(serializers.Serializer):
    sortBy = EnumField(REVIEW_SORTS, default="recent", help_text="Sort order.")
    cursor = NoNulCharField(required=False, help_text="Opaque cursor from a previous response.")
    limit = LimitField(default=20)


class RatingDistributionSerializer(serializers.Serializer):
    one = serializers.IntegerField()
    two = serializers.IntegerField()
    three = serializers.IntegerField()
    four = serializers.IntegerField()
    five = serializers.IntegerField()

    def get_fields(self):
        # The JSON keys are the ratings "1".."5", which are not Python names.
        fields = super().get_fields()
        return {str(index): fields[name] for index, name in enumerate(fields, start=1)}


class ReviewSummarySerializer(serializers.Serializer):
    average_rating = serializers.FloatField(
        allow_null=True, help_text="Mean rating, one decimal; null without reviews."
    )
    total_reviews = serializers.IntegerField()
    rating_distribution = RatingDistributionSerializer(help_text="Reviews per rating; all five keys present.")
