"""Request limits of the keyed surface: the daily quota per key and the per-IP limit on bad keys."""

import math
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework.throttling import BaseThrottle

from accounts.services import ApiKeyPrincipal, counter_consume, counter_value, quota_consume
from aimodelsmap.api.clientip import client_ip, rate_limit_subject
from aimodelsmap.api.errors import RateLimited
from aimodelsmap.api.middleware import RateLimitState, count_once, set_rate_limit_state

INVALID_KEY_WINDOW_SECONDS = 60


class DailyKeyQuota(BaseThrottle):
    """Per-key, per-UTC-day request quota from the key's plan."""

    def allow_request(self, request, view):
        if request.auth is not None:
            count_once(request, lambda: daily_quota_count(request, request.auth))
        return True


def daily_quota_count(request, principal: ApiKeyPrincipal) -> None:
    """Count ``request`` against its key's daily quota: rate-limit headers, and RateLimited once it is used up."""
    now = timezone.now()
    decision = quota_consume(principal=principal, now=now)
    if decision is None:
        return
    set_rate_limit_state(request, RateLimitState(decision.limit, decision.remaining, decision.reset_at))
    if not decision.allowed:
        wait = max(decision.reset_at - int(now.timestamp()), 1)
        raise RateLimited(wait=wait, message="Daily rate limit exceeded. The quota resets at 00:00 UTC.")


class InvalidKeyLimit:
    """INVALID_KEY_RATE_LIMIT_PER_MINUTE requests with a bad key per client address per UTC minute.

    A key that is not cached costs a database query to look up, so random
    well-formed keys would turn into one query each. Every request whose key
    is not valid (malformed, unknown, revoked, expired) counts against its
    address; once the count is reached, a lookup from that address is
    refused with 429 *before* the query. Keys already known valid are served
    from the cache and never pass through here, so a client with a working
    key is not slowed by a neighbour behind the same NAT. A request with no
    key at all costs nothing and is simply a 401. The counter fails open like
    every other limit.
    """

    def __init__(self, request):
        now = timezone.now()
        self.window_end = now.replace(second=0, microsecond=0) + timedelta(seconds=INVALID_KEY_WINDOW_SECONDS)
        self.now = now
        subject = rate_limit_subject(client_ip(request))
        self.key = f"invalid-key:{subject}:{int(self.window_end.timestamp())}"
        self.limit = settings.INVALID_KEY_RATE_LIMIT_PER_MINUTE

    def check(self) -> None:
        """Refuse the lookup if this address has used up its allowance of bad keys."""
        if counter_value(key=self.key) >= self.limit:
            wait = max(math.ceil((self.window_end - self.now).total_seconds()), 1)
            raise RateLimited(
                wait=wait, message=f"Too many requests without a valid API key. Try again in {wait} seconds."
            )

    def record_failure(self) -> None:
        counter_consume(key=self.key, limit=self.limit, window_end=self.window_end, now=self.now)
