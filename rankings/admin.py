"""Curator UI: signals, per-category weights, and the published leaderboards (read-only).

Leaderboards are only ever written by a recompute; curators browse them here
(filter by category, sorted by rank) and trigger a recompute with an action.
"""

from django.contrib import admin, messages

from aimodelsmap.admin import ReadOnlyAdmin
from models_registry.admin.catalog import BumpsDataVersion
from models_registry.membership import memberships_refresh
from rankings import services
from rankings.models import CategoryWeights, Score, ScoreRun, ScoreSnapshot, Signal


def _recompute(modeladmin, request, category_slugs):
    for slug in sorted(set(category_slugs)):
        try:
            summary = services.score_recompute(category=slug)
        except services.RecomputeBusy as exc:
            modeladmin.message_user(request, str(exc), messages.WARNING)
            return
        modeladmin.message_user(
            request, f"Category {slug}: {summary.scores} scores published at {summary.at:%Y-%m-%d %H:%M}."
        )


@admin.register(Signal)
class SignalAdmin(BumpsDataVersion, admin.ModelAdmin):
    list_display = ["model", "signal_type", "category", "source", "normalized_value", "confidence", "recorded_at"]
    list_filter = ["signal_type", "source", ("category", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["model__slug", "model__name", "dedupe_key"]
    raw_id_fields = ["model"]
    date_hierarchy = "recorded_at"
    list_select_related = ["model", "category"]
    show_full_result_count = False  # COUNT(*) over millions of signals on every page is not worth it

    # A signal's category is membership evidence: its model's categories follow a curator's edit at once.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        memberships_refresh(model_ids=[obj.model_id, *([form.initial["model"]] if change else [])])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        memberships_refresh(model_ids=[obj.model_id])

    def delete_queryset(self, request, queryset):
        model_ids = list(queryset.order_by().values_list("model_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        memberships_refresh(model_ids=model_ids)


@admin.register(Score)
class LeaderboardAdmin(ReadOnlyAdmin):
    """The current leaderboards: pick a category in the filter, rows come by rank."""

    list_display = [
        "rank",
        "model",
        "category",
        "score",
        "rank_spread",
        "quality_rank",
        "adoption_rank",
        "confidence",
        "state",
        "change_24h",
        "change_7d",
        "change_30d",
        "drivers",
        "flags",
        "recorded_at",
    ]
    list_display_links = ["model"]
    list_filter = [("category", admin.RelatedOnlyFieldListFilter), "state"]
    search_fields = ["model__slug", "model__name"]
    ordering = ["category__display_order", "category__slug", "rank"]
    list_select_related = ["model", "category"]
    list_per_page = 50
    actions = ["recompute_categories"]

    @admin.display(description="rank spread")
    def rank_spread(self, obj):
        return f"{obj.rank_low}–{obj.rank_high}" if obj.rank_low is not None else "—"

    @admin.display(description="top drivers")
    def drivers(self, obj):
        return ", ".join(obj.top_drivers)

    @admin.action(description="Recompute the categories of the selected rows now")
    def recompute_categories(self, request, queryset):
        _recompute(self, request, queryset.values_list("category__slug", flat=True))


@admin.register(ScoreSnapshot)
class ScoreSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["recorded_at", "category", "rank", "model", "score", "state", "confidence"]
    list_filter = [("category", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["model__slug"]
    date_hierarchy = "recorded_at"
    list_select_related = ["model", "category"]
    show_full_result_count = False


@admin.register(ScoreRun)
class ScoreRunAdmin(ReadOnlyAdmin):
    # The earlier runs this run's changes compare with (empty: none near enough).
    list_display = [
        "recorded_at",
        "category",
        "models_count",
        "signals_count",
        "compared_24h",
        "compared_7d",
        "compared_30d",
        "computed_at",
    ]
    list_filter = [("category", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "recorded_at"


@admin.register(CategoryWeights)
class CategoryWeightsAdmin(admin.ModelAdmin):
    """Weights only change the next recompute; use the action to publish them at once."""

    list_display = ["category", "quality", "expert", "trust", "demand", "usage", "social", "cost", "updated_at"]
    list_editable = ["quality", "expert", "trust", "demand", "usage", "social", "cost"]
    search_fields = ["category__slug", "category__name"]
    actions = ["recompute_categories"]

    @admin.action(description="Recompute the selected categories now")
    def recompute_categories(self, request, queryset):
        _recompute(self, request, queryset.values_list("category__slug", flat=True))
