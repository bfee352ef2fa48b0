from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts.services import api_key_authenticate

API_KEY_HEADER = "X-API-Key"


class ApiKeyAuthentication(BaseAuthentication):
    """``X-API-Key`` authentication. ``request.auth`` is an ApiKeyPrincipal."""

    def authenticate(self, request):
        raw_key = request.headers.get(API_KEY_HEADER)
        if raw_key is None:
            return None  # HasValidApiKey turns this into 401 on keyed endpoints
        principal = api_key_authenticate(raw_key=raw_key.strip())
        if principal is None:
            raise AuthenticationFailed("Invalid, revoked or expired API key.")
        return (None, principal)

    def authenticate_header(self, request):
        # A non-empty value makes DRF answer 401 (not 403) to unauthenticated calls.
        return f'ApiKey header="{API_KEY_HEADER}"'
