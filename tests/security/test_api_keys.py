"""Keys: hashes only at rest, never in logs, identifiable by prefix, dead the moment they are revoked."""

import logging

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from accounts.keys import hash_key, parse_prefix
from accounts.models import ApiKey
from accounts.services import api_key_revoke
from tests.conftest import make_key
from tests.factories import AccountFactory
from tests.reliability.conftest import redis_at
from tests.reliability.tcp import free_port

pytestmark = pytest.mark.urls("tests.api.conditional_urls")


def keyed(raw_key):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_key)
    return client


def secret_of(raw_key: str) -> str:
    return raw_key.split("_", 2)[2]


def every_stored_value() -> str:
    """Every row of every table, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT row_to_json(t)::text FROM "{table}" t')
            chunks.extend(row[0] for row in cursor.fetchall())
    return "\n".join(chunks)


def every_cached_value() -> str:
    client = cache.client.get_client()
    return "\n".join(repr(client.get(key)) for key in client.scan_iter("*"))


@pytest.mark.django_db
def test_only_the_hash_and_the_public_prefix_are_stored():
    raw = make_key("free")
    assert keyed(raw).get("/v1/things").status_code == 200  # also caches the lookup
    row = ApiKey.objects.get()
    assert row.prefix == parse_prefix(raw)
    assert row.secret_hash == hash_key(raw)
    stored, cached = every_stored_value(), every_cached_value()
    assert secret_of(raw) not in stored
    assert secret_of(raw) not in cached
    assert row.secret_hash in stored


@pytest.mark.django_db
def test_raw_keys_never_reach_the_logs(caplog):
    good = make_key("free")
    wrong_secret = good[:-5] + "AAAAA"
    revoked = make_key("free")
    api_key_revoke(api_key=ApiKey.objects.get(prefix=parse_prefix(revoked)))
    attempts = [good, wrong_secret, revoked, "amm_abcdefghij_" + "B" * 43, "not-a-key-" + "C" * 40]
    with caplog.at_level(logging.DEBUG):
        statuses = [keyed(raw).get("/v1/things").status_code for raw in attempts]
        with redis_at(free_port()):  # the outage path logs warnings too
            statuses += [keyed(raw).get("/v1/things").status_code for raw in attempts]
    assert statuses == [200, 401, 401, 401, 401] * 2
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert any(record.levelno == logging.WARNING for record in caplog.records)
    for raw in attempts:
        assert secret_of(raw) not in logged if raw.startswith("amm_") else raw not in logged


@pytest.mark.django_db
def test_a_valid_prefix_with_a_wrong_secret_is_refused():
    raw = make_key("pro")
    forged = f"amm_{parse_prefix(raw)}_" + "A" * 43
    response = keyed(forged).get("/v1/things")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls")
def test_the_prefix_of_a_leaked_key_finds_its_row_and_account_in_the_admin(client):
    account = AccountFactory(name="leaky-corp")
    leaked = make_key("free", account=account)
    make_key("free")
    admin_user = User.objects.create_superuser("curator", "curator@example.com", "pw-123-long-enough")
    client.force_login(admin_user)
    response = client.get("/admin/accounts/apikey/", {"q": parse_prefix(leaked)}, HTTP_ACCEPT="text/html")
    assert ApiKey.objects.get(prefix=parse_prefix(leaked)).account == account
    assert response.status_code == 200
    assert b"leaky-corp" in response.content
    assert b"1 result" in response.content


@pytest.mark.django_db
def test_a_revoked_key_is_refused_on_the_very_next_request(django_capture_on_commit_callbacks):
    raw = make_key("free")
    client = keyed(raw)
    assert client.get("/v1/things").status_code == 200  # the lookup is now cached
    with django_capture_on_commit_callbacks(execute=True):
        api_key_revoke(api_key=ApiKey.objects.get(prefix=parse_prefix(raw)))
    response = client.get("/v1/things")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Invalid, revoked or expired API key."


@pytest.mark.django_db
def test_an_authentication_failure_does_not_echo_the_key():
    raw = make_key("free")
    forged = raw[:-3] + "zzz"
    response = keyed(forged).get("/v1/things")
    assert response.status_code == 401
    assert secret_of(forged).encode() not in response.content
    assert parse_prefix(raw).encode() not in response.content
