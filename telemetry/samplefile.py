"""The JSON-lines format of probe results measured elsewhere, one sample per line.

    {"host": "together", "model_id": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
     "measured_at": "2026-11-20T10:00:00Z", "success": true, "http_status": 200,
     "ttft_ms": 350.2, "latency_ms": 910.4, "output_tokens": 12, "tokens_per_second": 18.5}

A failed probe has ``"success": false`` and an ``error_kind`` (timeout, 4xx,
5xx, connection, invalid_response); timings are optional then. ``host`` is
the host provider's slug and ``model_id`` the host's own model id, which
together name one Endpoint.
"""

from __future__ import annotations

from rest_framework import serializers

from telemetry.models import ErrorKind


class SampleLineSerializer(serializers.Serializer):
    host = serializers.SlugField(max_length=100)
    model_id = serializers.CharField(max_length=300)
    measured_at = serializers.DateTimeField()
    success = serializers.BooleanField()
    http_status = serializers.IntegerField(min_value=100, max_value=599, required=False, allow_null=True)
    error_kind = serializers.ChoiceField(choices=ErrorKind.choices, required=False, allow_null=True, allow_blank=True)
    ttft_ms = serializers.FloatField(min_value=0, required=False, allow_null=True)
    latency_ms = serializers.FloatField(min_value=0, required=False, allow_null=True)
    output_tokens = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    tokens_per_second = serializers.FloatField(min_value=0, required=False, allow_null=True)

    def validate(self, attrs):
        attrs["error_kind"] = attrs.get("error_kind") or ""
        if attrs["success"] and attrs["error_kind"]:
            raise serializers.ValidationError("a successful sample cannot have an error_kind")
        if not attrs["success"] and not attrs["error_kind"]:
            raise serializers.ValidationError("a failed sample needs an error_kind")
        return attrs


def first_error(errors) -> str:
    """One readable message out of a serializer's error tree."""
    if isinstance(errors, dict):
        field, messages = next(iter(errors.items()))
        message = first_error(messages)
        return message if field == "non_field_errors" else f"{field}: {message}"
    if isinstance(errors, list):
        return first_error(errors[0])
    return str(errors)
