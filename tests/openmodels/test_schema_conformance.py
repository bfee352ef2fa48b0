"""Every OpenModels response, success or error, matches what the OpenAPI schema documents."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from tests.factories import SampleFactory

pytestmark = pytest.mark.django_db


def _json_schema(node):
    """OpenAPI 3.0 -> JSON Schema 2020-12.

    ``nullable: true`` becomes a null alternative; boolean ``exclusiveMaximum``
    / ``exclusiveMinimum`` move onto the bound; ``oneOf`` is read as ``anyOf``
    because ``format`` is not asserted here, so ``""`` would match both the
    empty-string and the URI branch of a blank URL field.
    """
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    for bound, exclusive in (("maximum", "exclusiveMaximum"), ("minimum", "exclusiveMinimum")):
        if converted.get(exclusive) is True:
            converted[exclusive] = converted.pop(bound)
        elif converted.get(exclusive) is False:
            del converted[exclusive]
    if "oneOf" in converted:
        converted["anyOf"] = converted.pop("oneOf")
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def _validator(openapi, path: str, status: int):
    operation = openapi["paths"][path]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    components = _json_schema({"components": openapi["components"]})
    registry = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(components))
    refs_fixed = _rebase_refs(_json_schema(schema))
    return Draft202012Validator(refs_fixed, registry=registry)


def _rebase_refs(node):
    if isinstance(node, list):
        return [_rebase_refs(item) for item in node]
    if isinstance(node, dict):
        return {key: ("urn:openapi" + value if key == "$ref" else _rebase_refs(value)) for key, value in node.items()}
    return node


CASES = [
    ("/api/models", "/api/models?capability=code", 200),
    ("/api/models", "/api/models?limit=500", 400),
    ("/api/models/{model_id}", "/api/models/openai/gpt-4o", 200),
    ("/api/models/{model_id}", "/api/models/missing", 404),
    ("/api/models/{model_id}/providers", "/api/models/llama-3-3-70b/providers", 200),
    ("/api/models/{model_id}/providers", "/api/models/gpt-4o/providers", 200),
    ("/api/models/{model_id}/compare", "/api/models/llama-3-3-70b/compare", 200),
    ("/api/models/{model_id}/compare", "/api/models/gpt-4o/compare", 200),
    ("/api/providers", "/api/providers", 200),
    ("/api/providers/{provider_id}", "/api/providers/together", 200),
    ("/api/telemetry/health/{provider_id}", "/api/telemetry/health/together", 200),
    ("/api/telemetry/health/{provider_id}", "/api/telemetry/health/openai", 200),
    ("/api/telemetry/latency/{provider_id}", "/api/telemetry/latency/together", 200),
    ("/api/telemetry/latency/{provider_id}", "/api/telemetry/latency/openai", 200),
    ("/api/telemetry/ranked/{model_id}", "/api/telemetry/ranked/llama-3-3-70b?sort=uptime", 200),
    ("/api/telemetry/ranked/{model_id}", "/api/telemetry/ranked/llama-3-3-70b?sort=nope", 400),
    ("/api/health", "/api/health", 200),
]


@pytest.mark.parametrize(("path", "url", "status"), CASES)
def test_the_response_matches_the_documented_schema(client, catalog, openapi, path, url, status):
    SampleFactory(endpoint=catalog.gpt4o_openai)

    response = client.get(url)

    assert response.status_code == status
    errors = sorted(_validator(openapi, path, status).iter_errors(response.json()), key=str)
    assert errors == []


def test_a_429_matches_the_documented_schema(client, catalog, openapi, settings):
    settings.OPENMODELS_RATE_LIMIT_PER_MINUTE = 1
    client.get("/api/providers")

    response = client.get("/api/providers")

    assert response.status_code == 429
    assert list(_validator(openapi, "/api/providers", 429).iter_errors(response.json())) == []


def test_the_check_catches_a_body_that_strays_from_the_schema(openapi):
    validator = _validator(openapi, "/api/models", 200)

    assert list(validator.iter_errors({"data": [{"id": 1}], "pagination": {"page": 1}}))
