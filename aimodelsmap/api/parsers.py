"""Request body parsing: JSON only, size- and depth-capped, parsed by orjson."""

import orjson
from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

from aimodelsmap.api.errors import PayloadTooLarge


def json_depth_exceeds(document, limit: int) -> bool:
    """Whether containers nest deeper than ``limit`` (iterative: no recursion limit to hit)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class StrictJSONParser(BaseParser):
    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        cap = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        # Read one byte past the cap so an oversized body is refused without
        # buffering more of it than necessary.
        raw = stream.read(cap + 1) if stream is not None else b""
        if len(raw) > cap:
            raise PayloadTooLarge()
        try:
            document = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"Malformed JSON body: {exc}") from None
        if json_depth_exceeds(document, settings.MAX_JSON_DEPTH):
            raise ParseError(f"JSON body nests deeper than {settings.MAX_JSON_DEPTH} levels.")
        return document
