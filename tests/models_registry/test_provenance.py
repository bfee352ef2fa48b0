"""The served value of a model's fact: derived from every observation, whatever the order they came in."""

from datetime import date
from itertools import permutations

import pytest
from django.core.exceptions import ValidationError

from models_registry.models import Model, ModelFact
from models_registry.provenance import (
    Observed,
    SnapshotFacts,
    fact_pin,
    fact_unpin,
    facts_derive,
    precedence_of,
    served_observation,
    variants_follow,
)
from tests.factories import ModelFactory, ProviderFactory


def served_in_every_order(field: str, *observations: Observed) -> Observed:
    """The observation served for ``field``, the same whatever order the observations come in."""
    served = {served_observation(field, order) for order in permutations(observations)}
    assert len(served) == 1, served
    return served.pop()


def test_per_source_the_newest_snapshot_speaks_and_across_sources_precedence_decides():
    old_card = Observed("models-dev", date(2025, 12, 31), 0, 128000)
    new_card = Observed("models-dev", date(2026, 7, 1), 0, 200000)
    newer_host = Observed("openrouter", date(2026, 8, 1), 12, 1000000)

    for order in permutations([old_card, new_card, newer_host]):
        assert served_observation("context_window", order) == new_card


def test_a_lab_card_a_newer_snapshot_dropped_still_speaks_before_that_snapshots_host_listing():
    # models.dev of 2025-12-31 had Google's card; the 2026-07-01 snapshot lists the preview only on a host.
    card = Observed("models-dev", date(2025, 12, 31), 1, "Gemini 2.5 Pro Preview 06-05")
    listing = Observed("models-dev", date(2026, 7, 1), 12, "gemini-2.5-pro-preview-06-05")
    assert served_in_every_order("name", card, listing) == card
    card_date = Observed("models-dev", date(2025, 12, 31), 1, "2025-06-05")
    listing_date = Observed("models-dev", date(2026, 7, 1), 12, "2026-01-01")
    assert served_in_every_order("release_date", card_date, listing_date) == card_date
    # A newer card of the same source is the maker's newer word.
    newer_card = Observed("models-dev", date(2026, 7, 1), 1, "Gemini 2.5 Pro Preview")
    assert served_observation("name", [card, listing, newer_card]) == newer_card


def test_a_generators_type_beats_the_default_from_any_source():
    maker = Observed("models-dev", date(2026, 7, 1), 0, "large-language-model")
    lister = Observed("litellm", date(2026, 7, 1), 12, "image-generation-model")

    assert served_observation("model_type", [maker, lister]) == lister


def test_equal_precedence_goes_to_the_source_first_in_order_then_the_newer_snapshot():
    litellm = Observed("litellm", date(2026, 9, 1), 12, "Name A")
    openrouter = Observed("openrouter", date(2026, 7, 1), 12, "Name B")

    assert served_observation("name", [litellm, openrouter]) == openrouter


def test_a_name_that_repeats_an_id_yields_to_a_listings_display_name_but_never_to_a_makers_own():
    library_tag = Observed("litellm", date(2026, 9, 1), 12, "ministral-3:8b")
    host_name = Observed("genai-prices", date(2026, 8, 21), 12, "Ministral 3 8B")
    assert served_in_every_order("name", library_tag, host_name) == host_name

    # The maker calls it so: its own word stands.
    maker = Observed("models-dev", date(2026, 7, 1), 0, "gpt-oss-20b")
    assert served_observation("name", [maker, Observed("litellm", date(2026, 9, 1), 12, "GPT OSS 20B")]) == maker
    # Only ids to read: the usual order.
    other_tag = Observed("openrouter", date(2026, 7, 1), 12, "ministral-3-8b")
    assert served_observation("name", [library_tag, other_tag]) == other_tag


def test_only_the_reference_catalogs_maker_records_correct():
    assert precedence_of(authority=0, corrects=True) == 0
    assert precedence_of(authority=1, corrects=True) == 1
    assert precedence_of(authority=2, corrects=True) == 12
    assert precedence_of(authority=1, corrects=False) == 11


@pytest.mark.django_db
@pytest.mark.parametrize("order", [("models-dev", "litellm"), ("litellm", "models-dev")])
def test_two_sources_give_the_same_served_values_in_either_order(order):
    model = ModelFactory(name="placeholder", context_window=None)
    said = {
        "models-dev": (date(2026, 7, 1), 0, {"name": "Seer 2", "context_window": 200000}),
        "litellm": (date(2026, 9, 1), 12, {"name": "seer-2", "context_window": 128000, "max_output_tokens": 8192}),
    }
    for source in order:
        as_of, precedence, facts = said[source]
        snapshot = SnapshotFacts(source=source, as_of=as_of)
        for field, value in facts.items():
            snapshot.observe(model.pk, field, value, precedence=precedence)
        snapshot.save()
        facts_derive([model.pk])

    model.refresh_from_db()
    assert (model.name, model.context_window, model.max_output_tokens) == ("Seer 2", 200000, 8192)
    assert ModelFact.objects.filter(model=model, pinned=False).count() == 5


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_of_several_ids_of_one_model_in_a_snapshot_the_most_authoritative_then_the_first_id_speaks(order):
    model = ModelFactory(max_output_tokens=None)
    records = [
        ("qwen3-235b-a22b-thinking", 12, 81_920),
        ("alibaba/qwen3-235b-a22b-thinking", 12, 32_768),
        ("Qwen/Qwen3-235B-A22B-Thinking-2507", 12, 131_072),
    ]
    snapshot = SnapshotFacts(source="models-dev", as_of=date(2026, 7, 1))
    for index in order:
        said_as, precedence, output = records[index]
        snapshot.observe(model.pk, "max_output_tokens", output, precedence=precedence, said_as=said_as)
    snapshot.save()

    fact = ModelFact.objects.get(model=model)
    assert (fact.value, fact.said_as) == (131_072, "Qwen/Qwen3-235B-A22B-Thinking-2507")

    # A maker's record of the same snapshot outranks every host's id, whatever it is called.
    snapshot.observe(model.pk, "max_output_tokens", 262_144, precedence=1, said_as="qwen3-235b-a22b-thinking-2507")
    assert snapshot.save() == 1
    fact.refresh_from_db()
    assert (fact.value, fact.precedence, fact.said_as) == (262_144, 1, "qwen3-235b-a22b-thinking-2507")


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_of_several_listings_of_one_rank_in_a_snapshot_a_display_name_names_the_model(order):
    model = ModelFactory(name="placeholder")
    records = [("ministral-3:8b", "ministral-3:8b"), ("mistral.ministral-3-8b-instruct", "Ministral 3 8B")]
    snapshot = SnapshotFacts(source="models-dev", as_of=date(2026, 7, 1))
    for index in order:
        said_as, name = records[index]
        snapshot.observe(model.pk, "name", name, precedence=12, said_as=said_as)
    snapshot.save()
    facts_derive([model.pk])

    model.refresh_from_db()
    assert model.name == "Ministral 3 8B"
    fact = ModelFact.objects.get(model=model, field="name")
    assert (fact.value, fact.said_as) == ("Ministral 3 8B", "mistral.ministral-3-8b-instruct")


@pytest.mark.django_db
def test_a_pin_wins_until_it_is_removed(django_user_model):
    curator = django_user_model.objects.create_user("curator")
    model = ModelFactory(release_date=None)
    ModelFact.objects.create(
        model=model, field="release_date", source="models-dev", as_of=date(2026, 7, 1), value="2026-05-01"
    )
    facts_derive([model.pk])
    assert Model.objects.get(pk=model.pk).release_date == date(2026, 5, 1)

    pin = fact_pin(model=model, field="release_date", value="2026-04-20", author=curator, note="launch post")

    assert Model.objects.get(pk=model.pk).release_date == date(2026, 4, 20)
    assert (pin.source, pin.pinned, pin.author, pin.value) == ("curator", True, curator, "2026-04-20")
    fact_unpin(pin=pin)
    assert Model.objects.get(pk=model.pk).release_date == date(2026, 5, 1)


@pytest.mark.django_db
def test_a_pin_of_a_bad_value_is_refused_and_nothing_is_written():
    model = ModelFactory()
    with pytest.raises(ValidationError):
        fact_pin(model=model, field="context_window", value="lots")
    with pytest.raises(ValidationError):
        fact_pin(model=model, field="status", value="gone")
    assert not ModelFact.objects.filter(model=model).exists()


@pytest.mark.django_db
def test_a_variant_has_its_releases_facts_and_follows_every_change_of_them(django_user_model):
    base = ModelFactory(name="GPT-5.1", release_date=date(2025, 11, 13), context_window=400000, max_output_tokens=None)
    variant = ModelFactory(
        name="gpt-5.1-high",
        creator=base.creator,
        release_date=None,
        context_window=None,
        max_output_tokens=64000,
        variant_of=base,
        variant_label="high",
    )
    # The Arena's "gpt-5.1-high" read with a host's name for it: the release's facts win, its own fill gaps.
    snapshot = SnapshotFacts(source="openrouter", as_of=date(2026, 7, 1))
    snapshot.observe(variant.pk, "name", "GPT 5.1 High", precedence=12)
    snapshot.observe(variant.pk, "max_output_tokens", 128000, precedence=12)
    snapshot.save()
    facts_derive([variant.pk])

    variant.refresh_from_db()
    assert (variant.name, variant.release_date, variant.context_window, variant.max_output_tokens) == (
        "GPT-5.1 (high)",
        date(2025, 11, 13),
        400000,
        128000,
    )

    # A curator renames the release: its mode follows. A pin on the mode wins.
    fact_pin(model=base, field="name", value="GPT-5.1 Thinking", author=django_user_model.objects.create_user("c"))
    assert Model.objects.get(pk=variant.pk).name == "GPT-5.1 Thinking (high)"
    fact_pin(model=variant, field="name", value="GPT-5.1 High effort")
    facts_derive([base.pk])
    assert Model.objects.get(pk=variant.pk).name == "GPT-5.1 High effort"

    # The listings retire the release (no host serves it any more): its mode is retired with it.
    Model.objects.filter(pk=base.pk).update(status=Model.Status.RETIRED)
    assert variants_follow() == {variant.pk}
    assert Model.objects.get(pk=variant.pk).status == Model.Status.RETIRED
    assert variants_follow() == set()


@pytest.mark.django_db
@pytest.mark.parametrize("order", [("host", "card"), ("card", "host")])
def test_the_creator_is_the_best_observations_whichever_came_first(order):
    maker, reseller = ProviderFactory(slug="deepseek"), ProviderFactory(slug="alibaba")
    model = ModelFactory(creator=reseller)
    said = {
        "host": ("litellm", date(2026, 9, 1), 12, "alibaba"),
        "card": ("models-dev", date(2026, 7, 1), 0, "deepseek"),
    }
    for step in order:
        source, as_of, precedence, creator = said[step]
        snapshot = SnapshotFacts(source=source, as_of=as_of)
        snapshot.observe(model.pk, "creator", creator, precedence=precedence)
        snapshot.save()
        facts_derive([model.pk])

    assert Model.objects.get(pk=model.pk).creator == maker


@pytest.mark.django_db
def test_a_pinned_creator_wins_over_the_makers_card_and_its_modes_follow_it(django_user_model):
    card_says, curator_says = ProviderFactory(slug="kuaishou"), ProviderFactory(slug="kwaipilot")
    model = ModelFactory(creator=card_says)
    mode = ModelFactory(creator=card_says, variant_of=model, variant_label="high")
    ModelFact.objects.create(
        model=model, field="creator", source="models-dev", as_of=date(2026, 7, 1), value="kuaishou"
    )

    pin = fact_pin(model=model, field="creator", value=curator_says, author=django_user_model.objects.create_user("c"))
    facts_derive([model.pk])

    assert (pin.value, Model.objects.get(pk=model.pk).creator, Model.objects.get(pk=mode.pk).creator) == (
        "kwaipilot",
        curator_says,
        curator_says,
    )
    fact_unpin(pin=pin)
    assert (Model.objects.get(pk=model.pk).creator, Model.objects.get(pk=mode.pk).creator) == (card_says, card_says)


@pytest.mark.django_db
def test_a_pin_of_a_creator_that_is_no_provider_is_refused():
    model = ModelFactory()
    with pytest.raises(ValidationError):
        fact_pin(model=model, field="creator", value="nobody-at-all")
    assert not ModelFact.objects.filter(model=model).exists()
