"""Schema post-processing: document what the cross-cutting layers add to every operation.

The query-string cap (414), the database-outage mapping (503) and the
conditional-GET layer (``If-None-Match`` -> 304, ``ETag``, ``Cache-Control``)
apply to every operation of the surfaces without any view knowing, so they
are documented here once rather than in each ``@extend_schema``.
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


def _error(description: str, ref: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def document_cross_cutting_responses(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK."""
    for path, operations in result.get("paths", {}).items():
        surface = surface_for(path)
        if surface is None:
            continue
        ref = OPENMODELS_ERROR_REF if surface.name == OPENMODELS else V1_ERROR_REF
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.setdefault("414", _error("Query string over the length cap.", ref))
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
