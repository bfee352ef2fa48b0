"""Admin building blocks shared by the apps."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the system writes (scores, telemetry, pipeline runs, votes): curators browse them, never edit them.

    ``deletable`` keeps the delete action where removing a row is a curator's
    call (a bad telemetry sample, an old pipeline run).
    """

    deletable = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)
