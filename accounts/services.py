"""Key issuing, revocation, lookup and daily quotas."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from accounts.keys import generate_key, key_matches, parse_prefix
from accounts.models import Account, ApiKey, Plan
from aimodelsmap.cache import cache_call
from aimodelsmap.localmemo import LocalMemo

logger = logging.getLogger(__name__)

SECONDS_PER_DAY = 86_400

# Key lookups held in process memory for about a second (see LocalMemo): a
# revocation elsewhere is seen within API_KEY_LOCAL_CACHE_SECONDS, here at once.
_local_principals = LocalMemo(ttl_seconds=settings.API_KEY_LOCAL_CACHE_SECONDS)
# When this process last wrote last_used_at per key, so most requests skip even
# the shared-cache check.
_local_touches = LocalMemo(ttl_seconds=settings.API_KEY_LAST_USED_RESOLUTION_SECONDS)


@dataclass(frozen=True)
class ApiKeyPrincipal:
    """What a request authenticated as. Cached, so it holds plain values only."""

    key_id: int
    prefix: str
    secret_hash: str
    account_id: int
    plan_slug: str
    daily_limit: int | None
    can_write: bool
    expires_at: float | None  # epoch seconds

    @property
    def is_anonymous_plan(self) -> bool:
        return self.plan_slug == Plan.ANONYMOUS

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now.timestamp()


@dataclass(frozen=True)
class QuotaDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_at: int  # epoch seconds of the next UTC midnight


def _key_cache_key(prefix: str) -> str:
    return f"apikey:{prefix}"


def api_key_create(
    *, account: Account, plan: Plan, name: str = "", expires_at: datetime | None = None
) -> tuple[ApiKey, str]:
    """Issue a key. Returns the row and the raw key, which is never stored."""
    generated = generate_key()
    api_key = ApiKey.objects.create(
        account=account,
        plan=plan,
        name=name,
        prefix=generated.prefix,
        secret_hash=generated.secret_hash,
        expires_at=expires_at,
    )
    return api_key, generated.raw


def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
    api_key_forget(prefix=api_key.prefix)
    return api_key


def api_key_forget(*, prefix: str) -> None:
    """Drop a key's cached lookup now and again once the transaction commits.

    The second delete covers a request that re-cached the old row between the
    first delete and the commit.
    """
    _local_principals.delete(prefix)
    cache_call(cache.delete, _key_cache_key(prefix), local_fallback=True)

    def forget_committed():
        _local_principals.delete(prefix)
        cache_call(cache.delete, _key_cache_key(prefix), local_fallback=True)

    transaction.on_commit(forget_committed)


def api_key_forget_local() -> None:
    """Drop this process's remembered lookups (tests that flush the cache use it)."""
    _local_principals.clear()
    _local_touches.clear()


def _principal_from_row(api_key: ApiKey) -> ApiKeyPrincipal | None:
    if api_key.revoked_at is not None:
        return None
    return ApiKeyPrincipal(
        key_id=api_key.pk,
        prefix=api_key.prefix,
        secret_hash=api_key.secret_hash,
        account_id=api_key.account_id,
        plan_slug=api_key.plan.slug,
        daily_limit=api_key.plan.daily_request_limit,
        can_write=api_key.plan.can_write,
        expires_at=api_key.expires_at.timestamp() if api_key.expires_at else None,
    )


# Cached marker for "no usable key with this prefix", so garbage keys do not
# reach the database on every request either.
_MISSING = {"missing": True}


def api_key_authenticate(
    *, raw_key: str, before_lookup: Callable[[], None] | None = None, touch: bool = True
) -> ApiKeyPrincipal | None:
    """The principal for a raw key, or None if it is malformed, unknown, revoked or expired.

    ``before_lookup`` runs only when the answer is not cached and the database
    must be asked; it may raise to refuse the request before that query.
    ``touch=False`` leaves the key's last-used time alone (``last_used_due``
    says whether this request would have written it).
    """
    prefix = parse_prefix(raw_key)
    if prefix is None:
        return None
    cached = _local_principals.get(prefix)
    if cached is None:
        # Key lookups are disposable reads: during a Redis outage they are kept
        # in the process-local fallback (a revocation here deletes it there too).
        cached = cache_call(cache.get, _key_cache_key(prefix), local_fallback=True)
        if cached is None:
            if before_lookup is not None:
                before_lookup()
            row = ApiKey.objects.select_related("plan").filter(prefix=prefix).first()
            principal = _principal_from_row(row) if row else None
            cached = asdict(principal) if principal else _MISSING
            cache_call(cache.set, _key_cache_key(prefix), cached, settings.API_KEY_CACHE_SECONDS, local_fallback=True)
        _local_principals.set(prefix, cached)
    if cached.get("missing"):
        return None
    principal = ApiKeyPrincipal(**cached)
    if not key_matches(raw_key, principal.secret_hash):
        return None
    now = timezone.now()
    if principal.is_expired(now):
        return None
    if touch:
        _touch_last_used(principal, now)
    return principal


def last_used_due(principal: ApiKeyPrincipal) -> bool:
    """Whether a request with this key may have to write its last-used time (see ``_touch_last_used``)."""
    return not _local_touches.get(principal.key_id)


def _touch_last_used(principal: ApiKeyPrincipal, now: datetime) -> None:
    # cache.add succeeds only for the first request in each resolution window,
    # so last_used_at costs one UPDATE per key per window, not one per request.
    # When the cache is down add() fails open to "skip": losing a timestamp is
    # better than a write on every request.
    if _local_touches.get(principal.key_id):
        return
    _local_touches.set(principal.key_id, True)
    marker = f"apikey:used:{principal.key_id}"
    if cache_call(cache.add, marker, 1, settings.API_KEY_LAST_USED_RESOLUTION_SECONDS, default=False):
        ApiKey.objects.filter(pk=principal.key_id).update(last_used_at=now)


def next_utc_midnight(now: datetime) -> datetime:
    today = now.astimezone(UTC).date()
    return datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=UTC)


def counter_consume(*, key: str, limit: int, window_end: datetime, now: datetime) -> QuotaDecision:
    """Count one request against ``key`` until ``window_end``; atomic in Redis.

    Every request increments (INCR is atomic), and the one that takes the
    count past ``limit`` is refused, so L+k concurrent requests let exactly L
    through. If the cache is down the request is allowed (fail open): an
    outage of the counter store must not take reads down. The outage is
    logged once, by the cache's circuit breaker.
    """
    reset_at = int(window_end.timestamp())
    ttl = max(int((window_end - now).total_seconds()) + 5, 1)
    try:
        count = _increment_with_expiry(key, ttl)
    except Exception as exc:
        logger.debug("rate-limit counter unavailable, allowing request: %s", exc)
        return QuotaDecision(allowed=True, limit=limit, remaining=limit, reset_at=reset_at)
    return QuotaDecision(allowed=count <= limit, limit=limit, remaining=max(limit - count, 0), reset_at=reset_at)


def counter_value(*, key: str) -> int:
    """The current count of a ``counter_consume`` counter, without counting; 0 when the cache is down."""
    return int(cache_call(cache.get, key, default=0) or 0)


def _increment_with_expiry(key: str, ttl: int) -> int:
    """Atomically add one to a counter that expires ``ttl`` seconds after its first use."""
    client = getattr(cache, "client", None)
    if hasattr(client, "incr_with_expiry"):
        return client.incr_with_expiry(key, ttl)  # Redis: one round trip (aimodelsmap/cache.py)
    try:
        cache.add(key, 0, ttl)
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): start the window again.
        cache.set(key, 1, ttl)
        return 1


def quota_consume(*, principal: ApiKeyPrincipal, now: datetime | None = None) -> QuotaDecision | None:
    """Count one request against the key's daily quota. None for unlimited plans."""
    if principal.daily_limit is None:
        return None
    now = now or timezone.now()
    day, midnight = _utc_day(int(now.timestamp() // SECONDS_PER_DAY))
    return counter_consume(
        key=f"quota:{principal.key_id}:{day}", limit=principal.daily_limit, window_end=midnight, now=now
    )


# Every metered request names its UTC day; formatting it costs more than the
# rest of the quota's arithmetic, and it changes once a day.
@functools.lru_cache(maxsize=2)
def _utc_day(day_number: int) -> tuple[str, datetime]:
    """The quota counter's day (YYYYMMDD) and the midnight that ends it, for a day counted from the epoch."""
    start = datetime.fromtimestamp(day_number * SECONDS_PER_DAY, UTC)
    return start.strftime("%Y%m%d"), next_utc_midnight(start)
