from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Provider(TimeStamped):
    """An organisation: a model's creator, an inference host, or both."""

    class NameBasis(models.TextChoices):
        """Where the name comes from, strongest first (ingestion/provider_names.py)."""

        CURATOR = "curator", "a curator's edit"
        KNOWN = "known", "the catalog's own list of names"
        SOURCE = "source", "a source's own name for it"
        ID = "id", "the maker's spelling in a model id"
        SLUG = "slug", "its slug"

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    # Which evidence named it, so every run can tell a better name from a worse
    # one whatever order the files come in; blank: named before this was kept.
    name_basis = models.CharField(
        max_length=20, choices=NameBasis.choices, blank=True, help_text="Where the name comes from."
    )
    name_source = models.CharField(
        max_length=50, blank=True, help_text="The pipeline whose file gave the name (a source's name or an id's)."
    )
    name_as_of = models.DateField(null=True, blank=True, help_text="The date of the file that gave the name.")
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    is_creator = models.BooleanField(default=False, help_text="Makes models (Anthropic, Meta).")
    is_host = models.BooleanField(default=False, help_text="Serves models through an API (Together, Bedrock).")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Capability(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "capabilities"

    def __str__(self) -> str:
        return self.slug


# The category every model is ranked in; general (uncategorised) signals count
# here and everywhere. Lists without a category filter show these scores.
OVERALL_CATEGORY_SLUG = "overall"


class CategoryQuerySet(models.QuerySet):
    def roots(self):
        return self.filter(parent__isnull=True)


class Category(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    display_order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "slug"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class ModelQuerySet(models.QuerySet):
    def with_creator(self):
        return self.select_related("creator")


class Model(TimeStamped):
    class Status(models.TextChoices):
        ACTIVE = "active"
        DEPRECATED = "deprecated"
        PREVIEW = "preview"
        RETIRED = "retired"

    # Labels are spelled out: the generated ones read "Llm" and "Image Generation".
    class Type(models.TextChoices):
        LLM = "large-language-model", "LLM"
        EMBEDDING = "embedding-model", "Embedding"
        IMAGE_GENERATION = "image-generation-model", "Image generation"
        SPEECH = "speech-model", "Speech"
        TRANSCRIPTION = "transcription-model", "Transcription"
        VIDEO_GENERATION = "video-generation-model", "Video generation"
        RERANK = "rerank-model", "Rerank"
        MODERATION = "moderation-model", "Moderation"
        OTHER = "other", "Other"

    slug = models.SlugField(max_length=200, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    model_type = models.CharField(max_length=40, choices=Type.choices, default=Type.LLM)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    creator = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="models_created")
    family = models.CharField(max_length=100, blank=True)
    release_date = models.DateField(null=True, blank=True)
    context_window = models.PositiveIntegerField(null=True, blank=True)
    max_output_tokens = models.PositiveIntegerField(null=True, blank=True)
    open_weights = models.BooleanField(null=True, blank=True)
    knowledge_cutoff = models.CharField(max_length=20, blank=True, help_text="As published: YYYY-MM or YYYY-MM-DD.")
    deprecation_date = models.DateField(null=True, blank=True)
    capabilities = models.ManyToManyField(Capability, blank=True, related_name="models")
    categories = models.ManyToManyField(Category, blank=True, related_name="models")
    # A mode of another release that leaderboards rate on its own (a reasoning
    # budget, "-thinking", "-high"): ranked as its own row, served and priced
    # through its base model's endpoints.
    variant_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="variants",
        help_text="The release this is a mode of (reasoning mode or budget); empty for a release.",
    )
    variant_label = models.CharField(
        max_length=100, blank=True, help_text='The mode, as the source spells it ("thinking-32k", "high").'
    )

    objects = ModelQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(Lower("name"), name="model_name_lower_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(variant_of__isnull=True, variant_label="")
                | (models.Q(variant_of__isnull=False) & ~models.Q(variant_label="")),
                name="model_variant_has_label",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ModelAlias(models.Model):
    """Another identifier a model goes by, unique after normalisation."""

    model = models.ForeignKey(Model, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=300, help_text="The identifier as the source wrote it.")
    normalized = models.CharField(max_length=300, unique=True)
    source = models.CharField(max_length=50, blank=True, help_text="Where this identifier was seen.")
    # The most authoritative record that used the id, ranked as facts are
    # (models_registry/provenance.py): its spelling is the one kept, and the
    # model's slug is derived from these (models_registry/slugs.py).
    precedence = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The most authoritative source record that used this id (0 a lab card, 1 the creator's API "
        "file, 10+ other sources' records); empty: no source's record (a curator's, or kept before this was).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "model aliases"

    def __str__(self) -> str:
        return self.alias


class FormerSlug(models.Model):
    """A slug a model no longer has: links to it keep finding the model (after its slug and aliases)."""

    slug = models.SlugField(max_length=200, unique=True)
    model = models.ForeignKey(Model, on_delete=models.CASCADE, related_name="former_slugs")
    retired_at = models.DateTimeField(auto_now=True, help_text="When the model stopped being served under it.")

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class Endpoint(TimeStamped):
    """A model as served by a host: the host's model id and its limits there."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        DEPRECATED = "deprecated"
        RETIRED = "retired"

    model = models.ForeignKey(Model, on_delete=models.CASCADE, related_name="endpoints")
    host = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="endpoints")
    provider_model_id = models.CharField(max_length=300)
    context_window = models.PositiveIntegerField(null=True, blank=True)
    max_output_tokens = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        ordering = ["model_id", "host_id"]
        constraints = [
            models.UniqueConstraint(fields=["host", "provider_model_id"], name="endpoint_unique_host_model_id"),
        ]
        indexes = [models.Index(fields=["model", "host"], name="endpoint_model_host_idx")]

    def __str__(self) -> str:
        return f"{self.model} @ {self.host}"

    @property
    def is_first_party(self) -> bool:
        return self.host_id == self.model.creator_id


class UnresolvedIdentifierQuerySet(models.QuerySet):
    def pending(self):
        """Ids waiting for a curator's decision."""
        return self.filter(status=UnresolvedIdentifier.Status.PENDING)


class UnresolvedIdentifier(models.Model):
    """A source id no alias or curator decision resolves: the curator queue."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RESOLVED = "resolved"
        IGNORED = "ignored"

    # Enough to recognise any file re-ingested during a backfill or a retry;
    # an older file met again after this many others counts once more.
    INPUT_KEYS_KEPT = 50

    source = models.CharField(max_length=50)
    raw_id = models.CharField(max_length=300, help_text="The identifier as the source last wrote it.")
    normalized = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    occurrences = models.PositiveIntegerField(
        "files",
        default=1,
        help_text="Distinct input files of the source that named this id (re-running a file counts once).",
    )
    input_keys = models.JSONField(
        default=list,
        blank=True,
        help_text=f"The latest input files that named this id, by content checksum, oldest first (at most "
        f"{INPUT_KEYS_KEPT}): how a re-run of the same file is told from a new one.",
    )
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    context = models.JSONField(default=dict, blank=True, help_text="What the source said about it (name, provider).")
    suggestions = models.JSONField(
        default=list, blank=True, help_text="Closest existing models by name: [{model_id, slug, name, score}]."
    )
    resolved_model = models.ForeignKey(
        Model, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolved_identifiers"
    )
    resolved_at = models.DateTimeField(
        null=True, blank=True, help_text="When a rule, another source or a curator closed the row."
    )

    objects = UnresolvedIdentifierQuerySet.as_manager()

    class Meta:
        ordering = ["-occurrences", "-last_seen_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "normalized"], name="unresolved_unique_source_normalized"),
        ]

    def __str__(self) -> str:
        return f"{self.raw_id} ({self.source})"


class IdentityDecision(models.Model):
    """A curator's ruling on a normalised id; resolvers apply it on every run.

    A ruling holds for every source unless ``source_only``: then it holds for
    that source alone and wins over aliases there, for the rare id a source
    uses for a different model than everyone else (Arena's 2023 "gemini-pro"
    is not today's "gemini-pro-latest").
    """

    class Action(models.TextChoices):
        ATTACH = "attach", "attached to an existing model"
        CREATE = "create", "created a new model"
        IGNORE = "ignore", "ignored"

    normalized = models.CharField(max_length=300)
    raw_id = models.CharField(max_length=300)
    source = models.CharField(max_length=50, blank=True, help_text="The source whose id the curator looked at.")
    source_only = models.BooleanField(default=False, help_text="The ruling applies to this source's id only.")
    action = models.CharField(max_length=20, choices=Action.choices)
    model = models.ForeignKey(Model, null=True, blank=True, on_delete=models.CASCADE, related_name="identity_decisions")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalized"], condition=models.Q(source_only=False), name="identity_decision_unique_global"
            ),
            models.UniqueConstraint(
                fields=["source", "normalized"],
                condition=models.Q(source_only=True),
                name="identity_decision_unique_per_source",
            ),
            models.CheckConstraint(
                condition=models.Q(source_only=False) | ~models.Q(source=""),
                name="identity_decision_source_only_names_source",
            ),
            models.CheckConstraint(
                condition=models.Q(action="ignore", model__isnull=True)
                | (~models.Q(action="ignore") & models.Q(model__isnull=False)),
                name="identity_decision_model_matches_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.raw_id}: {self.get_action_display()}"


class ModelFact(models.Model):
    """One observation of one of a model's facts: who said what, as of which snapshot.

    Sources' observations are kept per snapshot (``as_of``), so the served value
    can be derived again from all of them whatever order the files arrived in
    (models_registry/provenance.py). A curator's pin is an observation too,
    with its author and date; the newest pin of a field wins over every source.
    """

    CURATOR = "curator"

    model = models.ForeignKey(Model, on_delete=models.CASCADE, related_name="facts")
    field = models.CharField(max_length=40)
    source = models.CharField(max_length=50, help_text='The source that said it, or "curator" for a pin.')
    as_of = models.DateField(help_text="The snapshot's date; a pin's is the day it was made.")
    # Lower wins across sources: the maker's word in the reference catalog, then
    # the maker's own API, then anyone else (models_registry/provenance.py).
    precedence = models.PositiveSmallIntegerField(default=0)
    value = models.JSONField(null=True, help_text="As the model field stores it; dates as YYYY-MM-DD.")
    pinned = models.BooleanField(default=False, help_text="A curator's value: it wins over every source.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    said_as = models.CharField(
        max_length=300,
        blank=True,
        help_text="The source's id whose record stated it. Of several ids of one model in one snapshot, the most "
        "authoritative record's, then the first id in order (models_registry/provenance.py).",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["model", "field"], name="model_fact_model_field_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "field", "source", "as_of"],
                condition=models.Q(pinned=False),
                name="model_fact_one_per_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.field} = {self.value!r} ({self.source}, {self.as_of})"

    def merge_precedence(self) -> tuple:
        """Of one snapshot's two observations of a field that a merge makes one model's, the lower
        stands: the one a single run would have kept had both ids named one model then
        (``provenance.SnapshotFacts.observe``), whichever model the merge keeps."""
        return (self.precedence, self.said_as)


class AliasObservation(models.Model):
    """One source's snapshot says a floating name served this release on that day.

    Evidence only: dated targets (``AliasTarget``) are derived from these and
    from the snapshots' own dates (``models_registry.identity.floating``).
    ``scope`` is the source whose meaning it is, or blank for the maker's:
    a lab card's pointer speaks for the maker, OpenRouter's ``canonical_slug``
    for OpenRouter's own id only.

    The claim is kept as the source made it (``claim``, ``evidence``), and its
    target is resolved again after every run against the catalog as it then
    stands (``identity.dated.observations_resolve``): a snapshot a later file
    brings, or a nearer one, is found whatever order the files came in. A
    claim whose target the catalog does not know yet has none.
    """

    floating = models.ForeignKey(Model, on_delete=models.CASCADE, related_name="floating_observations")
    target = models.ForeignKey(
        Model, null=True, blank=True, on_delete=models.SET_NULL, related_name="served_observations"
    )
    source = models.CharField(max_length=50, help_text="The pipeline whose snapshot said so.")
    scope = models.CharField(
        max_length=50, blank=True, help_text="The source whose meaning this is; blank: the maker's meaning."
    )
    as_of = models.DateField(help_text="The day of the snapshot that said so.")
    claim = models.CharField(max_length=400, help_text='What the source said, as text: "<id> stands for <id>".')
    evidence = models.JSONField(default=dict, blank=True, help_text="The field and value that said so.")

    class Meta:
        ordering = ["floating_id", "scope", "as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["floating", "scope", "source", "as_of", "claim"], name="alias_observation_one_claim"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.floating_id} -> {self.target_id} ({self.source}, {self.as_of})"


class AliasTarget(models.Model):
    """What a floating name (a Model entry such as ``gpt-4o``) served from ``valid_from`` until ``valid_to``.

    A floating name that has served several snapshots over time resolves, on
    a date asked, to the snapshot it served that day; it never joins one of
    them. ``source`` blank is the maker's meaning; a source's own meaning
    (OpenRouter's ``deepseek/deepseek-chat`` is DeepSeek V3) applies only to
    lookups that name that source. Derived rows are rewritten after every
    ingestion run; a curator's rows (basis ``curator``) replace the derived
    ones of their floating name and source, and are never rewritten.
    """

    class Basis(models.TextChoices):
        RELEASED = "released", "the snapshot's own date"
        OBSERVED = "observed", "a source's snapshot named it"
        CURATOR = "curator", "a curator's ruling"

    floating = models.ForeignKey(Model, on_delete=models.CASCADE, related_name="dated_targets")
    target = models.ForeignKey(Model, on_delete=models.CASCADE, related_name="served_as")
    source = models.CharField(
        max_length=50, blank=True, help_text="The source whose meaning this is; blank: the maker's meaning."
    )
    valid_from = models.DateField(null=True, blank=True, help_text="First day served; empty: since the name existed.")
    valid_to = models.DateField(null=True, blank=True, help_text="First day no longer served; empty: still served.")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    evidence = models.JSONField(default=dict, blank=True, help_text="What the dates rest on.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["floating_id", "source", models.F("valid_from").asc(nulls_first=True)]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="alias_target_dates_in_order",
            ),
            models.CheckConstraint(condition=~models.Q(target=models.F("floating")), name="alias_target_not_itself"),
        ]
        indexes = [models.Index(fields=["floating", "source"], name="alias_target_floating_idx")]

    def __str__(self) -> str:
        return f"{self.floating_id} -> {self.target_id} [{self.valid_from or '...'}, {self.valid_to or '...'})"
