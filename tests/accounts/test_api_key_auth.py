from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.keys import hash_key
from accounts.models import ApiKey
from accounts.services import api_key_revoke
from tests.conftest import make_key

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]

UNAUTHORIZED_CODE = "unauthorized"


def get_echo(raw_key=None):
    client = APIClient()
    headers = {} if raw_key is None else {"HTTP_X_API_KEY": raw_key}
    return client.get("/v1/echo", **headers)


def assert_unauthorized(response):
    assert response.status_code == 401
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == UNAUTHORIZED_CODE
    assert body["error"]["details"] is None
    assert body["error"]["message"]


def test_it_accepts_a_valid_key():
    response = get_echo(make_key("free"))
    assert response.status_code == 200
    assert response.json() == {"plan": "free"}


def test_it_rejects_a_missing_key():
    response = get_echo()
    assert_unauthorized(response)
    assert "X-API-Key" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "raw_key",
    [
        "",
        "not-a-key",
        "amm_short_abc",
        "amm_abcdefghij_" + "x" * 10,
        "amm_ABCDEFGHIJ_" + "x" * 43,
        "amm_abcdefghij_" + "x" * 43 + "\x00",
    ],
)
def test_it_rejects_malformed_keys(raw_key):
    assert_unauthorized(get_echo(raw_key))


def test_it_rejects_an_unknown_key_with_a_wellformed_shape():
    raw = make_key("free")
    forged = raw[:-4] + ("AAAA" if not raw.endswith("AAAA") else "BBBB")
    assert_unauthorized(get_echo(forged))


def test_it_rejects_a_key_whose_prefix_exists_but_secret_differs():
    raw = make_key("free")
    prefix_part = raw[: len("amm_") + 10 + 1]
    assert_unauthorized(get_echo(prefix_part + "Z" * 43))


def test_it_rejects_a_revoked_key_immediately_even_when_cached():
    raw = make_key("free")
    assert get_echo(raw).status_code == 200  # lookup now cached
    api_key_revoke(api_key=ApiKey.objects.get())
    assert_unauthorized(get_echo(raw))


def test_it_rejects_an_expired_key():
    raw = make_key("free", expires_at=timezone.now() - timedelta(seconds=1))
    assert_unauthorized(get_echo(raw))


def test_it_accepts_a_key_until_it_expires():
    raw = make_key("free", expires_at=timezone.now() + timedelta(days=1))
    assert get_echo(raw).status_code == 200


def test_it_stores_only_a_hash_of_the_key():
    raw = make_key("free")
    row = ApiKey.objects.get()
    assert row.secret_hash == hash_key(raw)
    stored_values = [str(value) for value in ApiKey.objects.values().get().values()]
    assert not any(raw in value for value in stored_values)
    assert raw.split("_")[1] == row.prefix


def test_it_records_last_used_without_writing_on_every_request(django_assert_num_queries):
    raw = make_key("free")
    assert ApiKey.objects.get().last_used_at is None
    get_echo(raw)
    first_use = ApiKey.objects.get().last_used_at
    assert first_use is not None
    # Cached lookup, and last_used_at already fresh: no query at all.
    with django_assert_num_queries(0):
        assert get_echo(raw).status_code == 200
    assert ApiKey.objects.get().last_used_at == first_use


def test_it_rejects_a_key_at_once_when_its_account_is_deleted():
    raw = make_key("free")
    assert get_echo(raw).status_code == 200  # lookup now cached
    ApiKey.objects.get().account.delete()
    assert_unauthorized(get_echo(raw))


def random_key(index: int) -> str:
    return f"amm_{index:010d}_" + "A" * 43


def test_bad_keys_are_limited_per_address_before_they_cost_a_query(settings, django_assert_num_queries):
    settings.INVALID_KEY_RATE_LIMIT_PER_MINUTE = 3
    for index in range(3):
        with django_assert_num_queries(1):  # the lookup that finds nothing
            assert_unauthorized(get_echo(random_key(index)))
    with django_assert_num_queries(0):
        refused = get_echo(random_key(99))
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused.json()["error"]["message"].startswith("Too many requests without a valid API key.")
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_the_bad_key_limit_spares_valid_keys_and_other_addresses(settings):
    settings.INVALID_KEY_RATE_LIMIT_PER_MINUTE = 2
    valid = make_key("free")
    assert get_echo(valid).status_code == 200  # cached from now on
    for index in range(3):
        get_echo(random_key(index))
    assert get_echo(valid).status_code == 200
    other = APIClient().get("/v1/echo", HTTP_X_API_KEY=random_key(7), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 401
