import orjson
import pytest
from django.conf import settings
from rest_framework.test import APIClient

from tests.conftest import make_key

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls")]


def keyed_client():
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("pro"))
    return client


def post_json(client, body: bytes):
    return client.generic("POST", "/v1/writes", body, content_type="application/json")


def test_a_query_string_at_the_cap_is_accepted():
    query = "q=" + "a" * (settings.MAX_QUERY_STRING_LENGTH - 2)
    assert APIClient().get(f"/health?{query}").status_code == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/health", {"error": {"code": "uri_too_long", "message": "Request URI is too long.", "details": None}}),
        ("/v1/models", {"error": {"code": "uri_too_long", "message": "Request URI is too long.", "details": None}}),
        ("/api/models", {"error": {"status": 414, "message": "Request URI is too long.", "type": "URI_TOO_LONG"}}),
    ],
)
def test_an_over_long_query_string_is_a_414_in_the_envelope_of_the_surface(path, body):
    query = "q=" + "a" * (settings.MAX_QUERY_STRING_LENGTH - 1)
    response = APIClient().get(f"{path}?{query}")
    assert response.status_code == 414
    assert response.json() == body


def test_a_body_at_the_cap_is_parsed():
    body = orjson.dumps({"text": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE - 11)})
    assert len(body) == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = post_json(keyed_client(), body)
    assert response.status_code == 201
    assert response.json() == {"received": 1}


def test_a_json_body_over_the_cap_is_a_413():
    body = orjson.dumps({"text": "a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE})
    response = post_json(keyed_client(), body)
    assert response.status_code == 413
    assert response.json() == {
        "error": {"code": "payload_too_large", "message": "Request body is too large.", "details": None}
    }


def test_an_oversized_form_read_by_django_itself_is_a_json_413():
    # The admin login reads request.POST, so Django's own RequestDataTooBig fires.
    response = APIClient().post(
        "/admin/login/",
        "x=" + "a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_a_deeply_nested_body_is_a_400_not_a_crash():
    body = b"[" * (settings.MAX_JSON_DEPTH + 1) + b"]" * (settings.MAX_JSON_DEPTH + 1)
    response = post_json(keyed_client(), body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_a_non_json_body_is_a_415():
    response = keyed_client().post("/v1/writes", "a=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/v1/models?limit=5&limit=100",
            {
                "error": {
                    "code": "bad_request",
                    "message": "Invalid value for: limit.",
                    "details": {"limit": ["Give this parameter at most once."]},
                }
            },
        ),
        (
            "/api/models?page=1&limit=5&page=2",
            {"error": {"status": 400, "message": "Invalid value for: page.", "type": "BAD_REQUEST"}},
        ),
    ],
)
def test_a_repeated_query_parameter_is_a_400_in_the_envelope_of_the_surface(path, body):
    response = APIClient().get(path)
    assert response.status_code == 400
    assert response.json() == body


def test_repeated_parameters_outside_the_api_surfaces_are_left_alone():
    assert APIClient().get("/health?probe=1&probe=2").status_code == 200


@pytest.mark.parametrize(
    ("path", "envelope"),
    [
        (
            "/v1/models/claude/reviews",
            {
                "error": {
                    "code": "length_required",
                    "message": "Send the body with a Content-Length header; chunked transfer encoding is not accepted.",
                    "details": None,
                }
            },
        ),
        (
            "/api/models",
            {
                "error": {
                    "status": 411,
                    "message": "Send the body with a Content-Length header; chunked transfer encoding is not accepted.",
                    "type": "LENGTH_REQUIRED",
                }
            },
        ),
    ],
)
def test_a_chunked_body_is_answered_411_not_dropped(path, envelope):
    from django.test import Client

    response = Client().generic("POST", path, b"", content_type="application/json", HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411
    assert response.json() == envelope
