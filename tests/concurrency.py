"""Calls released at the same moment on real threads, each thread with its own database connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

# Each thread holds its own database connection (and Redis connection): stay
# well under the servers' limits, which other test runs share.
MAX_THREADS = 25


def run_together(calls, *, max_threads: int = MAX_THREADS, capture_errors: bool = False) -> list:
    """Each call's result, in order, the calls released together on up to ``max_threads`` threads.

    With ``capture_errors`` a call's exception is returned in its place
    instead of raised, for races where one side is expected to lose.
    """
    start = threading.Event()

    def run(call):
        try:
            start.wait()
            return call()
        except Exception as exc:
            if capture_errors:
                return exc
            raise
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=min(len(calls), max_threads)) as pool:
        futures = [pool.submit(run, call) for call in calls]
        start.set()
        return [future.result() for future in futures]
