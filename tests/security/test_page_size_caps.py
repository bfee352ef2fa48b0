"""Every list of both surfaces caps its page size at 100: 100 is served, 101 is a 400."""

import re

import pytest
from rest_framework.test import APIClient

from tests.api.seeded_catalog import kind_of, seed_catalog
from tests.conftest import make_key

pytestmark = pytest.mark.django_db

QUERIES = {"/v1/models/compare": "slugs=claude-3-5-sonnet,gpt-4o&", "/v1/models/search": "q=claude&"}


def test_every_list_serves_100_rows_a_page_and_refuses_101():
    values = seed_catalog()
    schema = APIClient().get("/openapi.json").json()
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("internal"))
    lists = []
    for template, operations in schema["paths"].items():
        operation = operations.get("get")
        if not operation or not any(p["name"] == "limit" for p in operation.get("parameters", [])):
            continue
        path = re.sub(r"{(\w+)}", lambda match, t=template: values[kind_of(t, match.group(1))][0], template)
        query = QUERIES.get(template, "")
        assert client.get(f"{path}?{query}limit=100").status_code == 200, template
        refused = client.get(f"{path}?{query}limit=101")
        assert refused.status_code == 400, template
        lists.append(template)
    assert {"/v1/models", "/api/models", "/v1/rankings/{category}", "/api/providers"} <= set(lists)
