"""Running pipelines: one transaction per run, a PipelineRun record that outlives it."""

from __future__ import annotations

import hashlib
import logging
import sys
import tempfile
import time as clock
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from aimodelsmap.dataversion import data_version_bump
from ingestion import sources
from ingestion.errors import IngestError
from ingestion.fetch import fetch_to_file
from ingestion.models import ABANDONED_ERROR, ArenaBoardMapping, BenchmarkMapping, DataSource, PipelineRun
from ingestion.sources import arena as sources_arena
from ingestion.sources.common import date_from_name
from ingestion.taxonomy import BENCHMARKS, CAPABILITIES, CATEGORY_TREE, arena_board_defaults
from ingestion.writers import Counts, batch_apply
from ingestion.writers.signals import mapped_signals
from models_registry.membership import memberships_refresh
from models_registry.models import Capability, Category, UnresolvedIdentifier

logger = logging.getLogger(__name__)


# Runs write the same catalog tables (providers, models, aliases, endpoints,
# prices), so two at once (beat and a curator's `manage.py ingest`, or two
# sources due together on several workers) could both decide a row is new.
# They take turns instead: a PostgreSQL advisory lock held until the run's
# transaction ends, so a crashed run can never leave it held. SQLite already
# serialises writers.
INGEST_LOCK_ID = 7_301_114_017


class _DryRunRollback(Exception):
    """Raised inside the run's transaction to discard a dry run's writes."""


# Each run also holds a session-level advisory lock of its own, (RUN_LOCK_CLASS,
# run id), from start to finish. PostgreSQL drops it when the process's
# connection goes, so a run whose row still says "running" but whose lock is
# free was killed (an OOM kill, a lost worker, a deploy) and can be failed.
RUN_LOCK_CLASS = 7301


def _run_lock(run_id: int, *, take: bool) -> bool:
    if connection.vendor != "postgresql":
        return True
    function = "pg_try_advisory_lock" if take else "pg_advisory_unlock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s, %s)", [RUN_LOCK_CLASS, run_id])
        return cursor.fetchone()[0]


def runs_abandoned_fail(*, source: DataSource | None = None, now: datetime | None = None) -> int:
    """Mark failed the runs still "running" that never will finish; returns how many.

    A run is abandoned when it outlived settings.INGEST_RUN_TIME_LIMIT_MINUTES,
    or (PostgreSQL) when no process holds its run lock any more. Called before
    every run of a source and by the beat task, so a killed run shows in
    ``/health/pipelines`` as a failure instead of "running" forever.
    """
    now = now or timezone.now()
    running = PipelineRun.objects.filter(status=PipelineRun.Status.RUNNING)
    if source is not None:
        running = running.filter(source=source)
    abandoned = []
    for run in running:
        if run.is_overdue(now):
            abandoned.append(run)
        elif connection.vendor == "postgresql" and _run_lock(run.pk, take=True):
            # Nobody held it: the run is dead. Let go of the lock we just took.
            _run_lock(run.pk, take=False)
            abandoned.append(run)
    for run in abandoned:
        run.status = PipelineRun.Status.FAILED
        run.error = ABANDONED_ERROR
        run.finished_at = now
        run.save(update_fields=["status", "error", "finished_at"])
    return len(abandoned)


def _wait_for_other_runs() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [INGEST_LOCK_ID])


@dataclass
class RunResult:
    run: PipelineRun
    counts: dict[str, dict[str, int]]
    changed: bool
    # Other files (this source's other snapshots included) read again because this run taught the
    # catalog ids they had queued.
    caught_up: list[RunResult] = field(default_factory=list)


def taxonomy_ensure() -> None:
    """Create the category tree, capabilities and default mappings that are missing.

    Existing rows are never changed, so curators' edits (names, order, mappings,
    disabled boards) stand; a deleted default comes back, so disable instead.
    """
    existing = set(Category.objects.values_list("slug", flat=True))
    for slug, name, parent, order, description in CATEGORY_TREE:
        if slug not in existing:
            Category.objects.create(
                slug=slug,
                name=name,
                description=description,
                display_order=order,
                parent=Category.objects.get(slug=parent) if parent else None,
            )
    Capability.objects.bulk_create(
        [Capability(slug=slug, name=name) for slug, name in CAPABILITIES.items()], ignore_conflicts=True
    )
    categories = dict(Category.objects.values_list("slug", "id"))
    ArenaBoardMapping.objects.bulk_create(
        [
            ArenaBoardMapping(arena=arena, board=board, category_id=categories.get(slug) if slug else None, enabled=on)
            for arena, board, slug, on in arena_board_defaults()
        ],
        ignore_conflicts=True,
    )
    BenchmarkMapping.objects.bulk_create(
        [BenchmarkMapping(benchmark=b, category_id=categories.get(c)) for b, c in BENCHMARKS.items()],
        ignore_conflicts=True,
    )


@transaction.atomic
def evidence_mapping_save(*, mapping: ArenaBoardMapping | BenchmarkMapping) -> int:
    """Save a curator's board or benchmark mapping and move the evidence already recorded under it.

    The signals the board or benchmark gave take the mapping's category (no
    category: general evidence), so the leaderboards count them there and
    category membership follows at once. Returns the number of signals moved.
    """
    mapping.save()
    count = mapped_signals(mapping).exclude(category_id=mapping.category_id).update(category_id=mapping.category_id)
    memberships_refresh()
    data_version_bump()
    return count


def data_source_for(pipeline: str) -> DataSource:
    """The DataSource a manual run is recorded under: the pipeline's own (created on first use)."""
    if pipeline not in sources.PIPELINES:
        raise IngestError(f"unknown source '{pipeline}' (choose from {', '.join(sources.PIPELINES)})")
    source = DataSource.objects.filter(pipeline=pipeline).order_by("id").first()
    if source is None:
        source, _ = DataSource.objects.get_or_create(
            name=pipeline, defaults={"pipeline": pipeline, "source_type": sources.SOURCE_TYPES[pipeline]}
        )
    return source


def pipeline_run(
    *,
    source: DataSource,
    path: Path | None = None,
    url: str | None = None,
    as_of: date | None = None,
    dry_run: bool = False,
    progress: bool = False,
    arena: str | None = None,
    catch_up: bool = True,
) -> RunResult:
    """Run one pipeline over a file or URL; raise IngestError on failure (recorded first).

    ``arena`` names the LMArena arena of an ``arena`` file whose name does not say it.
    ``catch_up``: then read again the other files (of any source, this one's
    other snapshots included) whose queued ids this run resolved
    (``runs_to_catch_up``); those runs catch up nothing themselves.
    """
    url = url if url is not None else (None if path else source.url or None)
    runs_abandoned_fail(source=source)
    # A file is recorded by its absolute path, so a later run can read it again (``runs_to_catch_up``).
    run = PipelineRun.objects.create(
        source=source, dry_run=dry_run, input=str(path.absolute() if path else url or "")[:500]
    )
    _run_lock(run.pk, take=True)
    try:
        result = _pipeline_run(run, path=path, url=url, as_of=as_of, dry_run=dry_run, progress=progress, arena=arena)
    finally:
        _run_lock(run.pk, take=False)
    if catch_up and not dry_run:
        own = {(source.pipeline, run.input): (run.started_at, timezone.now())}
        result.caught_up = files_catch_up(since=run.started_at, read=own)
    return result


def files_catch_up(*, since: datetime, read: dict[tuple[str, str], tuple] | None = None) -> list[RunResult]:
    """Read again each file ``runs_to_catch_up`` names, round after round until a round closes no queue row.

    A file read again may close queue rows of another file, or of the file that started it all (once
    a merge after that run gave a library tag its one release): those files are read in the next
    round. ``read``: (pipeline, input) -> (start, end) of the runs that just read their files; a row
    a file's own run closed was written by that run. Queue rows only ever close, so the rounds end.
    The runs catch up nothing themselves.
    """
    results: list[RunResult] = []
    while runs := runs_to_catch_up(since=since, read=read or {}):
        since, read = timezone.now(), {}
        for earlier in runs:
            started = timezone.now()
            path = Path(earlier.input)
            results.append(pipeline_run(source=earlier.source, path=path, as_of=earlier.as_of, catch_up=False))
            read[(earlier.source.pipeline, earlier.input)] = (started, timezone.now())
    return results


def runs_to_catch_up(*, since: datetime, read: dict[tuple[str, str], tuple] | None = None) -> list[PipelineRun]:
    """Earlier runs whose file holds ids taught the catalog since ``since``, to be read again.

    An id a source's file named that nothing resolved waits in the queue, and
    the file's records for it (listings, prices, signals) were not written.
    When a later run creates or names its model, the queue
    row closes; reading that file again (each file keeps its own as-of date)
    writes what it said of the id, and changes nothing else: a re-run is
    idempotent. Only local files that still hold the content the queue row
    saw (by checksum) are read again; a URL may answer differently today.
    Another snapshot of the same source counts too: an older price list read
    after the newest creates the model the newest one's host id waited for.
    ``read``: (pipeline, input) -> (start, end) of runs that read their file since: a row closed
    during its own file's run was written by it, and asks for no other read.
    """
    read = read or {}
    closed = UnresolvedIdentifier.objects.filter(status=UnresolvedIdentifier.Status.RESOLVED, resolved_at__gte=since)
    wanted: dict[str, list[tuple[set[str], datetime]]] = {}
    for source, keys, resolved_at in closed.values_list("source", "input_keys", "resolved_at"):
        wanted.setdefault(source, []).append((set(keys or ()), resolved_at))
    chosen: list[PipelineRun] = []
    for pipeline, rows in sorted(wanted.items()):
        latest_per_input: dict[str, PipelineRun] = {}
        runs = (
            PipelineRun.objects.recorded()
            .filter(source__pipeline=pipeline, status=PipelineRun.Status.SUCCESS)
            .select_related("source")
            .order_by("-started_at")
        )
        for earlier in runs:
            latest_per_input.setdefault(earlier.input, earlier)
        for earlier in latest_per_input.values():
            path = Path(earlier.input)
            # An Arena file named without its arena may have been read with --arena, which no run records.
            unnamed_arena = pipeline == "arena" and not sources_arena.FILE_NAME_RE.match(path.name)
            readable = earlier.input and path.is_absolute() and path.exists() and earlier.as_of is not None
            if not readable or unnamed_arena:
                continue
            checksum = file_checksum(path)
            window = read.get((pipeline, earlier.input))
            if any(
                checksum in keys and not (window and window[0] <= resolved_at <= window[1])
                for keys, resolved_at in rows
            ):
                chosen.append(earlier)
    return sorted(chosen, key=lambda r: (r.source.pipeline, r.as_of, r.pk))


def _pipeline_run(run: PipelineRun, *, path, url, as_of, dry_run, progress, arena) -> RunResult:
    source = run.source
    started = clock.monotonic()
    counts = Counts()
    try:
        with tempfile.TemporaryDirectory(prefix="ingest-") as scratch:
            fetched = path is None
            if fetched:
                if not url:
                    raise IngestError("no input: give a file or a URL, or set the data source's URL")
                path = fetch_to_file(url, Path(scratch))
            elif not path.exists():
                raise IngestError(f"file not found: {path}")
            as_of = snapshot_date(source.pipeline, path, given=as_of, fetched=fetched)
            run.as_of = as_of
            if arena is not None and source.pipeline != "arena":
                raise IngestError("an arena can only be named for the arena pipeline")
            options = {"arena": arena} if arena else {}
            _run_in_transaction(
                source.pipeline, path, as_of=as_of, dry_run=dry_run, counts=counts, progress=progress, options=options
            )
    except Exception as exc:
        message = str(exc) if isinstance(exc, IngestError) else f"{exc.__class__.__name__}: {exc}"
        _finish(run, started, status=PipelineRun.Status.FAILED, counts=counts, error=message)
        if isinstance(exc, IngestError):
            raise
        logger.exception("pipeline %s crashed", source.name)
        raise IngestError(f"run crashed: {message}") from exc
    _finish(run, started, status=PipelineRun.Status.SUCCESS, counts=counts)
    return RunResult(run=run, counts=run.counts, changed=counts.changed() and not dry_run)


def snapshot_date(pipeline: str, path: Path, *, given: date | None, fetched: bool) -> date:
    """The date of the data, which dates every price row and signal the run writes.

    The date given (``--as-of``), else the date in the file name
    (``models-dev-2025-12-31.tar.gz``), else, for a feed fetched from its URL,
    the day it was fetched: a live feed is the current snapshot. A local file
    that names no date is refused rather than dated by the day it happens to be
    ingested, which would date old prices and ratings as today's.
    """
    found = given or date_from_name(path)
    if found is not None:
        return found
    if fetched or pipeline in sources.LOADERS:
        # Loaders (probe samples) carry their own timestamps per row.
        return timezone.localdate()
    raise IngestError(
        f"cannot tell the snapshot date of {path.name}: give --as-of YYYY-MM-DD or put the date in the file name"
    )


def _run_in_transaction(
    pipeline: str, path: Path, *, as_of: date, dry_run: bool, counts: Counts, progress: bool, options: dict
):
    try:
        with transaction.atomic():
            _wait_for_other_runs()
            taxonomy_ensure()
            if pipeline in sources.LOADERS:
                loaded = sources.load(sources.LOADERS[pipeline])(path=path, as_of=as_of, dry_run=dry_run)
                for kind, outcomes in (loaded or {}).items():
                    for outcome, n in outcomes.items():
                        counts.add(kind, outcome, n)
            else:
                batch = sources.load(sources.PARSERS[pipeline])(path, as_of=as_of, **options)
                if batch.empty:
                    # A feed that answered with an empty list is broken, not a
                    # snapshot in which every model disappeared.
                    raise IngestError("no models in the file: an empty snapshot is refused", record=path.name)
                batch.input_key = file_checksum(path)
                batch.historical = (
                    PipelineRun.objects.recorded()
                    .filter(source__pipeline=pipeline, status=PipelineRun.Status.SUCCESS, as_of__gt=as_of)
                    .exists()
                )
                show = progress and sys.stderr.isatty()
                with tqdm(desc=pipeline, unit="rec", disable=not show) as bar:
                    batch_apply(batch=batch, counts=counts, progress=bar)
            if counts.changed():
                data_version_bump()
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass


def file_checksum(path: Path) -> str:
    """A key for the input's content: the same snapshot, re-run or fetched again, keeps it.

    An unpacked directory (models-dev) is keyed by its files' names and contents.
    """
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if file != path:
            digest.update(str(file.relative_to(path)).encode() + b"\0")
        digest.update(file.read_bytes())  # source files are a few MB at most (the fetch caps them)
    return "sha256:" + digest.hexdigest()


def _finish(run: PipelineRun, started: float, *, status: str, counts: Counts, error: str = "") -> None:
    run.status = status
    run.error = error[:5000]
    run.counts = counts.as_dict()
    run.finished_at = timezone.now()
    run.duration_ms = int((clock.monotonic() - started) * 1000)
    run.save(update_fields=["status", "error", "counts", "finished_at", "duration_ms", "as_of"])


def data_sources_due(*, now=None) -> list[DataSource]:
    """Enabled sources with a URL whose last run started at least their interval ago."""
    now = now or timezone.now()
    due = []
    for source in DataSource.objects.filter(enabled=True).exclude(url=""):
        last = source.runs.recorded().order_by("-started_at").values_list("started_at", flat=True).first()
        if last is None or last + timedelta(minutes=source.schedule_minutes) <= now:
            due.append(source)
    return due


def data_sources_ingest_due(*, now=None) -> dict[str, str]:
    """Run every due source; one failing source does not stop the others."""
    runs_abandoned_fail(now=now)
    outcome = {}
    for source in data_sources_due(now=now):
        try:
            pipeline_run(source=source, url=source.url)
            outcome[source.name] = PipelineRun.Status.SUCCESS
        except IngestError as exc:
            logger.warning("scheduled ingest of %s failed: %s", source.name, exc)
            outcome[source.name] = PipelineRun.Status.FAILED
    return outcome


# The demo: excerpts of the real files in demo_data/, oldest first, so prices
# and signals build up real history. LiteLLM's file name carries no date.
DEMO_PLAN = [
    ("models-dev", "models-dev-2025-12-31.tar.gz", None),
    ("models-dev", "models-dev-2026-07-01.tar.gz", None),
    ("openrouter", "openrouter-models-2026-07-01.json", None),
    ("litellm", "litellm-1.109.1-model-prices.json", date(2026, 7, 1)),
    ("genai-prices", "genai-prices-2026-08-21.json", None),
    ("arena", "leaderboard-text-2025-03-07.json", None),
    ("arena", "leaderboard-text-2025-04-24.json", None),
    ("arena", "leaderboard-text-2025-05-27.json", None),
    ("arena", "leaderboard-text-2025-11-06.json", None),
    ("arena", "leaderboard-text-2025-12-11.json", None),
]


def demo_data_load(*, directory: Path, progress: bool = False) -> list[RunResult]:
    """Ingest the demo excerpts through the real pipelines (each run its own transaction).

    Files whose queued ids a later file resolved are read again once, at the end.
    """
    since = timezone.now()
    results = [
        pipeline_run(
            source=data_source_for(pipeline), path=directory / name, as_of=as_of, progress=progress, catch_up=False
        )
        for pipeline, name, as_of in DEMO_PLAN
    ]
    return results + files_catch_up(since=since)


def demo_scores_compute(*, results: list[RunResult]) -> int:
    """Score the demo at each arena snapshot date and now, if the rankings app provides scoring.

    Returns the number of recomputes run (0 when scoring is not available).
    """
    try:
        score_recompute = sources.load("rankings.services.score_recompute")
    except IngestError:
        return 0
    days = sorted({r.run.as_of for r in results if r.run.source.pipeline == "arena" and r.run.as_of})
    moments = [datetime.combine(day, time(23, 59), tzinfo=UTC) for day in days]
    for moment in [*moments, timezone.now()]:
        score_recompute(at=moment)
    return len(moments) + 1
