"""The API surfaces skip the browser middleware; the admin and every other page keep all of it."""

from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from rest_framework.test import APIClient

from accounts import authentication
from accounts.services import api_key_authenticate
from tests.conftest import make_key

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_URL_PATH}"
LOGIN = f"{ADMIN}login/"
PASSWORD = "correct horse battery staple"
ORIGIN = "https://app.example.com"


@pytest.fixture
def curator():
    return get_user_model().objects.create_superuser("curator", "curator@example.com", PASSWORD)


@pytest.mark.parametrize("path", ["/v1/models", "/api/models", "/health", "/v1/no-such-thing"])
def test_api_answers_keep_request_ids_and_cors_and_carry_no_browser_state(path):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("free"))
    with override_settings(CORS_ALLOWED_ORIGINS=[ORIGIN]):
        response = client.get(path, HTTP_ORIGIN=ORIGIN, HTTP_X_REQUEST_ID="req-123")

    assert response["X-Request-Id"] == "req-123"
    assert response["Access-Control-Allow-Origin"] in {ORIGIN, "*"}
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "X-Frame-Options" not in response
    assert not hasattr(response.wsgi_request, "session")


def test_a_keyed_write_needs_no_csrf_token():
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_X_API_KEY=make_key("pro"))
    response = client.post("/v1/models/no-such-model/reviews", {"rating": 5, "title": "t", "body": "b"}, format="json")
    assert response.status_code == 404  # reached the view: no CSRF refusal on the way


def test_the_admin_login_form_sets_a_csrf_cookie_and_refuses_to_be_framed():
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Request-Id"]


def test_the_admin_login_refuses_a_post_without_its_csrf_token(curator):
    response = Client(enforce_csrf_checks=True).post(LOGIN, {"username": "curator", "password": PASSWORD})
    assert response.status_code == 403
    assert "sessionid" not in response.cookies


def test_an_admin_login_with_its_csrf_token_opens_a_session_that_the_next_page_sees(curator):
    client = Client(enforce_csrf_checks=True)
    token = client.get(LOGIN).cookies["csrftoken"].value
    logged_in = client.post(
        LOGIN, {"username": "curator", "password": PASSWORD, "next": ADMIN, "csrfmiddlewaretoken": token}
    )
    index = client.get(ADMIN)

    assert logged_in.status_code == 302
    assert "sessionid" in logged_in.cookies
    assert index.status_code == 200
    assert index.wsgi_request.user.username == "curator"


def test_pages_outside_the_api_keep_the_whole_stack():
    response = Client().get("/docs/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert hasattr(response.wsgi_request, "session")


def test_the_key_is_looked_up_once_per_request():
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=make_key("free"))
    with mock.patch.object(authentication, "api_key_authenticate", wraps=api_key_authenticate) as lookup:
        response = client.get("/v1/categories")
    assert response.status_code == 200
    assert "ETag" in response  # the conditional-GET middleware needed the key's plan before the view
    assert lookup.call_count == 1


def test_the_project_check_demands_the_browser_middleware_where_it_now_lives():
    from aimodelsmap.checks import page_middleware_check

    assert page_middleware_check(None) == []
    without_csrf = [path for path in settings.PAGE_MIDDLEWARE if "csrf" not in path]
    with override_settings(PAGE_MIDDLEWARE=without_csrf):
        assert [error.id for error in page_middleware_check(None)] == ["aimodelsmap.E002"]
