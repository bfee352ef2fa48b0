"""Floating names with dated targets, and sources' own meanings of an id: derived, stored and looked up.

``gpt-4o`` served 2024-05-13 and then 2024-08-06; asked for a day, the lookup
(``GET /v1/resolve``, ``GET /v1/models/{id}?asOf=``) gives the snapshot of
that day. OpenRouter's ``deepseek/deepseek-chat`` is DeepSeek V3 by its
``canonical_slug``; DeepSeek's own ``deepseek-chat`` floats: a lookup that
names OpenRouter gets OpenRouter's meaning, one that names no source the maker's.
"""

import json
from datetime import date

import pytest

from models_registry.identity.dated import dated_targets_refresh
from models_registry.identity.normalize import normalize_model_id
from models_registry.models import AliasObservation, AliasTarget, Model
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory
from tests.ingestion.conftest import ingest
from tests.models_registry.conftest import error_of

pytestmark = pytest.mark.django_db


def release(slug: str, creator, released: date | None, *aliases: str) -> Model:
    model = ModelFactory(slug=slug, creator=creator, release_date=released)
    forms = {normalize_model_id(raw_id): raw_id for raw_id in reversed((slug, *aliases))}
    for normalized, raw_id in forms.items():  # one alias per normal form, as ingestion stores them
        ModelAliasFactory(model=model, alias=raw_id, normalized=normalized, source="models-dev")
    return model


@pytest.fixture
def gpt_4o(db):
    openai = ProviderFactory(slug="openai", name="OpenAI", is_creator=True)
    floating = release("gpt-4o", openai, date(2024, 5, 13))
    may = release("gpt-4o-2024-05-13", openai, date(2024, 5, 13))
    aug = release("gpt-4o-2024-08-06", openai, date(2024, 8, 6))
    release("gpt-4o-mini", openai, date(2024, 7, 18))  # another tier: never a target
    dated_targets_refresh()
    return floating, may, aug


@pytest.fixture
def deepseek_chat(db):
    deepseek = ProviderFactory(slug="deepseek", name="DeepSeek", is_creator=True)
    floating = release("deepseek-chat", deepseek, date(2025, 12, 1))
    v3 = release("deepseek-v3", deepseek, date(2024, 12, 26))
    AliasObservation.objects.create(
        floating=floating,
        target=v3,
        source="openrouter",
        scope="openrouter",
        as_of=date(2026, 7, 1),
        evidence={"id": "deepseek/deepseek-chat", "stands_for": "deepseek-ai/DeepSeek-V3"},
    )
    dated_targets_refresh()
    return floating, v3


def resolved(client, **params) -> tuple[str, str]:
    response = client.get("/v1/resolve", params)
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    return data["model"]["slug"], data["rule"]


# --- derived and stored ------------------------------------------------------------------


def test_a_name_that_served_several_snapshots_gets_a_target_for_each(gpt_4o):
    floating, may, aug = gpt_4o

    rows = AliasTarget.objects.order_by("valid_from").values_list(
        "floating", "target", "source", "valid_from", "valid_to", "basis"
    )
    assert list(rows) == [
        (floating.pk, may.pk, "", date(2024, 5, 13), date(2024, 8, 6), "released"),
        (floating.pk, aug.pk, "", date(2024, 8, 6), None, "released"),
    ]
    # The entry stays itself: no snapshot joined it, no alias moved.
    assert set(floating.aliases.values_list("alias", flat=True)) == {"gpt-4o"}
    assert Model.objects.filter(slug__startswith="gpt-4o").count() == 4


def test_a_refresh_is_idempotent_and_follows_new_evidence(gpt_4o):
    floating, may, aug = gpt_4o
    nov = release("gpt-4o-2024-11-20", floating.creator, date(2024, 11, 20))
    dated_targets_refresh()
    assert AliasTarget.objects.filter(floating=floating).count() == 3

    # The maker's card, a year later, still points to 2024-08-06: 2024-11-20 never took over.
    AliasObservation.objects.create(
        floating=floating, target=aug, source="models-dev", as_of=date(2025, 12, 31), evidence={}
    )
    assert dated_targets_refresh() == 1
    kept_rows = set(AliasTarget.objects.values_list("pk", flat=True))
    assert dated_targets_refresh() == 0  # nothing new: nothing written
    assert set(AliasTarget.objects.values_list("pk", flat=True)) == kept_rows
    assert list(
        AliasTarget.objects.filter(floating=floating).order_by("valid_from").values_list("target", flat=True)
    ) == [
        may.pk,
        aug.pk,
    ]
    assert not AliasTarget.objects.filter(target=nov).exists()


def test_a_bare_name_released_before_its_snapshots_is_a_release_of_its_own(db):
    mistral = ProviderFactory(slug="mistral", name="Mistral", is_creator=True)
    release("mistral-medium", mistral, date(2023, 12, 11))  # the Arena's 2023 model
    release("mistral-medium-2505", mistral, date(2025, 5, 7))
    release("mistral-medium-2508", mistral, date(2025, 8, 12))
    latest = release("mistral-medium-latest", mistral, None)

    dated_targets_refresh()

    assert set(AliasTarget.objects.values_list("floating__slug", flat=True)) == {latest.slug}


def test_another_makers_snapshot_is_never_a_target(db):
    floating = release("llama-3", ProviderFactory(slug="meta"), date(2024, 4, 18))
    release("llama-3-20240418", ProviderFactory(slug="somehost"), date(2024, 4, 18))
    release("llama-3-20240601", ProviderFactory(slug="otherhost"), date(2024, 6, 1))

    dated_targets_refresh()

    assert not AliasTarget.objects.filter(floating=floating).exists()


def test_a_curators_targets_replace_the_derived_ones_and_survive_refreshes(gpt_4o):
    floating, may, aug = gpt_4o
    AliasTarget.objects.filter(floating=floating).delete()
    AliasTarget.objects.create(
        floating=floating, target=aug, valid_from=date(2024, 10, 2), basis=AliasTarget.Basis.CURATOR
    )
    AliasTarget.objects.create(
        floating=floating, target=may, valid_to=date(2024, 10, 2), basis=AliasTarget.Basis.CURATOR
    )

    dated_targets_refresh()

    assert set(AliasTarget.objects.values_list("target", "valid_from", "valid_to", "basis")) == {
        (aug.pk, date(2024, 10, 2), None, "curator"),
        (may.pk, None, date(2024, 10, 2), "curator"),
    }


# --- looked up by date ----------------------------------------------------------------------


def test_resolve_gives_the_snapshot_served_on_the_day_asked(api_client, gpt_4o):
    assert resolved(api_client, id="gpt-4o", asOf="2024-08-05") == ("gpt-4o-2024-05-13", "dated_target")
    assert resolved(api_client, id="gpt-4o", asOf="2024-08-06") == ("gpt-4o-2024-08-06", "dated_target")
    assert resolved(api_client, id="openai/gpt-4o", asOf="2024-06-01") == ("gpt-4o-2024-05-13", "dated_target")
    assert resolved(api_client, id="gpt-4o") == ("gpt-4o-2024-08-06", "dated_target")  # today
    # Before its first snapshot the name is only its own entry.
    assert resolved(api_client, id="gpt-4o", asOf="2023-01-01") == ("gpt-4o", "exact_alias")
    # A snapshot is itself on every day.
    assert resolved(api_client, id="gpt-4o-2024-05-13", asOf="2026-01-01") == ("gpt-4o-2024-05-13", "exact_alias")


def test_resolve_shows_the_alias_and_the_dated_target_it_rests_on(api_client, gpt_4o):
    data = api_client.get("/v1/resolve", {"id": "gpt-4o", "asOf": "2024-06-01"}).json()["data"]

    assert data["as_of"] == "2024-06-01"
    assert data["model"]["slug"] == "gpt-4o-2024-05-13"
    assert data["evidence"]["alias"]["alias"] == "gpt-4o"
    assert data["evidence"]["decision"] is None
    assert data["evidence"]["target"] == {
        "floating": "gpt-4o",
        "source": None,
        "valid_from": "2024-05-13",
        "valid_to": "2024-08-06",
        "basis": "released",
        "evidence": {"dated": "2024-05-13"},
    }


def test_model_detail_follows_dated_targets_only_when_asked_for_a_day(api_client, gpt_4o):
    def slug_of(path, **params):
        response = api_client.get(path, params)
        assert response.status_code == 200, response.content
        return response.json()["data"]["slug"]

    assert slug_of("/v1/models/gpt-4o") == "gpt-4o"
    assert slug_of("/v1/models/gpt-4o", asOf="2024-06-01") == "gpt-4o-2024-05-13"
    assert slug_of("/v1/models/openai%2Fgpt-4o", asOf="2025-01-01") == "gpt-4o-2024-08-06"
    assert slug_of("/v1/models/gpt-4o-mini", asOf="2024-06-01") == "gpt-4o-mini"

    response = api_client.get("/v1/models/gpt-4o", {"asOf": "2024-13-01"})
    assert "asOf" in error_of(response, 400, "bad_request")["details"]


# --- a source's own meaning -----------------------------------------------------------------


def test_a_lookup_that_names_the_source_gets_the_sources_meaning(api_client, deepseek_chat):
    assert resolved(api_client, id="deepseek/deepseek-chat", source="openrouter") == ("deepseek-v3", "source_meaning")
    assert resolved(api_client, id="openrouter:deepseek/deepseek-chat") == ("deepseek-v3", "source_meaning")
    # Without a source, or for another source, the maker's meaning: its floating entry.
    assert resolved(api_client, id="deepseek/deepseek-chat") == ("deepseek-chat", "normalized_alias")
    assert resolved(api_client, id="deepseek-chat", source="litellm") == ("deepseek-chat", "exact_alias")

    data = api_client.get("/v1/resolve", {"id": "openrouter:deepseek/deepseek-chat"}).json()["data"]
    assert (data["id"], data["source"]) == ("openrouter:deepseek/deepseek-chat", "openrouter")
    assert data["evidence"]["target"]["source"] == "openrouter"
    assert data["evidence"]["target"]["valid_from"] is None


def test_a_source_prefix_that_contradicts_the_source_parameter_is_a_400(api_client, deepseek_chat):
    response = api_client.get("/v1/resolve", {"id": "openrouter:deepseek/deepseek-chat", "source": "arena"})

    assert error_of(response, 400, "bad_request")["details"] == {"source": ['The id names the source "openrouter".']}


def test_model_detail_by_a_source_prefixed_id(api_client, deepseek_chat):
    response = api_client.get("/v1/models/openrouter:deepseek%2Fdeepseek-chat")
    assert response.status_code == 200
    assert response.json()["data"]["slug"] == "deepseek-v3"
    assert api_client.get("/v1/models/deepseek%2Fdeepseek-chat").json()["data"]["slug"] == "deepseek-chat"
    assert api_client.get("/v1/models/openrouter:no-such-model").status_code == 404


# --- from the sources, through ingestion --------------------------------------------------------


def openrouter_file(tmp_path, rows: list[dict]):
    path = tmp_path / "openrouter-models-2026-07-01.json"
    full = [
        {
            "name": row["id"],
            "created": 1735241320,
            "context_length": 64000,
            "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
            "pricing": {"prompt": "0.0000003", "completion": "0.0000012"},
            **row,
        }
        for row in rows
    ]
    path.write_text(json.dumps({"data": full}))
    return path


def test_openrouters_canonical_slug_gives_openrouter_its_own_meaning(api_client, tmp_path):
    path = openrouter_file(
        tmp_path,
        [
            {
                "id": "deepseek/deepseek-chat",
                "canonical_slug": "deepseek/deepseek-chat-v3",
                "hugging_face_id": "deepseek-ai/DeepSeek-V3",
            },
            {"id": "deepseek/deepseek-v3", "canonical_slug": "deepseek/deepseek-v3", "hugging_face_id": ""},
            # A statement the id's own version contradicts is no meaning of it.
            {"id": "google/gemini-2.5-pro-preview-05-06", "canonical_slug": "google/gemini-2.5-pro-preview-03-25"},
            {"id": "google/gemini-2.5-pro-preview-03-25", "canonical_slug": "google/gemini-2.5-pro-preview-03-25"},
        ],
    )

    ingest("openrouter", path, as_of=date(2026, 7, 1))
    ingest("openrouter", path, as_of=date(2026, 7, 1))  # a re-run observes nothing new

    observation = AliasObservation.objects.get(evidence__has_key="stands_for")
    assert (observation.floating.slug, observation.target.slug, observation.scope, observation.as_of) == (
        "deepseek-chat",
        "deepseek-v3",
        "openrouter",
        date(2026, 7, 1),
    )
    # Which weights it serves is kept too, with no target: "deepseek-chat" names no version of them.
    weights = AliasObservation.objects.get(evidence__has_key="weights")
    assert (weights.floating.slug, weights.target, weights.claim) == (
        "deepseek-chat",
        None,
        "deepseek/deepseek-chat serves the weights of deepseek-ai/DeepSeek-V3",
    )
    assert AliasObservation.objects.count() == 2
    assert resolved(api_client, id="deepseek/deepseek-chat", source="openrouter") == ("deepseek-v3", "source_meaning")
    assert resolved(api_client, id="deepseek/deepseek-chat") == ("deepseek-chat", "exact_alias")


def models_dev_dir(tmp_path, cards: dict[str, str]):
    root = tmp_path / "models-dev"
    for name, text in cards.items():
        path = root / "models" / f"{name}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def card(name: str, released: str, updated: str) -> str:
    return f'name = "{name}"\nrelease_date = "{released}"\nlast_updated = "{updated}"\n'


def test_a_makers_card_dates_what_its_floating_name_points_to(api_client, tmp_path):
    root = models_dev_dir(
        tmp_path,
        {
            "openai/gpt-4o": card("GPT-4o", "2024-05-13", "2024-08-06"),
            "openai/gpt-4o-2024-05-13": card("GPT-4o (2024-05-13)", "2024-05-13", "2024-05-13"),
            "openai/gpt-4o-2024-08-06": card("GPT-4o (2024-08-06)", "2024-08-06", "2024-08-06"),
            "openai/gpt-4o-2024-11-20": card("GPT-4o (2024-11-20)", "2024-11-20", "2024-11-20"),
        },
    )

    ingest("models-dev", root, as_of=date(2025, 12, 31))

    observation = AliasObservation.objects.get()
    assert (observation.floating.slug, observation.target.slug, observation.scope) == (
        "gpt-4o",
        "gpt-4o-2024-08-06",
        "",
    )
    targets = AliasTarget.objects.filter(floating__slug="gpt-4o").order_by("valid_from")
    assert [(t.target.slug, t.valid_from, t.valid_to) for t in targets] == [
        ("gpt-4o-2024-05-13", date(2024, 5, 13), date(2024, 8, 6)),
        ("gpt-4o-2024-08-06", date(2024, 8, 6), None),
    ]
    assert resolved(api_client, id="gpt-4o", asOf="2025-01-15") == ("gpt-4o-2024-08-06", "dated_target")
    assert resolved(api_client, id="gpt-4o", asOf="2024-07-01") == ("gpt-4o-2024-05-13", "dated_target")


# --- claims resolved again: the same targets whatever order the files came in ------------------


def devstral_files(tmp_path):
    """OpenRouter's devstral-small, which stands for the 2507 snapshot, and Mistral's cards of both snapshots."""
    (tmp_path / "or").mkdir()
    routed = openrouter_file(
        tmp_path / "or",
        [{"id": "mistralai/devstral-small", "canonical_slug": "mistralai/devstral-small-2507"}],
    )
    cards = models_dev_dir(
        tmp_path / "md",
        {
            "mistral/devstral-small-2505": card("Devstral Small 2505", "2025-05-21", "2025-05-21"),
            "mistral/devstral-small-2507": card("Devstral Small 1.1", "2025-07-10", "2025-07-10"),
        },
    )
    return routed, cards


@pytest.mark.parametrize("card_first", [True, False], ids=["card first", "card last"])
def test_a_canonical_slug_read_before_its_snapshots_card_names_it_once_the_card_arrives(
    api_client, tmp_path, card_first
):
    # OpenRouter's devstral-small stands for the 2507 snapshot, which only Mistral's card brings.
    routed, cards = devstral_files(tmp_path)
    runs = [("models-dev", cards, date(2025, 12, 31)), ("openrouter", routed, date(2026, 7, 1))]
    for source, path, as_of in runs if card_first else reversed(runs):
        ingest(source, path, as_of=as_of)

    observation = AliasObservation.objects.get()
    assert (observation.floating.slug, observation.target.slug, observation.scope, observation.claim) == (
        "devstral-small",
        "devstral-small-2507",
        "openrouter",
        "mistralai/devstral-small stands for mistralai/devstral-small-2507",
    )
    assert resolved(api_client, id="mistralai/devstral-small", source="openrouter") == (
        "devstral-small-2507",
        "source_meaning",
    )


def test_a_claim_resolved_to_the_nearest_snapshot_moves_to_the_one_its_date_names(tmp_path):
    # The card says qwen-plus pointed to its 2025-09-11 snapshot; a file read first knew only 0828.
    first = models_dev_dir(
        tmp_path / "a",
        {
            "alibaba/qwen-plus": card("Qwen Plus", "2024-01-25", "2025-09-11"),
            "alibaba/qwen-plus-0828": card("Qwen Plus 0828", "2025-08-28", "2025-08-28"),
        },
    )
    ingest("models-dev", first, as_of=date(2025, 12, 31))
    assert AliasObservation.objects.get().target.slug == "qwen-plus-0828"

    later = models_dev_dir(
        tmp_path / "b",
        {"alibaba/qwen-plus-2025-09-11": card("Qwen Plus 2025-09-11", "2025-09-11", "2025-09-11")},
    )
    ingest("models-dev", later, as_of=date(2026, 7, 1))

    assert AliasObservation.objects.get().target.slug == "qwen-plus-2025-09-11"


def test_a_claim_is_read_again_as_its_own_source_reads_ids(tmp_path):
    # A curator ruled that, on OpenRouter only, "mistralai/devstral-small-2507" names nothing.
    # Mistral's card, read after OpenRouter, brings the snapshot; the claim stays unanswered.
    from models_registry.services import identity_ignore

    identity_ignore(raw_id="mistralai/devstral-small-2507", source="openrouter", source_only=True)
    routed, cards = devstral_files(tmp_path)
    ingest("openrouter", routed, as_of=date(2026, 7, 1))
    ingest("models-dev", cards, as_of=date(2025, 12, 31))

    claim = AliasObservation.objects.get()
    assert (claim.floating.slug, claim.target, claim.source) == ("devstral-small", None, "openrouter")
    assert not AliasTarget.objects.filter(floating__slug="devstral-small", source="openrouter").exists()
