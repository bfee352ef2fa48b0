"""orjson rendering for every API response."""

from decimal import Decimal

import orjson
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer


def decimal_text(value: Decimal) -> str:
    """A Decimal as plain positional JSON number text: 3, 0.075, 0.0000004.

    Never an exponent (``4e-7`` is valid JSON, but people and spreadsheets
    read money as text) and never binary-float noise: the digits are the
    Decimal's own, trailing zeros dropped.
    """
    if not value.is_finite():
        raise TypeError(f"Cannot render {value} as a JSON number")
    if not value:
        return "0"
    return format(value.normalize(), "f")


def _default(value):
    # Prices are Decimals end to end; they leave as JSON numbers with exactly
    # their own digits (orjson.Fragment inserts the text as it is).
    if isinstance(value, Decimal):
        return orjson.Fragment(decimal_text(value))
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def dumps(data) -> bytes:
    return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z)


class ORJSONRenderer(BaseRenderer):
    media_type = "application/json"
    format = "json"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return dumps(data)


class JSONOnlyNegotiation(BaseContentNegotiation):
    """The APIs speak JSON whatever the client's Accept header says."""

    def select_parser(self, request, parsers):
        for parser in parsers:
            if parser.media_type == request.content_type.split(";")[0].strip():
                return parser
        return None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
