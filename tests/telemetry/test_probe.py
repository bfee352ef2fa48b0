"""The probe against a local fake OpenAI-compatible server with scripted delays and failures.

Timing assertions are bounds derived from the injected delays (a sleep makes a
value at least that large; the upper bounds leave seconds of slack), never
tight wall-clock values.
"""

import socket
from statistics import median

import pytest

from telemetry import services
from telemetry.models import Rollup, Sample
from telemetry.probe import probe_chat_completion, tokens_per_second
from telemetry.tasks import probe_all_endpoints, refresh_rollups
from tests.factories import EndpointFactory, ProbeTargetFactory
from tests.telemetry.fake_openai import Scenario

SLACK_MS = 3000
LATE_READ_MS = 100  # how late a loaded machine may read the first chunk after it was sent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_it_measures_ttft_latency_and_tokens_per_second_from_the_stream(fake_openai):
    fake_openai.scenarios["m"] = Scenario(first_delay=0.3, chunks=6, chunk_delay=0.1)

    result = probe_chat_completion(base_url=fake_openai.base_url, model_id="m", api_key="sk-test", timeout=10)

    assert result.success is True
    assert result.error_kind == ""
    assert result.http_status == 200
    assert result.output_tokens == 6
    assert 300 <= result.ttft_ms <= 300 + SLACK_MS
    # The server sleeps 0.3 s, then five gaps of 0.1 s: the whole stream takes at least 0.8 s.
    assert 800 <= result.latency_ms <= 800 + SLACK_MS
    # The client may read the first token late (scheduling), which shortens the measured
    # gaps by as much: they span at least 0.5 s less that lateness.
    assert result.latency_ms - result.ttft_ms >= 500 - LATE_READ_MS
    # 5 tokens over those gaps: at most 5 / 0.4 s; the slack bounds it from below.
    assert 5 / ((500 + SLACK_MS) / 1000) <= result.tokens_per_second <= 5 / ((500 - LATE_READ_MS) / 1000)


def test_it_sends_a_tiny_streaming_chat_request_with_the_key(fake_openai):
    probe_chat_completion(base_url=fake_openai.base_url + "/", model_id="host/model-x", api_key="sk-abc", timeout=5)

    request = fake_openai.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sk-abc"
    assert request["body"]["model"] == "host/model-x"
    assert request["body"]["stream"] is True
    assert request["body"]["max_tokens"] == 16
    assert len(request["body"]["messages"]) == 1


def test_it_sends_no_authorization_header_without_a_key(fake_openai):
    probe_chat_completion(base_url=fake_openai.base_url, model_id="m", api_key=None, timeout=5)

    assert "Authorization" not in fake_openai.requests[0]["headers"]


def test_it_counts_content_chunks_when_the_host_sends_no_usage(fake_openai):
    fake_openai.scenarios["m"] = Scenario(chunks=4, usage=False)

    result = probe_chat_completion(base_url=fake_openai.base_url, model_id="m", api_key=None, timeout=5)

    assert result.success is True
    assert result.output_tokens == 4


@pytest.mark.parametrize(("status", "kind"), [(401, "4xx"), (429, "4xx"), (500, "5xx"), (503, "5xx")])
def test_it_records_http_errors_by_class(fake_openai, status, kind):
    fake_openai.scenarios["m"] = Scenario(status=status)

    result = probe_chat_completion(base_url=fake_openai.base_url, model_id="m", api_key=None, timeout=5)

    assert (result.success, result.error_kind, result.http_status) == (False, kind, status)
    assert result.ttft_ms is None
    assert result.tokens_per_second is None


def test_it_times_out_a_host_that_does_not_answer_in_time(fake_openai):
    fake_openai.scenarios["slow"] = Scenario(first_delay=8)

    result = probe_chat_completion(base_url=fake_openai.base_url, model_id="slow", api_key=None, timeout=0.5)

    assert (result.success, result.error_kind) == (False, "timeout")
    assert result.ttft_ms is None
    assert 500 <= result.latency_ms < 8000


def test_it_times_out_a_stream_that_trickles_past_the_deadline(fake_openai):
    fake_openai.scenarios["trickle"] = Scenario(chunks=20, chunk_delay=0.3)

    result = probe_chat_completion(base_url=fake_openai.base_url, model_id="trickle", api_key=None, timeout=1)

    assert (result.success, result.error_kind) == (False, "timeout")


def test_it_records_a_refused_connection():
    result = probe_chat_completion(
        base_url=f"http://127.0.0.1:{_free_port()}/v1", model_id="m", api_key=None, timeout=2
    )

    assert (result.success, result.error_kind, result.http_status) == (False, "connection", None)


@pytest.mark.parametrize("body", [b"data: [DONE]\n\n", b"data: {not json\n\n", b"<html>maintenance</html>"])
def test_it_flags_a_200_that_is_not_a_token_stream(fake_openai, body):
    fake_openai.scenarios["m"] = Scenario(raw_body=body)

    result = probe_chat_completion(base_url=fake_openai.base_url, model_id="m", api_key=None, timeout=5)

    assert (result.success, result.error_kind, result.http_status) == (False, "invalid_response", 200)


def test_tokens_per_second_counts_the_tokens_after_the_first():
    assert tokens_per_second(11, 200.0, 1200.0) == 10.0
    assert tokens_per_second(1, 200.0, 500.0) == 2.0
    assert tokens_per_second(0, 200.0, 500.0) is None
    assert tokens_per_second(5, None, 500.0) is None


@pytest.mark.django_db
def test_probing_all_enabled_targets_stores_one_sample_each(fake_openai, settings, monkeypatch):
    settings.TELEMETRY_PROBE_TIMEOUT_SECONDS = 3
    monkeypatch.setenv("FAKE_HOST_KEY", "sk-from-env")
    fake_openai.scenarios["fast"] = Scenario(first_delay=0.05, chunks=3, chunk_delay=0.02)
    fake_openai.scenarios["broken"] = Scenario(status=502)
    fake_openai.scenarios["slow"] = Scenario(first_delay=8)
    fast = ProbeTargetFactory(
        endpoint=EndpointFactory(provider_model_id="fast"), base_url=fake_openai.base_url, api_key_env="FAKE_HOST_KEY"
    )
    broken = ProbeTargetFactory(endpoint=EndpointFactory(provider_model_id="broken"), base_url=fake_openai.base_url)
    slow = ProbeTargetFactory(endpoint=EndpointFactory(provider_model_id="slow"), base_url=fake_openai.base_url)
    ProbeTargetFactory(endpoint=EndpointFactory(provider_model_id="off"), base_url=fake_openai.base_url, enabled=False)
    ProbeTargetFactory(
        endpoint=EndpointFactory(provider_model_id="nokey"), base_url=fake_openai.base_url, api_key_env="UNSET_VAR_X"
    )

    counts = probe_all_endpoints.delay().get()

    assert counts == {"probed": 3, "succeeded": 1, "failed": 2, "skipped": 1}
    by_endpoint = {sample.endpoint_id: sample for sample in Sample.objects.all()}
    assert set(by_endpoint) == {fast.endpoint_id, broken.endpoint_id, slow.endpoint_id}
    assert by_endpoint[fast.endpoint_id].success is True
    assert by_endpoint[fast.endpoint_id].output_tokens == 3
    assert by_endpoint[fast.endpoint_id].source == "probe"
    assert (by_endpoint[broken.endpoint_id].error_kind, by_endpoint[broken.endpoint_id].http_status) == ("5xx", 502)
    assert by_endpoint[slow.endpoint_id].error_kind == "timeout"
    key_header = [r["headers"].get("Authorization") for r in fake_openai.requests if r["body"]["model"] == "fast"]
    assert key_header == ["Bearer sk-from-env"]


@pytest.mark.django_db
def test_probing_one_target_without_its_key_configured_raises(fake_openai):
    target = ProbeTargetFactory(base_url=fake_openai.base_url, api_key_env="UNSET_VAR_Y")

    with pytest.raises(services.MissingApiKey):
        services.endpoint_probe(target=target)
    assert Sample.objects.count() == 0


@pytest.mark.django_db
def test_probed_samples_roll_up_into_the_endpoint_windows(fake_openai, settings):
    settings.TELEMETRY_PROBE_TIMEOUT_SECONDS = 10
    fake_openai.scenarios["steady"] = Scenario(first_delay=0.2, chunks=4, chunk_delay=0.05)
    target = ProbeTargetFactory(endpoint=EndpointFactory(provider_model_id="steady"), base_url=fake_openai.base_url)
    for _ in range(3):
        probe_all_endpoints.delay().get()
    fake_openai.scenarios["steady"] = Scenario(status=503)
    probe_all_endpoints.delay().get()

    refresh_rollups.delay().get()

    hour = Rollup.objects.get(endpoint=target.endpoint, window="1h")
    assert (hour.sample_count, hour.success_count, hour.outage_count) == (4, 3, 1)
    assert (hour.uptime, hour.error_rate) == (0.75, 0.25)
    assert 200 <= hour.ttft_p50_ms <= 200 + SLACK_MS
    # The window's medians are the medians of its successful samples.
    succeeded = Sample.objects.filter(endpoint=target.endpoint, success=True)
    assert hour.ttft_p50_ms == median(succeeded.values_list("ttft_ms", flat=True))
    assert hour.latency_p50_ms == median(succeeded.values_list("latency_ms", flat=True))
    # Each sample streams three 50 ms gaps after its first token, less how late the client read it.
    for sample in succeeded:
        assert sample.latency_ms - sample.ttft_ms >= 150 - LATE_READ_MS
    assert hour.tokens_per_second_p50 <= 3 / ((150 - LATE_READ_MS) / 1000)
    assert (hour.last_failure_kind, hour.last_failure_http_status) == ("5xx", 503)
