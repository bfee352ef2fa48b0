"""Production settings, checked in a fresh interpreter the way a deployment starts."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "api.example.com",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "ADMIN_URL_PATH"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def last_line(result: subprocess.CompletedProcess) -> str:
    # `shell` may print a banner about auto-imported objects first.
    return result.stdout.strip().splitlines()[-1]


def production_settings(**env: str) -> dict:
    names = [
        "DEBUG",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
        "ALLOWED_HOSTS",
    ]
    code = (
        f"import json; from django.conf import settings as s; print(json.dumps({{n: getattr(s, n) for n in {names}}}))"
    )
    result = manage("shell", "-c", code, **(PRODUCTION | env))
    assert result.returncode == 0, result.stderr
    return json.loads(last_line(result))


def test_the_deployment_checklist_passes_at_warning_level():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checklist_catches_a_weak_secret_key():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **(PRODUCTION | {"SECRET_KEY": "short"}))
    assert result.returncode != 0
    assert "security.W009" in result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY must be set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set")],
)
def test_production_refuses_to_start_without(missing, message):
    result = manage("check", **(PRODUCTION | {missing: ""}))
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_to_start_in_debug_mode():
    result = manage("check", **(PRODUCTION | {"DJANGO_DEBUG": "1"}))
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_production_sends_hsts_and_secure_cookies_behind_a_tls_proxy():
    values = production_settings()
    assert values == {
        "DEBUG": False,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "ALLOWED_HOSTS": ["api.example.com"],
    }


def test_the_admin_lives_at_the_configured_path():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    moved = manage("shell", "-c", code, ADMIN_URL_PATH="/staff-7f3a/")
    default = manage("shell", "-c", code)
    assert last_line(moved) == "/staff-7f3a/"
    assert last_line(default) == "/admin/"


def test_the_moved_admin_leaves_nothing_at_the_default_path():
    code = (
        "from django.test import Client; c = Client();"
        "print(c.get('/admin/').status_code, c.get('/staff-7f3a/').status_code)"
    )
    result = manage("shell", "-c", code, ADMIN_URL_PATH="staff-7f3a")
    assert result.returncode == 0, result.stderr
    assert last_line(result).split() == ["404", "302"]


def test_health_endpoints_answer_plain_http_while_everything_else_is_redirected():
    code = (
        "from django.test import Client; c = Client(HTTP_HOST='api.example.com');"
        "print(*[c.get(p).status_code for p in ('/health', '/health/pipelines', '/v1/models', '/api/models')])"
    )
    result = manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    health, pipelines, v1, openmodels = last_line(result).split()
    # The health answers depend on the database this process reaches; never a redirect.
    assert health in {"200", "503"} and pipelines in {"200", "503"}
    assert (v1, openmodels) == ("301", "301")
