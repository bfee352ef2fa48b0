"""Slow clients against a running server: does /health keep answering?

Opens N connections that send a request's headers one byte per second (and
never finish), then probes ``/health`` every 0.2 s and reports how many
probes failed (5 s timeout) and their latency. Point it at any server:
`make run`, the Procfile's web process, or a reverse proxy in front of it.

    .venv/bin/python -m bench.slow_clients --port 8000 --connections 50 --seconds 10
"""

from __future__ import annotations

import argparse
import socket
import statistics
import threading
import time
import urllib.request

HEADER_BYTES_PER_SECOND = 1
PROBE_INTERVAL_SECONDS = 0.2
PROBE_TIMEOUT_SECONDS = 5


def trickle(port: int, stop: threading.Event, opened: list[socket.socket]) -> None:
    """Send a never-ending header one byte at a time."""
    sock = socket.create_connection(("127.0.0.1", port))
    opened.append(sock)
    request = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100_000
    for byte in request:
        if stop.is_set():
            break
        try:
            sock.send(bytes([byte]))
        except OSError:
            break
        time.sleep(1 / HEADER_BYTES_PER_SECOND)


def probe(port: int) -> tuple[bool, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=PROBE_TIMEOUT_SECONDS) as response:
            ok = response.status == 200
    except Exception:
        ok = False
    return ok, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()

    stop, opened = threading.Event(), []
    for _ in range(args.connections):
        threading.Thread(target=trickle, args=(args.port, stop, opened), daemon=True).start()
    time.sleep(2)
    results = []
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        results.append(probe(args.port))
        time.sleep(PROBE_INTERVAL_SECONDS)
    stop.set()
    for sock in opened:
        sock.close()
    latencies = [seconds * 1000 for _, seconds in results]
    failures = sum(1 for ok, _ in results if not ok)
    print(
        f"slow connections open: {len(opened)}; /health probes: {len(results)}, failed: {failures}, "
        f"median {statistics.median(latencies):.1f} ms, max {max(latencies):.1f} ms"
    )


if __name__ == "__main__":
    main()
