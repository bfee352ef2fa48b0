"""Cached reads are bytes: a hit sends exactly the bytes and tag of the miss, and skips query validation.

A miss stores the bytes as they are, unanswered, and validates a query it has validated before only once."""

from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django_redis import get_redis_connection
from rest_framework.test import APIClient

from aimodelsmap.api import caching, conditional, fields
from aimodelsmap.api.caching import _LocalLRU
from aimodelsmap.api.fields import validate_query as real_validate_query
from aimodelsmap.api.replay import ReplayedReads
from aimodelsmap.cache import breaker_for, kept_connections_for
from models_registry.api.v1.serializers import CompareQuerySerializer, ModelListQuerySerializer
from tests.api.seeded_catalog import seed_catalog
from tests.conftest import make_key

pytestmark = pytest.mark.django_db

CATALOG_READS = [
    "/v1/models?limit=2&sort_by=name",
    "/v1/models/search?q=claude&limit=5",
    "/v1/models/claude-3-5-sonnet",
    "/v1/categories",
    "/v1/categories/overall",
    "/v1/rankings/overall?limit=2",
    "/v1/resolve?id=claude-3.5-sonnet",
    "/api/models?limit=2&search=claude",
]


def keyed():
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("free"))
    return client


@pytest.mark.parametrize("path", CATALOG_READS)
def test_a_cache_hit_sends_the_bytes_and_tag_of_the_miss_and_revalidates_to_304(path):
    seed_catalog()
    client = keyed()
    miss = client.get(path)
    # Another worker: its process memory is empty, the body comes from Redis.
    with (
        mock.patch.object(caching, "_local", _LocalLRU(4)),
        mock.patch.object(conditional, "replayed_reads", ReplayedReads()),
    ):
        shared_hit = client.get(path)
    local_hit = client.get(path)
    revalidated = client.get(path, HTTP_IF_NONE_MATCH=miss["ETag"])

    assert miss.status_code == shared_hit.status_code == local_hit.status_code == 200
    assert miss.content == shared_hit.content == local_hit.content
    assert miss["Content-Type"] == local_hit["Content-Type"] == "application/json"
    assert miss["ETag"] == shared_hit["ETag"] == local_hit["ETag"]
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == miss["ETag"]


@pytest.mark.parametrize(
    ("path", "module"),
    [
        ("/v1/models?limit=2", "models_registry.api.v1.views"),
        ("/v1/models/search?q=claude", "models_registry.api.v1.views"),
        ("/v1/rankings/overall?limit=2", "aimodelsmap.api.caching"),
    ],
)
def test_a_cache_hit_skips_query_validation(path, module):
    seed_catalog()
    client = keyed()
    with mock.patch(f"{module}.validate_query", side_effect=real_validate_query) as validate:
        first = client.get(path)
        again = client.get(path)
    assert first.status_code == again.status_code == 200
    assert validate.call_count == 1


def test_the_openmodels_list_hit_skips_validation_and_serialization():
    seed_catalog()
    client = APIClient()
    first = client.get("/api/models?limit=2")
    with mock.patch("aimodelsmap.api.openmodels.PageQuerySerializer", side_effect=AssertionError("validated")):
        again = client.get("/api/models?limit=2")
    assert again.status_code == 200
    assert again.content == first.content


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/v1/models?limit=0", "limit"),
        ("/v1/models/search?q=claude&limit=abc", "limit"),
        ("/v1/rankings/overall?limit=1000", "limit"),
    ],
)
def test_a_bad_query_is_a_400_in_the_v1_envelope_every_time_and_never_cached(path, parameter):
    seed_catalog()
    client = keyed()
    answers = [client.get(path) for _ in range(2)]
    for answer in answers:
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "bad_request"
        assert parameter in answer.json()["error"]["details"]
    assert not [key for key in cache.keys("v1:*") if "models" in key or "rankings" in key or "search" in key]


def test_a_bad_openmodels_query_is_a_400_in_its_envelope_every_time():
    seed_catalog()
    answers = [APIClient().get("/api/models?limit=1000") for _ in range(2)]
    assert [answer.status_code for answer in answers] == [400, 400]
    assert answers[1].json()["error"]["type"] == "BAD_REQUEST"


def test_parameters_in_another_order_share_one_cached_body():
    seed_catalog()
    client = keyed()
    with mock.patch("models_registry.api.v1.views.validate_query", side_effect=real_validate_query) as validate:
        first = client.get("/v1/models?limit=2&sort_by=name")
        again = client.get("/v1/models?sort_by=name&limit=2")
    assert first.content == again.content
    assert validate.call_count == 1


def test_a_body_is_kept_in_redis_as_its_bytes():
    seed_catalog()
    miss = keyed().get("/v1/rankings/overall?limit=2")
    assert miss.status_code == 200
    (key,) = cache.keys("v1:rankings:*")
    assert get_redis_connection("default").get(cache.make_key(key)) == miss.content


def test_a_body_is_stored_without_a_reply_to_wait_for(settings):
    seed_catalog()
    client = keyed()
    for limit in (1, 2, 3):
        assert client.get(f"/v1/rankings/overall?limit={limit}").status_code == 200
    (writer,) = kept_connections_for(settings.CACHES["default"]["LOCATION"], None, replies=False)._idle
    assert not writer.can_read()  # three SETs sent, and not one reply waiting on the socket
    assert len(cache.keys("v1:rankings:*")) == 3


def test_a_body_writer_the_server_closed_is_replaced_before_the_write(settings):
    seed_catalog()
    client = keyed()
    assert client.get("/v1/rankings/overall?limit=1").status_code == 200
    (writer,) = kept_connections_for(settings.CACHES["default"]["LOCATION"], None, replies=False)._idle
    host, port = writer._sock.getsockname()[:2]
    assert get_redis_connection("default").client_kill(f"{host}:{port}")
    miss = client.get("/v1/rankings/overall?limit=2")
    assert miss.status_code == 200
    assert len(cache.keys("v1:rankings:*")) == 2
    assert not breaker_for(settings.CACHES["default"]["LOCATION"]).is_open


def test_a_valid_query_is_validated_once_whatever_else_it_carries():
    seed_catalog()
    client = keyed()
    fields._validated.cache_clear()
    with mock.patch.object(
        ModelListQuerySerializer, "is_valid", autospec=True, side_effect=ModelListQuerySerializer.is_valid
    ) as is_valid:
        first = client.get("/v1/models?limit=2&trace=1")
        second = client.get("/v1/models?trace=2&limit=2")
        other_limit = client.get("/v1/models?limit=1&trace=3")
    assert first.status_code == second.status_code == other_limit.status_code == 200
    assert first.json()["data"] == second.json()["data"]
    assert len(first.json()["data"]) == 2
    assert len(other_limit.json()["data"]) == 1
    assert is_valid.call_count == 2  # limit=2 once, limit=1 once; the unread "trace" does not count


def test_validated_values_are_the_callers_own_copy():
    request = SimpleNamespace(query_params=QueryDict("slugs=gpt-4o,claude-3-5-sonnet"))
    first = real_validate_query(CompareQuerySerializer, request)
    first["slugs"].append("mutated")
    assert real_validate_query(CompareQuerySerializer, request) == {"slugs": ["gpt-4o", "claude-3-5-sonnet"]}
