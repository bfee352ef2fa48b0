"""Conditional GET on the real endpoints: every GET is tagged, revalidates to 304, changes with the data."""

import re

import pytest
from rest_framework.test import APIClient

from tests.api.seeded_catalog import kind_of, seed_catalog
from tests.conftest import make_key

pytestmark = pytest.mark.django_db

QUERIES = {
    "/v1/models/compare": "?slugs=claude-3-5-sonnet,gpt-4o",
    "/v1/models/search": "?q=claude",
    "/v1/resolve": "?id=claude-3.5-sonnet",
}


def get_paths(values):
    schema = APIClient().get("/openapi.json").json()
    for template, operations in schema["paths"].items():
        if "get" in operations and template != "/openapi.json":
            path = re.sub(r"{(\w+)}", lambda match, t=template: values[kind_of(t, match.group(1))][0], template)
            yield template, path + QUERIES.get(template, "")


def keyed(plan="free"):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key(plan))
    return client


def test_every_get_of_both_surfaces_is_tagged_and_revalidates_to_304_and_health_never_is():
    values = seed_catalog()
    client = keyed("internal")
    checked = set()
    for template, path in get_paths(values):
        first = client.get(path)
        assert first.status_code == 200, path
        again = client.get(path, HTTP_IF_NONE_MATCH=first.get("ETag", ""))
        if template.startswith("/health") or template == "/api/health":
            assert "ETag" not in first, path
            assert first["Cache-Control"] == "no-store", path
            assert again.status_code == 200, path
        else:
            assert first["ETag"].startswith('W/"'), path
            assert again.status_code == 304, path
            assert again.content == b"", path
            expected = "public, max-age=60" if path.startswith("/api/") else "private, max-age=0, must-revalidate"
            assert first["Cache-Control"] == again["Cache-Control"] == expected, path
        checked.add(template)
    assert {"/v1/models", "/api/models", "/health", "/health/pipelines", "/api/health"} <= checked


def test_a_304_on_a_real_v1_read_does_not_count_against_the_quota():
    seed_catalog()
    client = keyed("free")
    first = client.get("/v1/models")
    for _ in range(5):
        assert client.get("/v1/models", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    after = client.get("/v1/models")
    assert (first["X-RateLimit-Remaining"], after["X-RateLimit-Remaining"]) == ("999", "998")


def test_a_submitted_review_changes_the_tag_of_the_reviews_it_appears_in(django_capture_on_commit_callbacks):
    values = seed_catalog()
    slug = values["model"][0]
    reader, writer = keyed("free"), keyed("pro")
    before = reader.get(f"/v1/models/{slug}/reviews")
    body = {"rating": 5, "body": "Fast and careful with long contexts.", "authorName": "Reader"}
    with django_capture_on_commit_callbacks(execute=True):
        assert writer.post(f"/v1/models/{slug}/reviews", body, format="json").status_code == 201
    after = reader.get(f"/v1/models/{slug}/reviews", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert body["body"] in [review["body"] for review in after.json()["data"]]
