"""A corpus of malformed requests to the catalog: every one is a 4xx JSON envelope, never HTML or a 500."""

import base64

import orjson
import pytest
from django.urls import path
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from tests.conftest import make_key
from tests.models_registry.conftest import build_catalog

pytestmark = pytest.mark.django_db


class BodyEcho(APIView):
    """A keyed POST endpoint with the default parsers, to send bodies to."""

    def post(self, request):
        return Response({"keys": sorted(request.data)})


urlpatterns = [path("v1/echo-body", BodyEcho.as_view())]
handler404 = "aimodelsmap.api.errors.handler404"

GET_ENDPOINTS = [
    "/v1/models",
    "/v1/models/search?q=claude",
    "/v1/models/compare?slugs=gpt-4o,claude-3-opus",
    "/v1/models/gpt-4o",
    "/v1/categories",
    "/v1/categories/coding",
]


@pytest.fixture
def catalog(db):
    return build_catalog()


@pytest.fixture
def keyed(db):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("free"))
    return client


def envelope(response, status) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = orjson.loads(response.content)
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]


def bad_request(response, parameter: str) -> dict:
    error = envelope(response, 400)
    assert error["code"] == "bad_request"
    assert parameter in error["details"], error
    return error


def first_cursor(client, **params) -> str:
    return client.get("/v1/models", {"limit": 1, **params}).json()["pagination"]["next_cursor"]


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# --- cursors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!!",
        "%%%",
        "a" * 1999,
        b64(b"not a signed payload"),
        b64(orjson.dumps({"s": "models:score:desc:|||", "v": [1.0, 1]})),
        b64(b"\xff\xfe\xfd"),
        "eyJpZCI6MTAxfQ==",  # the spec's example: unsigned, so not ours
    ],
)
def test_a_bad_cursor_is_a_400(keyed, catalog, cursor):
    bad_request(keyed.get("/v1/models", {"cursor": cursor}), "cursor")


def test_a_tampered_cursor_is_a_400(keyed, catalog):
    cursor = first_cursor(keyed)
    raw = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[len(raw) // 3] ^= 0x01
    bad_request(keyed.get("/v1/models", {"cursor": b64(bytes(raw))}), "cursor")


@pytest.mark.parametrize(
    ("minted_with", "used_with"),
    [
        ({}, {"sort_by": "name"}),
        ({}, {"sort_order": "asc"}),
        ({"sort_by": "rank"}, {"sort_by": "trending"}),
        ({}, {"category": "coding"}),
        ({"status": "active"}, {"status": "preview"}),
        ({"search": "claude"}, {"search": "gpt"}),
    ],
)
def test_a_foreign_cursor_is_a_400(keyed, catalog, minted_with, used_with):
    cursor = first_cursor(keyed, **minted_with)
    bad_request(keyed.get("/v1/models", {"limit": 1, "cursor": cursor, **used_with}), "cursor")


def test_an_over_long_cursor_is_a_400(keyed, catalog):
    bad_request(keyed.get("/v1/models", {"cursor": "a" * 2001}), "cursor")


def test_a_blank_cursor_is_the_first_page(keyed, catalog):
    assert keyed.get("/v1/models", {"cursor": ""}).json() == keyed.get("/v1/models").json()


# --- limit -----------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["0", "-1", "101", "abc", "1.5", "1e2", " ", "9" * 40, "0x10", "½", "+"])
@pytest.mark.parametrize(("endpoint", "params"), [("/v1/models", {}), ("/v1/models/search", {"q": "claude"})])
def test_a_bad_limit_is_a_400(keyed, catalog, endpoint, params, limit):
    error = bad_request(keyed.get(endpoint, {**params, "limit": limit}), "limit")
    assert list(error["details"]) == ["limit"]


def test_a_blank_limit_means_the_default(keyed, catalog):
    # Form-encoding convention: an empty optional parameter is an absent one.
    assert len(keyed.get("/v1/models", {"limit": ""}).json()["data"]) == 9


# --- NUL bytes and oversized text -----------------------------------------------------------


@pytest.mark.parametrize(
    ("endpoint", "parameter"),
    [
        ("/v1/models", "category"),
        ("/v1/models", "provider"),
        ("/v1/models", "status"),
        ("/v1/models", "search"),
        ("/v1/models", "cursor"),
        ("/v1/models", "sort_by"),
        ("/v1/models/search", "q"),
        ("/v1/models/compare", "slugs"),
    ],
)
def test_a_nul_byte_in_a_parameter_is_a_400(keyed, catalog, endpoint, parameter):
    bad_request(keyed.get(f"{endpoint}?{parameter}=ab%00cd"), parameter)


@pytest.mark.parametrize("path", ["/v1/models/gpt%004o", "/v1/categories/cod%00ing"])
def test_a_nul_byte_in_a_path_is_a_404(keyed, catalog, path):
    assert envelope(keyed.get(path), 404)["code"] == "not_found"


@pytest.mark.parametrize(("endpoint", "parameter"), [("/v1/models", "search"), ("/v1/models/search", "q")])
def test_oversized_text_is_refused(keyed, catalog, endpoint, parameter):
    response = keyed.get(endpoint, {parameter: "claude " * 400})
    # Refused by the parameter's own cap, or earlier by the query-string cap.
    assert response.status_code in {400, 414}
    envelope(response, response.status_code)


def test_invalid_utf8_in_a_parameter_is_handled(keyed, catalog):
    response = keyed.get("/v1/models?search=%ff%fe")
    assert response.status_code == 200
    assert response.json()["data"] == []


# --- enums ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameter", "value", "allowed"),
    [
        ("status", "ACTIVE", "active, deprecated, preview, retired"),
        ("sort_by", "price", "score, name, rank, trending"),
        ("sort_by", "Score", "score, name, rank, trending"),
        ("sort_order", "descending", "asc, desc"),
    ],
)
def test_an_unknown_enum_value_lists_the_allowed_values(keyed, catalog, parameter, value, allowed):
    error = bad_request(keyed.get("/v1/models", {parameter: value}), parameter)
    assert error["details"][parameter] == [f'"{value}" is not a valid choice. Allowed values: {allowed}.']


# --- methods and bodies -------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", GET_ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_to_a_read_endpoint_is_a_405(keyed, catalog, endpoint, method):
    response = getattr(keyed, method)(endpoint, data=b'{"a": 1}', content_type="application/json")
    assert envelope(response, 405)["code"] == "method_not_allowed"


@pytest.mark.parametrize("endpoint", GET_ENDPOINTS)
def test_an_oversized_body_to_a_read_endpoint_is_refused_as_json(keyed, catalog, endpoint):
    response = keyed.post(endpoint, data=b"[" + b"1," * 60_000 + b"1]", content_type="application/json")
    assert response.status_code in {405, 413}
    envelope(response, response.status_code)


@pytest.mark.urls(__name__)
class TestBodies:
    def test_a_valid_body_is_accepted(self, keyed):
        response = keyed.post("/v1/echo-body", data=b'{"b": 1, "a": 2}', content_type="application/json")
        assert response.status_code == 200
        assert response.json() == {"keys": ["a", "b"]}

    def test_an_oversized_body_is_a_413(self, keyed):
        body = orjson.dumps({"text": "x" * 200_000})
        assert envelope(keyed.post("/v1/echo-body", data=body, content_type="application/json"), 413)["code"] == (
            "payload_too_large"
        )

    def test_a_deeply_nested_body_is_a_400(self, keyed):
        body = b"[" * 5000 + b"]" * 5000
        assert envelope(keyed.post("/v1/echo-body", data=body, content_type="application/json"), 400)["code"] == (
            "bad_request"
        )

    def test_moderately_nested_but_too_deep_json_is_a_400(self, keyed):
        body = b'{"a":' * 30 + b"1" + b"}" * 30
        envelope(keyed.post("/v1/echo-body", data=body, content_type="application/json"), 400)

    @pytest.mark.parametrize("body", [b"{", b"{'a': 1}", b"\xff\xfe", b"NaN", b'{"a": 1} trailing', b"\x00"])
    def test_malformed_json_is_a_400(self, keyed, body):
        envelope(keyed.post("/v1/echo-body", data=body, content_type="application/json"), 400)

    @pytest.mark.parametrize(
        "content_type",
        ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"],
    )
    def test_a_wrong_content_type_is_a_415(self, keyed, content_type):
        response = keyed.post("/v1/echo-body", data=b"a=1", content_type=content_type)
        assert envelope(response, 415)["code"] == "unsupported_media_type"


# --- auth on every catalog endpoint ------------------------------------------------------------


@pytest.mark.parametrize("endpoint", GET_ENDPOINTS)
def test_every_catalog_endpoint_requires_a_key(catalog, endpoint):
    error = envelope(APIClient().get(endpoint), 401)
    assert error["code"] == "unauthorized"


@pytest.mark.parametrize("endpoint", GET_ENDPOINTS)
def test_every_catalog_endpoint_answers_json_whatever_the_accept_header(keyed, catalog, endpoint):
    response = keyed.get(endpoint, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
