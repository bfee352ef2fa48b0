"""OpenAPI building blocks shared by every operation's documentation."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

from aimodelsmap.api.errors import ERROR_KINDS


class V1ErrorBodySerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=sorted({kind[0] for kind in ERROR_KINDS.values()}))
    message = serializers.CharField()
    details = serializers.JSONField(allow_null=True, help_text="Per-field messages for 400s, else null.")


class V1ErrorSerializer(serializers.Serializer):
    error = V1ErrorBodySerializer()


class OpenModelsErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField()
    message = serializers.CharField()
    type = serializers.ChoiceField(choices=sorted({kind[1] for kind in ERROR_KINDS.values()}))


class OpenModelsErrorSerializer(serializers.Serializer):
    error = OpenModelsErrorBodySerializer()


class CursorPaginationSerializer(serializers.Serializer):
    next_cursor = serializers.CharField(allow_null=True)
    has_more = serializers.BooleanField()
    total = serializers.IntegerField()


class PagePaginationSerializer(serializers.Serializer):
    page = serializers.IntegerField()
    limit = serializers.IntegerField()
    total = serializers.IntegerField()


_DESCRIPTIONS = {
    400: "Invalid parameters or body.",
    401: "Missing, unknown, malformed, revoked or expired API key.",
    403: "The key's plan does not allow this.",
    404: "Resource not found.",
    405: "Method not allowed.",
    413: "Request body over the size cap.",
    414: "Query string over the length cap.",
    415: "Body is not application/json.",
    429: "Rate limit exceeded.",
    503: "The database is unavailable.",
}


def v1_errors(*statuses: int) -> dict:
    """``responses`` entries documenting the v1 error envelope for ``statuses``."""
    return {status: OpenApiResponse(V1ErrorSerializer, description=_DESCRIPTIONS[status]) for status in statuses}


def openmodels_errors(*statuses: int) -> dict:
    return {
        status: OpenApiResponse(OpenModelsErrorSerializer, description=_DESCRIPTIONS[status]) for status in statuses
    }


# The statuses every keyed v1 read can answer besides its own.
V1_READ_ERRORS = (400, 401, 429)


def paginated(name: str, item, **extra_fields):
    """A ``{data: [item], pagination, **extra}`` response serializer for the schema."""
    fields = {"data": item(many=True), "pagination": CursorPaginationSerializer(), **extra_fields}
    return inline_serializer(name=name, fields=fields)


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiKeyAuthentication"
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "X-API-Key"}
