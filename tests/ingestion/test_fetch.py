"""URL fetching refuses internal targets, wrong schemes and oversized bodies (local server on 127.0.0.1)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingestion.errors import IngestError
from ingestion.fetch import check_url, fetch_to_file

BODY = b'{"data": []}'


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/big.json":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the cap must stop the stream itself
            self.wfile.write(b"x" * 5000)
            return
        if self.path == "/declared.json":
            self.send_response(200)
            self.send_header("Content-Length", "999999")
            self.end_headers()
            return
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loopback_allowed(settings):
    settings.INGEST_ALLOW_HTTP = True
    settings.INGEST_ALLOW_PRIVATE_ADDRESSES = True
    settings.INGEST_MAX_DOWNLOAD_BYTES = 1000
    return settings


def test_it_fetches_from_an_allowed_server_keeping_the_file_name(server, loopback_allowed, tmp_path):
    path = fetch_to_file(f"{server}/openrouter-models-2026-07-01.json", tmp_path)

    assert path.name == "openrouter-models-2026-07-01.json"
    assert path.read_bytes() == BODY


def test_it_refuses_plain_http_by_default(server, settings, tmp_path):
    settings.INGEST_ALLOW_PRIVATE_ADDRESSES = True
    with pytest.raises(IngestError, match="scheme must be https"):
        fetch_to_file(f"{server}/file.json", tmp_path)


def test_it_refuses_loopback_unless_allowed(server, settings, tmp_path):
    settings.INGEST_ALLOW_HTTP = True
    with pytest.raises(IngestError, match="resolves to non-public address 127.0.0.1"):
        fetch_to_file(f"{server}/file.json", tmp_path)


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.8/data.json",
        "https://192.168.1.1/data.json",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/data.json",
        "https://localhost/data.json",
        "https://0.0.0.0/data.json",
    ],
)
def test_it_refuses_private_and_link_local_targets(url):
    with pytest.raises(IngestError, match="non-public address"):
        check_url(url)


def test_it_refuses_other_schemes_and_credentials():
    with pytest.raises(IngestError, match="scheme must be https"):
        check_url("file:///etc/passwd")
    with pytest.raises(IngestError, match="credentials in URLs are not allowed"):
        check_url("https://user:pw@example.com/x.json")


def test_it_stops_a_body_over_the_size_cap(server, loopback_allowed, tmp_path):
    with pytest.raises(IngestError, match="over the 1000-byte cap"):
        fetch_to_file(f"{server}/big.json", tmp_path)


def test_it_refuses_a_declared_length_over_the_cap(server, loopback_allowed, tmp_path):
    with pytest.raises(IngestError, match="999999 bytes is over the 1000-byte cap"):
        fetch_to_file(f"{server}/declared.json", tmp_path)


def test_a_redirect_to_an_internal_address_is_refused(server, loopback_allowed, tmp_path, monkeypatch):
    from ingestion import fetch

    real_check = fetch.check_url

    def check_only_loopback_allowed(url):
        scheme, host, port, ip = real_check(url)
        if not ip.startswith("127."):
            raise IngestError(f"refused {url}: {host} resolves to non-public address {ip}")
        return scheme, host, port, ip

    monkeypatch.setattr(fetch, "check_url", check_only_loopback_allowed)
    with pytest.raises(IngestError, match="non-public address 169.254.169.254"):
        fetch_to_file(f"{server}/redirect", tmp_path)


def test_an_unreachable_server_is_a_clear_failure(loopback_allowed, tmp_path):
    with pytest.raises(IngestError, match="fetch of http://127.0.0.1:9/x.json failed"):
        fetch_to_file("http://127.0.0.1:9/x.json", tmp_path)
