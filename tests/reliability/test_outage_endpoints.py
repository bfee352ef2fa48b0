"""Every real GET endpoint keeps answering from PostgreSQL while Redis is down; outbound fetches time out."""

import logging
import re
from logging import WARNING

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from ingestion.errors import IngestError
from ingestion.fetch import fetch_to_file
from tests.api.seeded_catalog import kind_of, seed_catalog
from tests.conftest import make_key
from tests.reliability.tcp import black_hole

pytestmark = pytest.mark.django_db

# Operations with a required query parameter.
QUERIES = {
    "/v1/models/compare": "?slugs=claude-3-5-sonnet,gpt-4o",
    "/v1/models/search": "?q=claude",
    "/v1/resolve": "?id=claude-3.5-sonnet",
}


def get_paths(values: dict[str, list[str]]) -> list[str]:
    schema = APIClient().get("/openapi.json").json()
    paths = []
    for template, operations in schema["paths"].items():
        if "get" in operations and template != "/openapi.json":
            path = re.sub(r"{(\w+)}", lambda match, t=template: values[kind_of(t, match.group(1))][0], template)
            paths.append(path + QUERIES.get(template, ""))
    return paths


def test_every_get_endpoint_is_served_from_the_database_while_redis_is_down(redis_down, caplog):
    values = seed_catalog()
    paths = get_paths(values)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("pro"))
    with caplog.at_level(logging.WARNING):
        statuses = {path: client.get(path).status_code for path in paths}
    assert statuses == dict.fromkeys(paths, 200)
    assert len(paths) >= 20
    # The quota and the per-IP limit both failed open, and the outage was logged once, not once per call.
    warnings = [r.getMessage() for r in caplog.records if r.name == "aimodelsmap.cache" and r.levelno >= WARNING]
    assert len(warnings) == 1
    assert "unavailable (ConnectionError): failing open" in warnings[0]


def test_a_review_submission_is_stored_while_redis_is_down(redis_down):
    values = seed_catalog()
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("pro"))
    body = {"rating": 4, "body": "Still works with the cache service down.", "authorName": "Ops"}
    response = client.post(f"/v1/models/{values['model'][0]}/reviews", body, format="json")
    assert response.status_code == 201
    assert response.json()["data"]["body"] == body["body"]


def test_an_ingest_download_from_a_silent_server_times_out(tmp_path):
    hole = black_hole()
    url = f"http://127.0.0.1:{hole.getsockname()[1]}/openrouter-models-2026-07-01.json"
    try:
        with (
            override_settings(
                INGEST_ALLOW_HTTP=True, INGEST_ALLOW_PRIVATE_ADDRESSES=True, INGEST_FETCH_TIMEOUT_SECONDS=1
            ),
            pytest.raises(IngestError, match="Timeout"),
        ):
            fetch_to_file(url, tmp_path)
    finally:
        hole.close()
