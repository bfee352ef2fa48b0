"""Pure rules of one release under several names: snapshots, same names, variants, hosts' links (no database)."""

from datetime import date

import pytest

from ingestion.sources.providers import closed_brand_creator, publisher_creator, sole_brand_creator
from ingestion.writers.catalog import is_deployment
from models_registry.identity import normalize_model_id
from models_registry.identity.normalize import SizeTag, served_chat_releases, size_tag, without_deployment_marks
from models_registry.identity.reconcile import names_its_weights
from models_registry.identity.releases import (
    ReleaseFacts,
    SnapshotTag,
    active_parameters_dropped,
    host_link_plausible,
    same_release,
    snapshot_split,
)
from models_registry.identity.variants import split_variant

LLM = "large-language-model"


def facts(raw_id, creator="openai", name="", released=None, model_type=LLM):
    return ReleaseFacts(normalize_model_id(raw_id), creator, name, released, model_type)


@pytest.mark.parametrize(
    ("raw_id", "floating", "tag"),
    [
        ("gpt-4.1-2025-04-14", "gpt-4-1", SnapshotTag("20250414", 2025, 4, 14)),
        ("command-a-03-2025", "command-a", SnapshotTag("03-2025", 2025, 3)),
        ("mistral-large-2411", "mistral-large", SnapshotTag("2411", 2024, 11)),
        ("gpt-4-0613", "gpt-4", SnapshotTag("0613", None, 6, 13)),
        ("kimi-k2-thinking-251104", "kimi-k-2-thinking", SnapshotTag("251104", 2025, 11, 4)),
    ],
)
def test_it_reads_the_snapshot_tag_off_an_id(raw_id, floating, tag):
    assert snapshot_split(normalize_model_id(raw_id)) == (floating, tag)


@pytest.mark.parametrize("raw_id", ["gpt-4o", "qwen3-235b-a22b", "gemini-1.5-pro-002", "llama-3.1-8b"])
def test_an_id_without_a_snapshot_tag_has_none(raw_id):
    assert snapshot_split(normalize_model_id(raw_id)) is None


def test_a_floating_name_is_its_only_snapshot_when_the_date_agrees():
    floating = facts("gpt-4.1", name="GPT-4.1", released=date(2025, 4, 14))
    snapshot = facts("gpt-4.1-2025-04-14", name="gpt-4.1-2025-04-14")
    tags = {"gpt-4-1": {"20250414"}}

    assert same_release(snapshot, floating, snapshot_tags=tags) == "snapshot"
    assert same_release(floating, snapshot, snapshot_tags=tags) == "snapshot"


def test_a_name_that_served_several_snapshots_joins_none():
    gpt_4o = facts("gpt-4o", name="GPT-4o", released=date(2024, 5, 13))
    first = facts("gpt-4o-2024-05-13", name="GPT-4o (2024-05-13)")
    tags = {"gpt-4o": {"20240513", "20240806", "20241120"}}

    assert same_release(first, gpt_4o, snapshot_tags=tags) is None


def test_a_snapshot_far_from_the_release_date_is_another_release():
    floating = facts("claude-opus-4-5", creator="anthropic", released=date(2026, 1, 20))
    snapshot = facts("claude-opus-4-5-20251101", creator="anthropic")

    assert same_release(snapshot, floating, snapshot_tags={}) is None


def test_a_hosts_date_dates_a_floating_name_its_maker_has_not_dated():
    # Hosts date Claude 3 Opus by its snapshot; no record of Anthropic's dates the floating name.
    floating = ReleaseFacts("claude-3-opus", "anthropic", host_dates=frozenset({date(2024, 2, 29)}))
    snapshot = facts("claude-3-opus-20240229", creator="anthropic")

    assert same_release(snapshot, floating, snapshot_tags={}) == "snapshot"
    assert same_release(floating, snapshot, snapshot_tags={}) == "snapshot"


@pytest.mark.parametrize(
    ("maker", "floating_id", "released", "snapshot_id", "host_date"),
    [
        # A host that serves R1-0528 as "deepseek-ai/DeepSeek-R1" dates the name by that snapshot.
        ("deepseek", "deepseek-r1", date(2025, 1, 20), "deepseek-r1-0528", date(2025, 5, 28)),
        ("mistral", "mistral-medium", date(2023, 12, 11), "mistral-medium-2505", date(2025, 5, 7)),
        # A tag without a year, of the year after a December release.
        ("deepseek", "deepseek-v3", date(2024, 12, 26), "deepseek-v3-0324", date(2025, 3, 24)),
    ],
)
def test_a_hosts_date_never_joins_a_name_its_maker_released_long_before_the_snapshot(
    maker, floating_id, released, snapshot_id, host_date
):
    floating = ReleaseFacts(
        normalize_model_id(floating_id),
        maker,
        release_dates=frozenset({released}),
        host_dates=frozenset({host_date}),
    )
    snapshot = facts(snapshot_id, creator=maker)

    assert same_release(snapshot, floating, snapshot_tags={}) is None
    assert same_release(floating, snapshot, snapshot_tags={}) is None


def test_a_makers_date_agreeing_with_the_snapshot_joins_whatever_else_it_dated():
    # OpenAI dates gpt-4-turbo by its first preview too; its own record of the April snapshot joins.
    floating = ReleaseFacts("gpt-4-turbo", "openai", release_dates=frozenset({date(2023, 11, 6), date(2024, 4, 9)}))
    snapshot = facts("gpt-4-turbo-2024-04-09")

    assert same_release(snapshot, floating, snapshot_tags={}) == "snapshot"


@pytest.mark.parametrize(
    ("tag", "released", "long_after"),
    [
        (SnapshotTag("0528", None, 5, 28), date(2025, 1, 20), True),
        (SnapshotTag("0528", None, 5, 28), date(2025, 5, 20), False),
        (SnapshotTag("20240229", 2024, 2, 29), date(2024, 3, 4), False),
        (SnapshotTag("2505", 2025, 5), date(2025, 4, 2), False),
        (SnapshotTag("2505", 2025, 5), date(2025, 3, 2), True),
        (SnapshotTag("v2", None, None), date(2020, 1, 1), False),
        # A tag without a year: of the release's year, or of the next when that would be long before it.
        (SnapshotTag("0324", None, 3, 24), date(2024, 12, 26), True),
        (SnapshotTag("1120", None, 11, 20), date(2024, 12, 5), False),
        (SnapshotTag("1201", None, 12, 1), date(2024, 12, 26), False),
    ],
)
def test_a_tag_dates_long_after_a_release_beyond_the_snapshot_tolerance(tag, released, long_after):
    assert tag.dates_long_after(released) is long_after


def test_a_snapshot_dated_weeks_before_the_release_joins_only_what_its_maker_names_alike():
    # Anthropic dated Claude Opus 4.5's only snapshot 2025-11-01 and released it on 2025-11-24.
    tags = {"claude-opus-4-5": {"20251101"}}
    floating = facts("claude-opus-4-5", creator="anthropic", name="Claude Opus 4.5", released=date(2025, 11, 24))
    snapshot = facts("claude-opus-4-5-20251101", creator="anthropic", name="Claude Opus 4.5")
    unnamed = facts("claude-opus-4-5-20251101", creator="anthropic")
    after = facts("claude-opus-4-5", creator="anthropic", name="Claude Opus 4.5", released=date(2025, 10, 1))
    months_later = facts("claude-opus-4-5", creator="anthropic", name="Claude Opus 4.5", released=date(2026, 1, 20))

    assert same_release(snapshot, floating, snapshot_tags=tags) == "snapshot"
    assert same_release(floating, snapshot, snapshot_tags=tags) == "snapshot"
    assert same_release(unnamed, floating, snapshot_tags=tags) is None  # the maker's name is the evidence
    assert same_release(snapshot, after, snapshot_tags=tags) is None  # a tag after the release, weeks later
    assert same_release(snapshot, months_later, snapshot_tags=tags) is None
    assert same_release(snapshot, floating, snapshot_tags={"claude-opus-4-5": {"20251101", "20260301"}}) is None


def test_one_release_under_two_spellings_by_the_makers_name_and_date():
    api = facts("mistral-medium-2505", creator="mistral", name="Mistral Medium 3", released=date(2025, 5, 7))
    card = facts("mistral-medium-3", creator="mistral", name="Mistral Medium 3", released=date(2025, 5, 7))
    latest = facts("codestral-latest", creator="mistral", name="Codestral (latest)", released=date(2025, 1, 13))
    bare = facts("codestral", creator="mistral", name="Codestral", released=date(2025, 1, 15))

    assert same_release(card, api, snapshot_tags={}) == "same-name"
    assert same_release(bare, latest, snapshot_tags={}) == "same-name"


@pytest.mark.parametrize(
    ("host_id", "maker_id", "maker"),
    [
        ("Cohere-embed-v3-english", "embed-english-v3.0", "cohere"),
        ("cohere-rerank-v3-multilingual", "rerank-multilingual-v3.0", "cohere"),
        ("moonshot-kimi-k2-instruct", "kimi-k2-instruct", "moonshotai"),
        # Whichever side the maker is known on.
        ("minimax/h3/text-to-video", "MiniMax-H3", "minimax"),
    ],
)
def test_a_release_written_with_its_makers_name_first_is_that_release(host_id, maker_id, maker):
    host = facts(host_id, creator=None)
    release = facts(maker_id, creator=maker)

    assert same_release(host, release, snapshot_tags={}) == "spelling"
    assert same_release(release, host, snapshot_tags={}) == "spelling"
    assert same_release(facts(host_id, creator=maker), facts(maker_id, creator=None), snapshot_tags={}) == "spelling"


@pytest.mark.parametrize(
    ("branded_id", "maker_id", "maker"),
    [
        ("doubao-seed-1.6", "bytedance-seed/seed-1.6", "bytedance"),
        ("doubao-seed-2.0-lite", "seed-2.0-lite", "bytedance"),
        ("gemini-gemma-2-9b-it", "gemma2-9b-it", "google"),
    ],
)
def test_a_release_written_with_its_makers_brand_first_is_that_release_when_both_are_the_makers(
    branded_id, maker_id, maker
):
    branded = facts(branded_id, creator=maker)
    release = facts(maker_id, creator=maker)

    assert same_release(branded, release, snapshot_tags={}) == "spelling"
    assert same_release(release, branded, snapshot_tags={}) == "spelling"
    # A brand leads the maker's derivatives of others' releases too: an id of no known maker waits.
    assert same_release(branded, facts(maker_id, creator=None), snapshot_tags={}) is None
    assert same_release(facts(branded_id, creator=None), release, snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("host_id", "maker_id", "maker"),
    [
        # Another lab's name before the id names no release of this maker.
        ("databricks-gemma-3-12b", "gemma-3-12b", "google"),
        ("snowflake-llama-3.1-405b", "llama-3.1-405b", "meta"),
        # The rest must be the release, not another size or tier of it.
        ("inception-mercury-coder-small", "mercury-coder", "inception"),
        ("cohere-embed-v3-english-light", "embed-english-v3.0", "cohere"),
        # What is left must name a release by a version or size, not a word anyone lists.
        ("deepseek-chat", "chat", "deepseek"),
        ("mistral-small", "small", "mistral"),
        # A two-letter word is no one's name ("xai" without "ai").
        ("x-grok-4", "grok-4", "xai"),
        # A brand before a version code or a word of purpose or tier may name another product:
        # a preset of Perplexity's is not its Sonar model, nor Gemini's embedding model Google's older one.
        ("sonar-deep-research", "preset/deep-research", "perplexity"),
        ("kimi-k2.7", "k2p7", "moonshotai"),
        ("gemini-embedding-001", "embedding-001", "google"),
        ("doubao-pro-1.5", "pro-1.5", "bytedance"),
        # Nor does another lab's brand before it name this maker's release.
        ("qwen-seed-1.6", "seed-1.6", "bytedance"),
        # A brand also leads the maker's derivative of another lab's release.
        ("oasst-pythia-12b", "pythia-12b", "openassistant"),
        # A brand before a product line's name and another version, tier or date is another release.
        ("doubao-seed-1.6-flash", "seed-1.6", "bytedance"),
        ("doubao-seed-1-6-250615", "seed-1-6-250915", "bytedance"),
        # The maker's name before another snapshot, size or tier is still another release.
        ("cohere-rerank-v3.5", "rerank-v3.0", "cohere"),
        ("moonshot-kimi-k2-thinking", "kimi-k2", "moonshotai"),
    ],
)
def test_a_name_before_an_id_that_is_not_its_makers_joins_nothing(host_id, maker_id, maker):
    host = facts(host_id, creator=None)
    release = facts(maker_id, creator=maker)

    assert same_release(host, release, snapshot_tags={}) is None
    assert same_release(release, host, snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("api_id", "name", "other_id"),
    [
        # Mistral's API drops the generation Ministral 3's repositories and its own name carry.
        ("mistral/ministral-14b-2512", "Ministral 3 14B 2512", "ministral-3-14b-2512"),
        ("ministral-3b-2512", "Ministral 3 3B 2512", "mistralai/Ministral-3-3B-Instruct-2512"),
    ],
)
def test_a_dated_release_its_maker_names_by_another_id_of_that_date_is_that_release(api_id, name, other_id):
    named = facts(api_id, creator="mistral", name=name)
    other = facts(other_id, creator="mistral")

    assert same_release(named, other, snapshot_tags={}) == "named-as"
    assert same_release(other, named, snapshot_tags={}) == "named-as"


@pytest.mark.parametrize(
    ("api_id", "name", "other_id"),
    [
        # A floating name is never joined to one snapshot by its name (it has no tag of its own).
        ("pixtral-large", "Pixtral Large 2411", "pixtral-large-2411"),
        ("mistral-large-latest", "Mistral Large 2411", "mistral-large-2411"),
        # Another snapshot's date.
        ("ministral-14b-2512", "Ministral 3 14B 2510", "ministral-3-14b-2510"),
        # A name that says another size or tier than the ids do.
        ("ministral-8b-2512", "Ministral 3 14B 2512", "ministral-3-14b-2512"),
        ("mistral-small-2506", "Mistral Medium 2506", "mistral-medium-2506"),
        # A rated mode is a variant, never the release.
        ("kimi-k2-0711-thinking", "Kimi K2 0711", "kimi-k2-0711"),
        # Only an id that ends in its tag is dated: a stage word after it says no more than the name.
        ("kimi-k2-0711-preview", "Kimi K2 0711", "kimi-k2-0711"),
        # Names that only repeat the id say nothing.
        ("codestral-2501", "codestral-mamba-2501", "codestral-mamba-2501"),
    ],
)
def test_a_name_reading_as_another_id_never_joins_what_the_ids_tell_apart(api_id, name, other_id):
    named = facts(api_id, creator="mistral", name=name)
    other = facts(other_id, creator="mistral")

    assert same_release(named, other, snapshot_tags={}) is None
    assert same_release(other, named, snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("api_id", "weights_id"),
    [
        # Mistral's API names a dated release by its line, its weights' repository adds the
        # version, sizes and edition; nothing either id's maker calls them is needed.
        ("mistral-small-2503", "mistralai/Mistral-Small-3.1-24B-Instruct-2503"),
        ("mistral-large-2512", "mistral-large-3-675b-instruct-2512"),
        ("voxtral-small-2507", "mistralai/Voxtral-Small-24B-2507"),
        ("mistral-small-2603", "mistral-small-4-119b-2603"),
        ("ministral-14b-2512", "ministral-3-14b-2512"),
    ],
)
def test_a_dated_release_and_its_weights_name_are_one_release(api_id, weights_id):
    api = facts(api_id, creator="mistral")
    weights = facts(weights_id, creator=None)

    assert same_release(api, weights, snapshot_tags={}) == "weights-name"
    assert same_release(weights, api, snapshot_tags={}) == "weights-name"


@pytest.mark.parametrize(
    ("api_id", "weights_id"),
    [
        # Another month, another size than the API's id names, another edition, tier or mode.
        ("mistral-small-2503", "mistral-small-3-2-24b-instruct-2506"),
        ("ministral-3b-2512", "ministral-3-8b-instruct-2512"),
        ("mistral-small-2503", "mistral-small-3-1-24b-base-2503"),
        ("mistral-small-2506", "mistral-medium-3-2506"),
        ("magistral-small-2509", "magistral-small-1-2-24b-thinking-2509"),
        # An API's id with a version of its own is compared with others by its spellings, never so.
        ("mistral-small-3-2503", "mistral-small-3-1-24b-2503"),
        # A tag without its year dates no release precisely enough.
        ("kimi-k2-0711", "kimi-k2-1t-0711"),
        # The words in another order are another product.
        ("small-mistral-2503", "mistral-small-3-1-24b-2503"),
    ],
)
def test_a_weights_name_never_joins_another_date_size_edition_or_tier(api_id, weights_id):
    api = facts(api_id, creator="mistral")
    weights = facts(weights_id, creator="mistral")

    assert same_release(api, weights, snapshot_tags={}) is None
    assert same_release(weights, api, snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("host_id", "release_id", "maker", "makers_name"),
    [
        # Mistral calls its dated API release by its version; hosts list it so.
        ("mistral-small3.2", "mistral-small-2506", "mistral", "Mistral Small 3.2"),
        ("mistral/devstral-small-2", "labs-devstral-small-2512", "mistral", "Devstral Small 2"),
        # Anthropic calls the October snapshot "v2"; Helicone lists it as such.
        ("claude-3.5-sonnet-v2", "claude-3-5-sonnet-20241022", "anthropic", "Claude Sonnet 3.5 v2"),
    ],
)
def test_an_id_its_maker_calls_a_release_by_is_that_release(host_id, release_id, maker, makers_name):
    host = facts(host_id, creator=None)
    release = facts(release_id, creator=maker, name=makers_name)

    assert same_release(host, release, snapshot_tags={}) == "maker-name"
    assert same_release(release, host, snapshot_tags={}) == "maker-name"


@pytest.mark.parametrize(
    ("host_id", "release_id", "maker", "makers_name"),
    [
        # The snapshot's own floating name, as written or in another order: rule snapshot weighs their dates.
        ("gpt-4", "gpt-4-0613", "openai", "GPT-4"),
        ("gemini-pro-1.5", "gemini-1.5-pro-20240924", "google", "Gemini 1.5 Pro"),
        # A snapshot whose id extends the listed one with other words (a name its maker reuses for a line).
        ("gemini-2.5-flash", "gemini-2.5-flash-image-20251002", "google", "Gemini 2.5 Flash"),
        # Ids that differ in a size or tier, whatever the name says.
        ("devstral-2", "devstral-medium-2507", "mistral", "Devstral 2"),
        ("mistral-small-3-24b", "mistral-small-3-22b-2501", "mistral", "Mistral Small 3 24B"),
        # A preview its maker calls by the name of the release it precedes.
        ("gpt-image-2", "gpt-image-preview-0415", "openai", "GPT Image 2"),
        # A bare word names too little.
        ("saba", "mistral-saba-2502", "mistral", "Saba"),
        # A floating name, a pointer or an edition is called by what it serves or is named after:
        # DeepSeek's "deepseek-chat" was "DeepSeek V3.2"; OpenAI calls "gpt-4-32k" "GPT-4" too.
        ("deepseek-v3.2", "deepseek-chat", "deepseek", "DeepSeek V3.2"),
        ("mistral-small-3.2", "mistral-small-latest", "mistral", "Mistral Small 3.2"),
        ("gpt-4", "gpt-4-32k", "openai", "GPT-4"),
        ("gemma-3-27b", "gemma-3-27b-it", "google", "Gemma 3 27B"),
    ],
)
def test_a_makers_name_never_joins_ids_that_extend_or_tell_each_other_apart(host_id, release_id, maker, makers_name):
    host = facts(host_id, creator=None)
    release = facts(release_id, creator=maker, name=makers_name)

    assert same_release(host, release, snapshot_tags={}) is None
    assert same_release(release, host, snapshot_tags={}) is None


def test_a_makers_name_never_joins_an_id_its_maker_speaks_for():
    # DeepSeek names and dates its own "deepseek-v3": the maker keeps its releases apart itself.
    makers_own = facts("deepseek-v3", creator="deepseek", name="DeepSeek V3", released=date(2024, 12, 26))
    snapshot = facts("deepseek-chat-v3-0324", creator="deepseek", name="DeepSeek V3")

    assert same_release(makers_own, snapshot, snapshot_tags={}) is None
    assert same_release(snapshot, makers_own, snapshot_tags={}) is None


def test_a_makers_name_joins_no_other_model_type():
    host = facts("eleven-v3", creator=None, model_type="text-to-speech")
    release = facts("eleven-music-v3-2506", creator="elevenlabs", name="Eleven v3", model_type="music-generation")

    assert same_release(host, release, snapshot_tags={}) is None


def test_a_weights_name_needs_a_known_maker():
    assert (
        same_release(facts("mistral-small-2503", None), facts("mistral-small-3-1-24b-2503", None), snapshot_tags={})
        is None
    )


def test_a_makers_name_reading_as_another_makers_id_joins_nothing():
    named = facts("ministral-14b-2512", creator="mistral", name="Ministral 3 14B 2512")
    other = facts("ministral-3-14b-2512", creator="nvidia")

    assert same_release(named, other, snapshot_tags={}) is None


def test_the_same_name_needs_both_releases_dated():
    # A price list names Gemini 2.0 Flash without a date; OpenRouter dates "-001" February 2025
    # and the card Gemini 2.0 Flash December 2024. On one date the price list's id would join
    # "-001" when the card comes last and stay apart when it comes first: one date is no evidence.
    price_list = facts("gemini-2.0-flash-stable", creator="google", name="Gemini 2.0 Flash")
    stable = facts("gemini-2.0-flash-001", creator="google", name="Gemini 2.0 Flash", released=date(2025, 2, 5))
    card = facts("gemini-2.0-flash", creator="google", name="Gemini 2.0 Flash", released=date(2024, 12, 11))

    assert same_release(price_list, stable, snapshot_tags={}) is None
    assert same_release(price_list, card, snapshot_tags={}) is None
    # The card's name and its first numbered version are one release by the number, not the dates.
    assert same_release(stable, card, snapshot_tags={"gemini-2-0-flash": {"001"}}) == "snapshot"
    assert same_release(stable, card, snapshot_tags={"gemini-2-0-flash": {"001", "002"}}) is None


def test_every_name_and_date_the_maker_stated_is_evidence():
    # The card dates GPT-4 Turbo by its first preview, the creator's API entry by its only snapshot.
    floating = ReleaseFacts(
        "gpt-4-turbo", "openai", release_date=date(2023, 11, 6), release_dates=frozenset({date(2024, 4, 9)})
    )
    snapshot = facts("gpt-4-turbo-2024-04-09")
    chat = ReleaseFacts(
        "gpt-5-3", "openai", names=frozenset({"GPT-5.3 Chat"}), release_dates=frozenset({date(2026, 3, 3)})
    )
    card = facts("gpt-5.3-chat-latest", name="GPT-5.3 Chat", released=date(2026, 3, 3))

    assert same_release(snapshot, floating, snapshot_tags={"gpt-4-turbo": {"20240409"}}) == "snapshot"
    assert same_release(chat, card, snapshot_tags={}) == "same-name"


def test_ids_of_other_rated_modes_are_never_one_release():
    # A price list names o4-mini "o4 Mini High"; OpenRouter's o4-mini-high is a mode of it, not it.
    release = facts("o4-mini", name="o4 Mini High", released=date(2025, 4, 16))
    mode = facts("openai/o4-mini-high", name="o4 Mini High", released=date(2025, 4, 16))
    thinking = facts("kimi-k2-thinking", creator="moonshot", released=date(2025, 11, 6))
    dated = facts("kimi-k2-thinking-251104", creator="moonshot")

    assert same_release(mode, release, snapshot_tags={}) is None
    assert same_release(dated, thinking, snapshot_tags={}) == "snapshot"


def test_a_latest_pointer_is_its_only_snapshot_when_the_maker_names_both_alike():
    # A price list names claude-3-opus-latest without a date; the card names and dates the snapshot.
    latest = facts("claude-3-opus-latest", creator="anthropic", name="Claude Opus 3")
    snapshot = facts("claude-3-opus-20240229", creator="anthropic", name="Claude Opus 3", released=date(2024, 2, 29))
    bare = facts("claude-3-opus", creator="anthropic", name="Claude Opus 3")

    assert same_release(latest, snapshot, snapshot_tags={"claude-3-opus": {"20240229"}}) == "snapshot"
    assert (
        same_release(bare, snapshot, snapshot_tags={"claude-3-opus": {"20240229"}}) is None
    )  # a bare name needs the date
    assert same_release(latest, snapshot, snapshot_tags={"claude-3-opus": {"20240229", "20240601"}}) is None


def test_a_snapshot_joins_its_own_floating_name_by_the_snapshot_rule_alone():
    # Mistral Small 3.2 is mistral-small-2506; mistral-small-latest has served 2503, 2506 and 2603.
    latest = facts("mistral-small-latest", creator="mistral", name="Mistral Small 3.2", released=date(2025, 6, 20))
    snapshot = facts("mistral-small-2506", creator="mistral", name="Mistral Small 3.2", released=date(2025, 6, 20))
    tags = {"mistral-small": {"2503", "2506", "2603"}}

    assert same_release(snapshot, latest, snapshot_tags=tags) is None


def test_a_floating_name_is_its_first_numbered_version_when_no_other_is_known():
    # Google's gemini-2.0-flash is gemini-2.0-flash-001 (dated months apart by its cards: no date to check).
    name = facts("gemini-2.0-flash", creator="google", name="Gemini 2.0 Flash", released=date(2024, 12, 11))
    first = facts("gemini-2.0-flash-001", creator="google", released=date(2025, 2, 5))

    assert same_release(first, name, snapshot_tags={"gemini-2-0-flash": {"001"}}) == "snapshot"
    assert same_release(name, first, snapshot_tags={"gemini-2-0-flash": {"001"}}) == "snapshot"


@pytest.mark.parametrize(
    ("numbered", "name"),
    [
        # Gateways list Google's media models without the operation, the ".0" and the number.
        ("imagen-4.0-fast-generate-001", "imagen-4-fast"),
        ("imagen-4.0-generate-001", "imagen-4"),
        ("veo-3.1-generate-001", "veo3.1"),
        ("veo-3.0-fast-generate-001", "veo-3-fast"),
    ],
)
def test_a_spelling_of_a_name_is_its_first_numbered_version_when_no_other_is_known(numbered, name):
    first, spelled = facts(numbered, creator="google"), facts(name, creator="google")
    tags = {normalize_model_id(numbered).rsplit("-", 1)[0]: {"001"}}

    assert same_release(first, spelled, snapshot_tags=tags) == "snapshot"
    assert same_release(spelled, first, snapshot_tags=tags) == "snapshot"
    # Not once the name has served a second version.
    tags = {key: {"001", "002"} for key in tags}
    assert same_release(first, spelled, snapshot_tags=tags) is None


def test_two_numbered_versions_named_and_dated_alike_are_two_snapshots():
    first = facts("gemini-1.5-pro-001", creator="google", name="Gemini 1.5 Pro", released=date(2024, 9, 24))
    second = facts("gemini-1.5-pro-002", creator="google", name="Gemini 1.5 Pro", released=date(2024, 9, 24))

    assert same_release(first, second, snapshot_tags={"gemini-1-5-pro": {"001", "002"}}) is None


@pytest.mark.parametrize(
    ("numbered", "name", "tags"),
    [
        # A name of two numbered versions floats over them.
        (("gemini-1.5-pro-001", "google"), ("gemini-1.5-pro", "google"), {"001", "002"}),
        (("gemini-1.5-pro-002", "google"), ("gemini-1.5-pro", "google"), {"001", "002"}),
        # A later number may follow a bare name of another generation.
        (("babbage-002", "openai"), ("babbage", "openai"), {"002"}),
        # Nor beside a dated snapshot of the name, nor with a maker unknown on either side.
        (("claude-2-001", "anthropic"), ("claude-2", "anthropic"), {"001", "20230711"}),
        (("gemini-2.0-flash-001", None), ("gemini-2.0-flash", "google"), {"001"}),
        (("gemini-2.0-flash-001", "google"), ("gemini-2.0-flash", None), {"001"}),
        # Another name's number: another tier or version, spelled as a gateway spells it or not.
        (("gemini-2.0-flash-lite-001", "google"), ("gemini-2.0-flash", "google"), {"001"}),
        (("imagen-4.0-fast-generate-001", "google"), ("imagen-4", "google"), {"001"}),
        (("veo-3.1-generate-001", "google"), ("veo-3", "google"), {"001"}),
    ],
)
def test_a_numbered_version_joins_no_name_it_may_not_be_the_only_version_of(numbered, name, tags):
    one, other = facts(numbered[0], creator=numbered[1]), facts(name[0], creator=name[1])
    snapshot_tags = {normalize_model_id(name[0]): tags}

    assert same_release(one, other, snapshot_tags=snapshot_tags) is None
    assert same_release(other, one, snapshot_tags=snapshot_tags) is None


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # A card naming the 8B model "Gemini 1.5 Flash" does not make it Gemini 1.5 Flash.
        (
            ("gemini-flash-1.5-8b", "gemini 1.5 flash", None),
            ("gemini-1.5-flash", "Gemini 1.5 Flash", date(2024, 5, 14)),
        ),
        # Two dated snapshots with one name ("Claude 3.5 Sonnet") stay two.
        (
            ("claude-3-5-sonnet-20240620", "Claude 3.5 Sonnet", date(2024, 6, 20)),
            ("claude-3-5-sonnet-20241022", "Claude 3.5 Sonnet", date(2024, 6, 24)),
        ),
        # Same name, months apart.
        (
            ("gemini-2.5-pro", "Gemini 2.5 Pro", date(2025, 6, 17)),
            ("gemini-2.5-pro-exp", "Gemini 2.5 Pro", date(2025, 3, 25)),
        ),
        # Names repeating the ids are no evidence.
        (("o3-pro", "o3-pro", date(2025, 6, 10)), ("o3", "o3", date(2025, 6, 10))),
    ],
)
def test_same_names_never_join_what_the_ids_tell_apart(one, other):
    (one_id, one_name, one_date), (other_id, other_name, other_date) = one, other
    assert (
        same_release(
            facts(one_id, name=one_name, released=one_date),
            facts(other_id, name=other_name, released=other_date),
            snapshot_tags={},
        )
        is None
    )


def test_makers_never_share_a_release():
    assert (
        same_release(
            facts("command-a", creator="cohere", name="Command A", released=date(2025, 3, 13)),
            facts("command-a-03-2025", creator="openai", name="Command A", released=date(2025, 3, 13)),
            snapshot_tags={},
        )
        is None
    )


@pytest.mark.parametrize(
    ("raw_id", "split"),
    [
        ("claude-opus-4-5-20251101-thinking-32k", ("claude-opus-4-5-20251101", "thinking-32k")),
        ("claude-opus-4-thinking:8192", ("claude-opus-4", "thinking-8192")),
        ("anthropic/claude-opus-4.6:thinking:medium", ("claude-opus-4-6", "thinking-medium")),
        ("gpt-5.1-high", ("gpt-5-1", "high")),
        ("grok-4-fast-non-reasoning", ("grok-4-fast", "non-reasoning")),
        ("grok-4.1-thinking", ("grok-4-1", "thinking")),
        # A date after the mode makes a dated release; "-medium" alone is a size; a base needs a version.
        ("Qwen/Qwen3-4B-Thinking-2507", None),
        ("kimi-k2-thinking-251104", None),
        ("sd3-medium", None),
        ("mistral-medium", None),
        ("magistral-high", None),
    ],
)
def test_it_reads_a_rated_mode_off_the_end_of_an_id(raw_id, split):
    assert split_variant(normalize_model_id(raw_id)) == split


@pytest.mark.parametrize(
    ("host_id", "lab_id", "released", "plausible"),
    [
        ("umans-coder", "moonshotai/kimi-k2.7-code", None, True),
        ("k2p7", "moonshotai/kimi-k2.7-code", None, True),
        ("grok-4-20-non-reasoning", "xai/grok-4.20-0309-non-reasoning", None, True),
        ("route/mistral-large-3", "mistral/mistral-large-2512", None, True),
        ("fugu-ultra-20260615", "sakana/fugu-ultra", date(2026, 6, 15), True),
        ("databricks-claude-sonnet-4", "anthropic/claude-sonnet-4-5", None, False),
        ("Qwen/Qwen3-235B-A22B-Instruct-2507", "alibaba/qwen3-235b-a22b", date(2025, 4, 28), False),
        ("mistral-large2", "mistral/mistral-large-latest", None, False),
        # Two dates are two snapshots, whatever the link says; the same date agrees.
        ("mistral-small-2503", "mistral/mistral-small-2603", None, False),
        ("accounts/x/models/mistral-small-2603", "mistral/mistral-small-2603", None, True),
        ("gpt-4o-2024-05-13", "openai/gpt-4o-2024-08-06", None, False),
        # A faster serving of the same weights is the release; its price is its endpoint's.
        ("claude-opus-4-8-fast", "anthropic/claude-opus-4-8", None, True),
        # A distillation onto another lab's model.
        ("deepseek-r1-distill-qwen-32b", "deepseek/deepseek-r1", None, False),
        ("llama3-3-70b", "meta/llama-3.3-70b-instruct", None, True),
        # A host may drop the mode a release is named with; an id naming a mode names that mode only.
        ("nemotron-3-nano-omni", "nvidia/nemotron-3-nano-omni-30b-a3b-reasoning", None, True),
        ("grok-4-20-reasoning", "xai/grok-4.20-0309-non-reasoning", None, False),
        ("qwen3-235b-a22b-thinking", "alibaba/qwen3-235b-a22b", None, False),
        # The mode is read before a snapshot tag after it.
        ("qwen3-next-80b-a3b-thinking", "qwen/qwen3-next-80b-a3b-thinking-2509", None, True),
        ("o4-mini-high", "openai/o4-mini-high-2025-04-16", None, True),
        ("o4-mini-high", "openai/o4-mini-2025-04-16", None, False),
    ],
)
def test_a_hosts_link_to_a_lab_card_holds_only_when_its_id_agrees(host_id, lab_id, released, plausible):
    assert (
        host_link_plausible(normalize_model_id(host_id), normalize_model_id(lab_id), lab_released=released) is plausible
    )


@pytest.mark.parametrize(
    ("raw_id", "release"),
    [
        ("llama-3.1-405b-instruct-fp8", "llama-3-1-405b-instruct"),
        ("meta.llama-3.3-70b-instruct-fp8-dynamic", "llama-3-3-70b-instruct"),
        ("nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-NVFP4", "nemotron-3-super-120b-a-12b"),
        ("Qwen3-Coder-30B-A3B-Instruct-GGUF", "qwen-3-coder-30b-a-3b-instruct"),
        ("Qwen/Qwen3-235B-A22B-Instruct-2507-tput", "qwen-3-235b-a-22b-instruct-2507"),
        # llama.cpp's and MLX's quantisations, and Cloudflare's build that takes LoRA adapters.
        ("gemma-4-E4B-it-IQ4_XS", "gemma-4-e-4b-it"),
        ("gemma-4-E4B-it-MLX-4bit", "gemma-4-e-4b-it"),
        ("Qwen3_5-9B-MLX-4bit", "qwen-3-5-9b"),
        ("BSC-LT/ALIA-40b-instruct_Q8_0", "bsc-lt-alia-40b-instruct"),
        ("gpt-oss-120b-mxfp-GGUF", "gpt-oss-120b"),
        ("@cf/mistral/mistral-7b-instruct-v0.2-lora", "mistral-7b-instruct-v-0-2"),
        ("@cf/google/gemma-7b-it-lora", "gemma-7b-it"),
        # Poe's bots that Cerebras runs.
        ("cerebras/qwen3-32b-cs", "qwen-3-32b"),
        ("cerebras/zai-glm-4.6-cs", "glm-4-6"),
        # A host's faster build of an instruction-tuned release: "fast" after "instruct" is the host's.
        ("@cf/meta/llama-3.1-8b-instruct-fast", "llama-3-1-8b-instruct"),
        ("@cf/meta/llama-3.3-70b-instruct-fp8-fast", "llama-3-3-70b-instruct"),
        ("gpt-4o", "gpt-4o"),
        # A lab's own fast tier is a release: "fast" anywhere else stays.
        ("grok-4-fast", "grok-4-fast"),
        ("kimi-k2p6-fast", "kimi-k-2-6-fast"),
        ("qwen2.5-coder-7b-fast", "qwen-2-5-coder-7b-fast"),
        # Together's FP8 "Turbo" and INT4 "Lite" builds after "instruct"; a lab's turbo tier stays.
        ("meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3-3-70b-instruct"),
        ("meta-llama/Meta-Llama-3-8B-Instruct-Lite", "llama-3-8b-instruct"),
        ("gpt-3.5-turbo-instruct", "gpt-3-5-turbo-instruct"),
        ("gpt-4-turbo", "gpt-4-turbo"),
        # A snapshot's date closes a lab's id: a fast or turbo build after it is the host's.
        ("deepinfra/deepseek-ai/DeepSeek-R1-0528-Turbo", "deepseek-r-1-0528"),
        ("baseten/deepseek-ai/DeepSeek-V4.1-Flash-1017-Fast", "deepseek-v-4-1-flash-1017"),
        ("Qwen/Qwen3-235B-A22B-Thinking-2507-fast", "qwen-3-235b-a-22b-thinking-2507"),
        ("kimi-k2-thinking-251104-turbo", "kimi-k-2-thinking-251104"),
        ("gpt-4o-2024-08-06-fast", "gpt-4o-20240806"),
        # ... never a tier before the date, a context size or a plain number.
        ("qwen-turbo-2024-11-01", "qwen-turbo-20241101"),
        ("gpt-3.5-turbo-0125", "gpt-3-5-turbo-0125"),
        ("llama3-70b-8192-turbo", "llama-3-70b-8192-turbo"),
        ("qwen3-32b-fast", "qwen-3-32b-fast"),
        # Fireworks serves a release on spot capacity through a router named after it.
        ("accounts/fireworks/routers/glm-5p3-spot", "glm-5-3"),
        ("accounts/fireworks/routers/kimi-k3-spot", "kimi-k-3"),
        # Novita's cheaper "community" edition of the same weights.
        ("novita/deepseek/deepseek-r1/community", "deepseek-r-1"),
        # nano-gpt's route to a release beside its others.
        ("zai-org/glm-4.7-original", "glm-4-7"),
        ("moonshotai/kimi-k2-thinking-turbo-original", "kimi-k-2-thinking-turbo"),
        # The same weights in PaddlePaddle's format; PaddleOCR is a release of its own.
        ("novita/baidu/ernie-4.5-300b-a47b-paddle", "ernie-4-5-300b-a-47b"),
        ("paddlepaddle/paddleocr-vl", "paddlepaddle-paddleocr-vl"),
        # nano-gpt's cheaper routing, Fireworks' basic tier, Clarifai's high-throughput one.
        ("deepseek/deepseek-v4-pro-cheaper", "deepseek-v-4-pro"),
        ("deepseek-chat-cheaper", "deepseek-chat"),
        ("accounts/fireworks/models/deepseek-r1-basic", "deepseek-r-1"),
        ("openai/chat-completion/models/gpt-oss-120b-high-throughput", "gpt-oss-120b"),
        # ... only at the end of an id.
        ("basic-english-2", "basic-english-2"),
    ],
)
def test_a_hosts_deployment_marks_come_off_for_the_fallback(raw_id, release):
    assert without_deployment_marks(normalize_model_id(raw_id)) == release


@pytest.mark.parametrize(
    ("raw_id", "first_tried"),
    [
        # Groq's tiers and context sizes name the chat release it serves, never the bare name.
        ("llama-3.3-70b-versatile", "llama-3-3-70b-instruct"),
        ("llama-3.1-8b-instant", "llama-3-1-8b-instruct"),
        ("llama-3.3-70b-specdec", "llama-3-3-70b-instruct"),
        ("llama3-70b-8192", "llama-3-70b-instruct"),
        ("mixtral-8x7b-32768", "mixtral-8x-7b-instruct"),
        # No tier, or a tuning word already there: nothing to try.
        ("llama-3.3-70b", None),
        ("llama-3.3-70b-instruct", None),
        ("claude-instant-1", None),
        ("gemini-2.5-pro-preview", None),
    ],
)
def test_a_hosts_serving_tier_names_its_chat_release(raw_id, first_tried):
    tried = served_chat_releases(normalize_model_id(raw_id))
    assert (tried[0] if tried else None) == first_tried
    assert all(form.rsplit("-", 1)[-1] in ("instruct", "chat", "it") for form in tried)
    # A host's id on a tier is a build of a release: it waits for the release, never creates one.
    assert is_deployment(raw_id) is (first_tried is not None)


@pytest.mark.parametrize(
    ("raw_id", "family", "size", "word"),
    [
        ("qwen3-coder:480b", "qwen-3-coder", "480b", None),
        ("ollama/deepseek-v3.1:671b-cloud", "deepseek-v-3-1", "671b", None),
        ("qwen3-vl:235b-instruct", "qwen-3-vl", "235b", "instruct"),
        ("gemma3:4b", "gemma-3", "4b", None),
        ("qwen2.5:0.5b", "qwen-2-5", "0-5b", None),
    ],
)
def test_a_librarys_size_tag_is_read_off_the_id_and_waits_for_its_release(raw_id, family, size, word):
    assert size_tag(raw_id) == SizeTag(family, size, word)
    assert is_deployment(raw_id)
    # Its normal form keeps the colon: the bare family and size names the base weights elsewhere.
    assert normalize_model_id(raw_id) == f"{family}:{size}" + (f"-{word}" if word else "")


@pytest.mark.parametrize(
    "raw_id", ["anthropic.claude-v2:1", "us.meta.llama3-3-70b-instruct-v1:0", "qwen3.7-max:thinking"]
)
def test_versions_and_modes_after_a_colon_are_no_size_tag(raw_id):
    assert size_tag(raw_id) is None


@pytest.mark.parametrize(
    ("raw_id", "maker"),
    [
        ("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", "meta"),
        ("us.meta.llama3-3-70b-instruct-v1:0", "meta"),
        ("nvidia/llama-3.1-nemotron-70b-instruct", "nvidia"),
        ("deepinfra/Qwen/Qwen3-32B", "alibaba"),
        ("Sao10K/L3-8B-Stheno-v3.2", None),
        ("accounts/fireworks/models/deepseek-r1", None),
        # Stability's Hugging Face org is its Provider, whichever spelling names it.
        ("stabilityai/stablelm-2-1_6b", "stability"),
        # A host's org republishes others' weights; only its own brand is its own.
        ("togethercomputer/RedPajama-INCITE-7B-Chat", "togetherai"),
        ("togethercomputer/StripedHyena-Nous-7B", "togetherai"),
        ("togethercomputer/alpaca-7b", None),
        ("togethercomputer/Llama-2-7B-32K-Instruct", None),
        ("fal-ai/flux/schnell", None),
    ],
)
def test_a_publishing_organisation_names_the_maker(raw_id, maker):
    assert publisher_creator(raw_id) == maker


@pytest.mark.parametrize(
    ("raw_id", "maker"),
    [
        # Brands spelled as one word or two: Fireworks' older builds name their labs by them.
        ("code-llama-13b-python", "meta"),
        ("llamaguard-7b", "meta"),
        ("codegemma-2b", "google"),
        ("code-qwen-1p5-7b", "alibaba"),
        ("starcoder2-15b", "bigcode"),
        # Labs of 2023 releases the Arena still rates.
        ("stablelm-tuned-alpha-7b", "stability"),
        ("oasst-pythia-12b", "openassistant"),
        ("koala-13b", "bair"),
        ("stripedhyena-nous-7b", "togetherai"),
        # Llama's licence makes every derivative lead with "Llama": the brand after it of a lab
        # that ships Llama derivatives under its own name signs the model.
        ("llama-3.1-nemotron-70b-instruct", "nvidia"),
        ("llama-3.1-tulu-3-70b", "allenai"),
        ("llama-3.1-sonar-large-128k-online", "perplexity"),
        ("llama-3.3-70b-instruct", "meta"),
        # A dataset, a teacher or a checkpoint word after "Llama" signs nothing.
        ("llama-2-7b-dolly-15k", None),
        ("llama-o1-supervised", None),
        ("llama-3-8b-instruct-step-1000", None),
        # Another lab's fine-tune on a brand names no single maker.
        ("phind-code-llama-34b-v2", None),
    ],
)
def test_a_brand_written_as_one_word_or_two_names_its_lab(raw_id, maker):
    assert sole_brand_creator(raw_id) == maker


def test_brands_name_a_maker_only_when_no_other_lab_is_in_the_id():
    assert sole_brand_creator("grok-4.1-thinking") == "xai"
    assert sole_brand_creator("deepseek-r1-distill-qwen-7b") is None
    assert closed_brand_creator("gpt-audio-1.5-2026-02-23") == "openai"
    assert closed_brand_creator("claude-3-opus") == "anthropic"
    # GPT-6, Azure's "gpt-35" and Microsoft AI's MAI are their labs' alone; EleutherAI's GPT-J is not OpenAI's.
    assert closed_brand_creator("gpt-6-astra-2026-09-03") == "openai"
    assert closed_brand_creator("gpt-35-turbo-16k-0613") == "openai"
    assert closed_brand_creator("MAI-Image-2.5") == "microsoft"
    assert closed_brand_creator("gpt-j-6b") is None
    assert closed_brand_creator("togethercomputer/GPT-JT-Moderation-6B") is None
    # Open-weight brands are fine-tuned under their own names by anyone.
    assert closed_brand_creator("Gemma-4-31B-DarkIdol") is None
    assert closed_brand_creator("Qwen3.5-27B-BlueStar-v3-Derestricted") is None
    # Nor does a closed brand name the maker of weights altered after release: someone's derivative.
    assert closed_brand_creator("GLM-4.6-Derestricted-v5") is None
    assert closed_brand_creator("glm-5.3-abliterated") is None
    assert sole_brand_creator("grok-4-uncensored") is None
    assert closed_brand_creator("glm-5.3") == "zhipuai"


def test_ids_that_differ_only_in_their_separators_are_one_spelling_of_a_release():
    card = facts("gpt-5.2", name="GPT-5.2", released=date(2025, 12, 11))
    host = facts("gpt-52", name="gpt-52")
    other_maker = facts("gpt-52", creator="acme")

    assert same_release(host, card, snapshot_tags={}) == "spelling"
    assert (
        same_release(
            facts("claude-opus-45", creator="anthropic"),
            facts("claude-opus-4-5", creator="anthropic"),
            snapshot_tags={},
        )
        == "spelling"
    )
    assert same_release(other_maker, card, snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("gemini-flash-1.5", "gemini-1.5-flash"),
        ("open-mistral-7b", "mistral-7b"),
        ("llama-2-7b-hf", "llama-2-7b"),
        # Mistral's API lists Devstral Small 2 on its "labs" channel; hosts by its bare name.
        ("labs-devstral-small-2512", "devstral-small-2512"),
    ],
)
def test_ids_with_the_same_words_in_another_order_or_a_spelling_word_are_one_release(one, other):
    # Undated price-list ids: no name or date is needed, the words say it.
    assert same_release(facts(one, creator="google"), facts(other, creator="google"), snapshot_tags={}) == "spelling"


def test_a_labs_channel_is_never_another_size_tier_or_date():
    labs = facts("labs-devstral-small-2512", creator="mistral")
    for other in ("devstral-2512", "devstral-small-2507", "devstral-medium-2512", "devstral-small-2-24b-base-2512"):
        assert same_release(labs, facts(other, creator="mistral"), snapshot_tags={}) is None


def test_a_brand_in_one_word_or_two_beside_a_spelling_word_is_one_release():
    # Fireworks' older build and Meta's Hugging Face repository.
    card = facts("codellama-13b-instruct-hf", creator="meta")
    assert same_release(facts("code-llama-13b-instruct", creator="meta"), card, snapshot_tags={}) == "spelling"
    # Another edition, size or version is never a spelling.
    for other in ("code-llama-13b-python", "code-llama-34b-instruct", "code-llama-13b"):
        assert same_release(facts(other, creator="meta"), card, snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("repository", "api_id", "maker"),
    [
        ("Mistral-Large-Instruct-2411", "mistral-large-2411", "mistral"),
        ("Qwen3-30B-A3B-Instruct-2507", "qwen3-30b-a3b-2507", "alibaba"),
        ("Kimi-K2-Instruct-0711", "kimi-k2-0711", "moonshotai"),
    ],
)
def test_a_dated_snapshot_with_and_without_instruct_is_one_release(repository, api_id, maker):
    # The weights' repository names the tuning, the maker's API id does not: one snapshot.
    one, other = facts(repository, creator=maker), facts(api_id, creator=maker)
    assert same_release(one, other, snapshot_tags={}) == "spelling"
    assert same_release(other, one, snapshot_tags={}) == "spelling"


@pytest.mark.parametrize(
    ("pre_release", "released"),
    [
        ("grok-4.20-beta-0309", "grok-4.20-0309"),
        ("grok-4.20-multi-agent-beta-0309", "grok-4.20-multi-agent-0309"),
        ("gpt-9-preview-2031-05-01", "gpt-9-2031-05-01"),
    ],
)
def test_a_dated_snapshot_with_and_without_its_stage_is_one_release(pre_release, released):
    # Out of beta, the maker keeps the snapshot's date and drops the word.
    one, other = facts(pre_release, creator="xai"), facts(released, creator="xai")
    assert same_release(one, other, snapshot_tags={}) == "spelling"
    assert same_release(other, one, snapshot_tags={}) == "spelling"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # Undated, a pre-release's name may point elsewhere than the released one's.
        ("grok-4.20-beta", "grok-4.20"),
        # Another date is another snapshot, in beta or not.
        ("grok-4.20-beta-0309", "grok-4.20-0304"),
        ("grok-4.20-experimental-beta-0304", "grok-4.20-0304"),
    ],
)
def test_a_stage_is_a_spelling_only_between_ids_of_one_snapshot(one, other):
    pair = facts(one, creator="xai"), facts(other, creator="xai")
    assert same_release(*pair, snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # Undated: a maker may ship the base weights under the bare name.
        ("llama-3.1-8b-instruct", "llama-3.1-8b"),
        # Another snapshot, or none: another release (April's and July's Qwen3 235B).
        ("qwen3-235b-a22b-instruct-2507", "qwen3-235b-a22b"),
        ("mistral-large-instruct-2411", "mistral-large-2407"),
        # The base release of the same date says so.
        ("mistral-small-3.1-24b-instruct-2503", "mistral-small-3.1-24b-base-2503"),
        ("qwen3-235b-a22b-instruct-2507", "qwen3-235b-a22b-thinking-2507"),
    ],
)
def test_instruct_is_a_spelling_only_between_ids_of_one_snapshot(one, other):
    pair = facts(one, creator="x"), facts(other, creator="x")
    assert same_release(*pair, snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("one", "other", "maker"),
    [
        ("gemini-3.0-pro-preview", "gemini-3-pro-preview", "google"),
        ("imagen-4.0-ultra", "imagen-4-ultra", "google"),
        ("rerank-v4.0-fast", "rerank-v4-fast", "cohere"),
        ("seedance-2.0-fast", "seedance2-fast", "bytedance"),
    ],
)
def test_a_versions_dot_zero_is_a_spelling(one, other, maker):
    pair = facts(one, creator=maker), facts(other, creator=maker)
    assert same_release(*pair, snapshot_tags={}) == "spelling"
    assert same_release(*reversed(pair), snapshot_tags={}) == "spelling"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # A size after the zero: 0.5B parameters, not version 2.0.
        ("qwen-2-0.5b", "qwen-2-5b"),
        # Another minor or another snapshot.
        ("gemini-1.5-pro", "gemini-1-pro"),
        ("gemini-1.0-pro-001", "gemini-1.0-pro-002"),
        ("gpt-4-0613", "gpt-4"),
    ],
)
def test_a_zero_that_is_not_a_versions_minor_tells_releases_apart(one, other):
    assert same_release(facts(one, creator="x"), facts(other, creator="x"), snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("one", "other"), [("gpt-4-32k", "gpt-4"), ("gemini-1.5-flash-8b", "gemini-1.5-flash"), ("o3-mini", "o3")]
)
def test_a_word_more_is_no_spelling(one, other):
    assert same_release(facts(one), facts(other), snapshot_tags={}) is None


@pytest.mark.parametrize(
    ("one", "other", "dropped"),
    [
        ("qwen-3-coder-480b", "Qwen/Qwen3-Coder-480B-A35B-Instruct", True),
        ("Qwen3-235B-A22B-Instruct-2507", "qwen3-235b-2507", True),
        # Another total size, both or neither stating the active parameters, or no size at all.
        ("qwen-3-coder-30b", "Qwen/Qwen3-Coder-480B-A35B-Instruct", False),
        ("qwen3-30b-a3b", "qwen3-30b-a6b", False),
        ("qwen3-235b-a22b", "qwen3-235b-a22b-2507", False),
        ("qwen3-coder", "Qwen/Qwen3-Coder-480B-A35B-Instruct", False),
    ],
)
def test_an_id_may_leave_out_the_active_parameters_of_a_mixture_of_experts(one, other, dropped):
    assert active_parameters_dropped(normalize_model_id(one), normalize_model_id(other)) is dropped


@pytest.mark.parametrize(
    ("linked", "repository", "names"),
    [
        ("Qwen/qwen-3-coder-480b", "Qwen/Qwen3-Coder-480B-A35B-Instruct", True),
        ("deepseek/deepseek-chat-v3.1", "deepseek-ai/DeepSeek-V3.1", True),
        ("deepseek/deepseek-chat", "deepseek-ai/DeepSeek-V3", False),
        ("qwen/qwen3-coder", "Qwen/Qwen3-Coder-480B-A35B-Instruct", False),
        ("qwen/qwen3-coder-30b", "Qwen/Qwen3-Coder-480B-A35B-Instruct", False),
    ],
)
def test_an_id_names_its_weights_generation_only_by_its_versions_and_sizes(linked, repository, names):
    assert names_its_weights(normalize_model_id(linked), normalize_model_id(repository)) is names
