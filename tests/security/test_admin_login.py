"""The admin login is throttled by django-axes: wrong passwords lock the username out for this client."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = f"/{settings.ADMIN_URL_PATH}login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def curator():
    return get_user_model().objects.create_superuser("curator", "curator@example.com", PASSWORD)


def login(client, password, address="203.0.113.9"):
    return client.post(
        LOGIN, {"username": "curator", "password": password, "next": f"/{settings.ADMIN_URL_PATH}"}, REMOTE_ADDR=address
    )


def test_the_right_password_logs_in(curator):
    client = Client()
    assert login(client, PASSWORD).status_code == 302
    assert "_auth_user_id" in client.session


def test_after_the_failure_limit_even_the_right_password_is_refused(curator):
    client = Client()
    failures = [login(client, "wrong").status_code for _ in range(settings.AXES_FAILURE_LIMIT - 1)]
    assert failures == [200] * (settings.AXES_FAILURE_LIMIT - 1)  # the form again, with an error
    assert login(client, "wrong").status_code == 429
    locked = login(client, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_client_address(curator):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), "wrong", address="203.0.113.9")
    assert login(Client(), PASSWORD, address="198.51.100.7").status_code == 302


def test_a_success_before_the_limit_resets_the_count(curator):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 302
    assert login(Client(), "wrong").status_code == 200
