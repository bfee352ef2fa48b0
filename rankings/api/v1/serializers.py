"""v1 rankings: query and response serializers (field names and shapes from the v1 contract)."""

import numpy as np
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from aimodelsmap.api.fields import EnumField, LimitField, NoNulCharField
from aimodelsmap.api.schema import CursorPaginationSerializer
from models_registry.api.v1.serializers import ProviderRefSerializer
from rankings.models import SignalType
from rankings.movement import PERIODS as MOVER_PERIODS

STATES = ["stable", "rising", "falling", "volatile", "new_entry"]


class DateRangeQuerySerializer(serializers.Serializer):
    startDate = serializers.DateField(required=False, help_text="Start of the range (YYYY-MM-DD), inclusive.")
    endDate = serializers.DateField(required=False, help_text="End of the range (YYYY-MM-DD), inclusive.")

    def validate(self, attrs):
        start, end = attrs.get("startDate"), attrs.get("endDate")
        if start and end and start > end:
            raise serializers.ValidationError({"startDate": ["startDate must not be after endDate."]})
        return attrs


class ModelScoresQuerySerializer(DateRangeQuerySerializer):
    category = NoNulCharField(required=False, help_text="Category slug (default: every category).")
    granularity = EnumField(
        ["daily", "weekly"], default="daily", help_text="daily = last snapshot of each day; weekly = of each ISO week."
    )


class ModelSignalsQuerySerializer(DateRangeQuerySerializer):
    signalType = EnumField(SignalType.choices, required=False, help_text="Only signals of this type.")


class RankingQuerySerializer(serializers.Serializer):
    limit = LimitField(default=20)
    cursor = NoNulCharField(required=False, help_text="Opaque cursor from a previous response.")


class RankingHistoryQuerySerializer(DateRangeQuerySerializer):
    modelSlug = NoNulCharField(required=False, help_text="Only this model (slug or alias); default: the daily top 10.")


class MoversQuerySerializer(serializers.Serializer):
    period = EnumField(list(MOVER_PERIODS), default="7d", help_text="Look-back period for rank changes.")
    limit = LimitField(default=10)


class RankSpreadSerializer(serializers.Serializer):
    low = serializers.IntegerField()
    high = serializers.IntegerField()


@extend_schema_field(RankSpreadSerializer(allow_null=True))
class RankSpreadField(serializers.Field):
    """``{low, high}`` from rank_low/rank_high, or null when unknown."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, row):
        if row.rank_low is None or row.rank_high is None:
            return None
        return {"low": row.rank_low, "high": row.rank_high}


class RankedModelSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    provider = ProviderRefSerializer(source="creator")


class ModelRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ScorePointSerializer(serializers.Serializer):
    score = serializers.FloatField()
    quality_rank = serializers.IntegerField()
    adoption_rank = serializers.IntegerField()
    state = serializers.ChoiceField(choices=STATES)
    rank_spread = RankSpreadField(allow_null=True)
    confidence = serializers.FloatField()
    category = serializers.CharField(source="category.slug")
    recorded_at = serializers.DateTimeField()


class ModelScoresResponseSerializer(serializers.Serializer):
    data = ScorePointSerializer(many=True)
    model = serializers.CharField()
    granularity = serializers.ChoiceField(choices=["daily", "weekly"])
    count = serializers.IntegerField()


class SignalSerializer(serializers.Serializer):
    id = serializers.SerializerMethodField()
    signal_type = serializers.ChoiceField(choices=SignalType.choices)
    source = serializers.CharField()
    raw_value = serializers.FloatField()
    normalized_value = serializers.FloatField()
    recorded_at = serializers.DateTimeField()
    metadata = serializers.DictField()

    def get_id(self, signal) -> str:
        return "sig_" + np.base_repr(signal.pk, 36).lower()


class ModelSignalsResponseSerializer(serializers.Serializer):
    data = SignalSerializer(many=True)
    model = serializers.CharField()
    count = serializers.IntegerField()


class RankingEntrySerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    model = RankedModelSerializer()
    score = serializers.FloatField()
    quality_rank = serializers.IntegerField()
    adoption_rank = serializers.IntegerField()
    rank_spread = RankSpreadField(
        allow_null=True, help_text="95% interval of the rank over draws of the quality posterior."
    )
    state = serializers.ChoiceField(choices=STATES)
    confidence = serializers.FloatField(
        help_text="Share of the category's quality variance the evidence removes (0-1)."
    )
    change_24h = serializers.IntegerField(
        allow_null=True,
        help_text="Rank in the published run nearest 24 hours earlier (within 6 hours) minus the rank now "
        "(positive = moved up; 0 = same rank). null means no run to compare with: there is no such run "
        "(compared_with.24h is null) or the model was not in it.",
    )
    change_7d = serializers.IntegerField(
        allow_null=True,
        help_text="As change_24h, against the run nearest 7 days earlier (within a day); null means no run "
        "to compare with.",
    )
    top_drivers = serializers.ListField(child=serializers.ChoiceField(choices=SignalType.choices))
    recorded_at = serializers.DateTimeField()


# The keys ("24h", "7d") are not Python names, so the fields are declared
# through the class namespace; the metaclass collects them like any other.
ComparedWithSerializer = type(
    "ComparedWithSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "The published runs the leaderboard's changes compare with, by period.",
        "24h": serializers.DateTimeField(
            allow_null=True,
            help_text="Time of the run change_24h compares with; null when no run lies within 6 hours of "
            "24 hours earlier (every change_24h is then null).",
        ),
        "7d": serializers.DateTimeField(
            allow_null=True,
            help_text="Time of the run change_7d compares with; null when no run lies within a day of "
            "7 days earlier (every change_7d is then null).",
        ),
    },
)


class RankingResponseSerializer(serializers.Serializer):
    data = RankingEntrySerializer(many=True)
    category = serializers.CharField()
    pagination = CursorPaginationSerializer()
    compared_with = ComparedWithSerializer()


class RankingHistoryEntrySerializer(serializers.Serializer):
    model = ModelRefSerializer()
    score = serializers.FloatField()
    quality_rank = serializers.IntegerField()
    adoption_rank = serializers.IntegerField()
    state = serializers.ChoiceField(choices=STATES)
    recorded_at = serializers.DateTimeField()


class RankingHistoryResponseSerializer(serializers.Serializer):
    data = RankingHistoryEntrySerializer(many=True)
    category = serializers.CharField()
    count = serializers.IntegerField()


class MoverModelSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    provider = serializers.CharField(source="creator.name")


class MoverEntrySerializer(serializers.Serializer):
    model = MoverModelSerializer()
    current_score = serializers.FloatField()
    previous_score = serializers.FloatField()
    score_change = serializers.FloatField()
    current_rank = serializers.IntegerField()
    previous_rank = serializers.IntegerField()
    rank_change = serializers.IntegerField()
    direction = serializers.ChoiceField(choices=["up", "down"])


class MoversDataSerializer(serializers.Serializer):
    gainers = MoverEntrySerializer(many=True)
    losers = MoverEntrySerializer(many=True)


class MoversResponseSerializer(serializers.Serializer):
    data = MoversDataSerializer()
    category = serializers.CharField()
    period = serializers.ChoiceField(choices=list(MOVER_PERIODS))
    compared_with = serializers.DateTimeField(
        allow_null=True,
        help_text="Time of the published run the current leaderboard is compared with for the period; "
        "null when no run lies near enough (there are then no movers).",
    )
