from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts.services import ApiKeyPrincipal, api_key_authenticate
from accounts.throttling import InvalidKeyLimit

API_KEY_HEADER = "X-API-Key"
# Read from META: building ``request.headers`` parses every header, a tenth of a cached read.
API_KEY_META = "HTTP_X_API_KEY"


def request_principal(request) -> ApiKeyPrincipal | None:
    """The principal of the request's ``X-API-Key``, or None without a valid one.

    Looked up once per request: the conditional-GET middleware needs the plan
    before the view runs, and a bad key must count once against its address
    (``InvalidKeyLimit``), not once per layer. Raises RateLimited when the
    address has sent too many bad keys and this one would need a database
    lookup; that answer is not remembered, so the view raises it again and
    renders the 429.
    """
    django_request = getattr(request, "_request", request)
    if hasattr(django_request, "api_key_principal"):
        return django_request.api_key_principal
    raw_key = request.META.get(API_KEY_META)
    principal = None
    if raw_key is not None:
        # Made only for a key that is not known valid: a valid key, the common
        # case, never pays for the address and the window.
        invalid_keys = None

        def check_invalid_keys():
            nonlocal invalid_keys
            invalid_keys = InvalidKeyLimit(request)
            invalid_keys.check()

        principal = api_key_authenticate(raw_key=raw_key.strip(), before_lookup=check_invalid_keys)
        if principal is None:
            (invalid_keys or InvalidKeyLimit(request)).record_failure()
    django_request.api_key_principal = principal
    return principal


class ApiKeyAuthentication(BaseAuthentication):
    """``X-API-Key`` authentication. ``request.auth`` is an ApiKeyPrincipal."""

    def authenticate(self, request):
        if request.META.get(API_KEY_META) is None:
            return None  # HasValidApiKey turns this into 401 on keyed endpoints
        principal = request_principal(request)
        if principal is None:
            raise AuthenticationFailed("Invalid, revoked or expired API key.")
        return (None, principal)

    def authenticate_header(self, request):
        # A non-empty value makes DRF answer 401 (not 403) to unauthenticated calls.
        return f'ApiKey header="{API_KEY_HEADER}"'
