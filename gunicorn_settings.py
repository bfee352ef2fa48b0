"""gunicorn settings for `make run` and the Procfile's web process (`--config gunicorn_settings.py`).

Not named gunicorn.conf.py on purpose: gunicorn loads that name from the
working directory by itself, and the benchmarks' own gunicorn commands must
keep their own worker class and settings.

Worker class: gevent. A connection costs a greenlet, not a thread, so
clients that send their headers a byte at a time (or just hold sockets open)
cannot take every worker: /health keeps answering with hundreds of them
open. psycopg 3 and redis-py cooperate with gevent's patched sockets, and the
requests of one process run concurrently while they wait on PostgreSQL or
Redis. In production a buffering reverse proxy sits in front as well
(docs/operations.md).

The embedded default (no REDIS_URL) runs exactly one process: its quotas,
per-IP counters, key lookups and read caches live in process memory, and one
process is what makes them one service. With Redis, WEB_CONCURRENCY
processes share everything through it.
"""

import multiprocessing
import os

embedded = not os.environ.get("REDIS_URL")

wsgi_app = "aimodelsmap.wsgi:application"
worker_class = "aimodelsmap.gunicorn_support.JsonErrorGeventWorker"
workers = 1 if embedded else int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_connections = int(os.environ.get("WEB_WORKER_CONNECTIONS", "1000"))
# A worker silent this long is restarted. Requests never get near it: the
# database deadline below answers 503 within a few seconds.
timeout = 30
graceful_timeout = 20
keepalive = 5

# Request limits, answered in the JSON envelope by the worker class: a
# request line over 4 KiB is a 414 (the query-string cap is 2 KiB), over 60
# headers or a header over 8 KiB a 431.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190

# No control socket: its default path is per user, not per deployment.
control_socket_disable = True

accesslog = "-"
logger_class = "aimodelsmap.gunicorn_support.RedactingLogger"
# Client address as seen by Django decides the per-IP limits; gunicorn itself
# trusts no forwarded headers (TRUSTED_PROXY_COUNT does that, in Django).
forwarded_allow_ips = ""

# A web request's query may take DB_QUERY_TIMEOUT_SECONDS (the server cancels
# it; the client stops waiting a second later) and is then a 503: a hung
# database costs seconds, not workers. Celery and commands keep no limit.
os.environ.setdefault("DB_QUERY_TIMEOUT_SECONDS", "3")
# Under gevent each connection's greenlet would hold its own database
# connection: a pool per process keeps them few and reused instead.
os.environ.setdefault("DB_POOL_MAX_SIZE", "10")
