"""Admin for the catalog: models, aliases, providers, categories, capabilities, endpoints.

Every save or delete here bumps the data version inside the admin's
transaction, so API caches and each worker's search index pick up a curator's
edit as soon as it commits.
"""

from django.contrib import admin
from django.db.models import Count

from aimodelsmap.admin import AdminFiltersMixin, SearchableFilter
from aimodelsmap.dataversion import data_version_bump
from models_registry.membership import memberships_refresh
from models_registry.models import Capability, Category, Endpoint, Model, ModelAlias, Provider


class BumpsDataVersion:
    """Admin mixin: curator edits change served data."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        data_version_bump()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        data_version_bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        data_version_bump()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        data_version_bump()


@admin.register(Provider)
class ProviderAdmin(BumpsDataVersion, admin.ModelAdmin):
    list_display = ["name", "slug", "is_creator", "is_host", "model_count"]
    list_filter = ["is_creator", "is_host"]
    search_fields = ["name", "slug"]
    ordering = ["name", "slug"]  # also the order of the search boxes that pick a host or maker
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(model_count=Count("models_created"))

    @admin.display(ordering="model_count", description="models")
    def model_count(self, obj):
        return obj.model_count


@admin.register(Capability)
class CapabilityAdmin(BumpsDataVersion, admin.ModelAdmin):
    list_display = ["slug", "name"]
    search_fields = ["slug", "name"]


@admin.register(Category)
class CategoryAdmin(BumpsDataVersion, admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "display_order"]
    list_editable = ["display_order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


class ModelAliasInline(admin.TabularInline):
    model = ModelAlias
    fields = ["alias", "normalized", "source"]
    extra = 0


class EndpointInline(admin.TabularInline):
    model = Endpoint
    fk_name = "model"
    fields = ["host", "provider_model_id", "context_window", "max_output_tokens", "status"]
    autocomplete_fields = ["host"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("host")


@admin.register(Model)
class ModelAdmin(BumpsDataVersion, AdminFiltersMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "creator", "model_type", "status", "release_date", "context_window"]
    list_filter = ["status", "model_type", "open_weights", ("creator", SearchableFilter), "categories"]
    list_select_related = ["creator"]
    search_fields = ["name", "slug", "aliases__alias", "creator__name"]
    search_help_text = "Name, slug, any alias or the creator's name."
    autocomplete_fields = ["creator", "capabilities"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "release_date"
    inlines = [ModelAliasInline, EndpointInline]
    # Categories follow the evidence (capabilities, type, context window, the
    # signals of mapped boards and benchmarks): curators edit that evidence.
    readonly_fields = ["categories", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "creator", "family", "model_type", "status", "description"]}),
        ("Limits and dates", {"fields": ["context_window", "max_output_tokens", "release_date", "deprecation_date"]}),
        ("Classification", {"fields": ["categories", "capabilities", "open_weights", "knowledge_cutoff"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        memberships_refresh(model_ids=[form.instance.pk])


@admin.register(ModelAlias)
class ModelAliasAdmin(BumpsDataVersion, admin.ModelAdmin):
    list_display = ["alias", "normalized", "model", "source"]
    list_filter = ["source"]
    list_select_related = ["model"]
    search_fields = ["alias", "normalized", "model__name", "model__slug"]
    autocomplete_fields = ["model"]


@admin.register(Endpoint)
class EndpointAdmin(BumpsDataVersion, AdminFiltersMixin, admin.ModelAdmin):
    list_display = ["model", "host", "provider_model_id", "context_window", "status"]
    list_filter = ["status", ("host", SearchableFilter)]
    list_select_related = ["model", "host"]
    search_fields = ["provider_model_id", "model__name", "model__slug", "host__name"]
    autocomplete_fields = ["model", "host"]
