"""While Redis's breaker is open, hot reads stay cached in process memory; the fallback never outlives the outage."""

import orjson
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.services import api_key_forget_local
from aimodelsmap.cache import CircuitBreaker, OutageFallback, cache_call, outage_fallback
from aimodelsmap.dataversion import data_version_bump, data_version_forget_local
from tests.api.seeded_catalog import seed_catalog
from tests.conftest import make_key
from tests.reliability.conftest import redis_at
from tests.reliability.tcp import free_port
from tests.reliability.test_redis_outage import FakeClock, failure

pytestmark = pytest.mark.django_db

# A v1 body from the response cache (cached_body) and an OpenModels list (its per-version memo).
PATHS = ("/v1/categories", "/v1/models?limit=5", "/api/models?limit=5")


@pytest.fixture
def catalog():
    return seed_catalog()


@pytest.fixture
def client(catalog):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("pro"))
    return client


def get_counting_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return response, len(queries)


def the_outage_begins():
    """Forget what this process remembered from the answering Redis (its data version for a second, key lookups)."""
    data_version_forget_local()
    api_key_forget_local()


@pytest.mark.parametrize("path", PATHS)
def test_a_repeated_read_is_served_from_process_memory_while_redis_is_down(client, redis_down, path):
    the_outage_begins()
    first, built_with = get_counting_queries(client, path)
    the_outage_begins()  # the key lookup must come from the fallback too, not from the second-long memo
    second, served_with = get_counting_queries(client, path)
    assert built_with > 0
    assert served_with == 0
    assert second.content == first.content
    fallback = outage_fallback(cache)
    assert fallback is not None and len(fallback) >= 1  # the body (and a v1 read's key lookup)


def without_cursors(content: bytes):
    """The body with its next-page cursors left out: a cursor pins the moment its page was built."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if "cursor" not in k.lower()}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(orjson.loads(content))


@pytest.mark.parametrize("path", PATHS)
def test_the_fallback_serves_the_same_bytes_and_tags_nothing_as_before(client, path):
    up = client.get(path)
    assert up["ETag"]
    with redis_at(free_port()):
        the_outage_begins()
        built = client.get(path, HTTP_IF_NONE_MATCH=up["ETag"])
        served = client.get(path, HTTP_IF_NONE_MATCH=up["ETag"])
    for response in (built, served):
        # Without a data version nothing is tagged and no 304 is sent, from the fallback or not.
        assert response.status_code == 200
        assert "ETag" not in response
        assert response["Content-Type"] == up["Content-Type"]
    # Served from memory: the very bytes built for the first request, as a Redis hit would be.
    assert served.content == built.content
    assert without_cursors(built.content) == without_cursors(up.content)


def test_a_change_committed_by_this_process_during_the_outage_drops_the_fallback(
    client, redis_down, django_capture_on_commit_callbacks
):
    the_outage_begins()
    get_counting_queries(client, "/v1/categories")
    assert get_counting_queries(client, "/v1/categories")[1] == 0
    with django_capture_on_commit_callbacks(execute=True):
        data_version_bump()  # the bump cannot reach Redis
    assert len(outage_fallback(cache)) == 0
    assert get_counting_queries(client, "/v1/categories")[1] > 0


def test_redis_answering_again_discards_the_fallback(client, flaky_redis):
    up = client.get("/v1/categories")
    flaky_redis.stop()
    the_outage_begins()
    built, _ = get_counting_queries(client, "/v1/categories")
    fallback = outage_fallback(cache)
    assert fallback is not None and len(fallback) > 0
    assert "ETag" not in built

    flaky_redis.start()
    back, _ = get_counting_queries(client, "/v1/categories")
    assert outage_fallback(cache) is None
    assert len(fallback) == 0
    assert back.content == up.content
    assert back["ETag"]


def test_counters_never_use_the_fallback(redis_down):
    # Quota and per-IP counters fail open (allowed, uncounted): a count kept per
    # process would let each worker allow the whole limit again.
    assert cache_call(cache.get, "quota:someone", default=0) == 0
    fallback = outage_fallback(cache)
    assert fallback is not None
    assert cache_call(cache.set, "lookup", {"a": 1}, 60, local_fallback=True) is True
    assert cache_call(cache.get, "lookup", local_fallback=True) == {"a": 1}
    assert len(fallback) == 1


def test_the_breaker_empties_its_fallback_when_an_outage_starts_and_when_it_ends():
    clock = FakeClock()
    breaker = CircuitBreaker("redis", retry_seconds=5, clock=clock, fallback_seconds=1, fallback_entries=8)
    breaker.fallback.set("left over", 1)
    breaker.record_failure(failure())
    assert len(breaker.fallback) == 0
    breaker.fallback.set("body", {"data": 1})
    breaker.record_failure(failure())  # still the same outage: kept
    assert breaker.fallback.get("body") == {"data": 1}
    clock.now += 5
    breaker.before_call()
    breaker.record_success()
    assert breaker.fallback.get("body") is None


def test_fallback_entries_age_out_and_are_bounded():
    clock = FakeClock()
    fallback = OutageFallback(max_age=1, max_entries=2, clock=clock)
    fallback.set("a", 1)
    fallback.set("short", 2, timeout=0.5)
    clock.now += 0.5
    assert fallback.get("short") is None  # the caller's shorter timeout holds
    assert fallback.get("a") == 1
    clock.now += 0.5
    assert fallback.get("a") is None  # never older than max_age, whatever the caller's timeout
    assert fallback.set("never", 3, timeout=0) is False
    for key in "xyz":
        fallback.set(key, key)
    assert len(fallback) == 2
    assert fallback.get("x") is None
    assert fallback.get("z") == "z"


def test_the_embedded_default_has_no_fallback_its_cache_is_process_memory_already():
    from django.core.cache.backends.locmem import LocMemCache

    assert outage_fallback(LocMemCache("embedded", {})) is None
