"""Admin building blocks shared by the apps."""

from adminfilters.autocomplete import AutoCompleteFilter
from adminfilters.mixin import AdminFiltersMixin
from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist, ValidationError

__all__ = ["AdminFiltersMixin", "ReadOnlyAdmin", "SearchableFilter"]


class SearchableFilter(AutoCompleteFilter):
    """A filter on a related object picked in a search box, for lists too long to click through (hosts, makers).

    It searches with the admin's own autocomplete, so the related model's
    admin needs ``search_fields``; the admin that lists it must mix in
    ``AdminFiltersMixin`` (which adds the filter's scripts to the page).
    """

    def choices(self, changelist):
        # The library looks the chosen object up to show its name; an id that
        # names nothing (a stale bookmark) shows an empty box, not a server error.
        try:
            return super().choices(changelist)
        except (ObjectDoesNotExist, ValidationError, ValueError):
            return []


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
