"""The shipped web server configuration (gunicorn_settings.py), redacted access logs, JSON refusals."""

import os
import runpy
import socket
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import orjson
import pytest
from gunicorn.config import Config
from gunicorn.glogging import SafeAtoms

from aimodelsmap.gunicorn_support import RedactingLogger, _failing_request, _write_json_error, redact

ROOT = Path(__file__).resolve().parents[2]
KEY = "amm_abcdefghij_" + "S" * 43


def server_config(**env) -> dict:
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        return runpy.run_path(str(ROOT / "gunicorn_settings.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_the_embedded_default_runs_one_process_of_gevent_connections():
    config = server_config()
    assert config["workers"] == 1
    assert config["worker_class"] == "aimodelsmap.gunicorn_support.JsonErrorGeventWorker"
    assert config["worker_connections"] >= 1000


def test_with_redis_the_processes_are_web_concurrency():
    config = server_config(REDIS_URL="redis://127.0.0.1:6379/0", WEB_CONCURRENCY="6")
    assert config["workers"] == 6


def test_the_web_server_sets_a_query_deadline_and_leaves_explicit_values_alone():
    saved = dict(os.environ)
    try:
        os.environ.clear()
        runpy.run_path(str(ROOT / "gunicorn_settings.py"))
        assert os.environ["DB_QUERY_TIMEOUT_SECONDS"] == "3"
        os.environ.clear()
        os.environ["DB_QUERY_TIMEOUT_SECONDS"] = "8"
        runpy.run_path(str(ROOT / "gunicorn_settings.py"))
        assert os.environ["DB_QUERY_TIMEOUT_SECONDS"] == "8"
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_gunicorn_accepts_the_configuration_file():
    config = Config()
    for name, value in server_config().items():
        if name in config.settings:
            config.set(name, value)
    assert config.limit_request_line == 4094
    assert config.logger_class is RedactingLogger


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"GET /v1/models?api_key={KEY}&limit=5 HTTP/1.1", "GET /v1/models?api_key=[redacted]&limit=5 HTTP/1.1"),
        (f"GET /v1/models?limit=5&API-KEY={KEY}", "GET /v1/models?limit=5&API-KEY=[redacted]"),
        ("https://app.example.com/?token=abc&x=1", "https://app.example.com/?token=[redacted]&x=1"),
        (f"GET /v1/models/{KEY} HTTP/1.1", "GET /v1/models/amm_abcdefghij_[redacted] HTTP/1.1"),
        ("GET /v1/models?limit=5 HTTP/1.1", "GET /v1/models?limit=5 HTTP/1.1"),
        (None, None),
    ],
)
def test_keys_never_reach_the_access_log(text, expected):
    assert redact(text) == expected


def test_the_access_log_atoms_are_redacted():
    config = Config()
    # The default format and every atom that can carry a key.
    config.set(
        "access_log_format",
        config.access_log_format + ' %({X-API-Key}i)s %({query_string}e)s %({http_x_api_key}e)s "%(q)s"',
    )
    logger = RedactingLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/v1/models?api_key={KEY}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": "/v1/models",
        "QUERY_STRING": f"api_key={KEY}",
        "HTTP_REFERER": f"https://app.example.com/?key={KEY}",
        "REMOTE_ADDR": "203.0.113.9",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    environ["HTTP_X_API_KEY"] = KEY
    request = SimpleNamespace(headers=[("X-API-KEY", KEY)])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))
    assert KEY not in orjson.dumps(atoms, default=str).decode()
    assert atoms["r"] == "GET /v1/models?api_key=[redacted] HTTP/1.1"
    assert atoms["{x-api-key}i"] == "[redacted]"
    assert atoms["{query_string}e"] == atoms["q"] == "api_key=[redacted]"
    assert atoms["{http_x_api_key}e"] == "[redacted]"
    # Atoms the format does not name are not passed to the log record at all.
    assert "{path_info}e" not in atoms
    line = config.access_log_format % SafeAtoms(atoms)
    assert KEY not in line
    assert '"GET /v1/models?api_key=[redacted] HTTP/1.1"' in line


@pytest.mark.parametrize(
    ("path", "status", "reason", "body"),
    [
        (
            "",
            414,
            "URI Too Long",
            {"error": {"code": "uri_too_long", "message": "Request URI is too long.", "details": None}},
        ),
        (
            "/api/models",
            431,
            "Request Header Fields Too Large",
            {
                "error": {
                    "status": 431,
                    "message": "Request header fields are too large.",
                    "type": "REQUEST_HEADER_FIELDS_TOO_LARGE",
                }
            },
        ),
    ],
)
def test_gunicorns_own_refusals_are_json_in_the_envelope(path, status, reason, body):
    server, client = socket.socketpair()
    try:
        _failing_request.path = path
        _write_json_error(server, status, reason, "gunicorn's own text")
        raw = client.recv(65536)
    finally:
        server.close()
        client.close()
    head, _, payload = raw.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} {reason}\r\n".encode())
    assert b"Content-Type: application/json" in head
    assert orjson.loads(payload) == body
