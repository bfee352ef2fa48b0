"""Category membership comes from evidence, and the list, the count and the leaderboard name the same models."""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from ingestion.models import ArenaBoardMapping, BenchmarkMapping, CapabilityClaim
from ingestion.services import evidence_mapping_save, taxonomy_ensure
from models_registry.lifecycle import model_statuses_expire
from models_registry.membership import memberships_refresh
from models_registry.models import Category, Endpoint, Model
from models_registry.tasks import expire_model_statuses
from rankings.models import Score, Signal
from rankings.services import score_recompute
from tests.factories import ModelFactory
from tests.ingestion.conftest import ingest

pytestmark = pytest.mark.django_db

T = datetime(2026, 7, 2, tzinfo=UTC)


def write_models_dev(root: Path, files: dict[str, str]) -> Path:
    """An unpacked models.dev snapshot: {relative path: TOML text}."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def lab_card(name: str, *, inputs=("text",), benchmarks: str = "", context: int = 128_000) -> str:
    return f"""
name = "{name}"
release_date = "2026-05-01"
[modalities]
input = {json.dumps(list(inputs))}
output = ["text"]
[limit]
context = {context}
output = 8192
{benchmarks}
"""


def host_file(name: str, *, inputs=("text",), status: str = "") -> str:
    status_line = f'status = "{status}"' if status else ""
    return f"""
name = "{name}"
{status_line}
[modalities]
input = {json.dumps(list(inputs))}
output = ["text"]
[cost]
input = 1.0
output = 2.0
"""


SWE_BENCH = """
[[benchmarks]]
name = "SWE-Bench Verified"
score = 70.0
date = "2026-06-01"
"""


@pytest.fixture
def small_catalog(tmp_path):
    """Three labs' cards, one coding benchmark and an arena snapshot with a general and a coding board."""
    snapshot = write_models_dev(
        tmp_path / "models-dev-2026-07-01",
        {
            "models/openai/gpt-x.toml": lab_card("GPT X", benchmarks=SWE_BENCH),
            "models/anthropic/claude-y.toml": lab_card("Claude Y (latest)", inputs=("text", "image")),
            "models/meta/llama-z.toml": lab_card("Llama Z", context=1_000_000),
        },
    )
    ingest("models-dev", snapshot)
    arena = tmp_path / "leaderboard-text-2026-06-15.json"
    full = {
        slug: {"rating": rating, "rating_q025": rating - 5, "rating_q975": rating + 5}
        for slug, rating in (("gpt-x", 1400.0), ("claude-y", 1380.0), ("llama-z", 1300.0))
    }
    arena.write_text(json.dumps({"full": full, "coding": {"claude-y": full["claude-y"]}}))
    ingest("arena", arena)
    score_recompute(at=T)
    return tmp_path


def slugs(rows) -> set[str]:
    return {row["slug"] if "slug" in row else row["model"]["slug"] for row in rows}


def test_the_coding_list_its_count_and_its_leaderboard_name_the_same_models(api_client, small_catalog):
    listed = api_client.get("/v1/models", {"category": "coding", "sort_by": "rank", "sort_order": "asc"})
    category = api_client.get("/v1/categories/coding")
    ranked = api_client.get("/v1/rankings/coding")

    assert listed.status_code == category.status_code == ranked.status_code == 200
    gpt, claude = (Score.objects.get(category__slug="coding", model__slug=s) for s in ("gpt-x", "claude-y"))
    assert listed.json() == {
        "data": [
            {
                "slug": row.model.slug,
                "name": name,
                "description": None,
                "model_type": "large-language-model",
                "status": "active",
                "provider": provider,
                "score": row.score,
                "quality_rank": row.quality_rank,
                "adoption_rank": row.adoption_rank,
                "state": row.state,
                "context_window": 128000,
            }
            for row, name, provider in sorted(
                [
                    (gpt, "GPT X", {"name": "OpenAI", "slug": "openai"}),
                    # The "(latest)" marker is not part of the maker's name.
                    (claude, "Claude Y", {"name": "Anthropic", "slug": "anthropic"}),
                ],
                key=lambda item: item[0].rank,
            )
        ],
        "pagination": {"next_cursor": None, "has_more": False, "total": 2},
    }
    assert category.json()["data"]["model_count"] == 2
    assert slugs(ranked.json()["data"]) == slugs(listed.json()["data"]) == {"gpt-x", "claude-y"}
    # gpt-x is in coding through its benchmark's subcategory, claude-y through the coding board.
    assert api_client.get("/v1/categories/coding-debugging").json()["data"]["model_count"] == 1


def test_a_general_rating_alone_puts_a_model_in_no_category_but_overall(api_client, small_catalog):
    llama = Model.objects.get(slug="llama-z")

    # Its 1M-token window puts it in long-context; its text output in chat; the overall board nowhere.
    assert set(llama.categories.values_list("slug", flat=True)) == {"overall", "chat", "long-context"}
    assert not Score.objects.filter(model=llama, category__slug="coding").exists()
    assert Score.objects.filter(model=llama, category__slug="overall").exists()


@pytest.mark.parametrize("slug", ["overall", "coding", "vision", "chat", "long-context", "math"])
def test_every_category_lists_what_its_leaderboard_ranks(api_client, small_catalog, slug):
    listed = api_client.get("/v1/models", {"category": slug, "limit": 100}).json()
    ranked = api_client.get("/v1/rankings/" + slug, {"limit": 100}).json()
    count = api_client.get("/v1/categories/" + slug).json()["data"]["model_count"]

    assert slugs(listed["data"]) == slugs(ranked["data"])
    assert listed["pagination"]["total"] == count == len(ranked["data"])


def test_every_leaderboard_ranks_exactly_its_categorys_members(small_catalog):
    for category in Category.objects.all():
        subtree = [category.pk, *category.children.values_list("pk", flat=True)]
        members = set(Model.objects.filter(categories__in=subtree).values_list("pk", flat=True))
        if category.slug == "overall":
            members = set(Model.objects.values_list("pk", flat=True))
        assert set(Score.objects.filter(category=category).values_list("model_id", flat=True)) == members, category


def test_membership_is_idempotent_and_rerunning_an_ingest_changes_nothing(small_catalog):
    assert not memberships_refresh().changed
    result = ingest("models-dev", small_catalog / "models-dev-2026-07-01")
    assert not result.changed
    assert set(result.counts["capability_claims"]) == {"unchanged"}


def test_a_curator_moving_a_board_moves_its_ratings_and_members(admin_client, small_catalog):
    mapping = ArenaBoardMapping.objects.get(arena="text", board="coding")
    math = Category.objects.get(slug="math")

    response = admin_client.post(
        f"/admin/ingestion/arenaboardmapping/{mapping.pk}/change/",
        {"arena": "text", "board": "coding", "category": math.pk, "enabled": "on"},
    )

    assert response.status_code == 302
    assert set(Signal.objects.filter(dedupe_key="text/coding").values_list("category__slug", flat=True)) == {"math"}
    claude = Model.objects.get(slug="claude-y")
    assert claude.categories.filter(slug="math").exists()
    assert not claude.categories.filter(slug="coding").exists()
    score_recompute(at=T.replace(hour=1))
    assert set(Score.objects.filter(category__slug="coding").values_list("model__slug", flat=True)) == {"gpt-x"}
    assert set(Score.objects.filter(category__slug="math").values_list("model__slug", flat=True)) == {"claude-y"}


def test_a_benchmark_mapped_to_no_category_becomes_general_evidence_and_its_members_leave(small_catalog):
    mapping = BenchmarkMapping.objects.get(benchmark="SWE-Bench Verified")
    mapping.category = None

    moved = evidence_mapping_save(mapping=mapping)

    assert moved == 1
    assert Signal.objects.get(dedupe_key="SWE-Bench Verified").category is None
    gpt = Model.objects.get(slug="gpt-x")
    assert not gpt.categories.filter(slug__in=["coding", "coding-debugging"]).exists()
    # Saving it again moves nothing and changes no membership.
    assert evidence_mapping_save(mapping=mapping) == 0
    assert not memberships_refresh().changed


# --- vision: the maker's claim or the majority's ------------------------------------------


def openrouter_file(path: Path, *, inputs: list[str]) -> Path:
    row = {
        "id": "acme/seer",
        "name": "Acme: Seer (free)",
        "created": 1767225600,
        "context_length": 32000,
        "architecture": {"input_modalities": inputs, "output_modalities": ["text"]},
        "pricing": {"prompt": "0.000001", "completion": "0.000002"},
        "top_provider": {"context_length": 32000, "max_completion_tokens": 4096},
        "supported_parameters": [],
    }
    path.write_text(json.dumps({"data": [row]}))
    return path


def vision_of(slug: str) -> tuple[bool, bool]:
    model = Model.objects.get(slug=slug)
    return model.capabilities.filter(slug="vision").exists(), model.categories.filter(slug="vision").exists()


def test_one_hosts_image_input_is_not_vision_when_the_other_listings_disagree(tmp_path):
    ingest("openrouter", openrouter_file(tmp_path / "openrouter-models-2026-07-01.json", inputs=["text", "image"]))
    # The only source listing it says image input: the majority of one.
    assert vision_of("seer") == (True, True)
    assert Model.objects.get(slug="seer").name == "Seer"

    snapshot = write_models_dev(
        tmp_path / "models-dev-2026-07-01",
        {"providers/hosty/provider.toml": 'name = "Hosty"', "providers/hosty/models/acme/seer.toml": host_file("Seer")},
    )
    ingest("models-dev", snapshot)

    # One of two sources: no majority, and no maker has spoken.
    assert vision_of("seer") == (False, False)
    assert set(CapabilityClaim.objects.values_list("source", "by_maker")) == {
        ("openrouter", False),
        ("models-dev", False),
    }


def test_the_makers_image_input_is_vision_whatever_the_hosts_say(tmp_path):
    ingest("openrouter", openrouter_file(tmp_path / "openrouter-models-2026-07-01.json", inputs=["text"]))
    assert vision_of("seer") == (False, False)

    snapshot = write_models_dev(
        tmp_path / "models-dev-2026-07-01",
        {"models/acme/seer.toml": lab_card("Seer", inputs=("text", "image"))},
    )
    ingest("models-dev", snapshot)

    assert vision_of("seer") == (True, True)


# --- status: the maker's, and a deprecation date that has come -----------------------------


def litellm_file(path: Path, entries: dict) -> Path:
    base = {"mode": "chat", "max_input_tokens": 128000, "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}
    path.write_text(json.dumps({key: {**base, **entry} for key, entry in entries.items()}))
    return path


def test_the_creators_passed_deprecation_date_deprecates_the_model_and_a_hosts_only_its_endpoint(tmp_path):
    today = timezone.localdate()
    passed, coming = (today - timedelta(days=30)).isoformat(), (today + timedelta(days=90)).isoformat()
    path = litellm_file(
        tmp_path / "litellm.json",
        {
            "gpt-old": {"litellm_provider": "openai", "deprecation_date": passed},
            "gpt-new": {"litellm_provider": "openai", "deprecation_date": coming},
            "gpt-hosted": {"litellm_provider": "openai"},
            "azure/gpt-hosted": {"litellm_provider": "azure", "deprecation_date": passed},
        },
    )

    ingest("litellm", path, as_of=today - timedelta(days=10))

    statuses = dict(Model.objects.values_list("slug", "status"))
    assert statuses == {"gpt-old": "deprecated", "gpt-new": "active", "gpt-hosted": "active"}
    assert Model.objects.get(slug="gpt-hosted").deprecation_date is None
    assert set(Endpoint.objects.values_list("provider_model_id", "status")) == {
        ("gpt-old", "deprecated"),
        ("gpt-new", "active"),
        ("gpt-hosted", "active"),
        ("gpt-hosted", "deprecated"),
    }
    # The same file again: the derived status is no change.
    assert not ingest("litellm", path, as_of=today - timedelta(days=10)).changed


def test_a_deprecation_date_passed_by_today_deprecates_the_model_whatever_the_snapshots_date(tmp_path):
    """The snapshot is older than the date; the date has come by the day the file is read."""
    passed = timezone.localdate() - timedelta(days=1)
    path = litellm_file(
        tmp_path / "litellm.json", {"gpt-new": {"litellm_provider": "openai", "deprecation_date": passed.isoformat()}}
    )

    ingest("litellm", path, as_of=passed - timedelta(days=90))

    assert Model.objects.get(slug="gpt-new").status == "deprecated"


def test_a_newer_snapshot_that_drops_the_deprecation_date_withdraws_it_in_either_order(tmp_path):
    today = timezone.localdate()
    dated = {"gpt-new": {"litellm_provider": "openai", "deprecation_date": (today - timedelta(days=5)).isoformat()}}
    older = (litellm_file(tmp_path / "older.json", dated), today - timedelta(days=200))
    newer = (
        litellm_file(tmp_path / "newer.json", {"gpt-new": {"litellm_provider": "openai"}}),
        today - timedelta(days=20),
    )
    states = []
    for runs in ([older, newer], [newer, older]):
        with transaction.atomic():
            for path, as_of in runs:
                ingest("litellm", path, as_of=as_of)
            states.append(Model.objects.values_list("slug", "status", "deprecation_date").get())
            transaction.set_rollback(True)

    assert states == [("gpt-new", "active", None), ("gpt-new", "active", None)]


def test_a_date_that_passes_after_the_snapshot_deprecates_the_model_on_the_day(tmp_path):
    coming = timezone.localdate() + timedelta(days=30)
    ingest(
        "litellm",
        litellm_file(
            tmp_path / "litellm.json",
            {"gpt-new": {"litellm_provider": "openai", "deprecation_date": coming.isoformat()}},
        ),
        as_of=timezone.localdate() - timedelta(days=10),
    )

    assert Model.objects.get(slug="gpt-new").status == "active"
    assert model_statuses_expire(on=coming - timedelta(days=1)) == 0
    assert model_statuses_expire(on=coming) == 1
    assert Model.objects.get(slug="gpt-new").status == "deprecated"
    assert model_statuses_expire(on=coming + timedelta(days=1)) == 0


def test_a_hosts_deprecated_listing_leaves_the_makers_status(tmp_path):
    ingest("openrouter", openrouter_file(tmp_path / "openrouter-models-2026-07-01.json", inputs=["text"]))
    snapshot = write_models_dev(
        tmp_path / "models-dev-2026-07-01",
        {
            "providers/hosty/provider.toml": 'name = "Hosty"',
            "providers/hosty/models/acme/seer.toml": host_file("Seer", status="deprecated"),
        },
    )

    ingest("models-dev", snapshot)

    assert Model.objects.get(slug="seer").status == "active"
    assert Endpoint.objects.get(host__slug="hosty").status == "deprecated"


# --- curators' edits of the evidence ----------------------------------------------------------


def test_a_curators_coding_signal_makes_the_model_a_coding_member_and_deleting_it_undoes_that(admin_client):
    taxonomy_ensure()
    model = ModelFactory(slug="curated")
    coding = Category.objects.get(slug="coding")

    response = admin_client.post(
        "/admin/rankings/signal/add/",
        {
            "model": model.pk,
            "category": coding.pk,
            "signal_type": "expert",
            "source": "curator",
            "dedupe_key": "in-house coding eval",
            "raw_value": 0.8,
            "normalized_value": 0.8,
            "confidence": 0.9,
            "recorded_at_0": "2026-07-01",
            "recorded_at_1": "00:00:00",
            "metadata": "{}",
        },
    )

    assert response.status_code == 302
    assert set(model.categories.values_list("slug", flat=True)) == {"overall", "coding"}
    signal = Signal.objects.get(model=model)
    admin_client.post(f"/admin/rankings/signal/{signal.pk}/delete/", {"post": "yes"})
    assert set(model.categories.values_list("slug", flat=True)) == {"overall"}


def test_the_daily_task_deprecates_models_whose_date_has_come(db):
    ModelFactory(slug="sunset", deprecation_date=date(2020, 1, 1))
    ModelFactory(slug="later", deprecation_date=date(2999, 1, 1))

    assert expire_model_statuses.delay().get() == 1
    assert dict(Model.objects.values_list("slug", "status")) == {"sunset": "deprecated", "later": "active"}
