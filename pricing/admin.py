"""Price admin: a curator's edit records a new dated row; existing rows never change."""

from django.contrib import admin, messages

from pricing.models import Price
from pricing.precedence import CURATOR_SOURCE
from pricing.rules import PRICE_VALUE_FIELDS
from pricing.services import price_record


@admin.register(Price)
class PriceAdmin(admin.ModelAdmin):
    list_display = [
        "endpoint",
        "effective_from",
        "input_per_million",
        "output_per_million",
        "image_price",
        "video_per_minute",
        "conditions",
        "withdrawn",
        "source",
        "created_at",
    ]
    list_filter = ["source", "withdrawn", "endpoint__host"]
    search_fields = [
        "endpoint__model__slug",
        "endpoint__model__name",
        "endpoint__host__slug",
        "endpoint__provider_model_id",
    ]
    list_select_related = ["endpoint__model", "endpoint__host"]
    date_hierarchy = "effective_from"
    raw_id_fields = ["endpoint"]
    fields = ["endpoint", "effective_from", *PRICE_VALUE_FIELDS, "conditions", "withdrawn", "source", "created_at"]
    # A curator records list prices; conditions and withdrawals come from the sources.
    readonly_fields = ["conditions", "withdrawn", "source", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # An edit is a new price for the same endpoint, never a move to another one.
        return [*self.readonly_fields, "endpoint"] if obj else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False  # price history is never lost

    def save_model(self, request, obj, form, change):
        # Never save ``obj``: on an edit it is the existing row with the new
        # values applied in memory. The service appends a row if anything changed.
        values = {field: form.cleaned_data.get(field, getattr(obj, field)) for field in PRICE_VALUE_FIELDS}
        values["free_tier_limits"] = values["free_tier_limits"] or ""
        result = price_record(
            endpoint=obj.endpoint,
            effective_from=form.cleaned_data.get("effective_from", obj.effective_from),
            source=CURATOR_SOURCE,
            **values,
        )
        if not result.created:
            messages.info(request, "No change: the price in force on that date already has these values.")
        # Point the admin (its log entry and redirect) at the row now in force.
        obj.pk = result.price.pk
        obj.source = result.price.source
        obj.created_at = result.price.created_at
