from django.contrib import admin, messages
from django.utils import timezone

from accounts.models import Account, ApiKey, Plan
from accounts.services import api_key_create, api_key_forget, api_key_revoke
from aimodelsmap.dataversion import reviews_version_bump


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "daily_request_limit", "can_write"]
    search_fields = ["slug", "name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Cached key lookups carry the plan's limits; drop them so edits apply now.
        for prefix in obj.api_keys.values_list("prefix", flat=True):
            api_key_forget(prefix=prefix)


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    fields = ["prefix", "name", "plan", "created_at", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # keys are created on the API key page, where the raw key is shown once


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "is_verified", "created_at"]
    list_filter = ["is_verified"]
    search_fields = ["name", "email"]
    inlines = [ApiKeyInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "is_verified" in form.changed_data:
            reviews_version_bump()  # review lists show the author's verification


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["prefix", "account", "plan", "name", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["plan", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "account__name", "name"]
    list_select_related = ["account", "plan"]
    autocomplete_fields = ["account"]
    actions = ["revoke_keys"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["account", "plan", "name", "expires_at"]
        return ["account", "plan", "name", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["account", "prefix", "created_at", "revoked_at", "last_used_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            api_key_forget(prefix=obj.prefix)
            return
        created, raw_key = api_key_create(account=obj.account, plan=obj.plan, name=obj.name, expires_at=obj.expires_at)
        obj.pk = created.pk
        obj.prefix = created.prefix
        messages.warning(request, f"New API key (shown once, copy it now): {raw_key}")

    @admin.action(description="Revoke selected keys")
    def revoke_keys(self, request, queryset):
        revoked = 0
        for api_key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(api_key=api_key)
            revoked += 1
        self.message_user(request, f"Revoked {revoked} key(s) at {timezone.now():%Y-%m-%d %H:%M:%S} UTC.")
