from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class DataSource(models.Model):
    """An ingestion source: which pipeline reads it, from where, and how often."""

    # Each source as it spells its own name (the generated labels read "Litellm", "Genai Prices").
    class Pipeline(models.TextChoices):
        MODELS_DEV = "models-dev", "models.dev"
        LITELLM = "litellm", "LiteLLM"
        OPENROUTER = "openrouter", "OpenRouter"
        GENAI_PRICES = "genai-prices", "genai-prices"
        ARENA = "arena", "Arena"
        TELEMETRY = "telemetry", "Telemetry"

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

    def overdue(self, now=None):
        """Runs still marked running past the time limit: their process was killed."""
        return self.filter(status=PipelineRun.Status.RUNNING, started_at__lt=run_deadline(now))


ABANDONED_ERROR = "abandoned: the run's process stopped before it finished (killed or lost)"


def run_deadline(now=None):
    """A run started before this and still running will never finish (settings.INGEST_RUN_TIME_LIMIT_MINUTES)."""
    return (now or timezone.now()) - timedelta(minutes=settings.INGEST_RUN_TIME_LIMIT_MINUTES)


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

    def is_overdue(self, now=None) -> bool:
        return self.status == self.Status.RUNNING and self.started_at < run_deadline(now)


class ArenaBoardMapping(models.Model):
    """Which of our categories an arena board's ratings are quality evidence for.

    A board is named by its arena and its key within it: the text arena's
    ``full`` and the vision arena's ``full`` are different measurements.
    """

    arena = models.CharField(
        max_length=50, default="text", help_text="LMArena arena, as its file names spell it: 'text', 'vision', 'image'."
    )
    board = models.CharField(max_length=200, help_text="Board key within the arena, e.g. 'coding'.")
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
        ordering = ["arena", "board"]
        constraints = [models.UniqueConstraint(fields=["arena", "board"], name="arenaboard_unique_arena_board")]

    def __str__(self) -> str:
        return f"{self.arena}/{self.board}"


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

    def merge_precedence(self) -> tuple:
        """Of one source's two claims that a merge makes one model's, the lower stands: the newer
        snapshot's, as ``claims_write`` keeps it, then the maker's own record's, whichever model the
        merge keeps."""
        return (-self.as_of.toordinal(), not self.by_maker)

    def absorb(self, other: "CapabilityClaim") -> None:
        """Of one snapshot's two claims that rank alike, one claim of what both say: ``claims_write``
        gives a model the capabilities of all the source's records of it (the maker's, else the hosts')."""
        self.capabilities = sorted(set(self.capabilities) | set(other.capabilities))
        self.save(update_fields=["capabilities"])


class Listing(models.Model):
    """An observation: one source's snapshot of ``as_of`` lists this endpoint, with what it states of it.

    Absence is information: an endpoint a source listed that its newer
    snapshot no longer lists is retired as of that snapshot (see
    ``ingestion.writers.listings``). Re-ingesting a snapshot adds nothing.
    """

    source = models.CharField(max_length=50)
    endpoint = models.ForeignKey("models_registry.Endpoint", on_delete=models.CASCADE, related_name="listings")
    as_of = models.DateField()
    # What the snapshot states of the endpoint (null: it does not say). The
    # endpoint's served limits and status are derived from every listing
    # (``ingestion.writers.listings.endpoint_facts_derive``), never from the
    # last file read.
    context_window = models.PositiveIntegerField(null=True, blank=True)
    max_output_tokens = models.PositiveIntegerField(null=True, blank=True)
    deprecated = models.BooleanField(null=True, blank=True)
    # Lower wins across sources, as for a model's facts (models_registry/provenance.py):
    # the reference catalog corrects, every other source fills gaps.
    precedence = models.PositiveSmallIntegerField(null=True, blank=True)
    # The list price the snapshot states in force on its day (USD per 1M
    # tokens; null: it states none). A snapshot's cost signals are derived
    # from its listings (``ingestion.writers.signals.cost_derive``), as its
    # demand is, never carried from the run that read the file.
    input_per_million = models.DecimalField(max_digits=20, decimal_places=10, null=True, blank=True)
    output_per_million = models.DecimalField(max_digits=20, decimal_places=10, null=True, blank=True)

    class Meta:
        ordering = ["source", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["source", "endpoint", "as_of"], name="listing_unique_observation")
        ]
        indexes = [models.Index(fields=["source", "as_of"], name="listing_source_as_of_idx")]

    def __str__(self) -> str:
        return f"{self.source} lists {self.endpoint_id} on {self.as_of}"
