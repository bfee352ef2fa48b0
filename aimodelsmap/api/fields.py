"""Query-parameter fields shared by the API surfaces.

Views validate their query string with a plain DRF Serializer built from these
fields, so a bad value is a 400 with the offending parameter in ``details``.
"""

from rest_framework import serializers


class EnumField(serializers.ChoiceField):
    """A ChoiceField whose error names the allowed values."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, **kwargs)
        allowed = ", ".join(str(choice) for choice in self.choices)
        self.error_messages["invalid_choice"] = f'"{{input}}" is not a valid choice. Allowed values: {allowed}.'


class LimitField(serializers.IntegerField):
    """``limit``: an integer 1..100 (no floats, no blanks)."""

    def __init__(self, *, default: int = 20, max_value: int = 100, **kwargs):
        super().__init__(default=default, min_value=1, max_value=max_value, **kwargs)

    def to_internal_value(self, data):
        # IntegerField accepts "5.0"; a page size is written as a whole number.
        if isinstance(data, str) and not data.strip().lstrip("+").isdigit():
            self.fail("invalid")
        return super().to_internal_value(data)


class BodyLimitField(LimitField):
    """``limit`` in a JSON body: a JSON integer 1..max ("5", 5.0 and true are refused)."""

    default_error_messages = {"invalid": "Must be a JSON integer."}

    def to_internal_value(self, data):
        # bool is an int subclass in Python; JSON true must not count as 1.
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class NoNulCharField(serializers.CharField):
    """Text without NUL bytes (PostgreSQL cannot store them in text columns)."""

    default_error_messages = {"nul": "Must not contain NUL bytes."}

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if "\x00" in value:
            self.fail("nul")
        return value


def validate_query(serializer_class, request):
    """Validate ``request.query_params`` and return the cleaned values (400 on error)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
