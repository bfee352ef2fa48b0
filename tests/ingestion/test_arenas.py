"""LMArena boards are keyed by arena and board, and each arena feeds only the categories it measures."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from ingestion.errors import IngestError
from ingestion.models import ArenaBoardMapping
from ingestion.sources import arena
from models_registry.identity import normalize_model_id
from rankings.models import Signal
from tests.factories import ModelAliasFactory, ModelFactory, SignalFactory
from tests.ingestion.conftest import ingest

pytestmark = pytest.mark.django_db

DAY = datetime(2025, 9, 1, tzinfo=UTC)


def board(**ratings) -> dict:
    return {model_id: {"rating": r, "rating_q025": r - 5, "rating_q975": r + 5} for model_id, r in ratings.items()}


def write(tmp_path, name: str, boards: dict):
    path = tmp_path / name
    path.write_text(json.dumps(boards))
    return path


@pytest.fixture
def models(db):
    """Two text models and an image model, known by their arena ids."""
    made = {}
    for arena_id in ("gpt-4o-2024-05-13", "claude-3-5-sonnet-20241022", "gemini-2.5-flash-image-preview"):
        model = ModelFactory(slug=arena_id.replace(".", "-"))
        ModelAliasFactory(model=model, alias=arena_id, normalized=normalize_model_id(arena_id), source="test")
        made[arena_id] = model
    return made


def quality(key: str) -> dict:
    return {
        s.model.slug: (s.raw_value, s.category.slug if s.category else None)
        for s in Signal.objects.filter(source="arena", dedupe_key=key).select_related("model", "category")
    }


def test_the_arena_comes_from_the_file_name():
    assert arena.arena_from_name(arena.Path("leaderboard-text-style-control-2025-09-01.json")) == "text-style-control"
    assert arena.arena_from_name(arena.Path("leaderboard-image-edit-2025-09-01.json")) == "image-edit"
    assert arena.arena_from_name(arena.Path("leaderboard-vision-2025-09-01.json")) == "vision"
    assert arena.arena_from_name(arena.Path("leaderboard-vision-style-control-2025-09-01.json")) == (
        "vision-style-control"
    )
    # LMArena's original files name no arena: they are the text arena.
    assert arena.arena_from_name(arena.Path("leaderboard.json")) == "text"


def test_a_nickname_is_not_part_of_the_model_id():
    assert arena.split_nickname("gemini-2.5-flash-image-preview (nano-banana)") == (
        "gemini-2.5-flash-image-preview",
        "nano-banana",
    )
    assert arena.split_nickname("gpt-4o-2024-05-13") == ("gpt-4o-2024-05-13", "")


def test_boards_of_different_arenas_on_one_date_never_collide(models, tmp_path):
    ingest("arena", write(tmp_path, "leaderboard-text-2025-09-01.json", {"full": board(**{"gpt-4o-2024-05-13": 1300})}))
    ingest(
        "arena", write(tmp_path, "leaderboard-vision-2025-09-01.json", {"full": board(**{"gpt-4o-2024-05-13": 1180})})
    )
    ingest(
        "arena",
        write(
            tmp_path,
            "leaderboard-image-2025-09-01.json",
            {"full": board(**{"gemini-2.5-flash-image-preview (nano-banana)": 1150})},
        ),
    )

    assert quality("text/full") == {"gpt-4o-2024-05-13": (1300.0, None)}
    assert quality("vision/full") == {"gpt-4o-2024-05-13": (1180.0, "vision")}
    assert quality("image/full") == {"gemini-2-5-flash-image-preview": (1150.0, "image-generation")}
    image = Signal.objects.get(dedupe_key="image/full")
    assert image.recorded_at == DAY
    assert image.metadata["arena"] == "image" and image.metadata["board"] == "full"
    assert image.metadata["nickname"] == "nano-banana"


def test_re_ingesting_any_board_changes_nothing(models, tmp_path):
    files = [
        write(tmp_path, "leaderboard-text-2025-09-01.json", {"full": board(**{"gpt-4o-2024-05-13": 1300})}),
        write(tmp_path, "leaderboard-vision-2025-09-01.json", {"full": board(**{"gpt-4o-2024-05-13": 1180})}),
        write(tmp_path, "leaderboard-webdev-2025-09-01.json", {"full": board(**{"gpt-4o-2024-05-13": 1200})}),
    ]
    for path in files:
        ingest("arena", path)
    before = set(Signal.objects.values_list("model_id", "dedupe_key", "raw_value", "category_id", "recorded_at"))

    for path in files:
        result = ingest("arena", path)
        assert result.changed is False
        assert result.counts["signals"] == {"unchanged": 1}

    after = set(Signal.objects.values_list("model_id", "dedupe_key", "raw_value", "category_id", "recorded_at"))
    assert after == before


def test_the_arena_option_overrides_the_file_name(models, tmp_path):
    path = write(tmp_path, "export.json", {"full": board(**{"gpt-4o-2024-05-13": 1180})})

    call_command("ingest", "arena", "--file", str(path), "--as-of", "2025-09-01", "--arena", "vision")

    assert quality("vision/full") == {"gpt-4o-2024-05-13": (1180.0, "vision")}
    assert not Signal.objects.filter(dedupe_key="text/full").exists()


def test_an_unknown_arena_is_a_clear_failure(models, tmp_path):
    path = write(tmp_path, "leaderboard-smell-2025-09-01.json", {"full": board(**{"gpt-4o-2024-05-13": 1})})

    with pytest.raises(IngestError, match="unknown arena 'smell'"):
        ingest("arena", path)


def test_a_new_board_of_a_single_category_arena_feeds_that_category(models, tmp_path):
    ingest(
        "arena",
        write(tmp_path, "leaderboard-vision-2025-09-01.json", {"ocr": board(**{"gpt-4o-2024-05-13": 1100})}),
    )

    mapping = ArenaBoardMapping.objects.get(arena="vision", board="ocr")
    assert (mapping.category.slug, mapping.enabled) == ("vision", True)
    assert quality("vision/ocr") == {"gpt-4o-2024-05-13": (1100.0, "vision")}


def test_search_arena_boards_wait_for_a_curator(models, tmp_path):
    result = ingest(
        "arena", write(tmp_path, "leaderboard-search-2025-09-01.json", {"full": board(**{"gpt-4o-2024-05-13": 1100})})
    )

    assert result.counts["signals"] == {"unmapped": 1}
    assert not Signal.objects.filter(source="arena").exists()


def measured_twice(tmp_path, arena: str, second_board: str, rating: int) -> tuple:
    """One arena's file and its style-controlled twin of the same date: ``full`` and ``second_board``
    rate gpt-4o at ``rating`` and ``rating + 10``, 50 less with style control."""
    files = []
    for name, offset in ((arena, 0), (f"{arena}-style-control", -50)):
        boards = {
            "full": board(**{"gpt-4o-2024-05-13": rating + offset}),
            second_board: board(**{"gpt-4o-2024-05-13": rating + 10 + offset}),
        }
        files.append(write(tmp_path, f"leaderboard-{name}-2025-09-01.json", boards))
    return tuple(files)


def text_and_style_control(tmp_path):
    return measured_twice(tmp_path, "text", "coding", 1300)


def test_by_default_every_category_takes_the_raw_text_measurement(models, tmp_path):
    for path in text_and_style_control(tmp_path):
        ingest("arena", path)

    keys = set(Signal.objects.filter(source="arena").values_list("dedupe_key", flat=True))
    assert keys == {"text/full", "text/coding"}


def test_a_category_set_to_style_control_takes_that_measurement_only(models, tmp_path, settings):
    settings.ARENA_STYLE_CONTROL_CATEGORIES = frozenset({"coding"})
    for path in text_and_style_control(tmp_path):
        ingest("arena", path)

    assert quality("text-style-control/coding") == {"gpt-4o-2024-05-13": (1260.0, "coding")}
    assert quality("text/full") == {"gpt-4o-2024-05-13": (1300.0, None)}
    assert not Signal.objects.filter(dedupe_key__in=["text/coding", "text-style-control/full"]).exists()


def test_switching_the_measurement_and_re_ingesting_leaves_one_measurement(models, tmp_path, settings):
    raw, styled = text_and_style_control(tmp_path)
    ingest("arena", raw)
    ingest("arena", styled)
    settings.ARENA_STYLE_CONTROL_CATEGORIES = frozenset({"overall"})

    ingest("arena", raw)
    ingest("arena", styled)

    keys = set(Signal.objects.filter(source="arena").values_list("dedupe_key", flat=True))
    assert keys == {"text-style-control/full", "text/coding"}


def vision_and_style_control(tmp_path):
    return measured_twice(tmp_path, "vision", "ocr", 1200)


def test_vision_takes_the_raw_vision_measurement_by_default(models, tmp_path):
    raw, styled = vision_and_style_control(tmp_path)
    ingest("arena", raw)
    result = ingest("arena", styled)

    assert result.counts["signals"] == {"other measurement": 2}
    assert quality("vision/full") == {"gpt-4o-2024-05-13": (1200.0, "vision")}
    assert quality("vision/ocr") == {"gpt-4o-2024-05-13": (1210.0, "vision")}
    assert not Signal.objects.filter(dedupe_key__startswith="vision-style-control/").exists()
    mapping = ArenaBoardMapping.objects.get(arena="vision-style-control", board="ocr")
    assert (mapping.category.slug, mapping.enabled) == ("vision", True)


def test_vision_set_to_style_control_takes_that_measurement_only_and_leaves_text_alone(models, tmp_path, settings):
    settings.ARENA_STYLE_CONTROL_CATEGORIES = frozenset({"vision"})
    for path in (*vision_and_style_control(tmp_path), *text_and_style_control(tmp_path)):
        ingest("arena", path)

    keys = set(Signal.objects.filter(source="arena").values_list("dedupe_key", flat=True))
    assert keys == {"vision-style-control/full", "vision-style-control/ocr", "text/full", "text/coding"}
    assert quality("vision-style-control/full") == {"gpt-4o-2024-05-13": (1150.0, "vision")}


def test_an_arena_file_without_ratings_fails(tmp_path):
    for content in ({}, {"full": {}}):
        path = write(tmp_path, "leaderboard-vision-2025-09-01.json", content)
        with pytest.raises(IngestError, match="no models in the file"):
            ingest("arena", path)


def test_signals_stored_before_boards_had_an_arena_become_the_text_arenas():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("ingestion.migrations.0004_arena_board_identity")
    model = ModelFactory()
    old = SignalFactory(model=model, source="arena", dedupe_key="coding", metadata={"arena_id": "x"})
    keyed = SignalFactory(model=model, source="arena", dedupe_key="vision/full")
    other = SignalFactory(model=model, source="models-dev", dedupe_key="GPQA Diamond")

    migration.key_arena_signals_by_arena(apps, None)

    old.refresh_from_db()
    assert (old.dedupe_key, old.metadata) == ("text/coding", {"arena_id": "x", "arena": "text", "board": "coding"})
    keyed.refresh_from_db()
    other.refresh_from_db()
    assert (keyed.dedupe_key, other.dedupe_key) == ("vision/full", "GPQA Diamond")


def released(arena_id: str, **fields):
    model = ModelFactory(slug=normalize_model_id(arena_id), **fields)
    ModelAliasFactory(model=model, alias=arena_id, normalized=normalize_model_id(arena_id), source="test")
    return model


def test_an_image_generators_rated_resolution_is_a_variant_and_a_hosts_mark_is_the_release(db, tmp_path):
    from models_registry.models import Model

    image = Model.Type.IMAGE_GENERATION
    nano = released("gemini-3-pro-image-preview", model_type=image)
    seedream = released("seedream-4", model_type=image)
    ratings = {
        "gemini-3-pro-image-preview (nano-banana-pro)": 1230,
        "gemini-3-pro-image-preview-2k (nano-banana-pro)": 1240,
        "seedream-4-fal": 1180,
        "seedream-4-high-res-fal": 1190,
    }
    ingest("arena", write(tmp_path, "leaderboard-image-2025-09-01.json", {"full": board(**ratings)}))

    rated = {
        s.metadata["arena_id"]: (s.model.variant_of_id, s.model.variant_label, s.model_id)
        for s in Signal.objects.filter(dedupe_key="image/full").select_related("model")
    }
    assert rated["gemini-3-pro-image-preview"] == (None, "", nano.pk)
    assert rated["gemini-3-pro-image-preview-2k"][:2] == (nano.pk, "2k")
    assert rated["seedream-4-fal"] == (None, "", seedream.pk)
    assert rated["seedream-4-high-res-fal"][:2] == (seedream.pk, "high-res")
    assert Model.objects.count() == 4


def test_a_text_models_context_size_is_no_rendering_variant(db, tmp_path):
    from models_registry.models import Model

    released("phi-3-mini")
    ingest("arena", write(tmp_path, "leaderboard-text-2025-09-01.json", {"full": board(**{"phi-3-mini-4k": 1100})}))

    assert not Model.objects.filter(variant_label="4k").exists()
    assert not Signal.objects.filter(model__slug="phi-3-mini").exists()
