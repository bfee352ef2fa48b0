from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from rankings.fields import NameListField


class SignalType(models.TextChoices):
    DEMAND = "demand"
    USAGE = "usage"
    QUALITY = "quality"
    COST = "cost"
    TRUST = "trust"
    SOCIAL = "social"
    EXPERT = "expert"


class Signal(models.Model):
    """One observation feeding scores, as the source published it on the date of its data.

    ``category`` null = general evidence (it measures ``overall``; prices and
    adoption count everywhere). Scoring reads ``raw_value`` on the source's own
    scale and its standard error from ``metadata`` (``std_error``, else the
    published 95% interval ``rating_q025`` / ``rating_q975``), and
    ``metadata.self_reported`` for a maker's own claims; ``normalized_value``
    is for display.
    """

    model = models.ForeignKey("models_registry.Model", on_delete=models.CASCADE, related_name="signals")
    category = models.ForeignKey(
        "models_registry.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="signals"
    )
    signal_type = models.CharField(max_length=20, choices=SignalType.choices)
    source = models.CharField(max_length=50)
    dedupe_key = models.CharField(
        max_length=200,
        help_text="What was observed within the source (arena board, benchmark name); with model, type, "
        "source and time it identifies the observation, so re-ingesting never duplicates it.",
    )
    raw_value = models.FloatField()
    normalized_value = models.FloatField(help_text="In [0, 1].")
    confidence = models.FloatField(default=1.0, help_text="In [0, 1].")
    recorded_at = models.DateTimeField()
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "signal_type", "source", "dedupe_key", "recorded_at"], name="signal_unique_observation"
            ),
            models.CheckConstraint(
                condition=models.Q(normalized_value__gte=0) & models.Q(normalized_value__lte=1),
                name="signal_normalized_in_unit_interval",
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="signal_confidence_in_unit_interval",
            ),
        ]
        indexes = [
            models.Index(fields=["model", "signal_type", "recorded_at"], name="signal_model_type_time_idx"),
            models.Index(fields=["recorded_at"], name="signal_recorded_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.signal_type} {self.model_id} {self.recorded_at:%Y-%m-%d}"

    def merge_precedence(self) -> tuple:
        """Of one board's two ratings on one day that a merge makes one model's, the better-rated
        stands, as it does when a run meets two arena names of one model
        (``ingestion.writers.signals.arena_signals``), whichever model the merge keeps. Other
        types: the kept model's (cost and demand are derived again from the listings after a merge)."""
        return (-self.raw_value,) if self.signal_type == SignalType.QUALITY else (0.0,)


class ScoreFields(models.Model):
    # Derived rows, replaced or appended wholesale by every publish from the
    # model and category ids it has just read. No single-column indexes: each
    # table's own (Meta) cover its lookups by model and by category. No
    # database foreign key constraints: checking them cost a publish more than
    # writing the rows (bench/rankings.md, "Recompute"). Deleting a model or
    # a category still deletes its rows (Django cascades, not the database),
    # and every read joins the model, so a row can never show a deleted one.
    model = models.ForeignKey(
        "models_registry.Model", on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    category = models.ForeignKey(
        "models_registry.Category", on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    score = models.FloatField()
    rank = models.PositiveIntegerField()
    quality_rank = models.PositiveIntegerField()
    adoption_rank = models.PositiveIntegerField()
    rank_low = models.PositiveIntegerField(null=True, blank=True)
    rank_high = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField()
    state = models.CharField(max_length=20)
    # Rank in the run compared with (ScoreRun.compared_*) minus the rank now,
    # positive = moved up. Null when there is nothing to compare with: no run
    # near enough to T minus the period, or the model was not in it. A 0 is
    # a real "same rank", so the two must not share a value.
    change_24h = models.IntegerField(null=True, blank=True, default=None)
    change_7d = models.IntegerField(null=True, blank=True, default=None)
    change_30d = models.IntegerField(null=True, blank=True, default=None)
    flags = models.JSONField(
        default=list, blank=True, help_text="Missing or weak evidence: no_quality_evidence, no_price, ..."
    )
    # A native array on PostgreSQL: the leaderboard reads it with no per-row decode.
    top_drivers = NameListField()
    recorded_at = models.DateTimeField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"#{self.rank} {self.model_id} in {self.category_id} at {self.recorded_at:%Y-%m-%d %H:%M}"


# The columns of a leaderboard row (ScoreFields), in the order the publish
# step and the benchmark's loader COPY them: the two lists (flags as JSON,
# top_drivers as an array) and recorded_at last.
SCORE_ROW_COLUMNS = (
    "model_id",
    "category_id",
    "score",
    "rank",
    "quality_rank",
    "adoption_rank",
    "rank_low",
    "rank_high",
    "confidence",
    "state",
    "change_24h",
    "change_7d",
    "change_30d",
    "flags",
    "top_drivers",
    "recorded_at",
)


class ScoreQuerySet(models.QuerySet):
    def current(self):
        """The published leaderboard rows, with model and creator for serialization."""
        return self.select_related("model__creator", "category")


class Score(ScoreFields):
    """The current per-(model, category) result; what reads serve."""

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["category_id", "rank"]
        constraints = [models.UniqueConstraint(fields=["model", "category"], name="score_unique_model_category")]
        indexes = [
            models.Index(fields=["category", "rank"], name="score_category_rank_idx"),
            # The catalog's `/v1/models?sort_by=score` keyset: score descending, id as tie-break.
            models.Index(fields=["category", "-score", "model"], name="score_category_score_idx"),
        ]


class ScoreSnapshot(ScoreFields):
    """A dated copy of a Score: the history, appended to by every publish.

    Every index leads with (category, recorded_at), and a publish writes the
    newest time: its rows land at the end of each category's range, so the
    pages a publish touches do not grow with the history behind them. An
    index led by the model would put each new row on a different page of an
    index as large as the history (bench/rankings.md, "Recompute"). Reads by
    model therefore go through the runs: ``selectors.model_score_history``.
    """

    class Meta:
        ordering = ["-recorded_at", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "recorded_at", "model"], name="snapshot_unique_category_time_model"
            )
        ]
        indexes = [
            models.Index(fields=["category", "recorded_at", "rank"], name="snapshot_cat_time_rank_idx"),
        ]


def _weight_field(signal_type: str):
    from rankings.scoring import DEFAULT_WEIGHTS

    return models.FloatField(
        default=DEFAULT_WEIGHTS[signal_type],
        validators=[MinValueValidator(0.0)],
        help_text=f"Weight of {signal_type} signals (default {DEFAULT_WEIGHTS[signal_type]}).",
    )


class CategoryWeights(models.Model):
    """Curator override of the per-type weights of one category's composite score.

    Categories without a row use ``rankings.scoring.DEFAULT_WEIGHTS``. The
    composite has three parts, each weighted by the sum of its types' weights:
    quality (quality + expert + trust), price (cost) and adoption (demand +
    usage + social). Only the ratios matter.
    """

    category = models.OneToOneField(
        "models_registry.Category", on_delete=models.CASCADE, related_name="scoring_weights"
    )
    demand = _weight_field("demand")
    usage = _weight_field("usage")
    quality = _weight_field("quality")
    cost = _weight_field("cost")
    trust = _weight_field("trust")
    social = _weight_field("social")
    expert = _weight_field("expert")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "category weights"
        verbose_name_plural = "category weights"

    def __str__(self) -> str:
        return f"Weights for {self.category}"

    def as_dict(self) -> dict[str, float]:
        return {signal_type: getattr(self, signal_type) for signal_type in SignalType.values}

    def clean(self) -> None:
        if not any(self.as_dict().values()):
            raise ValidationError("At least one weight must be above zero.")


class ScoreRun(models.Model):
    """One published leaderboard: the ScoreSnapshot rows of ``category`` at ``recorded_at`` are complete.

    History and movers pick snapshot times from here instead of scanning the
    (much larger) snapshot table.
    """

    category = models.ForeignKey("models_registry.Category", on_delete=models.CASCADE, related_name="+")
    recorded_at = models.DateTimeField()
    models_count = models.PositiveIntegerField()
    signals_count = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now=True)
    # The runs this one's change_24h / change_7d / change_30d compare with:
    # the nearest to recorded_at minus the period within a tolerance, or none.
    compared_24h = models.DateTimeField(null=True, blank=True)
    compared_7d = models.DateTimeField(null=True, blank=True)
    compared_30d = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["category", "recorded_at"], name="scorerun_unique_category_time")
        ]

    def __str__(self) -> str:
        return f"{self.category_id} at {self.recorded_at:%Y-%m-%d %H:%M}"
