"""Download a source file without letting a URL reach inside the network.

Only https (http when ``INGEST_ALLOW_HTTP``); the host name is resolved once,
every address it resolves to must be public (unless
``INGEST_ALLOW_PRIVATE_ADDRESSES``), and the connection goes to that checked
address, so a second DNS answer cannot swap in an internal one. Redirects are
followed by hand and each hop is checked the same way. Bodies stream to disk
and stop at ``INGEST_MAX_DOWNLOAD_BYTES``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

from ingestion.errors import IngestError

MAX_REDIRECTS = 5
CHUNK = 64 * 1024


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, pinned IP) for a URL that may be fetched, else IngestError."""
    parts = urlsplit(url)
    allowed = {"https", "http"} if settings.INGEST_ALLOW_HTTP else {"https"}
    if parts.scheme not in allowed:
        raise IngestError(f"refused {url}: scheme must be {' or '.join(sorted(allowed))}")
    if not parts.hostname:
        raise IngestError(f"refused {url}: no host")
    if parts.username or parts.password:
        raise IngestError(f"refused {url}: credentials in URLs are not allowed")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise IngestError(f"refused {url}: bad port") from exc
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise IngestError(f"refused {url}: cannot resolve {parts.hostname} ({exc})") from exc
    addresses = sorted({info[4][0] for info in infos})
    if not addresses:
        raise IngestError(f"refused {url}: {parts.hostname} has no address")
    if not settings.INGEST_ALLOW_PRIVATE_ADDRESSES:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            if not ip.is_global or ip.is_multicast:
                raise IngestError(f"refused {url}: {parts.hostname} resolves to non-public address {address}")
    return parts.scheme, parts.hostname, port, addresses[0]


def pinned_url(url: str, ip: str) -> str:
    parts = urlsplit(url)
    host = f"[{ip}]" if ":" in ip else ip
    netloc = f"{host}:{parts.port}" if parts.port else host
    return parts._replace(netloc=netloc).geturl()


def file_name_for(url: str) -> str:
    """The URL's last path segment (it carries the snapshot date), made safe as a file name."""
    name = PurePosixPath(urlsplit(url).path).name
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)[:200] or "download"


def fetch_to_file(url: str, directory: Path) -> Path:
    """Download ``url`` into ``directory``; the file keeps the URL's file name."""
    limit = settings.INGEST_MAX_DOWNLOAD_BYTES
    timeout = httpx.Timeout(settings.INGEST_FETCH_TIMEOUT_SECONDS)
    target = directory / file_name_for(url)
    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            _, host, port, ip = check_url(current)
            default_port = port in (80, 443)
            headers = {"Host": host if default_port else f"{host}:{port}", "Accept-Encoding": "identity"}
            request = client.build_request("GET", pinned_url(current, ip), headers=headers)
            request.extensions["sni_hostname"] = host
            try:
                response = client.send(request, stream=True)
            except httpx.HTTPError as exc:
                raise IngestError(f"fetch of {current} failed: {exc.__class__.__name__}: {exc}") from exc
            try:
                if response.is_redirect:
                    current = urljoin(current, response.headers.get("location", ""))
                    continue
                if response.status_code != 200:
                    raise IngestError(f"fetch of {current} failed: HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise IngestError(f"fetch of {current} refused: {declared} bytes is over the {limit}-byte cap")
                received = 0
                with open(target, "wb") as handle:
                    for chunk in response.iter_raw(CHUNK):
                        received += len(chunk)
                        if received > limit:
                            raise IngestError(f"fetch of {current} stopped: over the {limit}-byte cap")
                        handle.write(chunk)
                return target
            except httpx.HTTPError as exc:
                raise IngestError(f"fetch of {current} failed: {exc.__class__.__name__}: {exc}") from exc
            finally:
                response.close()
    raise IngestError(f"fetch of {url} failed: more than {MAX_REDIRECTS} redirects")
