"""Every ingest parser, fed random, mutated and truncated documents, either returns a Batch or
raises IngestError: never a KeyError, TypeError, decimal error or anything else unhandled."""

from __future__ import annotations

import io
import json
import tarfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.errors import IngestError
from ingestion.records import Batch
from ingestion.sources import PARSERS, load
from tests.reliability.strategies import ANY_JSON

DEMO = Path(__file__).resolve().parents[2] / "demo_data"
AS_OF = date(2026, 7, 1)
JSON_SOURCES = ["litellm", "openrouter", "genai-prices", "arena"]
PROPERTY = settings(max_examples=100, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _small(source: str, document):
    """A few real records of the source: big enough to reach every branch, small enough to parse fast."""
    if source == "litellm":
        return dict(list(document.items())[:12])
    if source == "openrouter":
        return {**document, "data": document["data"][:8]}
    if source == "genai-prices":
        return [{**provider, "models": provider["models"][:4]} for provider in document[:6]]
    return {board: dict(list(rows.items())[:6]) for board, rows in list(document.items())[:3]}


SEED_FILES = {
    "litellm": "litellm-1.109.1-model-prices.json",
    "openrouter": "openrouter-models-2026-07-01.json",
    "genai-prices": "genai-prices-2026-08-21.json",
    "arena": "leaderboard-text-2025-12-11.json",
}
SEEDS = {source: _small(source, json.loads((DEMO / name).read_bytes())) for source, name in SEED_FILES.items()}


def run_parser(source: str, path: Path):
    """The parser's outcome; anything other than a Batch or IngestError fails the test."""
    try:
        result = load(PARSERS[source])(path, as_of=AS_OF)
    except IngestError as exc:
        assert str(exc)
        return exc
    assert isinstance(result, Batch)
    return result


def records_in(batch: Batch) -> int:
    return len(batch.models) + len(batch.endpoints) + len(batch.benchmarks) + len(batch.ratings)


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def paths_of(document, prefix=()):
    """Every (path, value) inside a JSON document, containers included."""
    yield prefix, document
    if isinstance(document, dict):
        for key, value in document.items():
            yield from paths_of(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from paths_of(value, (*prefix, index))


def replaced(document, path, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(document, dict):
        return {**document, head: replaced(document[head], rest, value)}
    copy = list(document)
    copy[head] = replaced(document[head], rest, value)
    return copy


def removed(document, path):
    head, rest = path[0], path[1:]
    if rest:
        return replaced(document, (head,), removed(document[head], rest))
    if isinstance(document, dict):
        return {key: value for key, value in document.items() if key != head}
    return [value for index, value in enumerate(document) if index != head]


def test_every_parser_accepts_its_own_seed_document(tmp_path):
    for source, document in SEEDS.items():
        result = run_parser(source, write(tmp_path, f"{source}.json", json.dumps(document).encode()))
        assert isinstance(result, Batch), (source, result)
        assert records_in(result) > 0


@pytest.mark.parametrize("source", JSON_SOURCES)
@PROPERTY
@given(document=ANY_JSON)
def test_arbitrary_json_gives_a_batch_or_an_ingest_error(tmp_path_factory, source, document):
    run_parser(source, write(tmp_path_factory.mktemp(source), "doc.json", json.dumps(document).encode()))


@pytest.mark.parametrize("source", JSON_SOURCES)
@PROPERTY
@given(data=st.data())
def test_real_documents_with_values_replaced_or_removed_give_a_batch_or_an_ingest_error(tmp_path_factory, source, data):
    document = SEEDS[source]
    for _ in range(data.draw(st.integers(min_value=1, max_value=4), label="mutations")):
        paths = [path for path, _ in paths_of(document)]
        path = data.draw(st.sampled_from(paths), label="path")
        if path and data.draw(st.booleans(), label="remove"):
            document = removed(document, path)
        else:
            document = replaced(document, path, data.draw(ANY_JSON, label="value"))
    run_parser(source, write(tmp_path_factory.mktemp(source), "doc.json", json.dumps(document).encode()))


@pytest.mark.parametrize("source", JSON_SOURCES)
@PROPERTY
@given(data=st.data())
def test_a_truncated_document_is_an_ingest_error(tmp_path_factory, source, data):
    content = json.dumps(SEEDS[source]).encode()
    cut = data.draw(st.integers(min_value=0, max_value=len(content) - 1), label="cut")
    outcome = run_parser(source, write(tmp_path_factory.mktemp(source), "doc.json", content[:cut]))
    assert isinstance(outcome, IngestError)


@pytest.mark.parametrize("source", [*JSON_SOURCES, "models-dev"])
@PROPERTY
@given(content=st.binary(max_size=512))
def test_random_bytes_give_a_batch_or_an_ingest_error(tmp_path_factory, source, content):
    name = "snapshot.tar.gz" if source == "models-dev" else "doc.json"
    run_parser(source, write(tmp_path_factory.mktemp(source), name, content))


def _models_dev_members() -> dict[str, bytes]:
    """A few real TOML files of the snapshot: lab cards, provider cards and served models."""
    members: dict[str, bytes] = {}
    with tarfile.open(DEMO / "models-dev-2025-12-31.tar.gz", "r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("./")
            if not (member.isfile() and name.endswith(".toml")):
                continue
            kind = name.split("/")[0] + ("/provider" if name.endswith("provider.toml") else "")
            if sum(1 for known in members if known.startswith(kind.split("/")[0])) < (6 if kind == "models" else 10):
                members[name] = archive.extractfile(member).read()
    return members


MODELS_DEV = _models_dev_members()


def tar_gz(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


TOML_JUNK = st.sampled_from(
    [
        '"text"',
        "-1",
        "1e999",
        "nan",
        "true",
        "[1, 2]",
        "[[1], []]",
        '["text", { a = 1 }]',
        "{ a = 1 }",
        "2025-13-01",
        '"2025-01-01"',
        "",
        "= =",
        "0x10",
    ]
)


def test_the_models_dev_seed_snapshot_parses(tmp_path):
    result = run_parser("models-dev", write(tmp_path, "snapshot.tar.gz", tar_gz(MODELS_DEV)))
    assert isinstance(result, Batch)
    assert records_in(result) > 0


@PROPERTY
@given(data=st.data())
def test_models_dev_files_with_lines_truncated_or_values_replaced_give_a_batch_or_an_ingest_error(
    tmp_path_factory, data
):
    files = dict(MODELS_DEV)
    for _ in range(data.draw(st.integers(min_value=1, max_value=4), label="mutations")):
        name = data.draw(st.sampled_from(sorted(files)), label="file")
        lines = files[name].decode().splitlines()
        if not lines:
            continue
        index = data.draw(st.integers(min_value=0, max_value=len(lines) - 1), label="line")
        line = lines[index]
        if "=" in line and data.draw(st.booleans(), label="replace"):
            lines[index] = line.split("=", 1)[0] + "= " + data.draw(TOML_JUNK, label="value")
        else:
            lines[index] = line[: data.draw(st.integers(min_value=0, max_value=len(line)), label="cut")]
        files[name] = "\n".join(lines).encode()
    run_parser("models-dev", write(tmp_path_factory.mktemp("models-dev"), "snapshot.tar.gz", tar_gz(files)))


@PROPERTY
@given(data=st.data())
def test_a_truncated_models_dev_archive_gives_a_batch_or_an_ingest_error(tmp_path_factory, data):
    content = tar_gz(MODELS_DEV)
    cut = data.draw(st.integers(min_value=0, max_value=len(content) - 1), label="cut")
    run_parser("models-dev", write(tmp_path_factory.mktemp("models-dev"), "snapshot.tar.gz", content[:cut]))
