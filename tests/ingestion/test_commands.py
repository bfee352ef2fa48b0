"""The ingest and load_demo_data commands, the telemetry hand-off and the scheduled task."""

import shutil
import threading
from datetime import date, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ingestion import sources
from ingestion.models import DataSource, PipelineRun
from ingestion.tasks import ingest_due_sources
from models_registry.models import Model
from pricing.models import Price
from rankings.models import Score, Signal
from tests.ingestion.conftest import ARENA, DEMO_DIR, OPENROUTER

pytestmark = pytest.mark.django_db

telemetry_calls = []


def fake_samples_ingest_file(*, path, as_of, dry_run):
    telemetry_calls.append((path.name, as_of, dry_run))
    return {"samples": {"created": 3, "unchanged": 1}}


def run_command(*args) -> str:
    out = StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


def test_ingest_prints_a_summary_per_kind():
    output = run_command("openrouter", "--file", str(OPENROUTER))

    assert output.startswith("openrouter as of 2026-07-01: done in ")
    lines = output.splitlines()
    assert lines[1].split()[:5] == ["kind", "created", "updated", "unchanged", "unresolved"]
    models_line = next(line for line in lines if line.startswith("models "))
    variants_line = next(line for line in lines if line.startswith("variants "))
    assert int(models_line.split()[1]) == Model.objects.filter(variant_of=None).count()
    assert int(variants_line.split()[1]) == Model.objects.exclude(variant_of=None).count() > 0


def test_ingest_dry_run_writes_nothing():
    output = run_command("openrouter", "--file", str(OPENROUTER), "--dry-run", "--as-of", "2026-07-05")

    assert "as of 2026-07-05: dry run (nothing written)" in output
    assert not Model.objects.exists()
    assert PipelineRun.objects.get().dry_run is True


def test_ingest_fails_with_the_reason(tmp_path):
    bad = tmp_path / "leaderboard-text-2025-01-01.json"
    bad.write_text("[]")

    with pytest.raises(CommandError, match="arena: leaderboard-text-2025-01-01.json: expected an object"):
        run_command("arena", "--file", str(bad))

    run = PipelineRun.objects.get()
    assert (run.status, run.as_of) == ("failed", date(2025, 1, 1))


def test_ingest_reads_a_url_from_a_local_server(settings, tmp_path):
    settings.INGEST_ALLOW_HTTP = True
    settings.INGEST_ALLOW_PRIVATE_ADDRESSES = True
    shutil.copy(ARENA, tmp_path / ARENA.name)
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        output = run_command("arena", "--url", f"http://127.0.0.1:{httpd.server_address[1]}/{ARENA.name}")
    finally:
        httpd.shutdown()
        httpd.server_close()

    assert output.startswith("arena as of 2025-12-11: done")


def test_telemetry_is_handed_to_the_telemetry_app(monkeypatch, tmp_path):
    monkeypatch.setitem(sources.LOADERS, "telemetry", f"{__name__}.fake_samples_ingest_file")
    samples = tmp_path / "samples-2026-07-01.jsonl"
    samples.write_text("{}\n")
    telemetry_calls.clear()

    output = run_command("telemetry", "--file", str(samples), "--dry-run")

    assert telemetry_calls == [("samples-2026-07-01.jsonl", date(2026, 7, 1), True)]
    assert "samples" in output and "3" in output


def test_a_missing_pipeline_implementation_is_a_clear_failure(monkeypatch, tmp_path):
    monkeypatch.setitem(sources.LOADERS, "telemetry", "telemetry.no_such_module.samples_ingest_file")
    samples = tmp_path / "samples.jsonl"
    samples.write_text("{}\n")

    with pytest.raises(CommandError, match="pipeline not available: telemetry.no_such_module"):
        run_command("telemetry", "--file", str(samples))


def test_the_scheduled_task_runs_only_due_sources(settings, tmp_path):
    settings.INGEST_ALLOW_HTTP = True
    settings.INGEST_ALLOW_PRIVATE_ADDRESSES = True
    shutil.copy(ARENA, tmp_path / ARENA.name)
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/{ARENA.name}"
    due = DataSource.objects.create(name="arena-due", pipeline="arena", source_type="benchmark", url=url, enabled=True)
    recent = DataSource.objects.create(
        name="arena-recent", pipeline="arena", source_type="benchmark", url=url, enabled=True, schedule_minutes=60
    )
    PipelineRun.objects.create(source=recent, status="success", started_at=timezone.now() - timedelta(minutes=5))
    DataSource.objects.create(name="arena-off", pipeline="arena", source_type="benchmark", url=url, enabled=False)
    failing = DataSource.objects.create(
        name="arena-404", pipeline="arena", source_type="benchmark", url=url + ".missing", enabled=True
    )
    try:
        outcome = ingest_due_sources.delay().get()
    finally:
        httpd.shutdown()
        httpd.server_close()

    assert outcome == {"arena-due": "success", "arena-404": "failed"}
    assert due.runs.get().as_of == date(2025, 12, 11)
    assert "HTTP 404" in failing.runs.get().error


def test_load_demo_data_ingests_the_excerpts_with_history_and_scores():
    out = StringIO()
    call_command("load_demo_data", stdout=out)

    # Every demo file once, then the files whose queued ids a later file resolved, in rounds: a file
    # read again in the first round whose ids a later read of that round resolved, once more.
    inputs = list(PipelineRun.objects.filter(status="success").order_by("pk").values_list("input", flat=True))
    assert len(set(inputs[:10])) == 10 and set(inputs[10:]) <= set(inputs[:10])
    assert 0 < len(inputs) - 10 <= 2 * len(set(inputs[10:]))
    assert Model.objects.count() >= 200
    assert Price.objects.filter(source="models-dev", effective_from="2025-12-31").exists()
    assert Signal.objects.filter(source="arena").values("recorded_at").distinct().count() == 5
    assert Score.objects.exists()
    assert "scores computed at 6 moments" in out.getvalue()
    assert len(list(DEMO_DIR.glob("*.json"))) + len(list(DEMO_DIR.glob("*.tar.gz"))) == 10
