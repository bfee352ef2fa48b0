"""A repeated cached read is answered before the view, exactly as the view would answer it."""

from unittest import mock

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.models import Plan
from aimodelsmap.api import conditional
from aimodelsmap.api.replay import ReplayedReads
from aimodelsmap.dataversion import data_version_bump
from models_registry.models import Model
from tests.api.seeded_catalog import seed_catalog
from tests.conftest import make_key

pytestmark = pytest.mark.django_db

# Headers that differ between any two requests, replayed or not.
PER_REQUEST = {"X-Request-Id", "X-RateLimit-Remaining"}


def keyed(plan: str = "free") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key(plan))
    return client


def stable_headers(response) -> dict:
    return {name: value for name, value in response.headers.items() if name not in PER_REQUEST}


def view_runs():
    """Counts the requests that reached URL resolution (and so the view)."""
    from django.core.handlers.base import BaseHandler

    return mock.patch.object(BaseHandler, "resolve_request", autospec=True, side_effect=BaseHandler.resolve_request)


@pytest.mark.parametrize(
    "path",
    [
        "/v1/rankings/overall?limit=2",
        "/v1/models?limit=2&sort_by=name",
        "/v1/models/search?q=claude&limit=5",
        "/v1/models/claude-3-5-sonnet",
        "/api/models?limit=2&search=claude",
    ],
)
def test_a_repeated_cached_read_skips_the_view_and_sends_the_same_bytes_and_headers(path):
    seed_catalog()
    client = keyed()
    first = client.get(path)
    with view_runs() as resolved:
        again = client.get(path)
        once_more = client.get(path)

    assert resolved.call_count == 0
    assert first.status_code == again.status_code == once_more.status_code == 200
    assert first.content == again.content == once_more.content
    assert stable_headers(first) == stable_headers(again) == stable_headers(once_more)
    # Each replayed request is still counted, one each.
    remaining = [int(r["X-RateLimit-Remaining"]) for r in (first, again, once_more)]
    assert remaining == [remaining[0], remaining[0] - 1, remaining[0] - 2]


def test_replayed_v1_reads_count_exactly_against_the_quota_and_the_refusal_is_the_views():
    Plan.objects.filter(slug="free").update(daily_request_limit=3)
    seed_catalog()
    raw = make_key("free")
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw)
    path = "/v1/rankings/overall?limit=2"
    statuses = [client.get(path).status_code for _ in range(3)]
    with view_runs() as resolved:
        refused = client.get(path)

    assert statuses == [200, 200, 200]
    # The replay counted the fourth request; the view ran to render its refusal.
    assert resolved.call_count == 1
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused.json()["error"]["message"] == "Daily rate limit exceeded. The quota resets at 00:00 UTC."
    assert refused["X-RateLimit-Limit"] == "3"
    assert refused["X-RateLimit-Remaining"] == "0"
    assert refused["Cache-Control"] == "no-store"
    assert "ETag" not in refused
    (counter,) = cache.keys("quota:*")
    assert cache.get(counter) == 4  # four requests, each counted once


def test_replayed_openmodels_reads_count_exactly_against_the_address_limit(settings):
    settings.OPENMODELS_RATE_LIMIT_PER_MINUTE = 2
    seed_catalog()
    client = APIClient()
    responses = [client.get("/api/models?limit=2", REMOTE_ADDR="198.51.100.7") for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 429]
    assert responses[2].json()["error"]["type"] == "RATE_LIMITED"
    assert responses[2].json()["error"]["message"].startswith("Rate limit exceeded. Try again in ")
    (counter,) = cache.keys("openmodels:rate:198.51.100.7:*")
    assert cache.get(counter) == 3


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [({}, 401, "unauthorized"), ({"HTTP_X_API_KEY": "amm_0123456789_" + "x" * 32}, 401, "unauthorized")],
)
def test_a_request_without_a_valid_key_is_refused_even_when_the_read_is_replayable(headers, status, code):
    seed_catalog()
    path = "/v1/rankings/overall?limit=2"
    assert keyed().get(path).status_code == 200
    refused = APIClient().get(path, **headers)
    assert refused.status_code == status
    assert refused.json()["error"]["code"] == code


def test_a_data_version_bump_stops_the_replay_of_the_older_body(django_capture_on_commit_callbacks):
    seed_catalog()
    client = keyed()
    path = "/v1/models/claude-3-5-sonnet"
    before = client.get(path)
    client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        Model.objects.filter(slug="claude-3-5-sonnet").update(name="Claude Renamed")
        data_version_bump()
    after = client.get(path)

    assert before.json()["data"]["name"] != "Claude Renamed"
    assert after.json()["data"]["name"] == "Claude Renamed"
    assert after["ETag"] != before["ETag"]


def test_a_read_keyed_on_more_than_its_url_runs_its_view_every_time():
    # /v1/resolve keys its body on the day as well: the next day's answer may differ.
    seed_catalog()
    client = keyed()
    path = "/v1/resolve?id=claude-3.5-sonnet"
    first = client.get(path)
    with view_runs() as resolved:
        again = client.get(path)
    assert first.status_code == again.status_code == 200
    assert resolved.call_count == 1


def test_head_and_conditional_requests_keep_their_own_answers():
    seed_catalog()
    client = keyed()
    path = "/v1/rankings/overall?limit=2"
    first = client.get(path)
    client.get(path)
    revalidated = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    head = client.head(path)

    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == first["ETag"]


def test_another_workers_first_request_runs_the_view():
    seed_catalog()
    client = keyed()
    path = "/v1/rankings/overall?limit=2"
    first = client.get(path)
    with mock.patch.object(conditional, "replayed_reads", ReplayedReads()), view_runs() as resolved:
        other = client.get(path)
    assert resolved.call_count == 1
    assert other.content == first.content
