import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_bad_host_header_logs_one_warning_without_a_traceback(caplog):
    with caplog.at_level(logging.INFO):
        response = Client().get("/v1/models", HTTP_HOST="evil.example.net")
    assert response.status_code == 400
    assert response.json() == {"error": {"code": "bad_request", "message": "Malformed request.", "details": None}}
    records = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert records[0].exc_info is None
    assert "evil.example.net" in records[0].getMessage()
