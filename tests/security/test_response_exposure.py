"""No response of any GET operation exposes account emails, key material or internal account ids."""

import re

import pytest
from rest_framework.test import APIClient

from accounts.models import Account, ApiKey
from tests.api.seeded_catalog import kind_of, seed_catalog
from tests.conftest import make_key

pytestmark = pytest.mark.django_db

# Operations with a required query parameter.
QUERIES = {
    "/v1/models/compare": "?slugs=claude-3-5-sonnet,gpt-4o",
    "/v1/models/search": "?q=claude",
    "/v1/resolve": "?id=claude-3.5-sonnet",
}
FORBIDDEN_KEYS = {"email", "account", "account_id", "secret_hash", "prefix", "api_key", "key_id", "user", "user_id"}


def get_operations() -> list[str]:
    schema = APIClient().get("/openapi.json").json()
    return [path for path, operations in schema["paths"].items() if "get" in operations and path != "/openapi.json"]


def concrete(template: str, values: dict[str, list[str]]) -> str:
    path = re.sub(r"{(\w+)}", lambda match: values[kind_of(template, match.group(1))][0], template)
    return path + QUERIES.get(template, "")


def walk(document, path="$"):
    if isinstance(document, dict):
        for key, value in document.items():
            yield f"{path}.{key}", key, value
            yield from walk(value, f"{path}.{key}")
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from walk(value, f"{path}[{index}]")


def test_no_get_operation_exposes_emails_key_material_or_account_ids():
    values = seed_catalog()
    raw_key = make_key("internal")
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_key)
    secrets = [*Account.objects.values_list("email", flat=True), *ApiKey.objects.values_list("secret_hash", flat=True)]
    secrets += [raw_key, *(f"amm_{prefix}_" for prefix in ApiKey.objects.values_list("prefix", flat=True))]
    account_ids = set(Account.objects.values_list("id", flat=True))
    checked = 0
    for template in get_operations():
        path = concrete(template, values)
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        text = response.content.decode()
        for secret in filter(None, secrets):
            assert secret not in text, (path, secret)
        for where, key, value in walk(response.json()):
            assert key.lower() not in FORBIDDEN_KEYS, (path, where)
            if key == "id" or key.endswith("_id"):
                assert not (isinstance(value, int) and value in account_ids), (path, where)
        checked += 1
    assert checked >= 20
