import copy
from datetime import date

import pytest
from django import template
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aimodelsmap.dataversion import data_version
from ingestion.provider_names import name_apply, name_from
from models_registry.models import FormerSlug, Model, ModelFact
from models_registry.provenance import facts_derive
from models_registry.slugs import slugs_derive
from tests.factories import CapabilityFactory, EndpointFactory, ModelAliasFactory, ModelFactory, ProviderFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/models_registry"

# Stand-ins for the rankings and pricing chart libraries, registered under
# their names by the test that needs them.
register = template.Library()


@register.simple_tag
def score_history_chart(model):
    return f"score-chart-for-{model.slug}"


@register.simple_tag
def price_history_chart(model):
    return f"price-chart-for-{model.slug}"


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("curator", "curator@example.com", "pw-curator-123")
    client.force_login(user)
    return client


def populate(n: int):
    for _ in range(n):
        model = ModelFactory()
        ModelAliasFactory(model=model)
        EndpointFactory(model=model, host=ProviderFactory(is_creator=False), provider_model_id=f"{model.slug}-h")


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page", ["model", "modelalias", "endpoint", "provider", "category", "capability"])
def test_changelists_run_a_constant_number_of_queries(staff, page):
    populate(2)
    small = queries_for(staff, f"{ADMIN}/{page}/")
    populate(8)
    assert queries_for(staff, f"{ADMIN}/{page}/") == small


def test_the_model_changelist_searches_aliases(staff):
    model = ModelFactory(name="Claude 3.5 Sonnet")
    ModelAliasFactory(model=model, alias="anthropic/claude-3.5-sonnet")
    ModelFactory(name="GPT-4o")
    response = staff.get(f"{ADMIN}/model/", {"q": "anthropic/claude"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [model]


def test_the_model_change_form_renders_with_its_inlines(staff):
    model = ModelFactory()
    ModelAliasFactory(model=model, alias="my-alias")
    response = staff.get(f"{ADMIN}/model/{model.pk}/change/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "my-alias" in content
    assert 'id="endpoints-group"' in content
    assert 'id="aliases-group"' in content


def test_the_model_page_says_which_source_snapshot_and_id_each_served_fact_came_from(staff):
    model = ModelFactory(context_window=None)
    for source, as_of, precedence, value, said_as in [
        ("models-dev", date(2026, 7, 1), 12, 262_144, "Qwen/Qwen3-235B-A22B-Thinking-2507"),
        ("litellm", date(2026, 7, 1), 12, 131_072, "together_ai/Qwen/Qwen3-235B-A22B-Thinking-2507"),
    ]:
        ModelFact.objects.create(
            model=model,
            field="context_window",
            source=source,
            as_of=as_of,
            precedence=precedence,
            value=value,
            said_as=said_as,
        )
    facts_derive([model.pk])

    content = staff.get(f"{ADMIN}/model/{model.pk}/change/").content.decode()

    assert (
        "<tr><th scope='row'>context window</th><td>262144</td>"
        "<td>models-dev (Qwen/Qwen3-235B-A22B-Thinking-2507)</td><td>2026-07-01</td>"
        "<td>litellm (2026-07-01): 131072</td></tr>"
    ) in content


def test_the_add_form_renders(staff):
    assert staff.get(f"{ADMIN}/model/add/").status_code == 200


def test_autocomplete_serves_categories_and_capabilities(staff):
    CapabilityFactory(slug="vision", name="Vision")
    response = staff.get(
        "/admin/autocomplete/",
        {"term": "vis", "app_label": "models_registry", "model_name": "model", "field_name": "capabilities"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["vision"]


def test_a_curator_edit_bumps_the_data_version(staff, django_capture_on_commit_callbacks):
    model = ModelFactory(name="Old name")
    before = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"{ADMIN}/model/{model.pk}/change/",
            _change_form(model, name="New name", status="active", description=""),
        )
    assert response.status_code == 302, response.content
    assert Model.objects.get(pk=model.pk).name == "New name"
    assert data_version() > before
    # The edit is a pin: who made it and when, and it wins when the model is derived again.
    pin = ModelFact.objects.get(model=model, pinned=True, field="name")
    assert (pin.field, pin.value, pin.source, pin.author.username) == ("name", "New name", "curator", "curator")
    ModelFact.objects.create(model=model, field="name", source="models-dev", as_of="2030-01-01", value="Source name")
    facts_derive([model.pk])
    assert Model.objects.get(pk=model.pk).name == "New name"


def test_the_change_form_shows_both_history_charts_when_their_libraries_are_installed(staff, settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["libraries"] = {
        "rankings_admin": "tests.models_registry.test_admin",
        "pricing_admin": "tests.models_registry.test_admin",
    }
    settings.TEMPLATES = templates
    model = ModelFactory(slug="charted")
    content = staff.get(f"{ADMIN}/model/{model.pk}/change/").content.decode()
    assert "score-chart-for-charted" in content
    assert "price-chart-for-charted" in content
    # The add form has no object yet, so no charts.
    assert "chart-for" not in staff.get(f"{ADMIN}/model/add/").content.decode()


def _change_form(model, **changed) -> dict:
    return {
        "name": model.name,
        "slug": model.slug,
        "creator": model.creator_id,
        "family": "",
        "model_type": model.model_type,
        "status": model.status,
        "description": model.description,
        "context_window": model.context_window or "",
        "max_output_tokens": model.max_output_tokens or "",
        "release_date": "",
        "deprecation_date": "",
        "open_weights": "unknown",
        "knowledge_cutoff": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "endpoints-TOTAL_FORMS": "0",
        "endpoints-INITIAL_FORMS": "0",
        "facts-TOTAL_FORMS": "0",
        "facts-INITIAL_FORMS": "0",
        **changed,
    }


def test_a_slug_typed_in_the_admin_is_a_pin_and_the_old_slug_still_finds_the_model(staff, api_client):
    model = ModelFactory(slug="gpt-4-1-2025-04-14", name="GPT-4.1", creator=ProviderFactory(slug="openai"))
    ModelAliasFactory(
        model=model, alias="gpt-4.1-2025-04-14", normalized="gpt-4-1-20250414", precedence=11, source="litellm"
    )

    response = staff.post(f"{ADMIN}/model/{model.pk}/change/", _change_form(model, slug="gpt-4-point-1"))

    assert response.status_code == 302, response.content
    pin = ModelFact.objects.get(model=model, field="slug")
    assert (pin.value, pin.pinned, pin.source, pin.author.username) == ("gpt-4-point-1", True, "curator", "curator")
    assert slugs_derive() == []  # ingestion keeps the curator's slug
    assert Model.objects.get(pk=model.pk).slug == "gpt-4-point-1"
    assert list(FormerSlug.objects.values_list("slug", "model_id")) == [("gpt-4-1-2025-04-14", model.pk)]
    assert "gpt-4-1-2025-04-14" in staff.get(f"{ADMIN}/model/{model.pk}/change/").content.decode()
    old = api_client.get("/v1/models/gpt-4-1-2025-04-14")
    assert (old.status_code, old.json()["data"]["slug"]) == (200, "gpt-4-point-1")

    # Deleting the pin on the model's page gives the sources' slug back; the curator's stays findable.
    staff.post(
        f"{ADMIN}/model/{model.pk}/change/",
        _change_form(
            Model.objects.get(pk=model.pk),
            **{
                "facts-TOTAL_FORMS": "1",
                "facts-INITIAL_FORMS": "1",
                "facts-0-id": pin.pk,
                "facts-0-model": model.pk,
                "facts-0-field": "slug",
                "facts-0-value": "gpt-4-point-1",
                "facts-0-note": "",
                "facts-0-DELETE": "on",
            },
        ),
    )
    assert Model.objects.get(pk=model.pk).slug == "gpt-4-1-2025-04-14"
    former = api_client.get("/v1/models/gpt-4-point-1")
    assert (former.status_code, former.json()["data"]["slug"]) == (200, "gpt-4-1-2025-04-14")


def test_a_slug_pinned_in_the_pins_inline_is_checked_like_the_slug_field(staff):
    model = ModelFactory(slug="first")
    ModelFactory(slug="taken")
    form = _change_form(
        model,
        **{
            "facts-TOTAL_FORMS": "1",
            "facts-0-model": model.pk,
            "facts-0-field": "slug",
            "facts-0-value": "taken",
            "facts-0-note": "",
        },
    )

    response = staff.post(f"{ADMIN}/model/{model.pk}/change/", form)

    assert response.status_code == 200
    assert "Another model has the slug" in response.content.decode()
    assert not ModelFact.objects.filter(field="slug").exists()


def test_a_name_typed_in_the_admin_wins_over_the_sources_until_released(staff):
    provider = ProviderFactory(slug="mistral", name="Mistral AI", name_basis="known")

    response = staff.post(
        f"{ADMIN}/provider/{provider.pk}/change/",
        {"slug": "mistral", "name": "Mistral (Paris)", "website": "", "description": "", "is_creator": "on"},
    )

    assert response.status_code == 302, response.content
    provider.refresh_from_db()
    assert (provider.name, provider.name_basis) == ("Mistral (Paris)", "curator")
    assert not name_apply(provider, name_from("mistral", source="models-dev", as_of=date(2026, 7, 1)))

    staff.post(
        f"{ADMIN}/provider/",
        {"action": "name_from_sources", "_selected_action": [provider.pk]},
    )
    provider.refresh_from_db()
    assert provider.name_basis == ""
    assert name_apply(provider, name_from("mistral", source="models-dev", as_of=date(2026, 7, 1)))
    assert (provider.name, provider.name_basis) == ("Mistral AI", "known")


def test_a_creator_chosen_in_the_admin_is_a_pin_that_wins_over_the_makers_card(staff):
    kuaishou, kwaipilot = ProviderFactory(slug="kuaishou"), ProviderFactory(slug="kwaipilot")
    model = ModelFactory(slug="kat-coder-pro-v2", creator=kwaipilot)
    ModelFact.objects.create(model=model, field="creator", source="models-dev", as_of="2030-01-01", value="kwaipilot")

    response = staff.post(f"{ADMIN}/model/{model.pk}/change/", _change_form(model, creator=kuaishou.pk))

    assert response.status_code == 302, response.content
    pin = ModelFact.objects.get(model=model, pinned=True, field="creator")
    assert (pin.value, pin.source, pin.author.username) == ("kuaishou", "curator", "curator")
    facts_derive([model.pk])
    assert Model.objects.get(pk=model.pk).creator == kuaishou


def test_a_creator_pinned_in_the_pins_inline_must_be_a_providers_slug(staff):
    model = ModelFactory()
    form = _change_form(
        model,
        **{
            "facts-TOTAL_FORMS": "1",
            "facts-0-model": model.pk,
            "facts-0-field": "creator",
            "facts-0-value": "nobody-at-all",
            "facts-0-note": "",
        },
    )

    response = staff.post(f"{ADMIN}/model/{model.pk}/change/", form)

    assert response.status_code == 200
    assert "is no provider" in response.content.decode()
    assert not ModelFact.objects.filter(model=model).exists()


def test_a_model_created_in_the_admin_keeps_the_creator_its_curator_chose(staff):
    chosen = ProviderFactory(slug="kuaishou")
    form = _change_form(ModelFactory.build(slug="kat-coder-air-v1", name="KAT Coder Air V1", creator=chosen))

    response = staff.post(f"{ADMIN}/model/add/", {**form, "creator": chosen.pk})

    assert response.status_code == 302, response.content
    model = Model.objects.get(slug="kat-coder-air-v1")
    ModelFact.objects.create(model=model, field="creator", source="models-dev", as_of="2030-01-01", value="kwaipilot")
    ProviderFactory(slug="kwaipilot")
    facts_derive([model.pk])
    assert ModelFact.objects.get(model=model, field="creator", pinned=True).value == "kuaishou"
    assert Model.objects.get(pk=model.pk).creator == chosen
