import copy
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.test import override_settings

from tests.reliability.tcp import SwitchableForwarder, free_port


def caches_at(port: int) -> dict:
    """The project's cache settings (timeouts included) pointed at another loopback port."""
    caches = copy.deepcopy(settings.CACHES)
    db = settings.REDIS_URL.rsplit("/", 1)[-1]
    caches["default"]["LOCATION"] = f"redis://127.0.0.1:{port}/{db}"
    return caches


@contextmanager
def redis_at(port: int, retry_seconds: float | None = None):
    """Point the cache at another port; ``retry_seconds`` sets the circuit breaker's interval."""
    retry = settings.CACHE_RETRY_SECONDS if retry_seconds is None else retry_seconds
    with override_settings(CACHES=caches_at(port), CACHE_RETRY_SECONDS=retry):
        yield


@pytest.fixture
def redis_down():
    """Every cache call in the test goes to a port where nothing listens."""
    with redis_at(free_port()):
        yield


@pytest.fixture
def flaky_redis():
    """A Redis the test can take down and bring back on the same address."""
    host_port = settings.CACHES["default"]["LOCATION"].split("//", 1)[1].split("/", 1)[0]
    host, port = host_port.rsplit(":", 1)
    forwarder = SwitchableForwarder(host, int(port))
    forwarder.start()
    # Retry at once: these tests are about recovery, not about the breaker's interval.
    with redis_at(forwarder.port, retry_seconds=0):
        yield forwarder
    forwarder.stop()
