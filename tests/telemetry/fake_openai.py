"""A local OpenAI-compatible streaming server with scripted delays, errors and hangs.

Each request's ``model`` picks a Scenario. The server listens on 127.0.0.1,
port 0 (the OS picks a free port), in a daemon thread.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Scenario:
    status: int = 200
    first_delay: float = 0.0  # seconds before the first content chunk
    chunks: int = 5  # content chunks, one token each
    chunk_delay: float = 0.0  # seconds between content chunks
    usage: bool = True  # send a final usage chunk
    raw_body: bytes | None = None  # send this instead of a stream


def _event(payload: dict) -> bytes:
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _content_chunk(index: int) -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": {"content": f"t{index} "}}],
    }


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        server: FakeOpenAIServer = self.server.owner
        server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        scenario = server.scenarios.get(body.get("model"), Scenario())
        if scenario.status != 200:
            self._send(scenario.status, b'{"error": {"message": "scripted failure"}}', "application/json")
            return
        if scenario.raw_body is not None:
            self._send(200, scenario.raw_body, "text/event-stream")
            return
        # The probe may give up first (a scripted timeout): nothing left to send then.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._stream(scenario)

    def _stream(self, scenario: Scenario):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        time.sleep(scenario.first_delay)
        for index in range(scenario.chunks):
            if index:
                time.sleep(scenario.chunk_delay)
            self.wfile.write(_event(_content_chunk(index)))
            self.wfile.flush()
        if scenario.usage:
            usage = {"prompt_tokens": 9, "completion_tokens": scenario.chunks, "total_tokens": 9 + scenario.chunks}
            self.wfile.write(_event({"choices": [], "usage": usage}))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _send(self, status: int, body: bytes, content_type: str):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class FakeOpenAIServer:
    def __init__(self):
        self.scenarios: dict[str, Scenario] = {}
        self.requests: list[dict] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
