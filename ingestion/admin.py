from django.contrib import admin, messages
from django.db import models

from aimodelsmap.admin import ReadOnlyAdmin
from ingestion.errors import IngestError
from ingestion.models import ArenaBoardMapping, BenchmarkMapping, CapabilityClaim, DataSource, PipelineRun
from ingestion.services import evidence_mapping_save, pipeline_run


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "pipeline", "source_type", "enabled", "schedule_minutes", "url"]
    list_filter = ["pipeline", "enabled"]
    list_editable = ["enabled"]
    search_fields = ["name", "url"]
    actions = ["run_now"]
    # Sources are fetched over https unless INGEST_ALLOW_HTTP: read a bare host that way.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.action(description="Run the selected sources now (from their URL)")
    def run_now(self, request, queryset):
        for source in queryset:
            try:
                result = pipeline_run(source=source)
            except IngestError as exc:
                self.message_user(request, f"{source}: failed: {exc}", messages.ERROR)
                continue
            self.message_user(request, f"{source}: done in {result.run.duration_ms} ms: {result.counts}")


@admin.register(PipelineRun)
class PipelineRunAdmin(ReadOnlyAdmin):
    list_display = ["source", "status", "dry_run", "as_of", "started_at", "duration_ms", "short_error"]
    list_filter = ["status", "dry_run", "source"]
    date_hierarchy = "started_at"
    readonly_fields = [f.name for f in PipelineRun._meta.fields]
    deletable = True

    @admin.display(description="error")
    def short_error(self, run):
        return run.error[:120]


class EvidenceMappingAdmin(admin.ModelAdmin):
    """Which category a source's board or benchmark feeds, edited in the list itself."""

    list_editable = ["category", "enabled"]
    list_filter = ["enabled", "category"]
    list_select_related = ["category"]

    def save_model(self, request, obj, form, change):
        # A new category for a board moves the ratings it already gave, and the members with them.
        evidence_mapping_save(mapping=obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "category":
            # The list renders one category select per row: read the
            # categories once per request instead of once per row.
            if not hasattr(request, "category_choices"):
                request.category_choices = list(field.choices)
            field.choices = request.category_choices
        return field


@admin.register(ArenaBoardMapping)
class ArenaBoardMappingAdmin(EvidenceMappingAdmin):
    list_display = ["arena", "board", "category", "enabled"]
    list_filter = ["arena", *EvidenceMappingAdmin.list_filter]
    search_fields = ["arena", "board"]


@admin.register(BenchmarkMapping)
class BenchmarkMappingAdmin(EvidenceMappingAdmin):
    list_display = ["benchmark", "category", "enabled"]
    search_fields = ["benchmark"]


@admin.register(CapabilityClaim)
class CapabilityClaimAdmin(ReadOnlyAdmin):
    """What each source claims a model can do: the evidence its capabilities derive from (maker or majority)."""

    list_display = ["model", "source", "by_maker", "claimed", "as_of"]
    list_filter = ["source", "by_maker"]
    search_fields = ["model__slug", "model__name"]
    list_select_related = ["model"]

    @admin.display(description="capabilities")
    def claimed(self, claim):
        return ", ".join(claim.capabilities)
