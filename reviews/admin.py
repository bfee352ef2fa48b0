"""Review moderation: hide or show reviews; search by model, account or rating."""

from django.contrib import admin

from aimodelsmap.admin import ReadOnlyAdmin
from reviews.models import HelpfulVote, Review
from reviews.services import review_moderate, review_set_hidden


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["__str__", "model", "account", "rating", "verified", "helpful_count", "is_hidden", "created_at"]
    list_filter = ["is_hidden", "rating", "account__is_verified"]
    # "rating__exact" matches a typed rating exactly ("4" does not find 14).
    search_fields = ["model__slug", "model__name", "account__name", "author_name", "rating__exact"]
    list_select_related = ["model", "account"]
    readonly_fields = ["model", "account", "helpful_count", "verified", "created_at", "updated_at"]
    fields = [
        "model",
        "account",
        "verified",
        "author_name",
        "rating",
        "title",
        "body",
        "use_case",
        "helpful_count",
        "is_hidden",
        "created_at",
        "updated_at",
    ]
    actions = ["hide_reviews", "show_reviews"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # reviews come from accounts through the API

    @admin.display(boolean=True, description="verified", ordering="account__is_verified")
    def verified(self, review: Review) -> bool:
        # Verification belongs to the account (Account.is_verified, set on the
        # account page), so every review by a verified account shows it.
        return review.account.is_verified

    @admin.action(description="Hide selected reviews")
    def hide_reviews(self, request, queryset):
        changed = review_set_hidden(reviews=queryset, hidden=True)
        self.message_user(request, f"Hid {changed} review(s).")

    @admin.action(description="Show selected reviews again")
    def show_reviews(self, request, queryset):
        changed = review_set_hidden(reviews=queryset, hidden=False)
        self.message_user(request, f"Showed {changed} review(s).")

    def save_model(self, request, obj, form, change):
        # A moderator's edit changes served data like any other write.
        review_moderate(review=obj, changed_fields=form.changed_data)


@admin.register(HelpfulVote)
class HelpfulVoteAdmin(ReadOnlyAdmin):
    list_display = ["review", "account", "created_at"]
    search_fields = ["review__model__slug", "account__name"]
    list_select_related = ["review__model", "account"]
    readonly_fields = ["review", "account", "created_at"]
