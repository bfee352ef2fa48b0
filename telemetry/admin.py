"""Curator UI: which host endpoints are probed and how; samples and rollups read-only."""

from django.contrib import admin, messages

from aimodelsmap.admin import AdminFiltersMixin, ReadOnlyAdmin, SearchableFilter
from telemetry import services
from telemetry.models import ProbeTarget, Rollup, Sample


@admin.register(ProbeTarget)
class ProbeTargetAdmin(AdminFiltersMixin, admin.ModelAdmin):
    list_display = ["endpoint", "base_url", "api_key_env", "enabled", "updated_at"]
    list_filter = ["enabled", ("endpoint__host", SearchableFilter)]
    search_fields = ["endpoint__provider_model_id", "endpoint__model__slug", "endpoint__host__slug", "base_url"]
    raw_id_fields = ["endpoint"]
    actions = ["probe_now", "enable", "disable"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "base_url":
            # A base URL typed without a scheme is an HTTPS API.
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.action(description="Probe selected endpoints now")
    def probe_now(self, request, queryset):
        for target in queryset.select_related("endpoint"):
            try:
                sample = services.endpoint_probe(target=target)
            except services.MissingApiKey as exc:
                self.message_user(request, f"{target.endpoint}: {exc}", messages.ERROR)
                continue
            outcome = "ok" if sample.success else f"failed ({sample.error_kind})"
            self.message_user(request, f"{target.endpoint}: {outcome}")

    @admin.action(description="Enable probing")
    def enable(self, request, queryset):
        queryset.update(enabled=True)

    @admin.action(description="Disable probing")
    def disable(self, request, queryset):
        queryset.update(enabled=False)


@admin.register(Sample)
class SampleAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["endpoint", "measured_at", "success", "error_kind", "http_status", "ttft_ms", "latency_ms"]
    list_filter = ["success", "error_kind", "source"]
    list_select_related = ["endpoint__model", "endpoint__host"]
    date_hierarchy = "measured_at"
    search_fields = ["endpoint__provider_model_id", "endpoint__host__slug"]
    show_full_result_count = False


@admin.register(Rollup)
class RollupAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["endpoint", "window", "sample_count", "uptime", "error_rate", "latency_p50_ms", "computed_at"]
    list_filter = ["window"]
    list_select_related = ["endpoint__model", "endpoint__host"]
    search_fields = ["endpoint__provider_model_id", "endpoint__host__slug"]
    actions = ["refresh_all"]

    @admin.action(description="Refresh all rollups now")
    def refresh_all(self, request, queryset):
        written = services.rollups_refresh()
        self.message_user(request, f"Rollups refreshed: {written}")
