"""Runs write the catalog from real excerpts, are no-ops when repeated, and leave no trace when they fail."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ingestion.errors import IngestError
from ingestion.models import ArenaBoardMapping, PipelineRun
from ingestion.services import file_checksum
from models_registry.models import Category, Endpoint, Model, ModelAlias, Provider, UnresolvedIdentifier
from models_registry.provenance import fact_pin
from pricing.models import Price
from pricing.selectors import prices_in_force
from rankings.models import Signal
from tests.ingestion.conftest import (
    ARENA,
    GENAI_PRICES,
    LITELLM,
    MODELS_DEV_NEW,
    MODELS_DEV_OLD,
    OPENROUTER,
    ingest,
)

pytestmark = pytest.mark.django_db

TABLES = (Provider, Model, ModelAlias, Endpoint, Price, Signal, UnresolvedIdentifier)


def database_state() -> dict:
    """Every row the pipelines write, as comparable tuples (queue bookkeeping excluded)."""
    return {
        "providers": set(Provider.objects.values_list("slug", "is_creator", "is_host", "website")),
        "models": set(
            Model.objects.values_list(
                "slug", "name", "status", "model_type", "context_window", "max_output_tokens", "release_date"
            )
        ),
        "aliases": set(ModelAlias.objects.values_list("normalized", "model__slug", "source")),
        "endpoints": set(Endpoint.objects.values_list("host__slug", "provider_model_id", "model__slug", "status")),
        "prices": set(Price.objects.values_list("endpoint_id", "effective_from", "input_per_million", "source")),
        "signals": set(
            Signal.objects.values_list("model_id", "signal_type", "dedupe_key", "recorded_at", "normalized_value")
        ),
        "capabilities": set(Model.capabilities.through.objects.values_list("model_id", "capability_id")),
        "categories": set(Model.categories.through.objects.values_list("model_id", "category_id")),
        "queue": set(UnresolvedIdentifier.objects.values_list("source", "normalized")),
    }


def changes(counts: dict) -> dict:
    return {
        kind: {k: v for k, v in outcomes.items() if k in ("created", "updated", "superseded")}
        for kind, outcomes in counts.items()
        if any(k in ("created", "updated", "superseded") for k in outcomes)
    }


@pytest.fixture
def catalog(db):
    """The demo's catalog sources, in date order."""
    ingest("models-dev", MODELS_DEV_OLD)
    ingest("models-dev", MODELS_DEV_NEW)
    ingest("openrouter", OPENROUTER)


def test_models_dev_writes_creators_hosts_models_endpoints_and_prices():
    result = ingest("models-dev", MODELS_DEV_NEW)

    assert result.run.status == "success" and result.run.as_of == date(2026, 7, 1)
    anthropic = Provider.objects.get(slug="anthropic")
    assert anthropic.is_creator and anthropic.is_host
    bedrock = Provider.objects.get(slug="amazon-bedrock")
    assert bedrock.is_host and not bedrock.is_creator
    model = ModelAlias.objects.get(normalized="gpt-5-4").model
    assert model.creator.slug == "openai"
    assert model.model_type == "large-language-model"
    endpoint = Endpoint.objects.get(host=bedrock, provider_model_id="openai.gpt-5.4")
    assert endpoint.model == model
    price = endpoint.prices.get()
    assert (price.input_per_million, price.effective_from, price.source) == (
        Decimal("2.75"),
        date(2026, 7, 1),
        "models-dev",
    )
    assert {"overall", "chat"} <= set(model.categories.values_list("slug", flat=True))
    expert = Signal.objects.filter(model=model, signal_type="expert")
    assert expert.exists() and all(0 <= s.normalized_value <= 1 for s in expert)
    assert Signal.objects.filter(model=model, signal_type="cost", source="models-dev").count() == 1
    demand = Signal.objects.get(model=model, signal_type="demand", source="models-dev")
    assert demand.raw_value == Endpoint.objects.filter(model=model).values("host").distinct().count()


@pytest.mark.parametrize(
    ("pipeline", "path"),
    [
        ("models-dev", MODELS_DEV_NEW),
        ("openrouter", OPENROUTER),
        ("litellm", LITELLM),
        ("genai-prices", GENAI_PRICES),
        ("arena", ARENA),
    ],
)
def test_rerunning_the_same_input_changes_nothing(catalog, pipeline, path):
    first = ingest(pipeline, path, as_of=date(2026, 7, 2))
    before = database_state()

    again = ingest(pipeline, path, as_of=date(2026, 7, 2))

    assert changes(again.counts) == {}
    assert again.changed is False
    assert database_state() == before
    assert sum(sum(o.values()) for o in first.counts.values()) > 0


def test_two_models_dev_snapshots_give_price_history():
    ingest("models-dev", MODELS_DEV_OLD)
    ingest("models-dev", MODELS_DEV_NEW)

    endpoint = Endpoint.objects.get(host__slug="openai", provider_model_id="gpt-4o-mini")
    history = list(endpoint.prices.order_by("effective_from").values_list("effective_from", "cache_read_per_million"))
    assert history == [(date(2025, 12, 31), Decimal("0.08")), (date(2026, 7, 1), Decimal("0.075"))]
    unchanged = Endpoint.objects.get(host__slug="anthropic", provider_model_id="claude-3-5-sonnet-20241022")
    assert unchanged.prices.count() == 1


def price_history() -> set:
    return set(
        Price.objects.values_list(
            "endpoint__host__slug",
            "endpoint__provider_model_id",
            "effective_from",
            "input_per_million",
            "output_per_million",
            "cache_read_per_million",
            "cache_write_per_million",
        )
    )


def in_force(history: set, day: date) -> dict:
    """{(host, provider model id): prices} in force on ``day``."""
    current = {}
    for host, model_id, effective, *values in sorted(history, key=lambda row: row[2]):
        if effective <= day:
            current[(host, model_id)] = tuple(values)
    return current


def test_an_older_snapshot_after_a_newer_one_gives_the_same_history():
    from django.db import transaction

    with transaction.atomic():
        ingest("models-dev", MODELS_DEV_OLD)
        ingest("models-dev", MODELS_DEV_NEW)
        in_order = price_history()
        transaction.set_rollback(True)
    assert not Price.objects.exists()

    ingest("models-dev", MODELS_DEV_NEW)
    ingest("models-dev", MODELS_DEV_OLD)
    # Hosts' ids in the newer file that only the older file's models resolve are
    # picked up when the newer file runs again; its known prices stay as they are.
    ingest("models-dev", MODELS_DEV_NEW)
    again = ingest("models-dev", MODELS_DEV_OLD)

    assert changes(again.counts) == {}
    out_of_order = price_history()
    # The price in force on each snapshot date is the same either way. Out of
    # order can know more: hosts' ids in the older file that resolve once the
    # newer file's lab cards exist (in date order they were still unresolved).
    for day in (date(2025, 12, 31), date(2026, 7, 1)):
        known = in_force(in_order, day)
        assert {k: v for k, v in in_force(out_of_order, day).items() if k in known} == known
    assert len(out_of_order) >= len({row[:2] for row in in_order})
    endpoint = Endpoint.objects.get(host__slug="openai", provider_model_id="gpt-4o-mini")
    assert list(endpoint.prices.order_by("effective_from").values_list("effective_from", flat=True)) == [
        date(2025, 12, 31),
        date(2026, 7, 1),
    ]


def test_an_older_snapshot_with_the_same_price_drops_the_later_duplicate_row():
    ingest("models-dev", MODELS_DEV_NEW)
    endpoint = Endpoint.objects.get(host__slug="anthropic", provider_model_id="claude-3-5-sonnet-20241022")
    assert list(endpoint.prices.values_list("effective_from", flat=True)) == [date(2026, 7, 1)]

    result = ingest("models-dev", MODELS_DEV_OLD)

    assert list(endpoint.prices.values_list("effective_from", flat=True)) == [date(2025, 12, 31)]
    assert result.counts["prices"]["superseded"] >= 1


def test_genai_prices_dated_constraints_become_dated_rows(catalog):
    ingest("genai-prices", GENAI_PRICES)

    endpoint = Endpoint.objects.get(host__slug="openai", provider_model_id="o3")
    rows = list(endpoint.prices.filter(source="genai-prices").order_by("effective_from"))
    # The undated first price held from the model's release, not only the day before the change.
    assert endpoint.model.release_date == date(2025, 4, 16)
    assert [(r.effective_from, r.input_per_million, r.output_per_million) for r in rows] == [
        (date(2025, 4, 16), Decimal("10"), Decimal("40")),
        (date(2025, 6, 10), Decimal("2"), Decimal("8")),
    ]


def _o3_genai_rows(endpoint) -> list:
    rows = endpoint.prices.filter(source="genai-prices").order_by("effective_from")
    return [(r.effective_from, r.input_per_million, r.dated_by_release) for r in rows]


def test_a_price_without_a_start_follows_the_release_date_whichever_file_corrects_it_later(catalog):
    ingest("genai-prices", GENAI_PRICES)
    endpoint = Endpoint.objects.get(host__slug="openai", provider_model_id="o3")
    assert _o3_genai_rows(endpoint) == [
        (date(2025, 4, 16), Decimal("10"), True),
        (date(2025, 6, 10), Decimal("2"), False),
    ]

    # The release date moves after the file was read: the next run of any source moves the row,
    # as a fresh read of the price file would date it.
    fact_pin(model=endpoint.model, field="release_date", value=date(2025, 4, 20))
    result = ingest("arena", ARENA)

    assert result.counts["prices"] == {"redated": 1}
    assert _o3_genai_rows(endpoint) == [
        (date(2025, 4, 20), Decimal("10"), True),
        (date(2025, 6, 10), Decimal("2"), False),
    ]
    assert changes(ingest("genai-prices", GENAI_PRICES).counts) == {}

    # Released on or after the first dated change: the undated price never held.
    fact_pin(model=endpoint.model, field="release_date", value=date(2025, 6, 12))
    ingest("arena", ARENA)

    assert _o3_genai_rows(endpoint) == [(date(2025, 6, 10), Decimal("2"), False)]


def test_a_price_row_written_before_rows_kept_how_they_were_dated_is_marked_by_the_next_read(catalog):
    ingest("genai-prices", GENAI_PRICES)
    endpoint = Endpoint.objects.get(host__slug="openai", provider_model_id="o3")
    Price.objects.filter(endpoint=endpoint).update(dated_by_release=False)

    result = ingest("genai-prices", GENAI_PRICES)

    assert changes(result.counts) == {}
    assert [flag for *_, flag in _o3_genai_rows(endpoint)] == [True, False]

    # Written unmarked by a release date corrected since: marked, then moved to the date now served.
    Price.objects.filter(endpoint=endpoint, effective_from=date(2025, 4, 16)).update(
        dated_by_release=False, effective_from=date(2025, 4, 10)
    )
    result = ingest("genai-prices", GENAI_PRICES)

    assert changes(result.counts) == {}
    assert result.counts["prices"]["redated"] == 1
    assert _o3_genai_rows(endpoint) == [
        (date(2025, 4, 16), Decimal("10"), True),
        (date(2025, 6, 10), Decimal("2"), False),
    ]


def test_arena_ratings_become_quality_signals_per_mapped_board(catalog):
    ingest("arena", ARENA)

    coding = Category.objects.get(slug="coding")
    signals = Signal.objects.filter(source="arena", dedupe_key="text/coding")
    assert signals.exists()
    assert all(s.category_id == coding.pk for s in signals)
    assert all(s.recorded_at == datetime(2025, 12, 11, tzinfo=UTC) for s in signals)
    assert all(0 <= s.normalized_value <= 1 and 0 < s.confidence <= 1 for s in signals)
    full = Signal.objects.filter(source="arena", dedupe_key="text/full")
    assert full.exists() and all(s.category_id is None for s in full)
    # Names no alias resolves wait for a curator, with suggestions.
    queued = UnresolvedIdentifier.objects.filter(source="arena")
    assert queued.exists()


def test_a_disabled_arena_board_is_not_ingested(catalog):
    ArenaBoardMapping.objects.filter(arena="text", board="coding").update(enabled=False)

    ingest("arena", ARENA)

    assert not Signal.objects.filter(source="arena", dedupe_key="text/coding").exists()
    assert Signal.objects.filter(source="arena", dedupe_key="text/math").exists()


def test_unknown_arena_boards_are_listed_for_curators_disabled(catalog, tmp_path):
    path = tmp_path / "leaderboard-text-2025-12-11.json"
    path.write_text(json.dumps({"no_tie": {"gpt-4o-2024-05-13": {"rating": 1300.0}}}))

    result = ingest("arena", path)

    assert ArenaBoardMapping.objects.filter(arena="text", board="no_tie", enabled=False, category=None).exists()
    assert result.counts["signals"] == {"unmapped": 1}
    assert not Signal.objects.filter(source="arena").exists()


def test_a_new_language_board_is_mapped_to_multilingual_and_ingested(catalog, tmp_path):
    path = tmp_path / "leaderboard-text-2025-12-11.json"
    path.write_text(json.dumps({"italian": {"gpt-4o-2024-05-13": {"rating": 1300.0}}}))

    ingest("arena", path)

    mapping = ArenaBoardMapping.objects.get(arena="text", board="italian")
    assert (mapping.category.slug, mapping.enabled) == ("multilingual", True)
    signal = Signal.objects.get(source="arena", dedupe_key="text/italian")
    assert (signal.category.slug, signal.raw_value) == ("multilingual", 1300.0)


def test_a_malformed_file_fails_with_the_record_and_changes_nothing(catalog, copy_of):
    before = database_state()
    broken = copy_of(LITELLM)
    text = broken.read_text().replace('"litellm_provider": "openai"', '"litellm_provider": 7', 1)
    broken.write_text(text)

    with pytest.raises(IngestError, match="missing required key 'litellm_provider'"):
        ingest("litellm", broken, as_of=date(2026, 7, 1))

    assert database_state() == before
    run = PipelineRun.objects.filter(source__pipeline="litellm").latest("started_at")
    assert run.status == "failed" and "litellm_provider" in run.error
    assert run.finished_at is not None and run.duration_ms is not None


def test_a_truncated_file_fails_and_changes_nothing(catalog, copy_of):
    before = database_state()
    broken = copy_of(OPENROUTER)
    broken.write_bytes(broken.read_bytes()[:50_000])

    with pytest.raises(IngestError, match="openrouter-models-2026-07-01.json: not valid JSON"):
        ingest("openrouter", broken)

    assert database_state() == before


def test_a_crash_halfway_rolls_everything_back(catalog, monkeypatch):
    before = database_state()

    def explode(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("ingestion.writers.signals_write", explode)

    with pytest.raises(IngestError, match="run crashed: RuntimeError: disk on fire"):
        ingest("litellm", LITELLM, as_of=date(2026, 7, 1))

    assert database_state() == before
    assert PipelineRun.objects.filter(status="failed", error__contains="disk on fire").count() == 1


def test_a_dry_run_reports_without_writing(catalog):
    before = database_state()

    result = ingest("litellm", LITELLM, as_of=date(2026, 7, 1), dry_run=True)

    assert result.counts["endpoints"]["created"] > 0
    assert result.changed is False
    assert database_state() == before
    assert result.run.dry_run is True and result.run.status == "success"


def test_a_successful_run_bumps_the_data_version(django_capture_on_commit_callbacks):
    from aimodelsmap.dataversion import data_version

    before = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        ingest("models-dev", MODELS_DEV_OLD)
    assert data_version() > before


def test_a_missing_file_is_a_clear_failure(tmp_path):
    with pytest.raises(IngestError, match="file not found"):
        ingest("arena", tmp_path / "leaderboard-text-2025-01-01.json")


def test_a_curators_decision_is_applied_on_the_next_run(catalog, tmp_path):
    from models_registry.services import identity_attach, identity_ignore

    path = tmp_path / "leaderboard-text-2025-12-11.json"
    path.write_text(
        json.dumps(
            {
                "coding": {
                    "mystery-model-x": {"rating": 1300.0, "rating_q025": 1290.0, "rating_q975": 1310.0},
                    "noise-entry": {"rating": 1200.0},
                }
            }
        )
    )
    first = ingest("arena", path)
    assert first.counts["models"]["unresolved"] == 2
    target = Model.objects.order_by("id").first()
    identity_attach(raw_id="mystery-model-x", model=target, source="arena")
    identity_ignore(raw_id="noise-entry", source="arena")

    second = ingest("arena", path)

    assert second.counts["models"] == {"ignored": 1, "unchanged": 1}
    signal = Signal.objects.get(source="arena", dedupe_key="text/coding")
    assert (signal.model, signal.raw_value, signal.normalized_value) == (target, 1300.0, 1.0)


def test_an_off_peak_discount_is_a_condition_never_the_list_price(catalog):
    ingest("genai-prices", GENAI_PRICES)

    endpoint = Endpoint.objects.get(host__slug="deepseek", provider_model_id="deepseek-chat")
    rows = {
        (str(r.input_per_million.normalize()), str(r.output_per_million.normalize()), tuple(r.conditions.items()))
        for r in endpoint.prices.filter(source="genai-prices")
    }
    assert rows == {("0.27", "1.1", ()), ("0.135", "0.55", (("time_window", "16:30-00:30 UTC"),))}
    # genai-prices' own series (models.dev, ranked above it, also prices this endpoint).
    in_force = prices_in_force(endpoint_ids=[endpoint.pk], on=date(2026, 8, 21), source="genai-prices")[endpoint.pk]
    assert (in_force.input_per_million, in_force.conditions) == (Decimal("0.27"), {})

    again = ingest("genai-prices", GENAI_PRICES)
    assert again.changed is False


def test_the_queue_counts_distinct_files_not_runs(tmp_path):
    def arena_file(name: str, rating: float):
        path = tmp_path / name
        path.write_text(json.dumps({"full": {"mystery-model-9": {"rating": rating}}}))
        return path

    first = arena_file("leaderboard-text-2025-12-11.json", 1200.0)
    for _ in range(3):
        ingest("arena", first)
    row = UnresolvedIdentifier.objects.get(source="arena", normalized="mystery-model-9")
    assert row.occurrences == 1

    ingest("arena", arena_file("leaderboard-text-2025-12-12.json", 1210.0))
    ingest("arena", first)
    row.refresh_from_db()
    assert row.occurrences == 2
    assert row.input_keys == [file_checksum(first), file_checksum(tmp_path / "leaderboard-text-2025-12-12.json")]


def test_an_unpacked_directory_is_keyed_by_its_files_names_and_contents(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.toml").write_text("one")
    before = file_checksum(tmp_path / "a")

    (tmp_path / "a" / "x.toml").write_text("two")
    changed = file_checksum(tmp_path / "a")
    (tmp_path / "a" / "x.toml").rename(tmp_path / "a" / "y.toml")

    assert len({before, changed, file_checksum(tmp_path / "a")}) == 3
