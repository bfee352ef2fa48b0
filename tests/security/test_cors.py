import pytest
from django.test import override_settings
from rest_framework.test import APIClient

ALLOWED = "https://app.example.com"

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.conditional_urls")]


@pytest.fixture(autouse=True)
def _allowlist():
    with override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED]):
        yield


@pytest.mark.parametrize("path", ["/api/things", "/health"])
def test_an_allowed_origin_may_read_the_public_surfaces(path):
    response = APIClient().get(path, HTTP_ORIGIN=ALLOWED)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    exposed = response["Access-Control-Expose-Headers"].lower()
    assert {"etag", "x-ratelimit-remaining", "x-request-id"} <= set(exposed.replace(" ", "").split(","))


def test_an_origin_outside_the_allowlist_gets_no_cors_headers():
    response = APIClient().get("/api/things", HTTP_ORIGIN="https://evil.example.net")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_a_preflight_allows_only_reads_and_the_api_key_header():
    response = APIClient().options(
        "/v1/things",
        HTTP_ORIGIN=ALLOWED,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-key",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "x-api-key" in response["Access-Control-Allow-Headers"]


def test_cors_does_not_extend_to_the_admin():
    response = APIClient().get("/admin/login/", HTTP_ORIGIN=ALLOWED)
    assert "Access-Control-Allow-Origin" not in response
