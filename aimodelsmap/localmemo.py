"""A tiny per-process memo with a time-to-live, for values read on every request.

Each API request used to read the same few values (the key's lookup, the data
version) from Redis, one round trip each. Holding them in process memory for
about a second removes those round trips on busy workers while bounding how
stale another worker's change can look: a revoked key or a new data version
is seen everywhere within the TTL. Changes made in this process update the
memo at once.
"""

import threading
import time
from typing import Any

_MISSING = object()


class LocalMemo:
    def __init__(self, ttl_seconds: float, max_entries: int = 10_000):
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._entries: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key, default=None):
        entry = self._entries.get(key, _MISSING)
        if entry is _MISSING or entry[0] < time.monotonic():
            return default
        return entry[1]

    def set(self, key, value) -> None:
        with self._lock:
            if len(self._entries) >= self.max_entries:
                self._entries.clear()  # crude but bounded; entries live a second anyway
            self._entries[key] = (time.monotonic() + self.ttl_seconds, value)

    def delete(self, key) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
