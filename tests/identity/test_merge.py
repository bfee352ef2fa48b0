"""A curator's merge of one model into another (models_registry.merge): what moves, what is refused, and how."""

from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from ingestion.models import CapabilityClaim
from ingestion.writers import Counts
from ingestion.writers.capabilities import capabilities_derive
from models_registry import merge as merge_module
from models_registry.identity.dated import dated_targets_refresh
from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.reconcile import floating_names_split
from models_registry.merge import MergeRefused, model_merge
from models_registry.models import (
    AliasObservation,
    AliasTarget,
    Endpoint,
    IdentityDecision,
    Model,
    ModelAlias,
    ModelFact,
    UnresolvedIdentifier,
)
from pricing.models import Price
from rankings.models import Score, Signal
from reviews.models import Review
from tests.factories import (
    AccountFactory,
    CapabilityFactory,
    CategoryFactory,
    EndpointFactory,
    ModelAliasFactory,
    ModelFactory,
    PriceFactory,
    ProviderFactory,
    ReviewFactory,
    ScoreFactory,
    SignalFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/models_registry/model/"


def release(slug: str, creator, released=None, **fields) -> Model:
    model = ModelFactory(slug=slug, creator=creator, release_date=released, **fields)
    ModelAliasFactory(model=model, alias=slug, normalized=normalize_model_id(slug), source="models-dev")
    return model


@pytest.fixture
def anthropic(db):
    return ProviderFactory(slug="anthropic", name="Anthropic", is_creator=True)


@pytest.fixture
def split(anthropic):
    """One release under two entries: the floating name and its only snapshot."""
    kept = release("claude-sonnet-4-5", anthropic, date(2025, 9, 29), context_window=None)
    merged = release("claude-sonnet-4-5-20250929", anthropic, date(2025, 9, 29), context_window=200000)
    return merged, kept


def test_a_merge_moves_everything_to_the_model_kept(split):
    merged, kept = split
    ModelAliasFactory(model=merged, alias="anthropic/claude-sonnet-4.5-20250929", normalized="x-or-form", source="or")
    host = ProviderFactory(slug="bedrock", is_host=True)
    endpoint = EndpointFactory(model=merged, host=host, provider_model_id="anthropic.claude-sonnet-4-5-20250929-v1:0")
    PriceFactory(endpoint=endpoint)
    signal = SignalFactory(model=merged)
    coding, math = CategoryFactory(slug="coding"), CategoryFactory(slug="math")
    ScoreFactory(model=kept, category=coding, score=80.0)
    ScoreFactory(model=merged, category=coding, score=70.0)  # the kept model's own score wins
    ScoreFactory(model=merged, category=math, score=60.0)
    both, only_merged = AccountFactory(), AccountFactory()
    ReviewFactory(model=kept, account=both, rating=5)
    ReviewFactory(model=merged, account=both, rating=2)  # one account, one review: the kept one
    ReviewFactory(model=merged, account=only_merged, rating=4)
    variant = ModelFactory(
        slug="claude-sonnet-4-5-20250929-thinking-32k",
        creator=merged.creator,
        variant_of=merged,
        variant_label="thinking-32k",
    )
    CapabilityClaim.objects.create(model=merged, source="litellm", capabilities=["tools"], as_of=date(2026, 7, 1))
    IdentityDecision.objects.create(normalized="sonnet-45", raw_id="sonnet-4.5", action="attach", model=merged)
    UnresolvedIdentifier.objects.create(
        source="arena",
        raw_id="sonnet-4.5",
        normalized="sonnet-45",
        status="resolved",
        resolved_model=merged,
        first_seen_at="2026-01-01T00:00Z",
        last_seen_at="2026-01-01T00:00Z",
    )

    result = model_merge(merged=merged, kept=kept)

    assert not Model.objects.filter(pk=merged.pk).exists()
    assert set(kept.aliases.values_list("alias", flat=True)) == {
        "claude-sonnet-4-5",
        "claude-sonnet-4-5-20250929",
        "anthropic/claude-sonnet-4.5-20250929",
    }
    assert Endpoint.objects.get(pk=endpoint.pk).model_id == kept.pk
    assert Price.objects.filter(endpoint=endpoint).count() == 1
    assert Signal.objects.get(pk=signal.pk).model_id == kept.pk
    assert set(Score.objects.filter(model=kept).values_list("category__slug", "score")) == {
        ("coding", 80.0),
        ("math", 60.0),
    }
    assert set(Review.objects.filter(model=kept).values_list("account", "rating")) == {
        (both.pk, 5),
        (only_merged.pk, 4),
    }
    assert Model.objects.get(pk=variant.pk).variant_of_id == kept.pk
    assert CapabilityClaim.objects.get().model_id == kept.pk
    assert IdentityDecision.objects.get().model_id == kept.pk
    assert UnresolvedIdentifier.objects.get().resolved_model_id == kept.pk
    kept.refresh_from_db()
    assert kept.context_window == 200000  # a gap the merged model's facts fill
    assert result.dropped == {"rankings.Score": 1, "reviews.Review": 1}
    assert result.moved["models_registry.ModelAlias"] == 2
    assert "Merged claude-sonnet-4-5-20250929 into claude-sonnet-4-5" in result.summary()


@pytest.mark.parametrize("keep", ["floating", "snapshot"])
def test_observations_of_one_snapshot_end_as_one_run_would_keep_them_whichever_model_is_kept(split, keep):
    # Two hosts of one models.dev snapshot list the release under the two ids, with other limits;
    # read after the ids were joined, the run keeps the lower id's record (SnapshotFacts.observe).
    # Two arena names of one release on one board: the better-rated stands, as in one run.
    snapshot, floating = split
    when, day = date(2026, 7, 1), timezone.make_aware(datetime(2026, 7, 1))
    stated = {
        floating: ("anthropic/claude-sonnet-4-5", 64_000, 1_450.0),
        snapshot: ("Claude-Sonnet-4-5", 32_000, 1_452.0),
    }
    for model, (said_as, output, rating) in stated.items():
        ModelFact.objects.create(
            model=model,
            field="max_output_tokens",
            source="models-dev",
            as_of=when,
            precedence=12,
            value=output,
            said_as=said_as,
        )
        SignalFactory(model=model, source="arena", dedupe_key="text/full", recorded_at=day, raw_value=rating)
    # One source's claims from two snapshots: the newer stands, and the capabilities follow it, not the union.
    for slug in ("chat", "tools", "reasoning"):
        CapabilityFactory(slug=slug, name=slug)
    for model, as_of, claimed in [(floating, when, ["chat"]), (snapshot, date(2025, 12, 31), ["chat", "tools"])]:
        CapabilityClaim.objects.create(model=model, source="models-dev", capabilities=claimed, as_of=as_of)
        capabilities_derive(model_ids=[model.pk], counts=Counts())
    merged, kept = (snapshot, floating) if keep == "floating" else (floating, snapshot)

    result = model_merge(merged=merged, kept=kept)

    fact = ModelFact.objects.get(field="max_output_tokens")
    assert (fact.model_id, fact.value, fact.said_as) == (kept.pk, 32_000, "Claude-Sonnet-4-5")
    assert list(Signal.objects.values_list("model_id", "raw_value")) == [(kept.pk, 1_452.0)]
    assert list(CapabilityClaim.objects.values_list("model_id", "as_of", "capabilities")) == [(kept.pk, when, ["chat"])]
    assert result.dropped == {
        "models_registry.ModelFact": 1,
        "rankings.Signal": 1,
        "ingestion.CapabilityClaim": 1,
        "models_registry.Model_capabilities": 1,  # both had "chat"
    }
    kept.refresh_from_db()
    assert kept.max_output_tokens == 32_000
    assert list(kept.capabilities.values_list("slug", flat=True)) == ["chat"]


@pytest.mark.parametrize("keep", ["floating", "snapshot"])
def test_one_snapshots_claims_of_the_two_ids_end_as_one_claim_of_both(split, keep):
    # Two hosts' records in one LiteLLM file, one per id: read as one model, the run claims what both say.
    snapshot, floating = split
    when = date(2026, 7, 1)
    for slug in ("chat", "tools", "vision"):
        CapabilityFactory(slug=slug, name=slug)
    for model, claimed in [(floating, ["chat", "tools"]), (snapshot, ["chat", "vision"])]:
        CapabilityClaim.objects.create(model=model, source="litellm", capabilities=claimed, as_of=when)
        capabilities_derive(model_ids=[model.pk], counts=Counts())
    merged, kept = (snapshot, floating) if keep == "floating" else (floating, snapshot)

    result = model_merge(merged=merged, kept=kept)

    claim = CapabilityClaim.objects.get()
    assert (claim.model_id, claim.as_of, claim.capabilities) == (kept.pk, when, ["chat", "tools", "vision"])
    assert result.dropped["ingestion.CapabilityClaim"] == 1
    assert sorted(kept.capabilities.values_list("slug", flat=True)) == ["chat", "tools", "vision"]


def test_the_merged_slug_stays_a_way_in(api_client, anthropic):
    kept = release("claude-opus-4-5", anthropic, date(2025, 11, 24))
    merged = ModelFactory(slug="claude-opus-45", creator=anthropic, release_date=date(2025, 11, 24))  # no alias

    model_merge(merged=merged, kept=kept)

    alias = ModelAlias.objects.get(alias="claude-opus-45")
    assert (alias.model_id, alias.source) == (kept.pk, "curator")
    response = api_client.get("/v1/models/claude-opus-45")
    assert response.status_code == 200
    assert response.json()["data"]["slug"] == "claude-opus-4-5"


def test_an_entry_split_off_and_merged_in_one_run_leaves_no_way_in_under_its_provisional_slug(anthropic):
    # reconcile.floating_names_split gives the entry it splits off a provisional slug until the run derives
    # slugs; a later rule of the same run may merge it again, and that slug was never anyone's id.
    kept = release("claude-opus-4-5", anthropic, date(2025, 11, 24))
    merged = ModelFactory(slug="--split-7-claude-opus-45", creator=anthropic, release_date=date(2025, 11, 24))
    ModelAlias.objects.create(model=merged, alias="claude-opus-45", normalized=normalize_model_id("claude-opus-45"))

    model_merge(merged=merged, kept=kept)

    assert sorted(ModelAlias.objects.filter(model=kept).values_list("alias", flat=True)) == [
        "claude-opus-4-5",
        "claude-opus-45",
    ]


def test_a_mode_both_models_have_is_merged_too(split):
    merged, kept = split
    for base in (merged, kept):
        ModelFactory(slug=f"{base.slug}-thinking", creator=base.creator, variant_of=base, variant_label="thinking")

    model_merge(merged=merged, kept=kept)

    assert list(Model.objects.filter(variant_label="thinking").values_list("slug", "variant_of")) == [
        ("claude-sonnet-4-5-thinking", kept.pk)
    ]


def test_one_mode_of_one_release_met_under_two_ids_is_merged(split):
    _, kept = split
    arena = ModelFactory(
        slug="claude-sonnet-4-5-thinking", creator=kept.creator, variant_of=kept, variant_label="thinking"
    )
    host = ModelFactory(slug="claude-sonnet-4-5-think", creator=kept.creator, variant_of=kept, variant_label="thinking")

    model_merge(merged=host, kept=arena)

    assert list(Model.objects.filter(variant_of=kept).values_list("slug", flat=True)) == ["claude-sonnet-4-5-thinking"]


def test_the_evidence_of_any_id_of_either_model_allows_a_merge(anthropic):
    # A price list made "claude-3-5-haiku" and its "-latest" pointer two entries; the card's
    # snapshot joined the pointer. Their slugs differ in "latest", their ids share the snapshot.
    bare = release("claude-3-5-haiku", anthropic, date(2024, 11, 4))
    latest = release("claude-3-5-haiku-latest", anthropic, date(2024, 10, 22))
    ModelAliasFactory(model=latest, alias="claude-3-5-haiku-20241022", normalized="claude-3-5-haiku-20241022")

    model_merge(merged=bare, kept=latest)

    assert set(latest.aliases.values_list("normalized", flat=True)) == {
        "claude-3-5-haiku",
        "claude-3-5-haiku-latest",
        "claude-3-5-haiku-20241022",
    }


@pytest.mark.parametrize(
    ("merged_slug", "kept_slug", "why"),
    [
        (
            "claude-3-5-sonnet-20240620",
            "claude-3-5-sonnet-20241022",
            "other generations (snapshot 20240620 vs 20241022)",
        ),
        ("claude-opus-4-1", "claude-opus-4-5", "other generations (version 4.1 vs 4.5)"),
        ("claude-3-5-haiku", "claude-3-5-sonnet", "differ in haiku sonnet"),
    ],
)
def test_other_generations_and_tiers_are_refused(anthropic, merged_slug, kept_slug, why):
    merged = release(merged_slug, anthropic, date(2024, 6, 20))
    kept = release(kept_slug, anthropic, date(2024, 10, 22))

    with pytest.raises(MergeRefused, match=why.replace("(", r"\(").replace(")", r"\)")):
        model_merge(merged=merged, kept=kept)

    assert Model.objects.filter(pk__in=[merged.pk, kept.pk]).count() == 2


def test_a_floating_name_never_joins_one_of_its_snapshots(db):
    openai = ProviderFactory(slug="openai", is_creator=True)
    floating = release("gpt-4o", openai, date(2024, 5, 13))
    may = release("gpt-4o-2024-05-13", openai, date(2024, 5, 13))
    release("gpt-4o-2024-08-06", openai, date(2024, 8, 6))
    dated_targets_refresh()

    with pytest.raises(MergeRefused, match="gpt-4o is a floating name that served several snapshots"):
        model_merge(merged=may, kept=floating)

    assert AliasTarget.objects.filter(floating=floating).count() == 2


def test_two_makers_and_a_mode_with_its_release_are_refused(split):
    merged, kept = split
    other = release("claude-sonnet-4-5-fw", ProviderFactory(slug="fireworks"), date(2025, 9, 29))
    mode = ModelFactory(
        slug="claude-sonnet-4-5-thinking", creator=kept.creator, variant_of=kept, variant_label="thinking"
    )

    with pytest.raises(MergeRefused, match="two makers' models are never one release"):
        model_merge(merged=other, kept=kept)
    with pytest.raises(MergeRefused, match="a release and a mode of it"):
        model_merge(merged=mode, kept=kept)
    with pytest.raises(MergeRefused, match="cannot be merged into itself"):
        model_merge(merged=kept, kept=kept)


def test_a_hosts_link_joins_a_mode_only_to_a_release_named_with_that_mode_and_brings_no_fields(db):
    xai = ProviderFactory(slug="xai", is_creator=True)
    beta = release("grok-4-20-beta-0309", xai, date(2026, 3, 1))
    Model.objects.filter(pk=beta.pk).update(family="grok-beta", knowledge_cutoff="2025-11")
    reasoning = ModelFactory(
        slug="grok-4-20-beta-0309-reasoning",
        creator=xai,
        variant_of=beta,
        variant_label="reasoning",
        family="grok-beta",
        knowledge_cutoff="2025-11",
    )
    fast = ModelFactory(slug="grok-4-20-beta-0309-fast", creator=xai, variant_of=beta, variant_label="reasoning")
    card = release("grok-4-20-0309-reasoning", xai, date(2026, 3, 9))
    other_mode = release("grok-4-20-0309-non-reasoning", xai, date(2026, 3, 9))
    Model.objects.filter(pk__in=[card.pk, other_mode.pk]).update(family="", knowledge_cutoff="")

    # Never without a host's link, nor into a release named with another mode.
    with pytest.raises(MergeRefused, match="is a variant"):
        model_merge(merged=reasoning, kept=card)
    with pytest.raises(MergeRefused, match="is a variant"):
        model_merge(merged=reasoning, kept=other_mode, linked=True)
    # The mode is the variant's label, whatever its slug says.
    with pytest.raises(MergeRefused, match="is a variant"):
        model_merge(merged=fast, kept=other_mode, linked=True)

    model_merge(merged=reasoning, kept=card, linked=True)

    card.refresh_from_db()
    assert (card.variant_of_id, card.family, card.knowledge_cutoff) == (None, "", "")
    assert set(card.aliases.values_list("normalized", flat=True)) >= {"grok-4-20-beta-0309-reasoning"}
    assert not Model.objects.filter(pk=reasoning.pk).exists()


def test_a_merge_is_all_or_nothing(split, monkeypatch):
    merged, kept = split
    endpoint = EndpointFactory(model=merged)

    def fail(**kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(merge_module, "memberships_refresh", fail)
    with pytest.raises(RuntimeError):
        model_merge(merged=merged, kept=kept)

    assert Model.objects.filter(pk=merged.pk).exists()
    assert Endpoint.objects.get(pk=endpoint.pk).model_id == merged.pk
    assert merged.aliases.count() == 1


def test_dated_targets_and_observations_follow_a_merged_floating_name(db):
    openai = ProviderFactory(slug="openai", is_creator=True)
    floating = release("gpt-4o", openai, date(2024, 5, 13))
    twin = ModelFactory(slug="gpt4o", creator=openai, release_date=date(2024, 5, 13))
    may = release("gpt-4o-2024-05-13", openai, date(2024, 5, 13))
    release("gpt-4o-2024-08-06", openai, date(2024, 8, 6))
    AliasObservation.objects.create(floating=twin, target=may, source="models-dev", as_of=date(2024, 6, 1))

    model_merge(merged=twin, kept=floating)

    assert AliasObservation.objects.get().floating_id == floating.pk
    assert AliasTarget.objects.filter(floating=floating).count() == 2


# --- the command and the admin action call the same service ---------------------------------


def test_the_command_merges_and_explains_a_refusal(split, capsys):
    merged, kept = split
    other = release("claude-opus-4-5", kept.creator, date(2025, 11, 24))

    with pytest.raises(CommandError, match="Refused: claude-opus-4-5 and claude-sonnet-4-5 differ in opus sonnet"):
        call_command("merge_models", "claude-opus-4-5", "claude-sonnet-4-5")
    with pytest.raises(CommandError, match='No model has the slug or alias "nope"'):
        call_command("merge_models", "nope", "claude-sonnet-4-5")

    call_command("merge_models", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5")

    assert "Merged claude-sonnet-4-5-20250929 into claude-sonnet-4-5" in capsys.readouterr().out
    assert set(Model.objects.values_list("slug", flat=True)) == {kept.slug, other.slug}
    # A curator's merge is a ruling: a maker naming a second snapshot later parts nothing.
    ruling = IdentityDecision.objects.get()
    assert (ruling.raw_id, ruling.action, ruling.model) == ("claude-sonnet-4-5-20250929", "attach", kept)
    assert floating_names_split(["claude-sonnet-4-5-20251201"]) == []
    assert set(Model.objects.get(pk=kept.pk).aliases.values_list("normalized", flat=True)) >= {
        "claude-sonnet-4-5",
        "claude-sonnet-4-5-20250929",
    }


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("curator", "curator@example.com", "pw-for-tests-only"))
    return client


def test_the_admin_action_asks_for_the_model_kept_then_merges(admin_client, split):
    merged, kept = split
    selected = {"action": "merge_into_another", "_selected_action": [merged.pk]}

    page = admin_client.post(CHANGELIST, selected)
    assert page.status_code == 200
    assert b"Model kept (slug or alias)" in page.content

    refused = admin_client.post(
        CHANGELIST, {**selected, "kept": "claude-sonnet-4-5-20250929", "apply": "Merge"}, follow=True
    )
    assert "Refused: A model cannot be merged into itself." in refused.content.decode()

    done = admin_client.post(CHANGELIST, {**selected, "kept": "claude-sonnet-4-5", "apply": "Merge"}, follow=True)
    assert "Merged claude-sonnet-4-5-20250929 into claude-sonnet-4-5" in done.content.decode()
    assert not Model.objects.filter(pk=merged.pk).exists()
    ruling = IdentityDecision.objects.get()
    assert (ruling.raw_id, ruling.model, ruling.decided_by.username) == ("claude-sonnet-4-5-20250929", kept, "curator")


def test_the_admin_action_merges_one_model_at_a_time(admin_client, split):
    response = admin_client.post(
        CHANGELIST, {"action": "merge_into_another", "_selected_action": [m.pk for m in split]}, follow=True
    )

    assert "Select exactly one model to merge into another." in response.content.decode()
    assert Model.objects.count() == 2
