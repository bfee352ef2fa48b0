from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import BasePermission


class HasValidApiKey(BasePermission):
    def has_permission(self, request, view):
        if request.auth is None:
            raise NotAuthenticated("Missing API key: send it in the X-API-Key header.")
        return True


class CanWrite(BasePermission):
    """Writes need a key whose plan allows them. Anonymous-plan keys count as no key."""

    anonymous_message = "An API key is required to submit reviews."

    def has_permission(self, request, view):
        principal = request.auth
        if principal is None or principal.is_anonymous_plan:
            raise NotAuthenticated(self.anonymous_message)
        if not principal.can_write:
            raise PermissionDenied("Your plan does not allow write access.")
        return True
