"""Loading probe results measured elsewhere from JSON lines."""

import io
from datetime import UTC, date, datetime, timedelta

import orjson
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ingestion.errors import IngestError
from telemetry.models import Rollup, Sample
from telemetry.services import samples_ingest_file
from tests.factories import EndpointFactory, ModelFactory, ProviderFactory

pytestmark = pytest.mark.django_db

AS_OF = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def endpoint():
    return EndpointFactory(
        model=ModelFactory(slug="llama-3-3-70b"),
        host=ProviderFactory(slug="together"),
        provider_model_id="meta-llama/Llama-3.3-70B-Instruct-Turbo",
    )


def _line(**overrides) -> dict:
    line = {
        "host": "together",
        "model_id": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "measured_at": "2026-11-20T11:30:00Z",
        "success": True,
        "http_status": 200,
        "ttft_ms": 350.0,
        "latency_ms": 900.0,
        "output_tokens": 12,
        "tokens_per_second": 20.0,
    }
    line.update(overrides)
    return line


def _write(tmp_path, *lines) -> str:
    path = tmp_path / "probes.jsonl"
    path.write_bytes(b"".join((orjson.dumps(line) if isinstance(line, dict) else line) + b"\n" for line in lines))
    return str(path)


def test_it_loads_samples_and_refreshes_rollups(tmp_path, endpoint):
    path = _write(
        tmp_path,
        _line(),
        b"",
        _line(measured_at="2026-11-20T11:40:00Z", success=False, error_kind="timeout", http_status=None, ttft_ms=None),
    )

    counts = samples_ingest_file(path=path, as_of=AS_OF, dry_run=False)

    assert counts == {"samples": {"created": 2, "unchanged": 0}, "rollups": {"updated": 3}}
    ok, failed = Sample.objects.order_by("measured_at")
    assert (ok.endpoint_id, ok.source, ok.success, ok.ttft_ms, ok.output_tokens) == (endpoint.pk, "file", True, 350, 12)
    assert (failed.success, failed.error_kind, failed.http_status) == (False, "timeout", None)
    hour = Rollup.objects.get(endpoint=endpoint, window="1h")
    assert (hour.sample_count, hour.uptime, hour.latency_p50_ms, hour.computed_at) == (2, 0.5, 900.0, AS_OF)


def test_reloading_the_same_file_changes_nothing(tmp_path, endpoint):
    path = _write(tmp_path, _line(), _line(measured_at="2026-11-20T11:31:00Z"))
    samples_ingest_file(path=path, as_of=AS_OF, dry_run=False)

    counts = samples_ingest_file(path=path, as_of=AS_OF, dry_run=False)

    assert counts == {"samples": {"created": 0, "unchanged": 2}, "rollups": {"updated": 0}}
    assert Sample.objects.count() == 2


def test_a_dry_run_counts_and_writes_nothing(tmp_path, endpoint):
    path = _write(tmp_path, _line())

    counts = samples_ingest_file(path=path, as_of=AS_OF, dry_run=True)

    assert counts["samples"] == {"created": 1, "unchanged": 0}
    assert Sample.objects.count() == 0
    assert Rollup.objects.count() == 0


def test_a_date_as_of_means_the_end_of_that_day(tmp_path, endpoint):
    path = _write(tmp_path, _line(measured_at="2026-11-20T23:59:00Z"))

    samples_ingest_file(path=path, as_of=date(2026, 11, 20), dry_run=False)

    assert Rollup.objects.get(window="1h").computed_at == datetime(2026, 11, 21, tzinfo=UTC)


def test_an_as_of_of_today_refreshes_rollups_as_of_now_not_midnight(tmp_path, endpoint):
    now = timezone.now()
    path = _write(tmp_path, _line(measured_at=(now - timedelta(minutes=5)).isoformat()))

    samples_ingest_file(path=path, as_of=now.date(), dry_run=False)

    hour = Rollup.objects.get(window="1h")
    assert now <= hour.computed_at <= timezone.now()
    assert hour.sample_count == 1


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b"{not json", "line 2: not valid JSON"),
        (b"[1, 2]", "line 2: expected a JSON object"),
        (orjson.dumps(_line(success=False)), "line 2: a failed sample needs an error_kind"),
        (orjson.dumps(_line(error_kind="5xx")), "line 2: a successful sample cannot have an error_kind"),
        (
            orjson.dumps(_line(error_kind="teapot", success=False)),
            'line 2: error_kind: "teapot" is not a valid choice.',
        ),
        (orjson.dumps(_line(ttft_ms=-1)), "line 2: ttft_ms: Ensure this value is greater than or equal to 0."),
        (orjson.dumps(_line(measured_at="yesterday")), "line 2: measured_at: Datetime has wrong format."),
        (
            orjson.dumps(_line(measured_at="2026-11-21T00:00:00Z")),
            "line 2: measured_at 2026-11-21T00:00:00+00:00 is after",
        ),
        (orjson.dumps(_line(host="fireworks")), "line 2: no endpoint for host 'fireworks'"),
        (b'{"host": "together"}', "line 2: model_id: This field is required."),
        (b"{" + b" " * 20000 + b"}", "line 2: longer than 16384 bytes"),
    ],
)
def test_a_bad_line_is_reported_by_number_and_loads_nothing(tmp_path, endpoint, bad, message):
    path = _write(tmp_path, _line(), bad, _line(measured_at="2026-11-20T11:50:00Z"))

    with pytest.raises(IngestError) as caught:
        samples_ingest_file(path=path, as_of=AS_OF, dry_run=False)

    assert str(caught.value).startswith(message)
    assert caught.value.record == "line 2"
    assert Sample.objects.count() == 0
    assert Rollup.objects.count() == 0


def test_the_ingest_command_dispatches_telemetry_files_here(tmp_path, endpoint):
    path = _write(tmp_path, _line(), _line(measured_at="2026-11-20T11:31:00Z"))
    out = io.StringIO()

    call_command("ingest", "telemetry", "--file", path, "--as-of", "2026-11-20", stdout=out)

    assert Sample.objects.filter(source="file").count() == 2
    assert "samples" in out.getvalue()


def test_the_ingest_command_reports_the_bad_line_and_loads_nothing(tmp_path, endpoint):
    path = _write(tmp_path, _line(), b"{oops")

    with pytest.raises(CommandError, match="line 2: not valid JSON"):
        call_command("ingest", "telemetry", "--file", path, "--as-of", "2026-11-20", stdout=io.StringIO())
    assert Sample.objects.count() == 0
