"""The web server's side of the API contract: redacted access logs and JSON errors (see gunicorn_settings.py).

gunicorn answers some requests itself, before Django sees them: a request
line or header over its limits (414, 431), an unsupported transfer coding,
a malformed request. Its own answer is an HTML page, so clients of a JSON
API would get HTML for exactly the requests a misbehaving client sends.
``JsonErrorGeventWorker`` answers them in the envelope of the surface the
path names (the v1 envelope when the path cannot be read).

``RedactingLogger`` keeps API keys out of the access log: a key sent in the
query string (``?api_key=...``), or pasted anywhere in the request line or
the referrer, is written as ``[redacted]``; the key's public prefix stays,
so a leaked key can still be found and revoked.
"""

from __future__ import annotations

import functools
import re
import threading

import orjson
from gunicorn import util
from gunicorn.glogging import Logger
from gunicorn.workers.ggevent import GeventWorker

SECRET_PARAMETER = re.compile(r"(?i)((?:api[_-]?key|apikey|key|token|secret)=)[^&\s\"]*")
RAW_KEY = re.compile(r"amm_([a-z0-9]{10})_[A-Za-z0-9_-]{20,}")
REDACTED = "[redacted]"


def redact(text: str | None) -> str | None:
    """``text`` with secret-looking query values and raw API keys replaced."""
    if not text:
        return text
    return RAW_KEY.sub(rf"amm_\1_{REDACTED}", SECRET_PARAMETER.sub(rf"\1{REDACTED}", text))


# The atoms a log format names: %(h)s, %({x-api-key}i)s, ...
FORMAT_ATOM = re.compile(r"%\(([^)]+)\)")
KEY_ATOMS = ("{x-api-key}i", "{http_x_api_key}e")


@functools.lru_cache(maxsize=8)
def format_atoms(log_format: str) -> tuple[str, ...]:
    """The atom names ``log_format`` reads, as gunicorn looks them up (header and environ atoms in lower case)."""
    return tuple(dict.fromkeys(n.lower() if n.startswith("{") else n for n in FORMAT_ATOM.findall(log_format)))


class RedactingLogger(Logger):
    """gunicorn's logger, with every access-log atom that can carry a key redacted."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # Only the atoms the format names are kept, each redacted: a custom
        # format may name any header or environ variable (%({query_string}e)s),
        # and an atom the line does not show must not reach the log record
        # either. gunicorn builds one per header and environ variable, about a
        # hundred, and redacting them all cost a tenth of a cached API read.
        kept = {}
        for name in format_atoms(self.cfg.access_log_format):
            if name in atoms:
                value = atoms[name]
                kept[name] = REDACTED if name in KEY_ATOMS else redact(value) if isinstance(value, str) else value
        return kept


_failing_request = threading.local()  # greenlet-local under gevent


def _write_json_error(sock, status_int, reason, mesg):
    # Imported here, not at the top: the master process loads this module
    # before the worker patches sockets for gevent, and Django and DRF must
    # only be imported after that.
    from aimodelsmap.api.errors import ERROR_KINDS, ApiFailure, error_body

    path = getattr(_failing_request, "path", "") or ""
    message = ERROR_KINDS[status_int][2] if status_int in ERROR_KINDS else reason
    body = orjson.dumps(error_body(path, ApiFailure(status_int, message)))
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


class JsonErrorGeventWorker(GeventWorker):
    """The gevent worker, answering the requests gunicorn refuses itself in the JSON envelope."""

    def init_process(self):
        # gunicorn writes its own refusals through util.write_error (an HTML
        # page). This process only ever serves this API, so the JSON writer
        # replaces it for the whole process.
        util.write_error = _write_json_error
        super().init_process()

    def handle_error(self, req, client, addr, exc):
        request = req or getattr(exc, "req", None)
        _failing_request.path = getattr(request, "path", "") or ""
        super().handle_error(req, client, addr, exc)
