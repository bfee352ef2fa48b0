import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_generates_and_validates_without_warnings(tmp_path):
    # --fail-on-warn turns any drf-spectacular warning into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.json"))
    assert (tmp_path / "schema.json").stat().st_size > 0


def test_the_schema_is_served_as_json(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["components"]["securitySchemes"]["ApiKeyAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
    }
    assert "/health" in schema["paths"]


@pytest.mark.parametrize("path", ["/docs/", "/redoc/"])
def test_the_interactive_docs_are_served(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_the_schema_states_the_rules_it_can(client):
    schema = client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    usage = ["monthlyTokens", "monthlyInputTokens", "monthlyOutputTokens", "monthlyImages", "monthlyVideoMinutes"]
    assert components["PricingCalculateRequest"]["anyOf"] == [{"required": [name]} for name in usage]
    assert schema["paths"]["/v1/pricing/calculate"]["post"]["requestBody"]["required"] is True

    author = re.compile(components["ReviewSubmitRequest"]["properties"]["authorName"]["pattern"])
    assert [bool(author.search(text)) for text in ["Ada", " Ada ", "   ", "", "A\x00"]] == [
        True,
        True,
        False,
        False,
        False,
    ]

    (slugs,) = [p for p in schema["paths"]["/v1/models/compare"]["get"]["parameters"] if p["name"] == "slugs"]
    pattern = re.compile(slugs["schema"]["pattern"])
    accepted = ["a,b", "a,b,c,d", "gpt-4o, claude"]
    refused = ["a", "a,b,c,d,e", "a,,b", "a, ,b", ",a", "a,b,"]
    assert [bool(pattern.search(text)) for text in accepted + refused] == [True] * 3 + [False] * 6


def test_the_schema_documents_null_changes_and_the_runs_compared_with(client):
    components = client.get("/openapi.json").json()["components"]["schemas"]
    entry = components["RankingEntry"]["properties"]
    for field in ("change_24h", "change_7d"):
        assert (entry[field]["type"], entry[field]["nullable"]) == ("integer", True)
        assert "no run to compare with" in entry[field]["description"]
    assert components["RankingResponse"]["properties"]["compared_with"] == {"$ref": "#/components/schemas/ComparedWith"}
    compared = components["ComparedWith"]
    assert compared["required"] == ["24h", "7d"]
    assert {(f["format"], f["nullable"]) for f in compared["properties"].values()} == {("date-time", True)}
    movers = components["MoversResponse"]["properties"]["compared_with"]
    assert (movers["format"], movers["nullable"]) == ("date-time", True)
