"""Schema post-processing: document what the cross-cutting layers add to every operation.

The query-string rules (414 over the cap, 400 for a repeated parameter), the
database-outage mapping (503) and the conditional-GET layer
(``If-None-Match`` -> 304, ``ETag``, ``Cache-Control``) apply to every
operation of the surfaces without any view knowing, so they are documented
here once rather than in each ``@extend_schema``.

Text may never contain NUL (PostgreSQL cannot store it; every endpoint
answers 400 or 404), so string parameters and request-body strings carry a
pattern that says so.

Optional query parameters are marked ``allowEmptyValue``: query strings are
validated with DRF serializers and django-filter, which both read an empty
optional parameter (``?cursor=``) as an absent one, on every endpoint.
"""

from __future__ import annotations

from aimodelsmap.api.conditional import HEALTH, OPENMODELS, surface_for

V1_ERROR_REF = {"$ref": "#/components/schemas/V1Error"}
OPENMODELS_ERROR_REF = {"$ref": "#/components/schemas/OpenModelsError"}

IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "An ETag from an earlier response; if it is still current the answer is 304 with no body.",
}
RESPONSE_HEADERS = {
    "ETag": {
        "schema": {"type": "string"},
        "description": "Weak tag of this document (absent while the cache service is down).",
    },
    "Cache-Control": {"schema": {"type": "string"}, "description": "How long and where the response may be cached."},
}


NO_NUL = "^[^\\u0000]*$"


def _forbid_nul(schema: dict, components: dict, seen: set[str]) -> None:
    """Add the no-NUL pattern to every free-form string in a request schema."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen and name in components:
            seen.add(name)
            _forbid_nul(components[name], components, seen)
        return
    if schema.get("type") == "string" and not {"enum", "format", "pattern"} & set(schema):
        schema["pattern"] = NO_NUL
    for child in schema.get("properties", {}).values():
        _forbid_nul(child, components, seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            _forbid_nul(schema[key], components, seen)
    for key in ("allOf", "anyOf", "oneOf"):
        for child in schema.get(key, []):
            _forbid_nul(child, components, seen)


def _error(description: str, ref: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def document_cross_cutting_responses(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK."""
    components = result.get("components", {}).get("schemas", {})
    request_components: set[str] = set()
    for path, operations in result.get("paths", {}).items():
        surface = surface_for(path)
        if surface is None:
            continue
        ref = OPENMODELS_ERROR_REF if surface.name == OPENMODELS else V1_ERROR_REF
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.setdefault("414", _error("Query string over the length cap.", ref))
            if not path.startswith("/health"):
                responses.setdefault("400", _error("Invalid or repeated query parameters.", ref))
            for parameter in operation.get("parameters", []):
                if parameter.get("in") in ("query", "path"):
                    _forbid_nul(parameter.get("schema", {}), components, request_components)
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
            for media in operation.get("requestBody", {}).get("content", {}).values():
                _forbid_nul(media.get("schema", {}), components, request_components)
            responses.setdefault("503", _error("The database is unavailable.", ref))
            if method != "get" or surface.name == HEALTH:
                continue
            responses.setdefault("304", {"description": "Not modified: the If-None-Match tag is still current."})
            for status, response in responses.items():
                if status.startswith("2"):
                    response.setdefault("headers", {}).update(RESPONSE_HEADERS)
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("in") == "header" and p.get("name") == "If-None-Match" for p in parameters):
                parameters.append(IF_NONE_MATCH)
    return result
