"""Finished replayed reads are answered in front of Django, exactly as the whole stack answered them."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from accounts.models import ApiKey, Plan
from accounts.services import api_key_revoke
from aimodelsmap.api.front import ReplayFront
from aimodelsmap.dataversion import data_version_bump
from aimodelsmap.wsgi import django_application
from models_registry.models import Model
from tests.api.seeded_catalog import seed_catalog
from tests.conftest import make_key

pytestmark = pytest.mark.django_db

# Headers that differ between any two requests, replayed or not.
PER_REQUEST = {"X-Request-Id", "X-RateLimit-Remaining"}


@dataclass
class Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def code(self) -> int:
        return int(self.status.split()[0])

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)

    def stable_headers(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self.headers if name not in PER_REQUEST]


class Server:
    """The front over Django's application, counting the requests that reach Django."""

    def __init__(self):
        self.reached_django = 0
        self.front = ReplayFront(self._django)

    def _django(self, environ, start_response):
        self.reached_django += 1
        return django_application(environ, start_response)

    def get(self, path: str, **headers) -> Answer:
        method = headers.pop("method", "get")
        environ = dict(getattr(RequestFactory(), method)(path, **headers).environ)
        started = []
        # As Django's test client does: the test's transaction must outlive the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return self._call(environ, started)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    def _call(self, environ, started) -> Answer:
        result = self.front(
            environ, lambda status, response_headers, exc_info=None: started.append((status, response_headers))
        )
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # as a WSGI server does: Django's request_finished
        status, response_headers = started[0]
        return Answer(status, list(response_headers), body)


LEADERBOARD = "/v1/rankings/overall?limit=2"


def warmed(times: int) -> tuple[Server, str]:
    """A server whose front has seen the leaderboard read ``times`` times with a fresh key."""
    seed_catalog()
    key = make_key()
    server = Server()
    for _ in range(times):
        server.get(LEADERBOARD, HTTP_X_API_KEY=key)
    return server, key


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
def test_a_finished_replayed_read_is_answered_without_django_with_the_same_bytes_and_headers(path):
    seed_catalog()
    key = make_key()
    server = Server()
    answers = [server.get(path, HTTP_X_API_KEY=key) for _ in range(4)]

    # The view's answer is kept at once; on v1 the key's first request looks it up
    # in the database (and writes its last-used time), which only Django does.
    assert server.reached_django == (2 if path.startswith("/v1/") else 1)
    assert {answer.status for answer in answers} == {"200 OK"}
    assert {answer.body for answer in answers} == {answers[0].body}
    assert [answer.stable_headers() for answer in answers] == [answers[0].stable_headers()] * 4
    # Each request is counted once, wherever it was answered.
    remaining = [int(answer.header("X-RateLimit-Remaining")) for answer in answers]
    assert remaining == [remaining[0] - n for n in range(4)]
    assert len({answer.header("X-Request-Id") for answer in answers}) == 4


def test_the_front_echoes_a_plain_request_id_and_replaces_anything_else():
    server, key = warmed(2)
    path = LEADERBOARD
    echoed = server.get(path, HTTP_X_API_KEY=key, HTTP_X_REQUEST_ID="client-id.42")
    replaced = server.get(path, HTTP_X_API_KEY=key, HTTP_X_REQUEST_ID="bad id\r\nX-Evil: 1")

    assert server.reached_django == 2
    assert echoed.header("X-Request-Id") == "client-id.42"
    assert len(replaced.header("X-Request-Id")) == 32
    assert replaced.header("X-Evil") is None


def test_v1_reads_in_front_count_exactly_against_the_quota_and_the_refusal_is_the_views():
    Plan.objects.filter(slug="free").update(daily_request_limit=3)
    seed_catalog()
    key = make_key()
    server = Server()
    path = "/v1/rankings/overall?limit=2"
    answers = [server.get(path, HTTP_X_API_KEY=key) for _ in range(4)]

    assert [answer.code for answer in answers] == [200, 200, 200, 429]
    # The third was answered in front; the fourth was counted there, refused, and rendered by the view.
    assert server.reached_django == 3
    refused = answers[3]
    assert b'"code":"rate_limited"' in refused.body.replace(b" ", b"")
    assert refused.header("X-RateLimit-Limit") == "3"
    assert refused.header("X-RateLimit-Remaining") == "0"
    assert refused.header("Cache-Control") == "no-store"
    assert refused.header("ETag") is None
    (counter,) = cache.keys("quota:*")
    assert cache.get(counter) == 4  # four requests, each counted once


def test_openmodels_reads_in_front_count_exactly_against_the_address_limit(settings):
    settings.OPENMODELS_RATE_LIMIT_PER_MINUTE = 2
    seed_catalog()
    server = Server()
    answers = [server.get("/api/models?limit=2", REMOTE_ADDR="198.51.100.7") for _ in range(3)]
    other_address = server.get("/api/models?limit=2", REMOTE_ADDR="198.51.100.8")

    assert [answer.code for answer in answers] == [200, 200, 429]
    assert b"RATE_LIMITED" in answers[2].body
    assert other_address.code == 200
    # The first went through the view, the second and third were counted in front, and the
    # third's refusal was rendered by the view; the other address was served in front.
    assert server.reached_django == 2
    (counter,) = cache.keys("openmodels:rate:198.51.100.7:*")
    assert cache.get(counter) == 3


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_HOST": "localhost"},
        {"HTTP_X_FORWARDED_PROTO": "https"},
        {"HTTP_IF_NONE_MATCH": '"something else"'},
        {"method": "head"},
    ],
    ids=["origin", "host", "forwarded-scheme", "conditional", "head"],
)
def test_a_request_the_outer_middleware_may_answer_otherwise_goes_through_django(headers):
    server, key = warmed(3)
    path = LEADERBOARD
    assert server.reached_django == 2

    server.get(path, HTTP_X_API_KEY=key, **headers)
    assert server.reached_django == 3


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"HTTP_X_API_KEY": "amm_0123456789_" + "x" * 32}, 401)],
    ids=["no-key", "unknown-key"],
)
def test_a_request_without_a_valid_key_gets_djangos_refusal(headers, status):
    server, key = warmed(3)
    path = LEADERBOARD
    refused = server.get(path, **headers)
    assert refused.code == status
    assert refused.header("ETag") is None
    assert server.reached_django == 3


def test_a_revoked_key_is_refused_at_once():
    server, key = warmed(3)
    path = LEADERBOARD
    api_key_revoke(api_key=ApiKey.objects.get())
    assert server.get(path, HTTP_X_API_KEY=key).code == 401


def test_a_data_version_bump_stops_the_front_serving_the_older_body(django_capture_on_commit_callbacks):
    seed_catalog()
    key = make_key()
    server = Server()
    path = "/v1/models/claude-3-5-sonnet"
    before = [server.get(path, HTTP_X_API_KEY=key) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        Model.objects.filter(slug="claude-3-5-sonnet").update(name="Claude Renamed")
        data_version_bump()
    after = server.get(path, HTTP_X_API_KEY=key)

    assert b"Claude Renamed" not in before[2].body
    assert b"Claude Renamed" in after.body
    assert after.header("ETag") != before[2].header("ETag")
    assert server.reached_django == 3
