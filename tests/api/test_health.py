import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_database_and_redis_healthy(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "timestamp", "version", "services"}
    assert body["status"] == "ok"
    assert body["services"] == {"database": "healthy", "redis": "healthy"}
    assert response["X-Request-Id"]


def test_health_echoes_a_plain_client_request_id(client):
    response = client.get("/health", HTTP_X_REQUEST_ID="trace-123")
    assert response["X-Request-Id"] == "trace-123"


def test_unknown_v1_url_is_a_json_404_in_the_v1_envelope(api_client):
    response = api_client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Resource not found.", "details": None}}


def test_unknown_openmodels_url_is_a_json_404_in_its_envelope(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "message": "Resource not found.", "type": "NOT_FOUND"}}
