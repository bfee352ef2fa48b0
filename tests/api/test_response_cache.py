from unittest import mock

import pytest

from aimodelsmap.api import caching
from aimodelsmap.api.caching import cached_body
from aimodelsmap.cache import CircuitBreakerClient
from aimodelsmap.dataversion import data_version_bump

pytestmark = pytest.mark.django_db


class Builder:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"data": self.calls}


def test_a_body_is_built_once_per_data_version(django_capture_on_commit_callbacks):
    build = Builder()
    assert cached_body("t", {"a": 1}, build) == b'{"data":1}'
    assert cached_body("t", {"a": 1}, build) == b'{"data":1}'
    assert cached_body("t", {"a": 2}, build) == b'{"data":2}'
    with django_capture_on_commit_callbacks(execute=True):
        data_version_bump()
    assert cached_body("t", {"a": 1}, build) == b'{"data":3}'


def test_workers_share_bodies_through_redis():
    build = Builder()
    cached_body("t", {"a": 1}, build)
    # Another worker: empty process-local cache, same Redis.
    with mock.patch.object(caching, "_local", caching._LocalLRU(4)):
        assert cached_body("t", {"a": 1}, build) == b'{"data":1}'
    assert build.calls == 1


def test_the_local_cache_is_bounded():
    lru = caching._LocalLRU(2)
    for key in "abc":
        lru.put(key, key.encode())
    assert lru.get("a") is None
    assert lru.get("c") == b"c"


def test_zero_seconds_disables_the_cache(settings):
    settings.CATALOG_CACHE_SECONDS = 0
    build = Builder()
    cached_body("t", {}, build)
    cached_body("t", {}, build)
    assert build.calls == 2


def test_a_cache_outage_falls_back_to_building():
    build = Builder()
    with (
        mock.patch.object(caching, "data_version", return_value=0),
    ):
        assert cached_body("t", {}, build) == b'{"data":1}'
        assert cached_body("t", {}, build) == b'{"data":2}'
    with (
        mock.patch.object(CircuitBreakerClient, "get_bytes", side_effect=ConnectionError),
        mock.patch.object(CircuitBreakerClient, "set_bytes", side_effect=ConnectionError),
    ):
        assert cached_body("t", {"b": 1}, build) == b'{"data":3}'
        assert cached_body("t", {"b": 2}, build) == b'{"data":4}'
