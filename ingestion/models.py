from django.db import models
from django.utils import timezone


class DataSource(models.Model):
    """An ingestion source: which pipeline reads it, from where, and how often."""

    class Pipeline(models.TextChoices):
        MODELS_DEV = "models-dev"
        LITELLM = "litellm"
        OPENROUTER = "openrouter"
        GENAI_PRICES = "genai-prices"
        ARENA = "arena"
        TELEMETRY = "telemetry"

    class Kind(models.TextChoices):
        CATALOG = "catalog"
        PRICING = "pricing"
        BENCHMARK = "benchmark"
        TELEMETRY = "telemetry"

    name = models.SlugField(max_length=100, unique=True, help_text="Shown as source_name in /health/pipelines.")
    pipeline = models.CharField(max_length=30, choices=Pipeline.choices)
    source_type = models.CharField(max_length=20, choices=Kind.choices)
    url = models.URLField(max_length=500, blank=True, help_text="Fetched by the scheduled run.")
    enabled = models.BooleanField(default=False, help_text="Run on the beat schedule.")
    schedule_minutes = models.PositiveIntegerField(default=24 * 60, help_text="Run at most this often.")
    stale_after_hours = models.PositiveIntegerField(
        default=48, help_text="Without a successful run for this long the source is degraded (3x: down)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PipelineRunQuerySet(models.QuerySet):
    def recorded(self):
        """Runs that count for health: real runs, not dry runs."""
        return self.filter(dry_run=False)


class PipelineRun(models.Model):
    """One run of a pipeline. Written outside the run's transaction, so failures are kept."""

    class Status(models.TextChoices):
        RUNNING = "running"
        SUCCESS = "success"
        FAILED = "failed"

    source = models.ForeignKey(DataSource, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    dry_run = models.BooleanField(default=False)
    input = models.CharField(max_length=500, blank=True, help_text="File path or URL read.")
    as_of = models.DateField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    counts = models.JSONField(default=dict, blank=True)

    objects = PipelineRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["source", "-started_at"], name="pipelinerun_source_started_idx")]

    def __str__(self) -> str:
        return f"{self.source} {self.status} at {self.started_at:%Y-%m-%d %H:%M}"


class ArenaBoardMapping(models.Model):
    """Which of our categories an arena board's ratings are quality evidence for."""

    board = models.CharField(max_length=200, unique=True, help_text="Arena category key, e.g. 'coding'.")
    category = models.ForeignKey(
        "models_registry.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty: general quality, counts for every category.",
    )
    enabled = models.BooleanField(default=True, help_text="Disabled boards are not ingested.")

    class Meta:
        ordering = ["board"]

    def __str__(self) -> str:
        return self.board


class BenchmarkMapping(models.Model):
    """Which of our categories a published benchmark's results are expert evidence for."""

    benchmark = models.CharField(max_length=200, unique=True, help_text="Benchmark name as models.dev writes it.")
    category = models.ForeignKey(
        "models_registry.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty: general evidence, counts for every category.",
    )
    enabled = models.BooleanField(default=True, help_text="Disabled benchmarks are not ingested.")

    class Meta:
        ordering = ["benchmark"]

    def __str__(self) -> str:
        return self.benchmark


class CapabilityClaim(models.Model):
    """What one source's newest snapshot says a model can do: the evidence its capabilities derive from.

    One row per (model, source). ``by_maker``: the source lists the model
    through the maker's own record, whose word decides (``ingestion.claims``).
    """

    model = models.ForeignKey("models_registry.Model", on_delete=models.CASCADE, related_name="capability_claims")
    source = models.CharField(max_length=50, help_text="The pipeline that read the claim.")
    capabilities = models.JSONField(default=list, blank=True, help_text="Capability slugs, sorted.")
    by_maker = models.BooleanField(default=False, help_text="Stated by the maker's own card or API.")
    as_of = models.DateField(help_text="The snapshot the claim comes from.")

    class Meta:
        ordering = ["model_id", "source"]
        constraints = [
            models.UniqueConstraint(fields=["model", "source"], name="capability_claim_unique_model_source"),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {', '.join(self.capabilities) or 'nothing'}"
