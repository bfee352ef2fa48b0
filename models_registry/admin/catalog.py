"""Admin for the catalog: models, aliases, providers, categories, capabilities, endpoints.

Every save or delete here bumps the data version inside the admin's
transaction, so API caches and each worker's search index pick up a curator's
edit as soon as it commits.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from aimodelsmap.admin import AdminFiltersMixin, SearchableFilter
from aimodelsmap.dataversion import data_version_bump
from models_registry.fact_fields import CREATOR_FIELD, OBSERVED_FIELDS
from models_registry.membership import memberships_refresh
from models_registry.merge import MergeRefused
from models_registry.models import (
    AliasObservation,
    AliasTarget,
    Capability,
    Category,
    Endpoint,
    Model,
    ModelAlias,
    ModelFact,
    Provider,
)
from models_registry.provenance import encode, fact_pin, fact_value_clean, facts_derive, model_provenance
from models_registry.selectors import model_by_slug_or_alias
from models_registry.services import model_merge_by_curator
from models_registry.slugs import SLUG_FIELD, slug_pin, slug_value_clean, slugs_derive


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
    list_filter = ["is_creator", "is_host", "name_basis"]
    search_fields = ["name", "slug"]
    ordering = ["name", "slug"]  # also the order of the search boxes that pick a host or maker
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["name_basis", "name_source", "name_as_of"]
    actions = ["name_from_sources"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(model_count=Count("models_created"))

    def save_model(self, request, obj, form, change):
        # A name a curator types wins over every source (ingestion/provider_names.py).
        if not change or "name" in form.changed_data:
            obj.name_basis, obj.name_source, obj.name_as_of = Provider.NameBasis.CURATOR, "", None
        super().save_model(request, obj, form, change)

    @admin.action(description="Let the sources name the selected providers again")
    def name_from_sources(self, request, queryset):
        count = queryset.filter(name_basis=Provider.NameBasis.CURATOR).update(name_basis="")
        data_version_bump()
        self.message_user(
            request,
            f"{count} curator's name(s) released: the next ingestion run that names them (or the catalog's "
            "own list of names) replaces them.",
            messages.SUCCESS,
        )

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
    fields = ["alias", "normalized", "source", "precedence"]
    readonly_fields = ["precedence"]
    extra = 0


class EndpointInline(admin.TabularInline):
    model = Endpoint
    fk_name = "model"
    fields = ["host", "provider_model_id", "context_window", "max_output_tokens", "status"]
    autocomplete_fields = ["host"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("host")


def _stated_by(row: dict) -> str:
    """A fact's source, with the id whose record stated it when it is known."""
    return f"{row['source']} ({row['said_as']})" if row["source"] and row["said_as"] else row["source"]


class PinForm(forms.ModelForm):
    """A curator's value for one fact or the slug, typed as the model field is (a date, a number, a choice)."""

    field = forms.ChoiceField(choices=[(name, name.replace("_", " ")) for name in (*OBSERVED_FIELDS, SLUG_FIELD)])
    value = forms.CharField(
        max_length=200, help_text="As you would type it in the model's own field; a creator by its provider's slug."
    )

    class Meta:
        model = ModelFact
        fields = ["field", "value", "note"]

    def clean(self):
        cleaned = super().clean()
        if "field" in cleaned and "value" in cleaned:
            try:
                if cleaned["field"] == SLUG_FIELD:
                    cleaned["value"] = slug_value_clean(cleaned["value"], model_id=self.instance.model_id)
                else:
                    cleaned["value"] = encode(cleaned["field"], fact_value_clean(cleaned["field"], cleaned["value"]))
            except ValidationError as error:
                self.add_error("value", error)
        return cleaned

    def save(self, commit=True):
        pin = super().save(commit=False)
        pin.value = self.cleaned_data["value"]
        pin.source, pin.pinned, pin.precedence = ModelFact.CURATOR, True, 0
        pin.as_of = pin.as_of or timezone.localdate()
        if commit:
            pin.save()
        return pin


class PinInline(admin.TabularInline):
    """Pinned values: each wins over every source until deleted, and says who pinned it and when."""

    model = ModelFact
    form = PinForm
    verbose_name = "pinned value"
    verbose_name_plural = "Pinned values (a pin wins over every source; delete it to serve the sources again)"
    fields = ["field", "value", "note", "author", "as_of"]
    readonly_fields = ["author", "as_of"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pinned=True).select_related("author")


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
    inlines = [PinInline, ModelAliasInline, EndpointInline]
    # Categories follow the evidence (capabilities, type, context window, the
    # signals of mapped boards and benchmarks): curators edit that evidence.
    readonly_fields = ["categories", "sources", "former_slugs", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "creator", "family", "model_type", "status", "description"]}),
        ("Limits and dates", {"fields": ["context_window", "max_output_tokens", "release_date", "deprecation_date"]}),
        ("Classification", {"fields": ["categories", "capabilities", "open_weights", "knowledge_cutoff"]}),
        ("Sources", {"fields": ["sources"]}),
        ("Record", {"fields": ["former_slugs", "created_at", "updated_at"]}),
    ]

    actions = ["merge_into_another"]

    @admin.display(description="Former slugs")
    def former_slugs(self, obj):
        """Slugs the model had: links to them still lead here. Pin a slug (edit it) to choose one."""
        slugs = [] if obj.pk is None else list(obj.former_slugs.values_list("slug", flat=True))
        return ", ".join(slugs) or "-"

    @admin.display(description="Where each fact comes from")
    def sources(self, obj):
        if obj.pk is None:
            return "-"
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    row["field"].replace("_", " "),
                    "-" if row["served"] in (None, "") else row["served"],
                    ("pinned by a curator" if row["pinned"] else _stated_by(row)) or "no source (set by hand)",
                    row["as_of"] or "",
                    "; ".join(f"{o['source']} ({o['as_of']}): {o['value']}" for o in row["others"]) or "-",
                )
                for row in model_provenance(obj)
            ),
        )
        return format_html(
            "<table class='fact-sources'><thead><tr><th>fact</th><th>served</th><th>from</th>"
            "<th>as of</th><th>other sources</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def save_model(self, request, obj, form, change):
        # A slug a curator types is a pin too, so ingestion never derives another; the
        # old slug stays a former slug that links still find (models_registry/slugs.py).
        if change and "slug" in form.changed_data:
            slug_pin(model=obj, slug=obj.slug, author=request.user, note="edited in the admin")
        super().save_model(request, obj, form, change)
        if not change:
            slug_pin(model=obj, slug=obj.slug, author=request.user, note="created in the admin")
            fact_pin(
                model=obj, field=CREATOR_FIELD, value=obj.creator, author=request.user, note="created in the admin"
            )
        # An edit of a fact is a pin: the next ingest derives the same value again.
        # The values are read before the first pin derives the model again from its observations.
        edited = {name: getattr(obj, name) for name in OBSERVED_FIELDS if change and name in form.changed_data}
        for name, value in edited.items():
            fact_pin(model=obj, field=name, value=value, author=request.user, note="edited in the admin")

    def save_formset(self, request, form, formset, change):
        if formset.model is ModelFact:
            for pin in formset.save(commit=False):
                pin.author = pin.author or request.user
                pin.save()
            for pin in formset.deleted_objects:
                pin.delete()
            facts_derive([form.instance.pk], instances={form.instance.pk: form.instance})
            slugs_derive()  # a slug pinned or unpinned here
            form.instance.refresh_from_db(fields=["slug"])
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        memberships_refresh(model_ids=[form.instance.pk])

    @admin.action(description="Merge the selected model into another")
    def merge_into_another(self, request, queryset):
        """One model at a time: asks for the model kept, then merges (models_registry.merge)."""
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one model to merge into another.", messages.ERROR)
            return None
        merged = queryset.select_related("creator").get()
        kept_text = (request.POST.get("kept") or "").strip()
        if "apply" in request.POST:
            kept = model_by_slug_or_alias(kept_text) if kept_text else None
            if kept is None:
                self.message_user(request, f'No model has the slug or alias "{kept_text}".', messages.ERROR)
            else:
                try:
                    result = model_merge_by_curator(merged=merged, kept=kept, decided_by=request.user)
                except MergeRefused as refusal:
                    self.message_user(request, f"Refused: {refusal}", messages.ERROR)
                else:
                    self.message_user(request, result.summary(), messages.SUCCESS)
                    return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Merge {merged.slug} into another model",
            "merged": merged,
            "kept_text": kept_text,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/models_registry/model/merge.html", context)


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


@admin.register(AliasTarget)
class AliasTargetAdmin(BumpsDataVersion, admin.ModelAdmin):
    """A floating name's dated targets. Ingestion rewrites the derived rows after every run; a row
    a curator adds or edits here becomes a curator's row, which replaces the derived ones of its
    floating name and source and is never rewritten."""

    list_display = ["floating", "target", "source", "valid_from", "valid_to", "basis"]
    list_filter = ["basis", "source"]
    list_select_related = ["floating", "target"]
    search_fields = ["floating__slug", "target__slug"]
    autocomplete_fields = ["floating", "target"]
    readonly_fields = ["basis", "evidence", "created_at"]

    def save_model(self, request, obj, form, change):
        obj.basis = AliasTarget.Basis.CURATOR
        obj.evidence = {"curator": request.user.get_username()}
        super().save_model(request, obj, form, change)


@admin.register(AliasObservation)
class AliasObservationAdmin(admin.ModelAdmin):
    """What sources said floating names pointed to: the evidence of derived dated targets (read only).

    A claim no release of the catalog answers yet has no target; each run resolves every claim again.
    """

    list_display = ["floating", "claim", "target", "source", "scope", "as_of"]
    list_filter = ["source", "scope", ("target", admin.EmptyFieldListFilter)]
    list_select_related = ["floating", "target"]
    search_fields = ["floating__slug", "target__slug", "claim"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
