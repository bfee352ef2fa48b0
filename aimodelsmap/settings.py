"""Settings for AI Models Map, driven entirely by environment variables.

With no variable set the service runs on its embedded default: SQLite, a
local-memory cache and Celery tasks executed eagerly in-process. Setting
``DATABASE_URL`` and ``REDIS_URL`` switches to PostgreSQL and Redis. Every
variable is documented in the README's configuration table.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
IS_PRODUCTION = DJANGO_ENV == "production"
DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if IS_PRODUCTION:
    # Refuse to start rather than run production on a guessable key or
    # answer for any Host header.
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production")
    if DEBUG:
        # Debug pages leak settings and source; production never serves them.
        raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production")
else:
    SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "adminfilters",
    "accounts",
    "models_registry",
    "pricing",
    "rankings",
    "reviews",
    "telemetry",
    "ingestion",
    "web",
    "axes",
    "aimodelsmap",
]

MIDDLEWARE = [
    "aimodelsmap.api.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "aimodelsmap.api.cors.ApiCorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "aimodelsmap.api.limits.ChunkedBodyMiddleware",
    "aimodelsmap.api.limits.QueryStringLimitMiddleware",
    "aimodelsmap.api.conditional.ConditionalGetMiddleware",
    # PAGE_MIDDLEWARE, for the admin and pages; the API surfaces skip it (aimodelsmap/page_middleware.py).
    "aimodelsmap.page_middleware.PageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]
# What browsers need and API clients do not: sessions, CSRF, the logged-in
# user, messages and frame protection. Run in this order, at PageMiddleware's
# place in MIDDLEWARE, for every request except /v1, /api and /health.
PAGE_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# Django looks for those five in MIDDLEWARE by name; aimodelsmap/checks.py
# makes the same demands of PAGE_MIDDLEWARE instead.
SILENCED_SYSTEM_CHECKS = ["admin.E408", "admin.E409", "admin.E410", "security.W002", "security.W003"]

ROOT_URLCONF = "aimodelsmap.urls"
WSGI_APPLICATION = "aimodelsmap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Seconds a web request's query may take (0: no limit). The web server's
# configuration (gunicorn_settings.py) sets it; Celery workers and management
# commands run long queries on purpose and leave it off.
DB_QUERY_TIMEOUT_SECONDS = env_float("DB_QUERY_TIMEOUT_SECONDS", 0)
# A kept connection idle longer than this is checked with a round trip before
# a request uses it; one used more recently only if its socket shows the
# server has closed it (aimodelsmap/postgresql/base.py).
DB_IDLE_CHECK_SECONDS = env_float("DB_IDLE_CHECK_SECONDS", 30)
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
            # Not a query before every request: the backend checks a kept
            # connection only when its socket or its idle time gives a reason
            # (aimodelsmap/postgresql/base.py, DB_IDLE_CHECK_SECONDS).
            conn_health_checks=False,
        )
    }
    DATABASES["default"].setdefault("OPTIONS", {})
    # Fail fast instead of hanging a worker when PostgreSQL is unreachable.
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 3))
    # Parameters travel apart from the SQL, so the same query with other
    # values has the same text, and psycopg prepares it after a few uses:
    # PostgreSQL stops re-planning the hot reads (the leaderboard page went
    # from 268 to 330 requests/s uncached). Turn off behind a pooler in
    # transaction mode that cannot keep prepared statements.
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = env_bool("DB_SERVER_SIDE_BINDING", True)
    # Django turns psycopg's statement preparation off unless told a threshold,
    # so without this every query was planned again on every execution (the
    # leaderboard statement: 0.5 ms of planning for 0.4 ms of execution).
    # Prepared after DB_PREPARE_THRESHOLD executions on one connection.
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = (
        env_int("DB_PREPARE_THRESHOLD", 5) if DATABASES["default"]["OPTIONS"]["server_side_binding"] else None
    )
    # A hung database must cost seconds, not a worker (aimodelsmap/postgresql/base.py):
    # the server cancels statements past DB_QUERY_TIMEOUT_SECONDS, the client
    # stops waiting a second later, and keepalives plus tcp_user_timeout drop
    # a connection whose packets go unacknowledged (a dead host, a partition).
    DATABASES["default"]["ENGINE"] = "aimodelsmap.postgresql"
    DATABASES["default"]["OPTIONS"].update(
        {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3, "keepalives_count": 3}
    )
    # A pool of DB_POOL_MAX_SIZE connections per process instead of one per
    # thread or greenlet: the gevent web server serves many connections per
    # process, and each would otherwise hold its own database connection.
    # Waiting longer than DB_POOL_TIMEOUT_SECONDS for a free one is a 503.
    DB_POOL_MAX_SIZE = env_int("DB_POOL_MAX_SIZE", 0)
    if DB_POOL_MAX_SIZE > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must hand them back
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": DB_POOL_MAX_SIZE,
            "timeout": env_int("DB_POOL_TIMEOUT_SECONDS", 5),
        }
    if DB_QUERY_TIMEOUT_SECONDS > 0:
        DATABASES["default"]["OPTIONS"]["tcp_user_timeout"] = int((DB_QUERY_TIMEOUT_SECONDS + 1) * 1000)
        DATABASES["default"]["OPTIONS"]["options"] = f"-c statement_timeout={int(DB_QUERY_TIMEOUT_SECONDS * 1000)}"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# Parallel test workers share one Redis database; each gets its own key space.
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "aimm") + os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
            "OPTIONS": {
                # Trips on a failed call and fails fast for CACHE_RETRY_SECONDS (aimodelsmap/cache.py).
                "CLIENT_CLASS": "aimodelsmap.cache.CircuitBreakerClient",
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DATA_VERSION_CACHE = "default"
else:
    # The embedded default is one web process with many connections
    # (gunicorn_settings.py): quotas, per-IP counters, key lookups and read
    # caches live in its memory, so every request sees the same ones and the
    # counters are exact. The data versions are the one thing another
    # process changes (`manage.py ingest`, `recompute_scores`), so they live
    # in files every process shares.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "aimodelsmap",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
        },
        "versions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("EMBEDDED_VERSIONS_DIR", str(BASE_DIR / ".versions")),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": None,
        },
    }
    DATA_VERSION_CACHE = "versions"

# After a failed Redis call, cache calls fail at once (no network) for this
# long; then one call tries again. One timeout per interval, not per call.
CACHE_RETRY_SECONDS = env_float("CACHE_RETRY_SECONDS", 5)
# While the breaker is open, response bodies and key lookups are kept in a
# bounded process-local store instead (aimodelsmap/cache.py: OutageFallback).
# During an outage no process can publish a data-version bump, so an entry's
# age is the only bound on how long a change made by another process (an
# ingest, a curator edit on the other worker) stays unseen: the default is the
# second DATA_VERSION_LOCAL_CACHE_SECONDS already allows when Redis answers.
CACHE_FALLBACK_SECONDS = env_float("CACHE_FALLBACK_SECONDS", 1)
CACHE_FALLBACK_ENTRIES = env_int("CACHE_FALLBACK_ENTRIES", 512)

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 25 * 60)
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "ingest-due-sources": {
        "task": "ingestion.tasks.ingest_due_sources",
        "schedule": timedelta(minutes=15),
    },
    "recompute-scores": {
        "task": "rankings.tasks.recompute_scores",
        "schedule": crontab(minute=5),
    },
    "expire-model-statuses": {
        "task": "models_registry.tasks.expire_model_statuses",
        "schedule": crontab(hour=0, minute=15),
    },
    "probe-endpoints": {
        "task": "telemetry.tasks.probe_all_endpoints",
        "schedule": timedelta(minutes=env_int("TELEMETRY_PROBE_INTERVAL_MINUTES", 5)),
    },
    "refresh-rollups": {
        "task": "telemetry.tasks.refresh_rollups",
        "schedule": timedelta(minutes=5),
    },
    "prune-samples": {
        "task": "telemetry.tasks.prune_samples",
        "schedule": crontab(hour=3, minute=30),
    },
}

# --- Auth, i18n, static ---------------------------------------------------
# django-axes checks every admin login before the password does: after
# ADMIN_LOGIN_FAILURE_LIMIT wrong passwords for one username from one client
# address, that pair is locked out (429) for ADMIN_LOGIN_COOLOFF_MINUTES,
# even with the right password. Failures are kept in PostgreSQL, so the lock
# holds across processes and a Redis outage.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The same client address as the per-IP limits: TRUSTED_PROXY_COUNT decides
# which X-Forwarded-For entry is believed.
AXES_CLIENT_IP_CALLABLE = "aimodelsmap.api.clientip.client_ip"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Serve admin and API-docs assets from the app directories when collectstatic
# has not been run (the run command and tests); production runs collectstatic.
WHITENOISE_USE_FINDERS = not IS_PRODUCTION

# --- Request limits -------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BODY_BYTES", 64 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
MAX_QUERY_STRING_LENGTH = env_int("MAX_QUERY_STRING_LENGTH", 2048)
MAX_JSON_DEPTH = 20

# --- REST framework and schema -------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["aimodelsmap.api.renderers.ORJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["aimodelsmap.api.parsers.StrictJSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.HasValidApiKey"],
    "DEFAULT_THROTTLE_CLASSES": ["accounts.throttling.DailyKeyQuota"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "aimodelsmap.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_VERSIONING_CLASS": None,
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "aimodelsmap.api.renderers.JSONOnlyNegotiation",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "AI Models Map API",
    "DESCRIPTION": (
        "The v1 API (`/v1/...`, API key in `X-API-Key`, cursor pagination, "
        "envelope `{error: {code, message, details}}`) and the public OpenModels API "
        "(`/api/...`, page/limit pagination, envelope `{error: {status, message, type}}`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ServiceHealthEnum": "aimodelsmap.api.health.SERVICE_HEALTH_CHOICES"},
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        }
    },
}

# Several components have a "status" field with different choices: name each enum.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "ProviderHealthStatusEnum": "telemetry.health.HEALTH_STATUSES",
        "ModelStatusEnum": "models_registry.models.Model.Status",
        "HealthStatusEnum": ["ok", "degraded"],
        "SignalTypeEnum": "rankings.models.SignalType",
        "RankingStateEnum": "rankings.api.v1.serializers.STATES",
        "MoverPeriodEnum": ["24h", "7d", "30d"],
    }
)

# 414, 503 and conditional GET apply to every operation: documented once, by a hook.
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "aimodelsmap.api.schema_hooks.document_cross_cutting_responses",
    "pricing.api.v1.serializers.document_usage_rule",
]

SERVICE_VERSION = "1.0.0"

# --- API keys and quotas ----------------------------------------------------
# How long a key lookup is cached. Revocation deletes the cache entry on
# commit, so this only bounds staleness of other edits (plan changes).
API_KEY_CACHE_SECONDS = env_int("API_KEY_CACHE_SECONDS", 60)
# Per-process memory of key lookups and of the data version, saving a Redis
# round trip each per request. Bounds how long another worker may take to see
# a revocation or a data change; this process sees its own at once.
API_KEY_LOCAL_CACHE_SECONDS = float(os.environ.get("API_KEY_LOCAL_CACHE_SECONDS", "1"))
# The embedded default reads its version file on every request instead: the
# request after an ingest must see the new data.
DATA_VERSION_LOCAL_CACHE_SECONDS = float(os.environ.get("DATA_VERSION_LOCAL_CACHE_SECONDS", "1" if REDIS_URL else "0"))
# last_used_at is written at most this often per key, not on every request.
API_KEY_LAST_USED_RESOLUTION_SECONDS = env_int("API_KEY_LAST_USED_RESOLUTION_SECONDS", 300)

# --- Catalog reads --------------------------------------------------------------
# Seconds a v1 catalog response body stays cached under the current data
# version (a version bump makes it unreachable at once). 0 disables the cache.
CATALOG_CACHE_SECONDS = env_int("CATALOG_CACHE_SECONDS", 300)

# Requests without a valid key per client address per minute; past it, a key
# lookup that would query the database is refused with 429 (accounts/throttling.py).
INVALID_KEY_RATE_LIMIT_PER_MINUTE = env_int("INVALID_KEY_RATE_LIMIT_PER_MINUTE", 60)

# --- OpenModels surface -----------------------------------------------------
OPENMODELS_RATE_LIMIT_PER_MINUTE = env_int("OPENMODELS_RATE_LIMIT_PER_MINUTE", 100)
# Number of reverse proxies in front of the service whose X-Forwarded-For
# entries are trusted. 0 means the socket address is the client.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# --- Ingestion and telemetry -------------------------------------------------
INGEST_ALLOW_HTTP = env_bool("INGEST_ALLOW_HTTP")
INGEST_ALLOW_PRIVATE_ADDRESSES = env_bool("INGEST_ALLOW_PRIVATE_ADDRESSES")
INGEST_FETCH_TIMEOUT_SECONDS = env_int("INGEST_FETCH_TIMEOUT_SECONDS", 30)
INGEST_MAX_DOWNLOAD_BYTES = env_int("INGEST_MAX_DOWNLOAD_BYTES", 50 * 1024 * 1024)
# A run still "running" after this long was killed (a worker lost, a deploy):
# the next run of its source, or health, marks it failed.
INGEST_RUN_TIME_LIMIT_MINUTES = env_int("INGEST_RUN_TIME_LIMIT_MINUTES", 60)
# The text and vision arenas are measured twice: raw and with style control.
# Categories listed here ("overall" for the text arena's general `full` board,
# "vision" for the vision arena) take the style-controlled measurement; every
# other category takes the raw one.
ARENA_STYLE_CONTROL_CATEGORIES = frozenset(env_list("ARENA_STYLE_CONTROL_CATEGORIES"))
TELEMETRY_SAMPLE_RETENTION_DAYS = env_int("TELEMETRY_SAMPLE_RETENTION_DAYS", 30)
TELEMETRY_PROBE_TIMEOUT_SECONDS = env_int("TELEMETRY_PROBE_TIMEOUT_SECONDS", 30)

# --- CORS -------------------------------------------------------------------------
# /api answers every origin with "*" (aimodelsmap/api/cors.py); v1 and the
# health endpoints answer only the origins listed here.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(v1|health)(/.*)?$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["x-api-key", "x-request-id", "if-none-match", "content-type"]
CORS_EXPOSE_HEADERS = [
    "x-request-id",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "retry-after",
    "etag",
]

# --- Admin and security -------------------------------------------------------
ADMIN_URL_PATH = os.environ.get("ADMIN_URL_PATH", "admin/").strip("/") + "/"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe over plain HTTP and must see the real 200/503,
    # not a 301 to an address they do not check.
    SECURE_REDIRECT_EXEMPT = [r"^health$", r"^health/pipelines$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Logging ----------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"disallowed_host_as_warning": {"()": "aimodelsmap.logs.DisallowedHostAsWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # A failed Redis call is already logged once by our fail-open code.
        "django_redis": {"level": "ERROR"},
        "django.security.DisallowedHost": {"filters": ["disallowed_host_as_warning"]},
        # django-axes announces its configuration at INFO in every process; lockouts are WARNINGs.
        "axes": {"level": "WARNING"},
    },
}
