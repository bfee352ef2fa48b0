"""Probe configuration, raw probe samples and their windowed rollups."""

from django.db import models

from models_registry.models import Endpoint


class ErrorKind(models.TextChoices):
    TIMEOUT = "timeout", "Timeout"
    CLIENT_ERROR = "4xx", "4xx client error"
    SERVER_ERROR = "5xx", "5xx server error"
    CONNECTION = "connection", "Connection"
    # The host answered 200 but not with a token stream (no content, bad SSE).
    INVALID_RESPONSE = "invalid_response", "Invalid response"


# Kinds that mean the host was not serving at all. A 4xx (bad key, rate
# limit) or a malformed answer counts against the error rate, not uptime.
OUTAGE_KINDS = (ErrorKind.TIMEOUT, ErrorKind.SERVER_ERROR, ErrorKind.CONNECTION)


class ProbeTarget(models.Model):
    """How to probe one host endpoint: an OpenAI-compatible base URL and where its key lives."""

    endpoint = models.OneToOneField(Endpoint, on_delete=models.CASCADE, related_name="probe_target")
    base_url = models.URLField(
        max_length=500,
        help_text="OpenAI-compatible API root, e.g. https://api.example.com/v1 (/chat/completions is appended).",
    )
    api_key_env = models.CharField(
        max_length=100,
        blank=True,
        help_text="Name of the environment variable holding the API key (never the key itself). "
        "Blank: no Authorization header.",
    )
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["endpoint_id"]

    def __str__(self) -> str:
        return f"probe of {self.endpoint}"


class SampleQuerySet(models.QuerySet):
    def between(self, start, end):
        """Samples measured in the half-open interval (start, end]."""
        return self.filter(measured_at__gt=start, measured_at__lte=end)


class Sample(models.Model):
    """One timed request to a host endpoint, probed here or loaded from a file."""

    class Source(models.TextChoices):
        PROBE = "probe"
        FILE = "file"

    # Indexed by the unique (endpoint, measured_at) constraint below; a second
    # index on the foreign key alone would only cost writes.
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="samples", db_index=False)
    measured_at = models.DateTimeField()
    success = models.BooleanField()
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error_kind = models.CharField(max_length=20, choices=ErrorKind.choices, blank=True)
    ttft_ms = models.FloatField(null=True, blank=True, help_text="Time to first token, milliseconds.")
    latency_ms = models.FloatField(null=True, blank=True, help_text="Total request time, milliseconds.")
    output_tokens = models.PositiveIntegerField(null=True, blank=True)
    tokens_per_second = models.FloatField(null=True, blank=True, help_text="Output tokens/s after the first token.")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PROBE)

    objects = SampleQuerySet.as_manager()

    class Meta:
        ordering = ["-measured_at", "-id"]
        constraints = [
            # One measurement per endpoint and instant: reloading a file is a no-op.
            # On PostgreSQL migration 0003 leaves this index covering (INCLUDE
            # success, error_kind, ttft_ms, latency_ms, tokens_per_second) so the
            # 7-day refresh is an index-only scan already grouped by endpoint
            # instead of a million random heap reads. SQLite cannot cover.
            models.UniqueConstraint(fields=["endpoint", "measured_at"], name="sample_unique_endpoint_instant"),
            models.CheckConstraint(
                condition=models.Q(success=True, error_kind="") | models.Q(success=False) & ~models.Q(error_kind=""),
                name="sample_error_kind_iff_failed",
            ),
        ]
        indexes = [models.Index(fields=["measured_at"], name="sample_measured_at_idx")]

    def __str__(self) -> str:
        outcome = "ok" if self.success else self.error_kind
        return f"{self.endpoint_id} at {self.measured_at:%Y-%m-%d %H:%M:%S} {outcome}"


class Window(models.TextChoices):
    HOUR = "1h", "1 hour"
    DAY = "24h", "24 hours"
    WEEK = "7d", "7 days"


WINDOW_SECONDS = {Window.HOUR: 3600, Window.DAY: 86400, Window.WEEK: 7 * 86400}


class RollupQuerySet(models.QuerySet):
    def for_window(self, window: str):
        return self.filter(window=window)


class Rollup(models.Model):
    """Aggregates of one endpoint's samples over the window ending at ``computed_at``.

    Percentiles are over successful samples only; counts cover every sample.
    Rows survive sample pruning; a refresh overwrites them in place.
    """

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="rollups")
    window = models.CharField(max_length=3, choices=Window.choices)
    computed_at = models.DateTimeField()
    sample_count = models.PositiveIntegerField(default=0)
    success_count = models.PositiveIntegerField(default=0)
    outage_count = models.PositiveIntegerField(default=0, help_text="Timeouts, connection errors and 5xx.")
    uptime = models.FloatField(null=True, blank=True, help_text="1 - outage_count / sample_count.")
    error_rate = models.FloatField(null=True, blank=True, help_text="1 - success_count / sample_count.")
    ttft_p50_ms = models.FloatField(null=True, blank=True)
    ttft_p90_ms = models.FloatField(null=True, blank=True)
    ttft_p95_ms = models.FloatField(null=True, blank=True)
    ttft_p99_ms = models.FloatField(null=True, blank=True)
    latency_p50_ms = models.FloatField(null=True, blank=True)
    latency_p90_ms = models.FloatField(null=True, blank=True)
    latency_p95_ms = models.FloatField(null=True, blank=True)
    latency_p99_ms = models.FloatField(null=True, blank=True)
    tokens_per_second_p50 = models.FloatField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    last_failure_kind = models.CharField(max_length=20, choices=ErrorKind.choices, blank=True)
    last_failure_http_status = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = RollupQuerySet.as_manager()

    class Meta:
        ordering = ["endpoint_id", "window"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "window"], name="rollup_unique_endpoint_window"),
        ]

    def __str__(self) -> str:
        return f"{self.endpoint_id} {self.window}"
