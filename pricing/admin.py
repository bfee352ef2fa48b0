"""Price admin: a curator's edit records a new dated row; existing rows never change."""

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.db import models

from aimodelsmap.admin import AdminFiltersMixin, SearchableFilter
from pricing.calculator import plain
from pricing.formatting import money
from pricing.models import Price
from pricing.precedence import CURATOR_SOURCE
from pricing.rules import PRICE_VALUE_FIELDS
from pricing.services import price_record


class MoneyInput(forms.NumberInput):
    """A price input showing the digits the price has (1.2, not 1.2000000000), any of which may be typed.

    ``step="any"``: a per-token price can be a fraction of a cent (0.075), so
    the browser must not round it to a step; the form field still enforces
    the column's ten decimals.
    """

    def __init__(self, attrs=None):
        super().__init__({"step": "any", "class": "vMoneyField", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal):
            return f"{plain(value):f}"
        return super().format_value(value)


def money_column(field_name: str, description: str):
    """A price field shown as money, sortable by the field: for the changelist and read-only pages."""

    @admin.display(description=description, ordering=field_name)
    def column(price: Price) -> str | None:
        value = getattr(price, field_name)
        return None if value is None else money(value)  # None: the admin's empty-value dash

    column.__name__ = field_name
    return column


MONEY_COLUMNS = {
    field_name: money_column(field_name, description)
    for field_name, description in [
        ("input_per_million", "input / 1M tokens"),
        ("output_per_million", "output / 1M tokens"),
        ("cache_read_per_million", "cache read / 1M tokens"),
        ("cache_write_per_million", "cache write / 1M tokens"),
        ("image_price", "per image"),
        ("video_per_minute", "video / minute"),
    ]
}


@admin.register(Price)
class PriceAdmin(AdminFiltersMixin, admin.ModelAdmin):
    list_display = [
        "endpoint",
        "effective_from",
        *(
            MONEY_COLUMNS[name]
            for name in ["input_per_million", "output_per_million", "image_price", "video_per_minute"]
        ),
        "conditions",
        "withdrawn",
        "source",
        "created_at",
    ]
    list_filter = ["source", "withdrawn", ("endpoint__host", SearchableFilter)]
    search_fields = [
        "endpoint__model__slug",
        "endpoint__model__name",
        "endpoint__host__slug",
        "endpoint__provider_model_id",
    ]
    list_select_related = ["endpoint__model", "endpoint__host"]
    date_hierarchy = "effective_from"
    raw_id_fields = ["endpoint"]
    formfield_overrides = {models.DecimalField: {"widget": MoneyInput}}
    fields = ["endpoint", "effective_from", *PRICE_VALUE_FIELDS, "conditions", "withdrawn", "source", "created_at"]
    # A curator records list prices; conditions and withdrawals come from the sources.
    readonly_fields = ["conditions", "withdrawn", "source", "created_at"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # A view-only page shows every field read-only, and the admin would
            # print a stored price with all ten decimals (1.2000000000).
            return [MONEY_COLUMNS.get(name, name) for name in fields]
        return fields

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
