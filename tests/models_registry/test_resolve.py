"""GET /v1/resolve: which model an external id is, by the rules ingestion applies, with the evidence."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from models_registry.identity import IdentityResolver
from models_registry.identity.normalize import normalize_model_id
from models_registry.models import IdentityDecision, ModelAlias, ModelFact
from models_registry.services import identity_attach, identity_ignore
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory
from tests.models_registry.conftest import error_of

pytestmark = pytest.mark.django_db

SONNET_ID = "anthropic/claude-3.5-sonnet-20241022"


def when(value) -> str:
    return value.isoformat().replace("+00:00", "Z")


def alias_of(model, raw_id: str, source: str = "openrouter") -> ModelAlias:
    """An alias stored the way ingestion stores it: with its real normal form."""
    return ModelAliasFactory(model=model, alias=raw_id, normalized=normalize_model_id(raw_id), source=source)


def alias_evidence(row: ModelAlias) -> dict:
    return {
        "alias": {
            "alias": row.alias,
            "normalized": row.normalized,
            "source": row.source or None,
            "created_at": when(row.created_at),
        },
        "decision": None,
        "target": None,
    }


def decision_evidence(decision: IdentityDecision) -> dict:
    decision.refresh_from_db()
    return {
        "alias": None,
        "decision": {
            "action": decision.action,
            "raw_id": decision.raw_id,
            "normalized": decision.normalized,
            "source": decision.source or None,
            "source_only": decision.source_only,
            "decided_by": decision.decided_by.username if decision.decided_by else None,
            "decided_at": when(decision.decided_at),
            "note": decision.note or None,
        },
        "target": None,
    }


def model_ref(slug: str, name: str, provider: str, variant_of=None, variant_label=None) -> dict:
    return {"slug": slug, "name": name, "provider": provider, "variant_of": variant_of, "variant_label": variant_label}


SONNET = model_ref("claude-3-5-sonnet", "Claude 3.5 Sonnet", "anthropic")


@pytest.fixture
def sonnet_alias(catalog) -> ModelAlias:
    return alias_of(catalog.models["claude-3-5-sonnet"], SONNET_ID)


@pytest.fixture
def curator(db):
    return get_user_model().objects.create_user(username="alice", password="unused-in-these-tests")


def resolve(client, **params):
    return client.get("/v1/resolve", params)


# --- found: one test per rule ---------------------------------------------------


def test_an_alias_as_written_resolves_by_exact_alias(api_client, sonnet_alias):
    response = resolve(api_client, id=SONNET_ID)

    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "id": SONNET_ID,
            "normalized": "claude-3-5-sonnet-20241022",
            "source": None,
            "as_of": None,
            "model": SONNET,
            "rule": "exact_alias",
            "evidence": alias_evidence(sonnet_alias),
        }
    }


def test_another_hosts_spelling_resolves_by_the_normal_form(api_client, sonnet_alias):
    raw_id = "us.anthropic.claude-3-5-sonnet-20241022-v2:0"

    response = resolve(api_client, id=raw_id, source="litellm", asOf="2026-01-31")

    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "id": raw_id,
            "normalized": "claude-3-5-sonnet-20241022",
            "source": "litellm",
            "as_of": "2026-01-31",
            "model": SONNET,
            "rule": "normalized_alias",
            "evidence": alias_evidence(sonnet_alias),
        }
    }


@pytest.fixture
def o1_preview(db):
    """A floating name whose maker's card dates it 2024-09-12, and nothing else of it."""
    model = ModelFactory(slug="o1-preview", name="o1-preview", creator=ProviderFactory(slug="openai", name="OpenAI"))
    row = alias_of(model, "openai/o1-preview", source="models-dev")
    ModelFact.objects.create(
        model=model, field="release_date", source="models-dev", as_of="2025-12-31", precedence=0, value="2024-09-12"
    )
    return row


def test_a_dated_snapshot_its_maker_dates_alike_resolves_by_the_snapshot_rule(api_client, o1_preview):
    # No source named this id; a maker's record of it would join the floating name (identity/releases.py).
    response = resolve(api_client, id="azure/o1-preview-2024-09-12")

    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["normalized"], data["model"]["slug"], data["rule"]) == (
        "o-1-preview-20240912",
        "o1-preview",
        "snapshot",
    )
    assert data["evidence"] == alias_evidence(o1_preview)
    # The lookup writes nothing.
    assert list(ModelAlias.objects.values_list("alias", flat=True)) == ["openai/o1-preview"]


def test_a_snapshot_dated_otherwise_does_not_resolve(api_client, o1_preview):
    assert resolve(api_client, id="o1-preview-2025-01-30").status_code == 404


def test_a_snapshot_of_a_name_that_served_another_does_not_resolve(api_client, o1_preview):
    other = ModelFactory(slug="o1-preview-2024-12-17", creator=o1_preview.model.creator)
    alias_of(other, "o1-preview-2024-12-17")  # the name has served another snapshot: it floats

    assert resolve(api_client, id="o1-preview-2024-09-12").status_code == 404


def test_another_spelling_of_a_known_release_resolves_by_the_spelling_rule(api_client, db):
    model = ModelFactory(slug="gpt-4o-2024-05-13", name="GPT-4o", creator=ProviderFactory(slug="openai"))
    row = alias_of(model, "gpt-4o-2024-05-13", source="models-dev")

    response = resolve(api_client, id="gpt-4o-2024-0513", source="genai-prices")

    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["model"]["slug"], data["rule"], data["evidence"]) == (
        "gpt-4o-2024-05-13",
        "spelling",
        alias_evidence(row),
    )


def test_a_weights_name_of_a_dated_release_resolves_by_the_weights_name_rule(api_client, db):
    mistral = ProviderFactory(slug="mistral")
    small = ModelFactory(slug="mistral-small-2503", name="Mistral Small 3.1", creator=mistral)
    row = alias_of(small, "mistral-small-2503", source="litellm")
    alias_of(ModelFactory(slug="mistral-small-2506", creator=mistral), "mistral-small-2506", source="litellm")

    response = resolve(api_client, id="mistralai/Mistral-Small-3.1-24B-Instruct-2503")

    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["model"]["slug"], data["rule"], data["evidence"]) == (
        "mistral-small-2503",
        "weights-name",
        alias_evidence(row),
    )
    # Another month's weights, or the base weights of that month, are another release.
    assert resolve(api_client, id="mistralai/Mistral-Small-3.1-24B-Instruct-2504").status_code == 404
    assert resolve(api_client, id="mistralai/Mistral-Small-3.1-24B-Base-2503").status_code == 404


def test_an_id_a_makers_card_calls_a_dated_release_by_resolves_by_the_maker_name_rule(api_client, db):
    mistral = ProviderFactory(slug="mistral")
    small = ModelFactory(slug="mistral-small-2506", name="Mistral Small 3.2", creator=mistral)
    row = alias_of(small, "mistral/mistral-small-2506", source="models-dev")
    ModelFact.objects.create(
        model=small, field="name", source="models-dev", as_of="2026-07-01", precedence=0, value="Mistral Small 3.2"
    )
    # Mistral's floating name was called so too while it served 2506: a pointer's name is no release's.
    latest = ModelFactory(slug="mistral-small-latest", name="Mistral Small 3.2", creator=mistral)
    alias_of(latest, "mistral-small-latest", source="models-dev")
    ModelFact.objects.create(
        model=latest, field="name", source="models-dev", as_of="2025-12-31", precedence=0, value="Mistral Small 3.2"
    )

    response = resolve(api_client, id="mistral-small3.2", source="models-dev")

    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["model"]["slug"], data["rule"], data["evidence"]) == (
        "mistral-small-2506",
        "maker-name",
        alias_evidence(row),
    )
    # Another version, or a size its maker's name does not say, is not it.
    assert resolve(api_client, id="mistral-small-3.1").status_code == 404
    assert resolve(api_client, id="mistral-small-3.2-24b").status_code == 404


def test_a_mixture_of_experts_named_by_its_total_size_resolves_as_its_hosts_deployment(api_client, db):
    alibaba = ProviderFactory(slug="alibaba")
    coder = ModelFactory(slug="qwen3-coder-480b-a35b-instruct", creator=alibaba)
    row = alias_of(coder, "qwen/qwen3-coder-480b-a35b-instruct")
    alias_of(ModelFactory(slug="qwen3-coder-480b-a35b", creator=alibaba), "qwen3-coder-480b-a35b")

    response = resolve(api_client, id="accounts/fireworks/models/qwen3-coder-480b-instruct-bf16")

    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["model"]["slug"], data["rule"], data["evidence"]) == (
        "qwen3-coder-480b-a35b-instruct",
        "host_deployment",
        alias_evidence(row),
    )
    # Another edition than any release's names none.
    assert resolve(api_client, id="qwen3-coder-480b-thinking").status_code == 404


def test_a_total_size_two_releases_share_resolves_to_neither(api_client, db):
    alibaba = ProviderFactory(slug="alibaba")
    for slug in ("qwen3-coder-480b-a35b-instruct", "qwen3-coder-480b-a40b-instruct"):
        alias_of(ModelFactory(slug=slug, creator=alibaba), slug)

    assert resolve(api_client, id="qwen3-coder-480b-instruct").status_code == 404


def test_a_ruling_whose_alias_was_deleted_resolves_by_the_ruling_for_all_sources(api_client, catalog, curator):
    decision = identity_attach(
        raw_id="sonnet-3.5-new", source="arena", model=catalog.models["claude-3-5-sonnet"], decided_by=curator
    )
    ModelAlias.objects.filter(normalized=decision.normalized).delete()

    response = resolve(api_client, id="Sonnet 3.5 New")

    assert response.status_code == 200
    assert response.json()["data"] == {
        "id": "Sonnet 3.5 New",
        "normalized": "sonnet-3-5-new",
        "source": None,
        "as_of": None,
        "model": SONNET,
        "rule": "ruling_for_all_sources",
        "evidence": decision_evidence(decision),
    }
    # Explaining is a read: the alias ingestion would restore stays deleted.
    assert not ModelAlias.objects.filter(normalized="sonnet-3-5-new").exists()


def test_an_id_that_spells_out_its_maker_resolves_by_the_makers_prefix(api_client, db):
    writer = ProviderFactory(slug="writer", name="Writer")
    palmyra = ModelFactory(slug="palmyra-x5", name="Palmyra X5", creator=writer)
    row = alias_of(palmyra, "palmyra-x5", source="litellm")

    response = resolve(api_client, id="writer-palmyra-x5")

    assert response.status_code == 200
    assert response.json()["data"] == {
        "id": "writer-palmyra-x5",
        "normalized": "writer-palmyra-x-5",
        "source": None,
        "as_of": None,
        "model": model_ref("palmyra-x5", "Palmyra X5", "writer"),
        "rule": "maker_prefix",
        "evidence": alias_evidence(row),
    }


def test_the_makers_prefix_never_lands_on_another_makers_model(api_client, db):
    ProviderFactory(slug="meta", name="Meta")
    palmyra = ModelFactory(slug="palmyra-x5", name="Palmyra X5", creator=ProviderFactory(slug="writer"))
    alias_of(palmyra, "palmyra-x5", source="litellm")

    error = error_of(resolve(api_client, id="meta-palmyra-x5"), 404, "not_found")

    assert error["details"]["rule"] is None


def test_a_source_ruling_on_the_id_without_its_maker_is_a_404_by_the_makers_prefix(api_client, db, curator):
    palmyra = ModelFactory(slug="palmyra-x5", name="Palmyra X5", creator=ProviderFactory(slug="writer"))
    alias_of(palmyra, "palmyra-x5", source="litellm")
    decision = identity_ignore(raw_id="palmyra-x5", source="arena", source_only=True, decided_by=curator)

    error = error_of(resolve(api_client, id="writer-palmyra-x5", source="arena"), 404, "not_found")
    elsewhere = resolve(api_client, id="writer-palmyra-x5", source="litellm").json()["data"]

    assert error["message"] == "A curator ruled that this id names no model."
    assert (error["details"]["rule"], error["details"]["evidence"]) == ("maker_prefix", decision_evidence(decision))
    assert (elsewhere["model"]["slug"], elsewhere["rule"]) == ("palmyra-x5", "maker_prefix")


def test_a_variant_names_its_base_model_and_its_label(api_client, catalog):
    base = catalog.models["claude-sonnet-4"]
    thinking = ModelFactory(
        slug="claude-sonnet-4-thinking-32k",
        name="Claude Sonnet 4 (thinking 32k)",
        creator=catalog.providers["anthropic"],
        variant_of=base,
        variant_label="thinking-32k",
    )
    row = alias_of(thinking, "claude-sonnet-4-20250514-thinking-32k", source="arena")

    response = resolve(api_client, id="claude-sonnet-4-20250514-thinking-32k", source="arena")

    assert response.status_code == 200
    assert response.json()["data"] == {
        "id": "claude-sonnet-4-20250514-thinking-32k",
        "normalized": "claude-sonnet-4-20250514-thinking-32k",
        "source": "arena",
        "as_of": None,
        "model": model_ref(
            "claude-sonnet-4-thinking-32k",
            "Claude Sonnet 4 (thinking 32k)",
            "anthropic",
            variant_of="claude-sonnet-4",
            variant_label="thinking-32k",
        ),
        "rule": "exact_alias",
        "evidence": alias_evidence(row),
    }


# --- rulings for one source -----------------------------------------------------


@pytest.fixture
def arena_gpt_4o_ruling(catalog, curator) -> IdentityDecision:
    """Everyone's gpt-4o is GPT-4o; a ruling ties the Arena's to another model."""
    alias_of(catalog.models["gpt-4o"], "gpt-4o", source="openai")
    return identity_attach(
        raw_id="gpt-4o",
        source="arena",
        source_only=True,
        model=catalog.models["gpt-4o-mini"],
        decided_by=curator,
        note="The board's gpt-4o rows are the mini.",
    )


def test_a_ruling_for_one_source_applies_when_that_source_is_named(api_client, arena_gpt_4o_ruling):
    response = resolve(api_client, id="gpt-4o", source="arena")

    assert response.status_code == 200
    assert response.json()["data"] == {
        "id": "gpt-4o",
        "normalized": "gpt-4o",
        "source": "arena",
        "as_of": None,
        "model": model_ref("gpt-4o-mini", "GPT-4o mini", "openai"),
        "rule": "ruling_for_source",
        "evidence": decision_evidence(arena_gpt_4o_ruling),
    }
    assert response.json()["data"]["evidence"]["decision"]["decided_by"] == "alice"


@pytest.mark.parametrize("source", [None, "openrouter"])
def test_a_ruling_for_one_source_does_not_apply_elsewhere(api_client, arena_gpt_4o_ruling, source):
    params = {"id": "gpt-4o"} | ({"source": source} if source else {})

    data = resolve(api_client, **params).json()["data"]

    assert (data["model"]["slug"], data["rule"], data["source"]) == ("gpt-4o", "exact_alias", source)


# --- not found ------------------------------------------------------------------


def test_an_unknown_id_is_a_404_listing_the_closest_models(api_client, catalog):
    error = error_of(resolve(api_client, id="claude-3-5-sonet"), 404, "not_found")

    assert error == {
        "code": "not_found",
        "message": "No model has this id.",
        "details": {
            "id": "claude-3-5-sonet",
            "normalized": "claude-3-5-sonet",
            "source": None,
            "as_of": None,
            "rule": None,
            "evidence": {"alias": None, "decision": None, "target": None},
            "candidates": [
                {"slug": "claude-3-5-sonnet", "name": "Claude 3.5 Sonnet", "score": 97.0},
                {"slug": "claude-sonnet-4", "name": "Claude Sonnet 4", "score": 77.4},
            ],
        },
    }


def test_the_candidates_are_the_curator_queues_suggestions(api_client, catalog):
    raw_id = "google/gemini-2.0-pro-exp"
    expected = [
        {key: suggestion[key] for key in ("slug", "name", "score")}
        for suggestion in IdentityResolver(source="arena").suggestions(raw_id)
    ]

    error = error_of(resolve(api_client, id=raw_id, source="arena"), 404, "not_found")

    assert expected and error["details"]["candidates"] == expected


def test_an_id_without_a_letter_or_digit_is_a_404_without_candidates(api_client, catalog):
    error = error_of(resolve(api_client, id="@@"), 404, "not_found")

    assert (error["details"]["normalized"], error["details"]["candidates"]) == ("", [])


def test_an_id_a_curator_ignored_is_a_404_naming_the_ruling(api_client, catalog, curator):
    decision = identity_ignore(raw_id="openrouter/auto", decided_by=curator, note="A router, not a model.")

    error = error_of(resolve(api_client, id="openrouter/auto", source="openrouter"), 404, "not_found")

    assert error["message"] == "A curator ruled that this id names no model."
    assert error["details"] == {
        "id": "openrouter/auto",
        "normalized": "auto",
        "source": "openrouter",
        "as_of": None,
        "rule": "ignored_for_all_sources",
        "evidence": decision_evidence(decision),
        "candidates": [],
    }


def test_an_id_ignored_for_one_source_resolves_for_the_others(api_client, catalog, curator):
    alias_of(catalog.models["gpt-4o"], "gpt-4o", source="openai")
    identity_ignore(raw_id="gpt-4o", source="litellm", source_only=True, decided_by=curator)

    error = error_of(resolve(api_client, id="gpt-4o", source="litellm"), 404, "not_found")
    found = resolve(api_client, id="gpt-4o")

    assert error["details"]["rule"] == "ignored_for_source"
    assert error["details"]["evidence"]["decision"]["source"] == "litellm"
    assert found.json()["data"]["rule"] == "exact_alias"


# --- malformed parameters and auth -----------------------------------------------


@pytest.mark.parametrize(
    ("params", "details"),
    [
        ({}, {"id": ["This field is required."]}),
        ({"id": ""}, {"id": ["This field may not be blank."]}),
        ({"id": "   "}, {"id": ["This field may not be blank."]}),
        ({"id": "x" * 301}, {"id": ["Ensure this field has no more than 300 characters."]}),
        ({"id": "gpt\x004o"}, {"id": ["Must not contain NUL bytes."]}),
        (
            {"id": "gpt-4o", "source": "bedrock"},
            {
                "source": [
                    '"bedrock" is not a valid choice. Allowed values: '
                    "models-dev, litellm, openrouter, genai-prices, arena, telemetry."
                ]
            },
        ),
        *(
            (
                {"id": "gpt-4o", "asOf": value},
                {"asOf": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]},
            )
            for value in ("2026-13-01", "2026-02-30", "yesterday", "2026-01-01T00:00:00", "01/02/2026")
        ),
    ],
)
def test_a_malformed_parameter_is_a_400_naming_it(api_client, catalog, params, details):
    error = error_of(resolve(api_client, **params), 400, "bad_request")

    assert error["details"] == details
    assert error["message"] == f"Invalid value for: {', '.join(details)}."


def test_an_empty_optional_parameter_is_read_as_absent(api_client, sonnet_alias):
    data = resolve(api_client, id=SONNET_ID, source="", asOf="").json()["data"]

    assert (data["source"], data["as_of"], data["rule"]) == (None, None, "exact_alias")


def test_it_requires_an_api_key(client, sonnet_alias):
    error_of(resolve(client, id=SONNET_ID), 401, "unauthorized")


def test_it_is_tagged_and_revalidates_to_304(api_client, sonnet_alias):
    first = resolve(api_client, id=SONNET_ID)
    again = api_client.get("/v1/resolve", {"id": SONNET_ID}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert (again.status_code, again.content) == (304, b"")


# --- cost -----------------------------------------------------------------------


def test_a_lookup_costs_the_model_and_its_evidence_once_the_resolvers_are_built(api_client, catalog):
    for n in range(20):
        alias_of(ModelFactory(slug=f"model-{n}", creator=catalog.providers["openai"]), f"openai/model-{n}")
    resolve(api_client, id="openai/model-0")  # builds the resolvers of this data version (and warms the key)

    with CaptureQueriesContext(connection) as queries:
        for n in range(1, 20):
            assert resolve(api_client, id=f"model-{n}").status_code == 200

    # Per id: the model (with its creator and base) and the alias row; the key
    # and the quota are answered from the cache.
    assert len(queries) == 2 * 19


def test_the_resolvers_are_built_once_per_data_version_and_source(api_client, sonnet_alias, monkeypatch):
    from models_registry.identity import lookup

    built = []
    monkeypatch.setattr(
        lookup, "IdentityResolver", lambda *, source: built.append(source) or IdentityResolver(source=source)
    )

    for raw_id in (SONNET_ID, "claude-3-5-sonnet-20241022", "anthropic.claude-3-5-sonnet-20241022-v2:0"):
        resolve(api_client, id=raw_id)
        resolve(api_client, id=raw_id, source="arena")

    assert built == ["", "arena"]


def test_a_repeated_lookup_is_served_from_the_response_cache(api_client, sonnet_alias):
    first = resolve(api_client, id=SONNET_ID)

    with CaptureQueriesContext(connection) as queries:
        again = resolve(api_client, id=SONNET_ID)

    assert again.json() == first.json()
    assert len(queries) == 0


def test_a_curators_ruling_is_answered_as_soon_as_it_commits(api_client, catalog, django_capture_on_commit_callbacks):
    error_of(resolve(api_client, id="sonnet-3.5-new"), 404, "not_found")

    with django_capture_on_commit_callbacks(execute=True):
        identity_attach(raw_id="sonnet-3.5-new", source="arena", model=catalog.models["claude-3-5-sonnet"])

    data = resolve(api_client, id="sonnet-3.5-new").json()["data"]
    assert (data["model"]["slug"], data["rule"]) == ("claude-3-5-sonnet", "exact_alias")
