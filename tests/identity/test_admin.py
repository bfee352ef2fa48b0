"""The curator queue in the admin: list, decide one id, decide many."""

import re

import pytest
from django.contrib.auth.models import User

from aimodelsmap.dataversion import data_version
from models_registry.identity import IdentityResolver, normalize_model_id
from models_registry.identity.bulk_attach import SAFE_ATTACH_SCORE
from models_registry.models import IdentityDecision, Model, ModelAlias, UnresolvedIdentifier
from tests.factories import ModelAliasFactory, ModelFactory, ProviderFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/models_registry/unresolvedidentifier/"


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("curator", "curator@example.com", "pw-for-tests-only"))
    return client


@pytest.fixture
def sonnet():
    model = ModelFactory(slug="claude-3-5-sonnet-20241022", name="Claude 3.5 Sonnet")
    ModelAliasFactory(model=model, alias="claude-3-5-sonnet-20241022", normalized="claude-3-5-sonnet-20241022")
    return model


def queue(raw_id: str, source: str = "arena", **context) -> UnresolvedIdentifier:
    IdentityResolver(source=source).queue_unresolved(raw_id, context=context)
    return UnresolvedIdentifier.objects.get(source=source, raw_id=raw_id)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_queue_lists_ids_with_source_counts_and_linked_suggestions(admin_client, sonnet):
    queue("claude-3-5-sonnet-20241022-thinking-32k")

    response = admin_client.get(CHANGELIST)

    body = response.content.decode()
    assert response.status_code == 200
    assert "claude-3-5-sonnet-20241022-thinking-32k" in body
    assert f'href="/admin/models_registry/model/{sonnet.pk}/change/"' in body
    assert "arena" in body


def test_the_queue_shows_the_top_suggestion_beside_the_id_in_few_columns(admin_client, sonnet):
    ModelFactory(slug="claude-3-5-sonnet-20240620")
    item = queue("claude-3-5-sonnet-20241022-thinking-32k")

    response = admin_client.get(CHANGELIST)

    columns = [
        name.removeprefix("column-")
        for name in re.findall(r'<th scope="col" class="[^"]*?(column-\w+)', response.content.decode())
    ]
    assert columns == [
        "raw_id",
        "top_suggestion",
        "occurrences",
        "source",
        "last_seen_on",
        "status",
    ]
    top = item.suggestions[0]
    cell = re.search(r'<td class="field-top_suggestion">(.*?)</td>', response.content.decode()).group(1)
    assert cell == (
        f'<a href="/admin/models_registry/model/{sonnet.pk}/change/" title="the top suggestion scores below 92; '
        f'open them to check it">claude-3-5-sonnet-20241022</a> {top["score"]:g} (+1)'
    )
    assert "Files" in response.content.decode()


def test_the_change_page_lists_every_suggestion_and_what_the_source_said(admin_client, sonnet):
    item = queue("claude-3-5-sonnet-20241022-thinking-32k", name="Claude 3.5 Sonnet (thinking)")

    response = admin_client.get(f"{CHANGELIST}{item.pk}/change/")

    body = response.content.decode()
    assert f'<a href="/admin/models_registry/model/{sonnet.pk}/change/">claude-3-5-sonnet-20241022</a>' in body
    assert "name: Claude 3.5 Sonnet (thinking)" in body
    assert "models_registry/identity_queue.css" in body


def test_the_change_page_preselects_the_top_suggestion(admin_client, sonnet):
    item = queue("claude-3-5-sonnet-20241022-thinking-32k")

    response = admin_client.get(f"{CHANGELIST}{item.pk}/change/")

    assert response.status_code == 200
    assert response.context["adminform"].form.initial["resolved_model"] == sonnet.pk


def test_attaching_an_id_creates_the_alias_and_remembers_the_decision(
    admin_client, sonnet, django_capture_on_commit_callbacks
):
    item = queue("anthropic/claude-3.5-sonnet", source="openrouter")
    version = data_version()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"{CHANGELIST}{item.pk}/change/", {"decision": "attach", "resolved_model": sonnet.pk, "note": "checked"}
        )

    assert response.status_code == 302
    assert response["Location"] == CHANGELIST
    alias = ModelAlias.objects.get(normalized="claude-3-5-sonnet")
    assert (alias.model_id, alias.alias, alias.source) == (sonnet.pk, "anthropic/claude-3.5-sonnet", "openrouter")
    decision = IdentityDecision.objects.get()
    assert (decision.action, decision.model_id, decision.note, decision.decided_by.username) == (
        "attach",
        sonnet.pk,
        "checked",
        "curator",
    )
    item.refresh_from_db()
    assert (item.status, item.resolved_model_id) == ("resolved", sonnet.pk)
    assert data_version() != version
    assert IdentityResolver(source="openrouter").resolve("anthropic/claude-3.5-sonnet") == sonnet


def test_attaching_an_id_that_already_names_another_model_is_refused(admin_client, sonnet):
    other = ModelFactory(slug="claude-3-5-sonnet-20240620")
    item = queue("claude-3-5-sonnet-20241022", source="litellm")  # queued before the alias existed

    response = admin_client.post(
        f"{CHANGELIST}{item.pk}/change/", {"decision": "attach", "resolved_model": other.pk}, follow=True
    )

    assert response.status_code == 200
    assert any("already an alias of 'claude-3-5-sonnet-20241022'" in m for m in messages_of(response))
    assert ModelAlias.objects.get(normalized="claude-3-5-sonnet-20241022").model_id == sonnet.pk
    assert IdentityDecision.objects.count() == 0
    item.refresh_from_db()
    assert item.status == "pending"


def test_creating_a_model_from_an_id_uses_the_given_name_and_creator(admin_client):
    reka = ProviderFactory(slug="reka", name="Reka")
    item = queue("reka-core-20240904")

    response = admin_client.post(
        f"{CHANGELIST}{item.pk}/change/",
        {"decision": "create", "creator": reka.pk, "new_name": "Reka Core (2024-09-04)", "new_slug": ""},
    )

    assert response.status_code == 302
    model = Model.objects.get(slug="reka-core-2024-09-04")
    assert (model.name, model.creator_id) == ("Reka Core (2024-09-04)", reka.pk)
    assert ModelAlias.objects.get(model=model).normalized == "reka-core-20240904"
    assert IdentityDecision.objects.get().action == "create"


def test_creating_a_model_without_a_creator_shows_a_form_error(admin_client):
    item = queue("reka-core-20240904")

    response = admin_client.post(f"{CHANGELIST}{item.pk}/change/", {"decision": "create"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"creator": ["Choose who made the new model."]}
    assert Model.objects.count() == 0


def test_ignoring_an_id_from_the_change_page(admin_client):
    item = queue("openrouter/auto", source="openrouter")

    response = admin_client.post(f"{CHANGELIST}{item.pk}/change/", {"decision": "ignore", "note": "router"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "ignored"
    assert IdentityResolver(source="openrouter").is_ignored("openrouter/auto")


@pytest.fixture
def mixtral():
    model = ModelFactory(slug="mixtral-8x7b-instruct", name="Mixtral 8x7B Instruct")
    ModelAliasFactory(model=model, alias="mixtral-8x7b-instruct", normalized="mixtral-8x-7b-instruct")
    return model


def test_bulk_attach_takes_a_near_exact_top_suggestion_of_the_same_generation(admin_client, mixtral):
    close = queue("accounts/fireworks/models/mixtral-8x7b-instruct-hf", source="litellm")  # 94

    response = admin_client.post(
        CHANGELIST, {"post": "yes", "action": "attach_to_top_suggestion", "_selected_action": [close.pk]}, follow=True
    )

    assert response.status_code == 200
    assert messages_of(response) == ["1 id(s) decided."]
    assert ModelAlias.objects.get(normalized=close.normalized).model_id == mixtral.pk
    close.refresh_from_db()
    assert (close.status, close.resolved_model_id) == ("resolved", mixtral.pk)
    decision = IdentityDecision.objects.get()
    assert (decision.action, decision.model_id, decision.decided_by.username) == ("attach", mixtral.pk, "curator")


def test_bulk_attach_leaves_rows_below_the_safe_score_or_without_a_suggestion_pending(admin_client, sonnet):
    variant = queue("claude-3.5-sonnet-20241022-thinking")  # 85: a rated mode, not another spelling
    far = queue("zzz-unrelated-9000")

    response = admin_client.post(
        CHANGELIST,
        {"post": "yes", "action": "attach_to_top_suggestion", "_selected_action": [variant.pk, far.pk]},
        follow=True,
    )

    assert messages_of(response) == [
        "1 id(s) left pending, no suggestion; open them to choose a model: zzz-unrelated-9000.",
        "1 id(s) left pending, the top suggestion scores below 92; open them to check it: "
        "claude-3.5-sonnet-20241022-thinking (85.2 for claude-3-5-sonnet-20241022).",
    ]
    assert set(UnresolvedIdentifier.objects.values_list("status", flat=True)) == {"pending"}
    assert ModelAlias.objects.count() == 1
    assert IdentityDecision.objects.count() == 0


@pytest.mark.parametrize(
    ("raw_id", "suggested", "why"),
    [
        ("claude-opus-4-1", "claude-opus-4-5", "claude-opus-4-5: version 4.1 vs 4.5"),
        ("deepseek-v3", "deepseek-v3-1", "deepseek-v3-1: version 3 vs 3.1"),
    ],
)
def test_bulk_attach_never_crosses_generations_however_close_the_names(admin_client, raw_id, suggested, why):
    model = ModelFactory(slug=suggested)
    ModelAliasFactory(model=model, alias=suggested, normalized=normalize_model_id(suggested))
    item = queue(raw_id)
    assert item.suggestions[0]["score"] >= SAFE_ATTACH_SCORE  # the name alone would pass

    response = admin_client.post(
        CHANGELIST, {"post": "yes", "action": "attach_to_top_suggestion", "_selected_action": [item.pk]}, follow=True
    )

    assert messages_of(response) == [
        f"1 id(s) left pending, the top suggestion is another version, size or snapshot: {raw_id} ({why})."
    ]
    item.refresh_from_db()
    assert (item.status, item.resolved_model_id) == ("pending", None)
    assert not ModelAlias.objects.filter(normalized=item.normalized).exists()
    assert IdentityDecision.objects.count() == 0


def test_bulk_attach_never_makes_a_rated_mode_an_alias_of_its_release(admin_client):
    opus = ModelFactory(slug="claude-opus-4-5-20251101")
    ModelAliasFactory(model=opus, alias=opus.slug, normalized=opus.slug)
    item = queue("claude-opus-4-5-20251101-low")

    response = admin_client.post(
        CHANGELIST, {"post": "yes", "action": "attach_to_top_suggestion", "_selected_action": [item.pk]}, follow=True
    )

    assert messages_of(response) == [
        "1 id(s) left pending, the top suggestion is another mode of the release (a variant is a model of its own): "
        "claude-opus-4-5-20251101-low (claude-opus-4-5-20251101: mode low vs none)."
    ]
    assert UnresolvedIdentifier.objects.get(pk=item.pk).status == "pending"


def test_bulk_attach_never_takes_a_name_with_a_word_swapped(admin_client):
    bge = ModelFactory(slug="bge-large-en-v1-5")
    ModelAliasFactory(model=bge, alias=bge.slug, normalized="bge-large-en-v-1-5")
    item = queue("gte-large-en-v1.5", source="litellm")  # 94, and another lab's embedding model

    response = admin_client.post(
        CHANGELIST, {"post": "yes", "action": "attach_to_top_suggestion", "_selected_action": [item.pk]}, follow=True
    )

    assert messages_of(response) == [
        "1 id(s) left pending, the top suggestion's name differs in a word: "
        "gte-large-en-v1.5 (bge-large-en-v1-5: gte vs bge)."
    ]
    assert UnresolvedIdentifier.objects.get(pk=item.pk).status == "pending"
    assert not ModelAlias.objects.filter(model=bge).exclude(alias=bge.slug).exists()


def test_bulk_attach_decides_the_safe_rows_and_names_the_first_ten_it_refused(admin_client, mixtral):
    safe = queue("accounts/fireworks/models/mixtral-8x7b-instruct-hf", source="litellm")
    far = [queue(f"zzz-unrelated-{n:02}") for n in range(12)]

    response = admin_client.post(
        CHANGELIST,
        {
            "post": "yes",
            "action": "attach_to_top_suggestion",
            "_selected_action": [safe.pk, *(item.pk for item in far)],
        },
        follow=True,
    )

    named = ", ".join(f"zzz-unrelated-{n:02}" for n in range(11, 1, -1))  # the queue's order: latest first
    assert messages_of(response) == [
        "1 id(s) decided.",
        f"12 id(s) left pending, no suggestion; open them to choose a model: {named} and 2 more.",
    ]
    assert UnresolvedIdentifier.objects.pending().count() == 12


def test_bulk_create_needs_the_creator_the_source_reported(admin_client):
    ProviderFactory(slug="reka")
    known = queue("reka-flash-20240904", creator_slug="reka", name="Reka Flash")
    unknown = queue("mystery-7b")

    response = admin_client.post(
        CHANGELIST, {"post": "yes", "action": "create_models", "_selected_action": [known.pk, unknown.pk]}, follow=True
    )

    assert messages_of(response) == [
        "1 id(s) decided.",
        "mystery-7b: the source did not say who made it; open it to choose a creator",
    ]
    model = Model.objects.get()
    assert (model.slug, model.name, model.creator.slug) == ("reka-flash", "Reka Flash", "reka")


def test_bulk_ignore_marks_rows_and_records_decisions(admin_client):
    items = [queue("openrouter/auto", source="openrouter"), queue("ft:gpt-4o-mini", source="litellm")]

    admin_client.post(CHANGELIST, {"post": "yes", "action": "ignore_ids", "_selected_action": [i.pk for i in items]})

    assert set(UnresolvedIdentifier.objects.values_list("status", flat=True)) == {"ignored"}
    assert set(IdentityDecision.objects.values_list("action", flat=True)) == {"ignore"}


def test_decisions_are_listed_read_only(admin_client, sonnet):
    item = queue("anthropic/claude-3.5-sonnet", source="openrouter")
    admin_client.post(f"{CHANGELIST}{item.pk}/change/", {"decision": "attach", "resolved_model": sonnet.pk})

    response = admin_client.get("/admin/models_registry/identitydecision/")

    assert response.status_code == 200
    assert "anthropic/claude-3.5-sonnet" in response.content.decode()
    assert admin_client.get("/admin/models_registry/identitydecision/add/").status_code == 403


def test_a_curator_can_rule_for_one_source_when_the_alias_belongs_elsewhere(admin_client):
    latest = ModelFactory(slug="mistral-medium-latest")
    ModelAliasFactory(model=latest, alias="mistral-medium-latest", normalized="mistral-medium")
    old = ModelFactory(slug="mistral-medium-2312")
    item = UnresolvedIdentifier.objects.create(
        source="arena",
        raw_id="mistral-medium",
        normalized="mistral-medium",
        first_seen_at="2025-03-07T00:00:00Z",
        last_seen_at="2025-03-07T00:00:00Z",
    )

    response = admin_client.post(
        f"{CHANGELIST}{item.pk}/change/", {"decision": "attach", "resolved_model": old.pk, "source_only": "on"}
    )

    assert response.status_code == 302
    decision = IdentityDecision.objects.get()
    assert (decision.source, decision.source_only, decision.model_id) == ("arena", True, old.pk)
    assert ModelAlias.objects.get(normalized="mistral-medium").model_id == latest.pk
    assert IdentityResolver(source="arena").resolve("mistral-medium") == old
    assert IdentityResolver(source="litellm").resolve("mistral/mistral-medium") == latest


def test_bulk_create_takes_the_creator_from_the_id_when_the_source_did_not_say(admin_client):
    ProviderFactory(slug="anthropic", name="Anthropic")
    item = queue("anthropic/claude-opus-9", source="openrouter")
    other = UnresolvedIdentifier.objects.get(pk=queue("anthropic.claude-opus-9-v1:0", source="litellm").pk)

    response = admin_client.post(
        CHANGELIST, {"post": "yes", "action": "create_models", "_selected_action": [item.pk, other.pk]}, follow=True
    )

    assert messages_of(response) == ["1 id(s) decided."]  # one decision closed both rows
    model = Model.objects.get()
    assert (model.slug, model.name, model.creator.slug) == ("claude-opus-9", "claude-opus-9", "anthropic")
    assert set(UnresolvedIdentifier.objects.values_list("status", flat=True)) == {"resolved"}


def test_the_change_page_preselects_the_reported_creator(admin_client):
    reka = ProviderFactory(slug="reka")
    IdentityResolver(source="arena").queue_unresolved("reka-core-20240904", creator_slug="reka")
    item = UnresolvedIdentifier.objects.get()

    response = admin_client.get(f"{CHANGELIST}{item.pk}/change/")

    assert item.context == {"creator_slug": "reka"}
    assert response.context["adminform"].form.initial["creator"] == reka


def test_a_bulk_action_first_shows_what_it_would_decide_and_changes_nothing(admin_client, mixtral):
    safe = queue("accounts/fireworks/models/mixtral-8x7b-instruct-hf", source="litellm")
    far = queue("zzz-unrelated-9000")

    response = admin_client.post(
        CHANGELIST, {"action": "attach_to_top_suggestion", "_selected_action": [safe.pk, far.pk]}
    )

    assert response.status_code == 200
    assert response.templates[0].name.endswith("bulk_decision_confirmation.html")
    assert [(step.item.pk, step.outcome) for step in response.context["planned"]] == [
        (safe.pk, f"attach to mixtral-8x7b-instruct (score {safe.suggestions[0]['score']:g})")
    ]
    assert response.context["left_pending"] == [
        "1 id(s) left pending, no suggestion; open them to choose a model: zzz-unrelated-9000."
    ]
    body = response.content.decode()
    # The confirmation resubmits only the rows it would decide.
    assert re.findall(r'name="_selected_action" value="(\d+)"', body) == [str(safe.pk)]
    assert '<input type="hidden" name="post" value="yes">' in body
    assert 'value="Yes, decide 1 id"' in body
    assert IdentityDecision.objects.count() == 0
    assert UnresolvedIdentifier.objects.pending().count() == 2


def test_confirming_decides_only_the_rows_that_are_still_pending(admin_client, mixtral):
    safe = queue("accounts/fireworks/models/mixtral-8x7b-instruct-hf", source="litellm")
    shown = admin_client.post(CHANGELIST, {"action": "ignore_ids", "_selected_action": [safe.pk]})
    assert len(shown.context["planned"]) == 1
    # Another curator decides the row while the confirmation page is open.
    UnresolvedIdentifier.objects.filter(pk=safe.pk).update(status=UnresolvedIdentifier.Status.IGNORED)

    response = admin_client.post(
        CHANGELIST, {"post": "yes", "action": "ignore_ids", "_selected_action": [safe.pk]}, follow=True
    )

    assert messages_of(response) == []
    assert IdentityDecision.objects.count() == 0


def test_a_bulk_action_with_nothing_safe_to_do_only_says_why(admin_client, sonnet):
    variant = queue("claude-3.5-sonnet-20241022-thinking")

    response = admin_client.post(
        CHANGELIST, {"action": "attach_to_top_suggestion", "_selected_action": [variant.pk]}, follow=True
    )

    assert response.templates[0].name == "admin/change_list.html"
    assert len(messages_of(response)) == 1 and "left pending" in messages_of(response)[0]
    assert IdentityDecision.objects.count() == 0


@pytest.mark.parametrize(
    ("action", "outcome"),
    [("create_models", "create a model named 'Reka Flash' made by Reka"), ("ignore_ids", "ignore on every run")],
)
def test_each_bulk_action_says_what_it_would_do_to_each_row(admin_client, action, outcome):
    ProviderFactory(slug="reka", name="Reka")
    item = queue("reka-flash-20240904", creator_slug="reka", name="Reka Flash")

    response = admin_client.post(CHANGELIST, {"action": action, "_selected_action": [item.pk]})

    assert [step.outcome for step in response.context["planned"]] == [outcome]
    assert "reka-flash-20240904" in response.content.decode()
    assert UnresolvedIdentifier.objects.get(pk=item.pk).status == "pending"


def test_the_change_page_puts_the_suggestions_right_above_the_decision(admin_client, sonnet):
    item = queue("claude-3-5-sonnet-20241022-thinking-32k", name="Claude 3.5 Sonnet (thinking)")

    body = admin_client.get(f"{CHANGELIST}{item.pk}/change/").content.decode()

    suggestions = body.index('<div class="form-row field-suggested_models">')
    decision = body.index('<div class="form-row field-decision">')
    record = body.index('<div class="form-row field-first_seen_at">')
    assert body.index('<div class="form-row field-said">') < suggestions < decision < record
    assert "<details" in body[decision:record]  # the bookkeeping is folded away
    assert "Attach to an existing model" in body[decision:record]
