"""The telemetry JSON-lines loader, fed random, mutated and truncated files, loads them or raises IngestError."""

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.errors import IngestError
from telemetry.services import samples_ingest_file
from tests.factories import EndpointFactory, ModelFactory, ProviderFactory
from tests.reliability.strategies import ANY_JSON

pytestmark = pytest.mark.django_db

AS_OF = datetime(2026, 11, 21, tzinfo=UTC)
GOOD = {
    "host": "together",
    "model_id": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    "measured_at": "2026-11-20T10:00:00Z",
    "success": True,
    "http_status": 200,
    "ttft_ms": 350.2,
    "latency_ms": 910.4,
    "output_tokens": 12,
    "tokens_per_second": 18.5,
}
PROPERTY = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def endpoint():
    host = ProviderFactory(slug="together", is_creator=False, is_host=True)
    return EndpointFactory(model=ModelFactory(slug="llama"), host=host, provider_model_id=GOOD["model_id"])


def load(tmp_path, content: bytes):
    path = tmp_path / "samples.jsonl"
    path.write_bytes(content)
    try:
        return samples_ingest_file(path=path, as_of=AS_OF, dry_run=True)
    except IngestError as exc:
        assert str(exc)
        return exc


def test_the_seed_line_loads(tmp_path, endpoint):
    assert load(tmp_path, json.dumps(GOOD).encode())["samples"] == {"created": 1, "unchanged": 0}


@PROPERTY
@given(fields=st.dictionaries(st.sampled_from(sorted(GOOD)), ANY_JSON, max_size=4))
def test_a_line_with_fields_replaced_loads_or_is_an_ingest_error(tmp_path_factory, endpoint, fields):
    load(tmp_path_factory.mktemp("lines"), json.dumps({**GOOD, **fields}).encode())


@PROPERTY
@given(line=ANY_JSON)
def test_any_json_line_loads_or_is_an_ingest_error(tmp_path_factory, endpoint, line):
    load(tmp_path_factory.mktemp("lines"), json.dumps(line).encode())


@PROPERTY
@given(data=st.data())
def test_a_truncated_line_is_an_ingest_error(tmp_path_factory, endpoint, data):
    content = json.dumps(GOOD).encode()
    cut = data.draw(st.integers(min_value=1, max_value=len(content) - 1), label="cut")
    assert isinstance(load(tmp_path_factory.mktemp("lines"), content[:cut]), IngestError)


@PROPERTY
@given(content=st.binary(max_size=300))
def test_random_bytes_load_or_are_an_ingest_error(tmp_path_factory, endpoint, content):
    load(tmp_path_factory.mktemp("lines"), content)
