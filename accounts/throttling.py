from django.utils import timezone
from rest_framework.throttling import BaseThrottle

from accounts.services import quota_consume
from aimodelsmap.api.errors import RateLimited
from aimodelsmap.api.middleware import RateLimitState, set_rate_limit_state


class DailyKeyQuota(BaseThrottle):
    """Per-key, per-UTC-day request quota from the key's plan."""

    def allow_request(self, request, view):
        principal = request.auth
        if principal is None:
            return True
        now = timezone.now()
        decision = quota_consume(principal=principal, now=now)
        if decision is None:
            return True
        set_rate_limit_state(request, RateLimitState(decision.limit, decision.remaining, decision.reset_at))
        if not decision.allowed:
            wait = max(decision.reset_at - int(now.timestamp()), 1)
            raise RateLimited(wait=wait, message="Daily rate limit exceeded. The quota resets at 00:00 UTC.")
        return True
