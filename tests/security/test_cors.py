import pytest
from django.test import override_settings
from rest_framework.test import APIClient

ALLOWED = "https://app.example.com"
OTHER = "https://any-site.example.net"

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.conditional_urls")]


@pytest.fixture(autouse=True)
def _allowlist():
    with override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED]):
        yield


def exposed(response) -> set[str]:
    return set(response["Access-Control-Expose-Headers"].lower().replace(" ", "").split(","))


def preflight(path, origin):
    return APIClient().options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-key",
    )


@pytest.mark.parametrize("origin", [ALLOWED, OTHER, None])
def test_the_public_api_answers_every_origin_with_a_wildcard(origin):
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    response = APIClient().get("/api/things", **headers)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert {"etag", "x-ratelimit-remaining", "x-request-id"} <= exposed(response)


def test_public_api_errors_are_readable_from_a_browser_too():
    response = APIClient().get("/api/things?limit=5&limit=6", HTTP_ORIGIN=OTHER)
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_public_api_preflight_is_an_empty_answer_without_html():
    response = preflight("/api/things", OTHER)
    assert response.status_code == 200
    assert response.content == b""
    assert "Content-Type" not in response
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "x-api-key" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("path", ["/v1/things", "/health"])
def test_an_allowed_origin_may_read_the_keyed_surface_and_health(path):
    response = APIClient().get(path, HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert {"etag", "x-ratelimit-remaining", "x-request-id"} <= exposed(response)


@pytest.mark.parametrize("path", ["/v1/things", "/health"])
def test_an_origin_outside_the_allowlist_gets_no_cors_headers_on_v1(path):
    response = APIClient().get(path, HTTP_ORIGIN=OTHER)
    assert "Access-Control-Allow-Origin" not in response


def test_a_v1_preflight_allows_only_reads_and_the_api_key_header():
    response = preflight("/v1/things", ALLOWED)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "x-api-key" in response["Access-Control-Allow-Headers"]
    assert response.content == b""
    assert "Content-Type" not in response


def test_a_v1_preflight_from_an_unlisted_origin_is_empty_and_grants_nothing():
    response = preflight("/v1/things", OTHER)
    assert response.status_code == 200
    assert response.content == b""
    assert "Content-Type" not in response
    assert "Access-Control-Allow-Origin" not in response


def test_cors_does_not_extend_to_the_admin():
    response = APIClient().get("/admin/login/", HTTP_ORIGIN=ALLOWED)
    assert "Access-Control-Allow-Origin" not in response
