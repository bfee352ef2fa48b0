"""The same files in any order give the same catalog: variants follow their release, and each rule that
joins or keeps apart two ids decides the same whichever file came first (docs/identity.md, "Files in any order").

Each test reads a handful of small source files through the real pipelines in two orders and asserts the
same answer: the models and their ids, and for variants the API's JSON.
"""

import json
from datetime import UTC, date, datetime

import pytest

from ingestion.services import data_source_for, pipeline_run
from models_registry.models import Model, UnresolvedIdentifier
from models_registry.provenance import fact_pin

pytestmark = pytest.mark.django_db

CHAT = {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}


def lab_cards(tmp_path, name: str, cards: dict[str, dict], hosts: dict[str, str] | None = None):
    """A models.dev snapshot of lab cards: {"openai/gpt-5.1": {"name": ..., "release_date": ..., "context": ...}},
    and hosts' listings linked to a card: {"neon/gemini-3-pro": "google/gemini-3-pro-preview"}."""
    root = tmp_path / name
    for listing, base in (hosts or {}).items():
        host, model = listing.split("/", 1)
        (root / "providers" / host / "models" / model).parent.mkdir(parents=True, exist_ok=True)
        (root / "providers" / host / "provider.toml").write_text(f'name = "{host.title()}"\n')
        (root / "providers" / host / "models" / f"{model}.toml").write_text(
            f'base_model = "{base}"\n[cost]\ninput = 1\noutput = 2\n'
        )
    for lab_id, card in cards.items():
        lab, model = lab_id.split("/")
        (root / "models" / lab).mkdir(parents=True, exist_ok=True)
        released = card["release_date"].isoformat()
        (root / "models" / lab / f"{model}.toml").write_text(
            f'name = "{card["name"]}"\nrelease_date = "{released}"\nlast_updated = "{released}"\n'
            f"[limit]\ncontext = {card.get('context', 128_000)}\noutput = 16_384\n"
            '[modalities]\ninput = ["text"]\noutput = ["text"]\n'
        )
    return ("models-dev", root, date(2026, 7, 1))


def arena_board(tmp_path, ids: list[str]):
    path = tmp_path / "leaderboard-text-2025-11-06.json"
    rows = {
        raw_id: {"rating": 1400 - 10 * i, "rating_q025": 1390 - 10 * i, "rating_q975": 1410 - 10 * i}
        for i, raw_id in enumerate(ids)
    }
    path.write_text(json.dumps({"full": rows}))
    return ("arena", path, None)


def price_list(tmp_path, entries: dict[str, str]):
    """A LiteLLM price list: {id: litellm_provider}."""
    path = tmp_path / "litellm.json"
    path.write_text(
        json.dumps({raw_id: {"litellm_provider": provider, **CHAT} for raw_id, provider in entries.items()})
    )
    return ("litellm", path, date(2026, 7, 1))


def genai_prices(tmp_path, provider: str, models: dict[str, str]):
    """A genai-prices file of one provider: {id: name}."""
    path = tmp_path / "genai-prices.json"
    rows = [
        {"id": raw_id, "name": name, "prices": {"input_mtok": 1, "output_mtok": 2}} for raw_id, name in models.items()
    ]
    path.write_text(json.dumps([{"id": provider, "name": provider, "models": rows}]))
    return ("genai-prices", path, date(2026, 8, 21))


def openrouter(tmp_path, rows: dict[str, tuple[str, date]], weights: dict[str, str] | None = None):
    """An OpenRouter model list: {id: (name, the day OpenRouter added it)}, and {id: its hugging_face_id}."""
    path = tmp_path / "openrouter-models-2026-07-01.json"
    data = [
        {
            "id": raw_id,
            "name": name,
            "created": int(datetime.combine(added, datetime.min.time(), tzinfo=UTC).timestamp()),
            "context_length": 128_000,
            "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
            "pricing": {"prompt": "0.000001", "completion": "0.000002"},
            "hugging_face_id": (weights or {}).get(raw_id, ""),
        }
        for raw_id, (name, added) in rows.items()
    ]
    path.write_text(json.dumps({"data": data}))
    return ("openrouter", path, None)


def read(steps) -> None:
    for pipeline, path, as_of in steps:
        pipeline_run(source=data_source_for(pipeline), path=path, as_of=as_of)


def grouping() -> set[frozenset[str]]:
    """The catalog as sets of ids (normal forms) that name one model: what must not depend on the order."""
    return {frozenset(model.aliases.values_list("normalized", flat=True)) for model in Model.objects.all()}


ORDERS = pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "reversed"])


def in_order(steps, reverse: bool):
    return list(reversed(steps)) if reverse else steps


# --- variants ---------------------------------------------------------------------------------


@ORDERS
def test_a_variant_has_its_releases_facts_whichever_file_came_first(tmp_path, api_client, reverse):
    # The Arena rates GPT-5.1 and its "high" mode, and Grok 3 Mini's "high" mode without the release.
    read(
        in_order(
            [
                arena_board(tmp_path, ["gpt-5.1", "gpt-5.1-high", "grok-3-mini-high"]),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {
                        "openai/gpt-5.1": {"name": "GPT-5.1", "release_date": date(2025, 11, 13), "context": 400_000},
                        "xai/grok-3-mini": {
                            "name": "Grok 3 Mini",
                            "release_date": date(2025, 2, 17),
                            "context": 131_072,
                        },
                    },
                ),
            ],
            reverse,
        )
    )

    answers = {}
    for slug in ("gpt-5-1-high", "grok-3-mini-high"):
        detail = api_client.get(f"/v1/models/{slug}").json()["data"]
        answers[slug] = {key: value for key, value in detail.items() if key not in ("created_at", "updated_at")}
        answers[slug]["resolve"] = api_client.get("/v1/resolve", {"id": detail["aliases"][0]}).json()["data"]["model"]
    # Named after the release, with its limits, date and status, and linked to it: in both orders.
    assert answers == {
        "gpt-5-1-high": {
            "slug": "gpt-5-1-high",
            "name": "GPT-5.1 (high)",
            "description": None,
            "model_type": "large-language-model",
            "status": "active",
            "release_date": "2025-11-13",
            "context_window": 400000,
            "provider": {"name": "OpenAI", "slug": "openai"},
            "aliases": ["gpt-5.1-high"],
            "categories": [{"slug": "overall", "name": "Overall"}],
            "scores": [],
            "pricing": None,
            "resolve": {
                "slug": "gpt-5-1-high",
                "name": "GPT-5.1 (high)",
                "provider": "openai",
                "variant_of": "gpt-5-1",
                "variant_label": "high",
            },
        },
        "grok-3-mini-high": {
            "slug": "grok-3-mini-high",
            "name": "Grok 3 Mini (high)",
            "description": None,
            "model_type": "large-language-model",
            "status": "active",
            "release_date": "2025-02-17",
            "context_window": 131072,
            "provider": {"name": "xAI", "slug": "xai"},
            "aliases": ["grok-3-mini-high"],
            "categories": [{"slug": "overall", "name": "Overall"}],
            "scores": [],
            "pricing": None,
            "resolve": {
                "slug": "grok-3-mini-high",
                "name": "Grok 3 Mini (high)",
                "provider": "xai",
                "variant_of": "grok-3-mini",
                "variant_label": "high",
            },
        },
    }


@ORDERS
def test_a_releases_later_facts_reach_its_variants(tmp_path, api_client, reverse):
    # The older card dates GPT-5.1 a day early and names it otherwise; the newer one corrects both.
    old = lab_cards(
        tmp_path, "models-dev-2025-12-31", {"openai/gpt-5.1": {"name": "GPT 5.1", "release_date": date(2025, 11, 12)}}
    )
    new = lab_cards(
        tmp_path, "models-dev-2026-07-01", {"openai/gpt-5.1": {"name": "GPT-5.1", "release_date": date(2025, 11, 13)}}
    )
    old, new = ("models-dev", old[1], date(2025, 12, 31)), ("models-dev", new[1], date(2026, 7, 1))
    read(in_order([old, arena_board(tmp_path, ["gpt-5.1-high"]), new], reverse))

    variant = Model.objects.get(slug="gpt-5-1-high")
    assert (variant.variant_of.slug, variant.name, variant.release_date) == (
        "gpt-5-1",
        "GPT-5.1 (high)",
        date(2025, 11, 13),
    )


# --- one release or two: each rule decides the same in either order ---------------------------


@ORDERS
def test_the_same_name_rule_is_asked_again_once_both_ids_are_named_and_dated(tmp_path, reverse):
    # A price list names GPT-5.1 Chat's pointer without a name; OpenRouter names its own id.
    read(
        in_order(
            [
                price_list(tmp_path, {"gpt-5.1-chat-latest": "openai"}),
                openrouter(tmp_path, {"openai/gpt-5.1-chat": ("OpenAI: GPT-5.1 Chat", date(2025, 11, 13))}),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {"openai/gpt-5.1-chat-latest": {"name": "GPT-5.1 Chat", "release_date": date(2025, 11, 13)}},
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"gpt-5-1-chat-latest", "gpt-5-1-chat"})}


@ORDERS
def test_a_floating_names_only_snapshot_is_dated_by_every_date_its_maker_gave(tmp_path, reverse):
    # The card dates GPT-4 Turbo by its first preview (2023-11-06); OpenAI's OpenRouter entry by the
    # only snapshot of the name (2024-04-09). Whichever came first, the name is that snapshot.
    read(
        in_order(
            [
                price_list(tmp_path, {"gpt-4-turbo-2024-04-09": "openai"}),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {"openai/gpt-4-turbo": {"name": "GPT-4 Turbo", "release_date": date(2023, 11, 6)}},
                ),
                openrouter(tmp_path, {"openai/gpt-4-turbo": ("OpenAI: GPT-4 Turbo", date(2024, 4, 9))}),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"gpt-4-turbo", "gpt-4-turbo-20240409"})}


@ORDERS
def test_two_entries_are_merged_by_the_evidence_of_any_of_their_ids(tmp_path, reverse):
    # Read first, a price list makes "claude-3-5-haiku" and its "-latest" pointer two entries;
    # the card's snapshot then joins one of them by its date: the rest follows from the snapshot.
    read(
        in_order(
            [
                genai_prices(
                    tmp_path, "anthropic", {"claude-3-5-haiku-latest": "Claude Haiku 3.5", "claude-3-5-haiku": ""}
                ),
                openrouter(
                    tmp_path, {"anthropic/claude-3.5-haiku": ("Anthropic: Claude 3.5 Haiku", date(2024, 11, 4))}
                ),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {
                        "anthropic/claude-3-5-haiku-20241022": {
                            "name": "Claude Haiku 3.5",
                            "release_date": date(2024, 10, 22),
                        },
                        "anthropic/claude-3-5-haiku-latest": {
                            "name": "Claude Haiku 3.5",
                            "release_date": date(2024, 10, 22),
                        },
                    },
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"claude-3-5-haiku", "claude-3-5-haiku-latest", "claude-3-5-haiku-20241022"})}


@ORDERS
def test_a_rated_mode_is_never_its_release_whatever_a_price_list_calls_it(tmp_path, reverse):
    # A price list names o4-mini "o4 Mini High": OpenRouter's o4-mini-high is still its mode.
    read(
        in_order(
            [
                genai_prices(tmp_path, "openai", {"o4-mini": "o4 Mini High"}),
                openrouter(
                    tmp_path,
                    {
                        "openai/o4-mini": ("OpenAI: o4 Mini", date(2025, 4, 16)),
                        "openai/o4-mini-high": ("OpenAI: o4 Mini High", date(2025, 4, 16)),
                    },
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"o-4-mini"}), frozenset({"o-4-mini-high"})}
    assert Model.objects.get(aliases__normalized="o-4-mini-high").variant_of.slug == "o4-mini"


@ORDERS
def test_a_snapshot_never_joins_a_floating_name_that_served_several_by_its_name(tmp_path, reverse):
    # mistral-small-latest has served 2503 and 2506; its card names it as 2506 is named.
    pointer = lab_cards(
        tmp_path,
        "models-dev-2025-12-31",
        {"mistral/mistral-small-latest": {"name": "Mistral Small 3.2", "release_date": date(2025, 6, 20)}},
    )
    snapshots = lab_cards(
        tmp_path,
        "models-dev-2026-07-01",
        {
            "mistral/mistral-small-2503": {"name": "Mistral Small 3.1", "release_date": date(2025, 3, 17)},
            "mistral/mistral-small-2506": {"name": "Mistral Small 3.2", "release_date": date(2025, 6, 20)},
        },
    )
    read(in_order([("models-dev", pointer[1], date(2025, 12, 31)), snapshots], reverse))

    assert grouping() == {
        frozenset({"mistral-small-latest"}),
        frozenset({"mistral-small-2503"}),
        frozenset({"mistral-small-2506"}),
    }


@ORDERS
def test_an_undated_name_joins_a_numbered_version_by_the_number_never_by_one_date(tmp_path, reverse):
    # Undated, the price list's Gemini 2.0 Flash would join OpenRouter's "-001" by its name when the
    # card comes last; the card dates it two months earlier, and one date is no evidence. The three
    # are one release all the same, whichever file comes first: "-001" is the name's only numbered
    # version (rule "snapshot"), which the dates never decide.
    read(
        in_order(
            [
                genai_prices(tmp_path, "google", {"gemini-2.0-flash": "Gemini 2.0 Flash"}),
                openrouter(tmp_path, {"google/gemini-2.0-flash-001": ("Google: Gemini 2.0 Flash", date(2025, 2, 5))}),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {"google/gemini-2.0-flash": {"name": "Gemini 2.0 Flash", "release_date": date(2024, 12, 11)}},
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"gemini-2-0-flash", "gemini-2-0-flash-001"})}


@ORDERS
def test_the_same_words_in_another_order_are_one_release_undated(tmp_path, reverse):
    # genai-prices lists both spellings of Gemini 1.5 Flash, without dates.
    read(
        in_order(
            [
                genai_prices(
                    tmp_path, "google", {"gemini-1.5-flash": "gemini 1.5 flash", "gemini-flash-1.5": "Gemini 1.5 Flash"}
                ),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {"google/gemini-1.5-flash": {"name": "Gemini 1.5 Flash", "release_date": date(2024, 5, 14)}},
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"gemini-1-5-flash", "gemini-flash-1-5"})}


@ORDERS
def test_one_snapshot_with_and_without_instruct_is_one_release(tmp_path, reverse):
    # Mistral's API id and the weights' repository of one snapshot; the April Qwen3 235B and a base
    # release of the same date stay apart.
    read(
        in_order(
            [
                price_list(
                    tmp_path,
                    {"mistral/mistral-large-2411": "mistral", "qwen3-235b-a22b": "dashscope"},
                ),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {
                        "mistral/Mistral-Large-Instruct-2411": {
                            "name": "Mistral Large",
                            "release_date": date(2024, 11, 18),
                        },
                        "mistral/Mistral-Large-Base-2411": {
                            "name": "Mistral Large Base",
                            "release_date": date(2024, 11, 18),
                        },
                        "alibaba/qwen3-235b-a22b-instruct-2507": {
                            "name": "Qwen3 235B",
                            "release_date": date(2025, 7, 21),
                        },
                    },
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {
        frozenset({"mistral-large-2411", "mistral-large-instruct-2411"}),
        frozenset({"mistral-large-base-2411"}),
        frozenset({"qwen-3-235b-a-22b"}),
        frozenset({"qwen-3-235b-a-22b-instruct-2507"}),
    }


@ORDERS
def test_a_makers_deployment_read_before_its_release_joins_it(tmp_path, reverse):
    # Meta's own price list lists only the FP8 build of Llama 4 Scout; the card names the release.
    read(
        in_order(
            [
                price_list(tmp_path, {"meta_llama/Llama-4-Scout-17B-16E-Instruct-FP8": "meta_llama"}),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {
                        "meta/llama-4-scout-17b-16e-instruct": {
                            "name": "Llama 4 Scout",
                            "release_date": date(2025, 4, 5),
                        }
                    },
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"llama-4-scout-17b-16e-instruct", "llama-4-scout-17b-16e-instruct-fp-8"})}


@ORDERS
def test_a_hosts_link_joins_an_id_read_before_the_card_as_it_would_after_it(tmp_path, reverse):
    # The Arena rates "gemini-3-pro"; a host lists that id as Google's Gemini 3 Pro Preview card.
    # Read card first, the host's id is one more alias of the card; read after the board, the same link joins.
    read(
        in_order(
            [
                arena_board(tmp_path, ["gemini-3-pro"]),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {
                        "google/gemini-3-pro-preview": {
                            "name": "Gemini 3 Pro Preview",
                            "release_date": date(2025, 11, 18),
                        }
                    },
                    hosts={"neon/gemini-3-pro": "google/gemini-3-pro-preview"},
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"gemini-3-pro", "gemini-3-pro-preview"})}
    assert Model.objects.get().slug == "gemini-3-pro-preview"


@ORDERS
def test_a_hosts_link_joins_the_release_its_repository_republishes_whichever_file_came_first(tmp_path, reverse):
    # A host lists Mistral's weights as re-uploaded under another org, linked to Mistral's "mistral-nemo" card;
    # a price list names the release by Mistral's own repository. Read card first, the price list's id resolves
    # to the card through the re-upload's name (rule ``republished``); read after, the same link joins the two.
    read(
        in_order(
            [
                price_list(tmp_path, {"deepinfra/mistralai/Mistral-Nemo-Instruct-2407": "deepinfra"}),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {"mistral/mistral-nemo": {"name": "Mistral Nemo", "release_date": date(2024, 7, 18)}},
                    hosts={"ovhcloud/unsloth/Mistral-Nemo-Instruct-2407": "mistral/mistral-nemo"},
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {
        frozenset({"mistral-nemo", "mistral-nemo-instruct-2407", "unsloth-mistral-nemo-instruct-2407"})
    }
    assert Model.objects.get().slug == "mistral-nemo"


@ORDERS
def test_a_hosts_id_may_drop_the_mode_its_cards_release_is_named_with(tmp_path, reverse):
    # NVIDIA names the release with its mode; a host lists it, and the Arena rates it, without.
    # A host's id that names another mode is never linked to the card, whichever file came first.
    read(
        in_order(
            [
                arena_board(tmp_path, ["nemotron-3-nano-omni", "grok-4.20-reasoning"]),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {
                        "nvidia/nemotron-3-nano-omni-30b-a3b-reasoning": {
                            "name": "Nemotron 3 Nano Omni",
                            "release_date": date(2026, 4, 28),
                        },
                        "xai/grok-4.20-0309-non-reasoning": {
                            "name": "Grok 4.20 (Non-Reasoning)",
                            "release_date": date(2026, 3, 9),
                        },
                    },
                    hosts={
                        "neon/nemotron-3-nano-omni": "nvidia/nemotron-3-nano-omni-30b-a3b-reasoning",
                        "neon/grok-4.20-reasoning": "xai/grok-4.20-0309-non-reasoning",
                    },
                ),
            ],
            reverse,
        )
    )

    groups = grouping()
    assert frozenset({"nemotron-3-nano-omni", "nemotron-3-nano-omni-30b-a-3b-reasoning"}) in groups
    assert frozenset({"grok-4-20-0309-non-reasoning"}) in groups
    assert not any("grok-4-20-reasoning" in group and len(group) > 1 for group in groups)


def grok_reasoning_card(tmp_path):
    """xAI's card of Grok 4.20's reasoning mode, and a host's link of the beta's mode id to it."""
    return lab_cards(
        tmp_path,
        "models-dev",
        {"xai/grok-4.20-0309-reasoning": {"name": "Grok 4.20 (Reasoning)", "release_date": date(2026, 3, 9)}},
        hosts={"llmgateway/grok-4-20-beta-0309-reasoning": "xai/grok-4.20-0309-reasoning"},
    )


@ORDERS
def test_a_hosts_link_joins_a_modes_entry_to_the_release_named_with_that_mode(tmp_path, reverse):
    # xAI's price list names a beta and its reasoning mode; a host links the mode's id to xAI's card of the
    # release named with that mode. Card first, the id is one more alias of that release; card last, the
    # mode's entry joins it. The beta itself stays a release of its own.
    read(
        in_order(
            [
                price_list(tmp_path, {"xai/grok-4.20-beta-0309": "xai", "xai/grok-4.20-beta-0309-reasoning": "xai"}),
                grok_reasoning_card(tmp_path),
            ],
            reverse,
        )
    )

    assert grouping() == {
        frozenset({"grok-4-20-beta-0309"}),
        frozenset({"grok-4-20-0309-reasoning", "grok-4-20-beta-0309-reasoning"}),
    }
    assert not Model.objects.filter(variant_of__isnull=False).exists()


@ORDERS
def test_a_snapshot_out_of_beta_is_one_release_with_its_modes_whichever_file_came_first(tmp_path, reverse):
    # xAI's price list names the 0309 snapshot with and without "beta", each with its reasoning mode; the lab
    # card names the released mode, and a host links the beta's mode id to that card.
    read(
        in_order(
            [
                price_list(
                    tmp_path,
                    {
                        "xai/grok-4.20-0309": "xai",
                        "xai/grok-4.20-0309-reasoning": "xai",
                        "xai/grok-4.20-beta-0309": "xai",
                        "xai/grok-4.20-beta-0309-reasoning": "xai",
                    },
                ),
                grok_reasoning_card(tmp_path),
            ],
            reverse,
        )
    )

    assert grouping() == {
        frozenset({"grok-4-20-0309", "grok-4-20-beta-0309"}),
        frozenset({"grok-4-20-0309-reasoning", "grok-4-20-beta-0309-reasoning"}),
    }
    mode = Model.objects.get(aliases__normalized="grok-4-20-beta-0309-reasoning")
    assert (mode.variant_of.aliases.filter(normalized="grok-4-20-0309").exists(), mode.variant_label) == (
        True,
        "reasoning",
    )


@ORDERS
def test_a_mode_read_before_the_date_that_makes_it_a_dated_releases_floating_name_becomes_that_name(tmp_path, reverse):
    # Alibaba's April hybrid release and its July thinking release. Vercel lists the thinking id
    # as added in September, a date no "2507" agrees with; Helicone dates it July. Read first,
    # Vercel's date alone leaves a "thinking" mode of the April release; Helicone's date, read
    # first or later, says the id is the July release's floating name.
    cards = {
        "alibaba/qwen3-235b-a22b": {"name": "Qwen3 235B A22B", "release_date": date(2025, 4, 28)},
        "alibaba/qwen3-235b-a22b-thinking-2507": {
            "name": "Qwen3 235B A22B Thinking 2507",
            "release_date": date(2025, 7, 25),
        },
    }
    lab_cards(tmp_path, "models-dev-2025-12-31", cards)
    helicone = host_listings(
        tmp_path,
        "models-dev-2025-12-31",
        {"helicone/qwen3-235b-a22b-thinking": ("Qwen3 235B A22B Thinking", date(2025, 7, 25))},
        as_of=date(2025, 12, 31),
    )
    lab_cards(tmp_path, "models-dev-2026-07-01", cards)
    vercel = host_listings(
        tmp_path,
        "models-dev-2026-07-01",
        {"vercel/alibaba/qwen3-235b-a22b-thinking": ("Qwen3 235B A22B Thinking 2507", date(2025, 9, 23))},
    )
    read(in_order([helicone, vercel], reverse))

    assert grouping() == {
        frozenset({"qwen-3-235b-a-22b"}),
        frozenset({"qwen-3-235b-a-22b-thinking-2507", "qwen-3-235b-a-22b-thinking"}),
    }
    assert not Model.objects.filter(variant_of__isnull=False).exists()
    assert Model.objects.get(aliases__normalized="qwen-3-235b-a-22b-thinking").slug == "qwen3-235b-a22b-thinking-2507"


@ORDERS
def test_a_mode_joins_the_dated_release_a_later_file_brings_without_naming_the_mode(tmp_path, reverse):
    # Helicone dates its thinking id July 2025 before any file knows the July release: it is read as a
    # mode of the April release. The file that brings the July release never names the mode's id.
    april = {"alibaba/qwen3-235b-a22b": {"name": "Qwen3 235B A22B", "release_date": date(2025, 4, 28)}}
    july = {
        "alibaba/qwen3-235b-a22b-thinking-2507": {
            "name": "Qwen3 235B A22B Thinking 2507",
            "release_date": date(2025, 7, 25),
        }
    }
    lab_cards(tmp_path, "models-dev-2025-12-31", april)
    helicone = host_listings(
        tmp_path,
        "models-dev-2025-12-31",
        {"helicone/qwen3-235b-a22b-thinking": ("Qwen3 235B A22B Thinking", date(2025, 7, 25))},
        as_of=date(2025, 12, 31),
    )
    read(in_order([helicone, lab_cards(tmp_path, "models-dev", july)], reverse))

    assert grouping() == {
        frozenset({"qwen-3-235b-a-22b"}),
        frozenset({"qwen-3-235b-a-22b-thinking-2507", "qwen-3-235b-a-22b-thinking"}),
    }
    assert not Model.objects.filter(variant_of__isnull=False).exists()


@ORDERS
def test_a_hosts_link_never_joins_two_lab_cards_or_two_dates(tmp_path, reverse):
    # A host links Mistral Large 3 to the other card, and a dated id to a card of another date.
    read(
        in_order(
            [
                arena_board(tmp_path, ["mistral-small-2503"]),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {
                        "mistral/mistral-large-2512": {"name": "Mistral Large 3", "release_date": date(2025, 12, 2)},
                        "mistral/mistral-large-3": {"name": "Mistral Large 3 (2)", "release_date": date(2026, 2, 1)},
                        "mistral/mistral-small-2603": {"name": "Mistral Small 4", "release_date": date(2026, 3, 16)},
                    },
                    hosts={
                        "route/mistral-large-3": "mistral/mistral-large-2512",
                        "route/mistral-small-2503": "mistral/mistral-small-2603",
                    },
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {
        frozenset({"mistral-large-2512"}),
        frozenset({"mistral-large-3"}),
        frozenset({"mistral-small-2603"}),
        frozenset({"mistral-small-2503"}),
    }


@ORDERS
def test_a_hosts_link_never_makes_a_floating_name_one_of_its_snapshots(tmp_path, reverse):
    # Mistral's price list names "mistral-small", which has served several snapshots; a host links it to one.
    read(
        in_order(
            [
                price_list(tmp_path, {"mistral/mistral-small": "mistral"}),
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {
                        "mistral/mistral-small-2503": {"name": "Mistral Small 3.1", "release_date": date(2025, 3, 17)},
                        "mistral/mistral-small-2506": {"name": "Mistral Small 3.2", "release_date": date(2025, 6, 20)},
                    },
                    hosts={"helicone/mistral-small": "mistral/mistral-small-2506"},
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {
        frozenset({"mistral-small"}),
        frozenset({"mistral-small-2503"}),
        frozenset({"mistral-small-2506"}),
    }


@ORDERS
def test_the_weights_an_id_serves_join_it_to_the_release_their_repository_names(tmp_path, reverse):
    # OpenRouter says its "deepseek-chat-v3.1" serves the weights of deepseek-ai/DeepSeek-V3.1, which a host
    # lists under DeepSeek's own organisation: one set of weights is one release, whichever file came first.
    read(
        in_order(
            [
                host_listings(tmp_path, "models-dev", {"nebius/deepseek-ai/DeepSeek-V3.1": "DeepSeek V3.1"}),
                openrouter(
                    tmp_path,
                    {"deepseek/deepseek-chat-v3.1": ("DeepSeek: DeepSeek V3.1", date(2025, 8, 21))},
                    weights={"deepseek/deepseek-chat-v3.1": "deepseek-ai/DeepSeek-V3.1"},
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"deepseek-chat-v-3-1", "deepseek-v-3-1"})}
    assert Model.objects.get().creator.slug == "deepseek"


@ORDERS
def test_the_weights_never_join_a_name_of_another_generation_or_size(tmp_path, reverse):
    # OpenRouter's "deepseek-chat" serves DeepSeek V3's weights, but DeepSeek's own "deepseek-chat" floats:
    # a name with no version is no release of V3. Nor is a name without the repository's size one of its sizes.
    read(
        in_order(
            [
                host_listings(
                    tmp_path,
                    "models-dev",
                    {
                        "nebius/deepseek-ai/DeepSeek-V3": "DeepSeek V3",
                        "nebius/meta-llama/Llama-4-Scout-17B-16E-Instruct": "Llama 4 Scout",
                    },
                ),
                openrouter(
                    tmp_path,
                    {
                        "deepseek/deepseek-chat": ("DeepSeek: DeepSeek V3", date(2024, 12, 26)),
                        "meta-llama/llama-4-scout": ("Meta: Llama 4 Scout", date(2025, 4, 5)),
                    },
                    weights={
                        "deepseek/deepseek-chat": "deepseek-ai/DeepSeek-V3",
                        "meta-llama/llama-4-scout": "meta-llama/Llama-4-Scout-17B-16E-Instruct",
                    },
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {
        frozenset({"deepseek-chat"}),
        frozenset({"deepseek-v-3"}),
        frozenset({"llama-4-scout"}),
        frozenset({"llama-4-scout-17b-16e-instruct"}),
    }


@ORDERS
def test_a_host_files_stated_weights_join_its_id_to_their_release(tmp_path, reverse):
    # Synthetic's file Qwen/qwen-3-coder-480b states the id it serves, hf:Qwen/Qwen3-Coder-480B-A35B-Instruct:
    # the same release without its active parameters, whichever file came first.
    synthetic = host_listings(tmp_path, "synthetic", {"synthetic/Qwen/qwen-3-coder-480b": "Qwen 3 Coder 480B"})
    listing = tmp_path / "synthetic" / "providers" / "synthetic" / "models" / "Qwen" / "qwen-3-coder-480b.toml"
    listing.write_text('id = "hf:Qwen/Qwen3-Coder-480B-A35B-Instruct"\n' + listing.read_text())
    read(
        in_order(
            [
                host_listings(
                    tmp_path,
                    "nebius",
                    {"nebius/Qwen/Qwen3-Coder-480B-A35B-Instruct": "Qwen3 Coder 480B A35B Instruct"},
                    as_of=date(2026, 6, 1),
                ),
                synthetic,
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"qwen-3-coder-480b", "qwen-3-coder-480b-a-35b-instruct"})}


@ORDERS
def test_the_weights_of_a_pointer_to_dated_snapshots_join_none_of_them(tmp_path, reverse):
    # OpenRouter's "moonshotai/kimi-k2" serves Kimi-K2-Instruct's weights today, but Kimi K2 has dated snapshots
    # (kimi-k2-0905): the pointer keeps its dated targets, the repository's entry its own.
    read(
        in_order(
            [
                host_listings(tmp_path, "models-dev", {"nebius/moonshotai/Kimi-K2-Instruct": "Kimi K2 Instruct"}),
                openrouter(
                    tmp_path,
                    {
                        "moonshotai/kimi-k2": ("MoonshotAI: Kimi K2", date(2025, 7, 11)),
                        "moonshotai/kimi-k2-0905": ("MoonshotAI: Kimi K2 0905", date(2025, 9, 5)),
                    },
                    weights={"moonshotai/kimi-k2": "moonshotai/Kimi-K2-Instruct"},
                ),
            ],
            reverse,
        )
    )

    assert frozenset({"kimi-k-2-instruct"}) in grouping()
    assert not [group for group in grouping() if "kimi-k-2" in group and "kimi-k-2-instruct" in group]


# --- who made it ------------------------------------------------------------------------------


def host_listings(tmp_path, name: str, listings: dict[str, str | tuple[str, date]], as_of: date = date(2026, 7, 1)):
    """Hosts' own files in a models.dev snapshot (added beside any lab cards already there):
    {"alibaba-cn/deepseek-r1-distill-qwen-32b": name}, or {listing: (name, the host's date)}."""
    root = tmp_path / name
    for listing, listed in listings.items():
        model_name, released = listed if isinstance(listed, tuple) else (listed, date(2025, 1, 20))
        host, model = listing.split("/", 1)
        (root / "providers" / host / "models" / model).parent.mkdir(parents=True, exist_ok=True)
        (root / "providers" / host / "provider.toml").write_text(f'name = "{host.title()}"\n')
        (root / "providers" / host / "models" / f"{model}.toml").write_text(
            f'name = "{model_name}"\nrelease_date = "{released.isoformat()}"\n'
            '[limit]\ncontext = 128_000\noutput = 16_384\n[modalities]\ninput = ["text"]\noutput = ["text"]\n'
            "[cost]\ninput = 1\noutput = 2\n"
        )
    return ("models-dev", root, as_of)


def creators() -> dict[str, str]:
    """Each model's slug and its creator's: what must not depend on the order."""
    return dict(Model.objects.values_list("slug", "creator__slug"))


@ORDERS
def test_a_distill_listed_by_its_bases_maker_is_made_by_the_lab_its_id_leads_with(tmp_path, reverse):
    # Alibaba's own API serves DeepSeek's R1 distilled into Qwen and Llama; a router lists them under DeepSeek.
    read(
        in_order(
            [
                host_listings(
                    tmp_path,
                    "models-dev",
                    {
                        "alibaba-cn/deepseek-r1-distill-qwen-32b": "DeepSeek R1 Distill Qwen 32B",
                        "alibaba-cn/deepseek-r1-distill-llama-70b": "DeepSeek R1 Distill Llama 70B",
                    },
                ),
                openrouter(
                    tmp_path,
                    {
                        "deepseek/deepseek-r1-distill-qwen-32b": ("DeepSeek: R1 Distill Qwen 32B", date(2025, 1, 29)),
                        "deepseek/deepseek-r1-distill-llama-70b": ("DeepSeek: R1 Distill Llama 70B", date(2025, 1, 23)),
                    },
                ),
            ],
            reverse,
        )
    )

    assert creators() == {
        "deepseek-r1-distill-qwen-32b": "deepseek",
        "deepseek-r1-distill-llama-70b": "deepseek",
    }


@ORDERS
def test_a_known_publisher_names_the_maker_over_one_hosts_namespace_whichever_came_first(tmp_path, reverse):
    # One router files KAT-Coder under "kuaishou/", every other source under its publisher "kwaipilot/".
    read(
        in_order(
            [
                host_listings(tmp_path, "models-dev", {"zenmux/kuaishou/kat-coder-pro-v2": "KAT-Coder-Pro-V2"}),
                openrouter(
                    tmp_path, {"kwaipilot/kat-coder-pro-v2": ("Kwaipilot: KAT-Coder-Pro V2", date(2026, 3, 27))}
                ),
            ],
            reverse,
        )
    )

    assert creators() == {"kat-coder-pro-v2": "kwaipilot"}


@ORDERS
def test_a_curators_creator_stays_whatever_file_comes_next(tmp_path, reverse, django_user_model):
    read([host_listings(tmp_path, "first", {"zenmux/kuaishou/kat-coder-pro-v2": "KAT-Coder-Pro-V2"})])
    model = Model.objects.get()
    fact_pin(model=model, field="creator", value="kuaishou", author=django_user_model.objects.create_user("c"))

    read(
        in_order(
            [
                openrouter(
                    tmp_path, {"kwaipilot/kat-coder-pro-v2": ("Kwaipilot: KAT-Coder-Pro V2", date(2026, 3, 27))}
                ),
                host_listings(tmp_path, "second", {"kilo/kwaipilot/kat-coder-pro-v2": "KAT-Coder-Pro V2"}),
            ],
            reverse,
        )
    )

    assert creators() == {"kat-coder-pro-v2": "kuaishou"}


@ORDERS
def test_a_makers_id_and_the_same_id_spelled_with_its_makers_name_are_one_release(tmp_path, reverse):
    # MiniMax's own price list says "M2-her"; OpenRouter files it as "minimax/minimax-m2-her".
    read(
        in_order(
            [
                openrouter(tmp_path, {"minimax/minimax-m2-her": ("MiniMax: MiniMax M2-her", date(2026, 1, 23))}),
                genai_prices(tmp_path, "minimax", {"M2-her": "MiniMax M2-her"}),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"minimax-m-2-her", "m-2-her"})}
    assert creators() == {Model.objects.get().slug: "minimax"}


def anthropic_cards(tmp_path, cards: dict[str, tuple[str, date]]):
    """Anthropic's lab cards in a models.dev snapshot: {card id: (name, release date)}."""
    made = {f"anthropic/{card}": {"name": name, "release_date": day} for card, (name, day) in cards.items()}
    return lab_cards(tmp_path, "models-dev", made)


@ORDERS
def test_a_hosts_snapshot_dated_long_before_a_name_existed_never_makes_it_a_pointer(tmp_path, reverse):
    # One price list gives Bedrock a Claude 3.7 Sonnet dated 2024-06-20 (Claude 3.5 Sonnet's date,
    # eight months before 3.7 was released); no maker's record names it. The name has served only
    # the February 2025 snapshot, whichever file came first.
    read(
        in_order(
            [
                price_list(
                    tmp_path,
                    {
                        "anthropic.claude-3-7-sonnet-20240620-v1:0": "bedrock",
                        "anthropic.claude-3-7-sonnet-20250219-v1:0": "bedrock",
                        "vercel_ai_gateway/anthropic/claude-3-7-sonnet": "vercel_ai_gateway",
                    },
                ),
                anthropic_cards(tmp_path, {"claude-3-7-sonnet-20250219": ("Claude Sonnet 3.7", date(2025, 2, 19))}),
                openrouter(
                    tmp_path, {"anthropic/claude-3.7-sonnet": ("Anthropic: Claude 3.7 Sonnet", date(2025, 2, 24))}
                ),
            ],
            reverse,
        )
    )

    floating = Model.objects.get(aliases__normalized="claude-3-7-sonnet")
    assert {"claude-3-7-sonnet", "claude-3-7-sonnet-20250219"} <= set(
        floating.aliases.values_list("normalized", flat=True)
    )
    assert not floating.aliases.filter(normalized="claude-3-7-sonnet-20240620").exists()


@ORDERS
def test_a_makers_own_older_snapshot_still_makes_a_name_a_pointer(tmp_path, reverse):
    # Claude 3.5 Sonnet's name served June's and October's snapshots, both on Anthropic's cards,
    # however long before the date a host gives the name.
    read(
        in_order(
            [
                anthropic_cards(
                    tmp_path,
                    {
                        "claude-3-5-sonnet-20240620": ("Claude Sonnet 3.5", date(2024, 6, 20)),
                        "claude-3-5-sonnet-20241022": ("Claude Sonnet 3.5 v2", date(2024, 10, 22)),
                    },
                ),
                openrouter(
                    tmp_path, {"anthropic/claude-3.5-sonnet": ("Anthropic: Claude 3.5 Sonnet", date(2024, 10, 22))}
                ),
            ],
            reverse,
        )
    )

    floating = Model.objects.get(aliases__normalized="claude-3-5-sonnet")
    assert set(floating.aliases.values_list("normalized", flat=True)) == {"claude-3-5-sonnet"}


@ORDERS
def test_a_hosts_date_never_makes_a_name_released_long_before_one_of_its_later_snapshots(tmp_path, reverse):
    # A host that serves R1-0528 under "deepseek-ai/DeepSeek-R1" dates the name 2025-05-28; DeepSeek
    # released R1 on 2025-01-20 and R1-0528 four months later: two releases, whichever file came first.
    read(
        in_order(
            [
                lab_cards(
                    tmp_path,
                    "models-dev",
                    {
                        "deepseek/deepseek-r1": {"name": "DeepSeek-R1", "release_date": date(2025, 1, 20)},
                        "deepseek/deepseek-r1-0528": {"name": "DeepSeek-R1-0528", "release_date": date(2025, 5, 28)},
                    },
                ),
                host_listings(
                    tmp_path,
                    "models-dev-later",
                    {"siliconflow/deepseek-ai/DeepSeek-R1": ("deepseek-ai/DeepSeek-R1", date(2025, 5, 28))},
                    as_of=date(2026, 8, 1),
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {frozenset({"deepseek-r-1"}), frozenset({"deepseek-r-1-0528"})}
    r1 = Model.objects.get(slug="deepseek-r1")
    assert list(r1.endpoints.values_list("host__slug", "provider_model_id")) == [
        ("siliconflow", "deepseek-ai/DeepSeek-R1")
    ]


def test_a_librarys_tag_is_read_once_every_release_of_its_file_exists(tmp_path):
    # Bedrock's instruct release is known from an earlier snapshot; the next one adds a reasoning release of
    # that size and Ollama's bare tag, which sorts first in the file. The tag may name either release, so
    # it waits for a curator, as it would had the reasoning release been known before.
    bedrock = {"amazon-bedrock/mistral.ministral-3-3b-instruct": ("Ministral 3 3B", date(2025, 12, 2))}
    earlier = host_listings(tmp_path, "models-dev-2025-12-31", bedrock, as_of=date(2025, 12, 31))
    later = host_listings(
        tmp_path,
        "models-dev-2026-07-01",
        {
            **bedrock,
            "clarifai/mistralai/completion/models/Ministral-3-3B-Reasoning-2512": (
                "Ministral 3 3B Reasoning 2512",
                date(2025, 12, 1),
            ),
            "ollama-cloud/ministral-3:3b": ("ministral-3:3b", date(2024, 10, 22)),
        },
    )
    read([earlier, later])

    assert grouping() == {
        frozenset({"ministral-3-3b-instruct"}),
        frozenset({"ministral-3-3b-reasoning-2512"}),
    }
    assert UnresolvedIdentifier.objects.pending().filter(raw_id="ministral-3:3b").exists()


@ORDERS
def test_a_dated_release_its_maker_names_by_another_id_of_that_date_is_one_release(tmp_path, reverse):
    # Mistral's API drops Ministral 3's generation, which OpenRouter's name for it keeps; the 8B of
    # that date and the older Ministral 8B (2410) stay apart.
    read(
        in_order(
            [
                price_list(
                    tmp_path,
                    {"mistral/ministral-3-14b-2512": "mistral", "mistral/ministral-8b-2410": "mistral"},
                ),
                openrouter(
                    tmp_path,
                    {
                        "mistralai/ministral-14b-2512": ("Mistral: Ministral 3 14B 2512", date(2025, 12, 2)),
                        "mistralai/ministral-8b-2512": ("Mistral: Ministral 3 8B 2512", date(2025, 12, 2)),
                    },
                ),
            ],
            reverse,
        )
    )

    assert grouping() == {
        frozenset({"ministral-14b-2512", "ministral-3-14b-2512"}),
        frozenset({"ministral-8b-2512"}),
        frozenset({"ministral-8b-2410"}),
    }


@ORDERS
def test_a_release_written_with_its_makers_name_first_is_one_release(tmp_path, reverse):
    # Azure lists Cohere's embedding model under Cohere's name; Microsoft 365 Copilot's "chat" is
    # no DeepSeek release, whatever DeepSeek's own "deepseek-chat" leaves after its name. A host's
    # id read before its maker's release waits, and resolves when the host's file is read again
    # (docs/ingestion.md: a sequence's second pass).
    steps = in_order(
        [
            price_list(
                tmp_path,
                {
                    "azure_ai/Cohere-embed-v3-english": "azure_ai",
                    "microsoft_365_copilot/chat": "microsoft_365_copilot",
                },
            ),
            genai_prices(tmp_path, "cohere", {"embed-english-v3.0": "Embed English v3.0"}),
            lab_cards(
                tmp_path,
                "models-dev",
                {"deepseek/deepseek-chat": {"name": "DeepSeek V3", "release_date": date(2024, 12, 26)}},
            ),
        ],
        reverse,
    )
    read([*steps, *steps])

    assert grouping() == {
        frozenset({"embed-english-v-3", "cohere-embed-v-3-english"}),
        frozenset({"deepseek-chat"}),
    }
    assert set(UnresolvedIdentifier.objects.pending().values_list("raw_id", flat=True)) == {"chat"}


@ORDERS
def test_a_release_written_with_its_makers_brand_first_is_one_release(tmp_path, reverse):
    # ByteDance sells Seed 1.6 as "Doubao-Seed-1.6"; OpenRouter lists it under ByteDance Seed's own
    # name. The Flash tier stays its own release, and Gemini's embedding model is not Google's older
    # "embedding-001", whatever is left after the brand.
    steps = in_order(
        [
            lab_cards(
                tmp_path,
                "models-dev",
                {
                    "bytedance/doubao-seed-1.6": {"name": "Doubao-Seed 1.6", "release_date": date(2025, 6, 15)},
                    "bytedance/doubao-seed-1.6-flash": {
                        "name": "Doubao-Seed 1.6 Flash",
                        "release_date": date(2025, 6, 15),
                    },
                    "google/gemini-embedding-001": {"name": "Gemini Embedding 001", "release_date": date(2025, 5, 20)},
                },
            ),
            openrouter(tmp_path, {"bytedance-seed/seed-1.6": ("ByteDance Seed: Seed 1.6", date(2025, 12, 23))}),
            genai_prices(tmp_path, "google", {"embedding-001": "Embedding 001"}),
        ],
        reverse,
    )
    read([*steps, *steps])

    assert grouping() == {
        frozenset({"doubao-seed-1-6", "seed-1-6"}),
        frozenset({"doubao-seed-1-6-flash"}),
        frozenset({"gemini-embedding-001"}),
        frozenset({"embedding-001"}),
    }
    seed = Model.objects.get(aliases__normalized="doubao-seed-1-6")
    assert seed.creator.slug == "bytedance"


@ORDERS
def test_a_floating_name_and_its_only_numbered_version_are_one_release(tmp_path, reverse):
    # Google's gemini-2.0-flash is gemini-2.0-flash-001; gemini-1.5-pro has served -001 and -002, and
    # OpenAI's babbage-002 replaced the 2020 babbage: those stay apart.
    steps = in_order(
        [
            lab_cards(
                tmp_path,
                "models-dev",
                {
                    "google/gemini-2.0-flash": {"name": "Gemini 2.0 Flash", "release_date": date(2024, 12, 11)},
                    "google/gemini-1.5-pro": {"name": "Gemini 1.5 Pro", "release_date": date(2024, 2, 15)},
                    "openai/babbage": {"name": "Babbage", "release_date": date(2020, 6, 11)},
                    "openai/babbage-002": {"name": "Babbage 002", "release_date": date(2023, 8, 22)},
                },
            ),
            openrouter(
                tmp_path,
                {
                    "google/gemini-2.0-flash-001": ("Google: Gemini 2.0 Flash", date(2025, 2, 5)),
                    "google/gemini-1.5-pro-001": ("Google: Gemini 1.5 Pro 001", date(2024, 5, 24)),
                    "google/gemini-1.5-pro-002": ("Google: Gemini 1.5 Pro 002", date(2024, 9, 24)),
                },
            ),
        ],
        reverse,
    )
    read([*steps, *steps])

    assert grouping() == {
        frozenset({"gemini-2-0-flash", "gemini-2-0-flash-001"}),
        frozenset({"gemini-1-5-pro"}),
        frozenset({"gemini-1-5-pro-001"}),
        frozenset({"gemini-1-5-pro-002"}),
        frozenset({"babbage"}),
        frozenset({"babbage-002"}),
    }


@ORDERS
def test_a_gateways_spelling_of_a_numbered_media_model_is_that_release(tmp_path, reverse):
    # Google numbers Imagen 4 Fast "imagen-4.0-fast-generate-001"; a gateway lists "google/imagen-4-fast".
    # Its "google/imagen-4" is another tier, and Veo 3's number is no Veo 3.1.
    steps = in_order(
        [
            lab_cards(
                tmp_path,
                "models-dev",
                {
                    "google/imagen-4.0-fast-generate-001": {"name": "Imagen 4 Fast", "release_date": date(2025, 6, 1)},
                    "google/veo-3.0-generate-001": {"name": "Veo 3.0", "release_date": date(2025, 5, 20)},
                },
            ),
            openrouter(
                tmp_path,
                {
                    "google/imagen-4-fast": ("Imagen 4 Fast", date(2025, 6, 25)),
                    "google/imagen-4": ("Imagen 4", date(2025, 5, 22)),
                    "google/veo3.1": ("Veo 3.1", date(2025, 10, 15)),
                },
            ),
        ],
        reverse,
    )
    read([*steps, *steps])

    assert grouping() == {
        frozenset({"imagen-4-0-fast-generate-001", "imagen-4-fast"}),
        frozenset({"imagen-4"}),
        frozenset({"veo-3-0-generate-001"}),
        frozenset({"veo-3-1"}),
    }


@ORDERS
def test_a_dated_release_and_its_weights_name_are_one_release_whichever_file_came_first(tmp_path, reverse):
    # Mistral's API lists Mistral Small 3.1 by its line and date, OpenRouter by its weights' name.
    # Ministral 3's 3B and 8B share a date, and Mistral's base weights of that date are another
    # release. Two sizes under one line and date leave a bare dated id to neither.
    steps = in_order(
        [
            price_list(
                tmp_path,
                {
                    "mistral/mistral-small-2503": "mistral",
                    "mistral/ministral-3b-2512": "mistral",
                    "mistral/ministral-8b-2512": "mistral",
                    "mistral/codestral-2501": "mistral",
                },
            ),
            openrouter(
                tmp_path,
                {
                    "mistralai/mistral-small-3.1-24b-instruct-2503": ("Mistral: Small 3.1 24B", date(2025, 3, 17)),
                    "mistralai/mistral-small-3.1-24b-base-2503": ("Mistral: Small 3.1 24B Base", date(2025, 3, 17)),
                    "mistralai/ministral-3-3b-instruct-2512": ("Mistral: Ministral 3 3B", date(2025, 12, 2)),
                    "mistralai/codestral-22b-2501": ("Mistral: Codestral 22B", date(2025, 1, 13)),
                    "mistralai/codestral-7b-2501": ("Mistral: Codestral 7B", date(2025, 1, 13)),
                },
            ),
        ],
        reverse,
    )
    read([*steps, *steps])

    assert grouping() == {
        frozenset({"mistral-small-2503", "mistral-small-3-1-24b-instruct-2503"}),
        frozenset({"mistral-small-3-1-24b-base-2503"}),
        frozenset({"ministral-3b-2512", "ministral-3-3b-instruct-2512"}),
        frozenset({"ministral-8b-2512"}),
        frozenset({"codestral-2501"}),
        frozenset({"codestral-22b-2501"}),
        frozenset({"codestral-7b-2501"}),
    }


@ORDERS
def test_a_hosts_build_after_a_snapshots_date_and_a_labs_channel_are_their_release(tmp_path, reverse):
    # DeepInfra serves DeepSeek R1 0528 as "-Turbo" after the snapshot's date; Mistral's API lists
    # Devstral Small 2 on its "labs" channel, DeepInfra under the bare name. Alibaba's Qwen Turbo
    # names its tier before the date: a release of its own.
    steps = in_order(
        [
            price_list(
                tmp_path,
                {
                    "deepinfra/deepseek-ai/DeepSeek-R1-0528-Turbo": "deepinfra",
                    "deepinfra/mistralai/devstral-small-2512": "deepinfra",
                },
            ),
            genai_prices(tmp_path, "mistral", {"labs-devstral-small-2512": "Devstral Small 2"}),
            lab_cards(
                tmp_path,
                "models-dev",
                {
                    "deepseek/deepseek-r1-0528": {"name": "DeepSeek R1 0528", "release_date": date(2025, 5, 28)},
                    "alibaba/qwen-turbo-2024-11-01": {"name": "Qwen Turbo", "release_date": date(2024, 11, 1)},
                },
            ),
        ],
        reverse,
    )
    read([*steps, *steps])

    groups = grouping()
    assert {group for group in groups if "qwen-turbo-20241101" in group} == {frozenset({"qwen-turbo-20241101"})}
    r1 = Model.objects.get(aliases__normalized="deepseek-r-1-0528")
    assert set(r1.endpoints.values_list("provider_model_id", flat=True)) == {"deepseek-ai/DeepSeek-R1-0528-Turbo"}
    devstral = Model.objects.get(aliases__normalized="labs-devstral-small-2512")
    assert set(devstral.endpoints.values_list("host__slug", "provider_model_id")) >= {
        ("deepinfra", "mistralai/devstral-small-2512")
    }
    assert Model.objects.count() == 3
    assert not UnresolvedIdentifier.objects.pending().exists()


@ORDERS
def test_a_hosts_route_or_bot_mark_after_an_id_is_its_release_whichever_file_came_first(tmp_path, reverse):
    # nano-gpt lists GLM-4.7 beside its "-original" route, Poe the Qwen3 32B bot Cerebras runs.
    steps = in_order(
        [
            price_list(
                tmp_path,
                {"nano-gpt/zai-org/glm-4.7-original": "nano-gpt", "poe/cerebras/qwen3-32b-cs": "poe"},
            ),
            lab_cards(
                tmp_path,
                "models-dev",
                {
                    "zhipuai/glm-4.7": {"name": "GLM-4.7", "release_date": date(2025, 12, 22)},
                    "alibaba/qwen3-32b": {"name": "Qwen3 32B", "release_date": date(2025, 4, 29)},
                },
            ),
        ],
        reverse,
    )
    read([*steps, *steps])

    assert Model.objects.count() == 2
    glm = Model.objects.get(aliases__normalized="glm-4-7")
    assert set(glm.endpoints.values_list("host__slug", "provider_model_id")) == {
        ("nano-gpt", "zai-org/glm-4.7-original")
    }
    qwen = Model.objects.get(aliases__normalized="qwen-3-32b")
    assert set(qwen.endpoints.values_list("host__slug", "provider_model_id")) == {("poe", "cerebras/qwen3-32b-cs")}
    assert not UnresolvedIdentifier.objects.pending().exists()


@ORDERS
def test_an_id_its_maker_calls_a_dated_release_by_is_that_release_whichever_file_came_first(tmp_path, reverse):
    # Mistral calls its 2506 release "Mistral Small 3.2", Regolo lists it as mistral-small3.2; Anthropic
    # calls its October snapshot "Claude Sonnet 3.5 v2", Helicone lists it as claude-3.5-sonnet-v2.
    # DeepSeek's own deepseek-chat was called "DeepSeek V3.2" when it served it: a floating name is
    # called by what it serves, so a host's deepseek-v3.2 is not it.
    steps = in_order(
        [
            host_listings(
                tmp_path,
                "hosts",
                {
                    "regolo-ai/mistral-small3.2": "Mistral Small 3.2",
                    "helicone/claude-3.5-sonnet-v2": "Anthropic: Claude 3.5 Sonnet v2",
                    "helicone/deepseek-v3.2": "DeepSeek V3.2",
                },
            ),
            lab_cards(
                tmp_path,
                "models-dev",
                {
                    "mistral/mistral-small-2506": {"name": "Mistral Small 3.2", "release_date": date(2025, 6, 20)},
                    "anthropic/claude-3-5-sonnet-20241022": {
                        "name": "Claude Sonnet 3.5 v2",
                        "release_date": date(2024, 10, 22),
                    },
                    "deepseek/deepseek-chat": {"name": "DeepSeek V3.2", "release_date": date(2025, 12, 1)},
                },
            ),
        ],
        reverse,
    )
    read(steps)

    assert grouping() == {
        frozenset({"mistral-small-2506", "mistral-small-3-2"}),
        frozenset({"claude-3-5-sonnet-20241022", "claude-3-5-sonnet-v-2"}),
        frozenset({"deepseek-chat"}),
    }
    small = Model.objects.get(aliases__normalized="mistral-small-2506")
    assert set(small.endpoints.values_list("host__slug", "provider_model_id")) == {("regolo-ai", "mistral-small3.2")}
    assert list(UnresolvedIdentifier.objects.pending().values_list("raw_id", flat=True)) == ["deepseek-v3.2"]


@ORDERS
def test_a_repository_its_org_names_without_a_version_is_the_orgs_release_whichever_file_came_first(tmp_path, reverse):
    # Together lists Thinking Machines' Inkling by its repository, a price list by its bare name and
    # its NVFP4 build. A product path written in lower case without a version stays no repository.
    steps = in_order(
        [
            price_list(
                tmp_path,
                {"together_ai/thinkingmachines/Inkling": "together_ai", "nebius/reflection/beam": "nebius"},
            ),
            genai_prices(tmp_path, "modal", {"inkling": "Inkling", "thinkingmachines/Inkling-NVFP4": "Inkling NVFP4"}),
        ],
        reverse,
    )
    read(steps)

    assert grouping() == {frozenset({"thinkingmachines-inkling", "inkling", "thinkingmachines-inkling-nvfp-4"})}
    assert creators() == {"inkling": "thinkingmachines"}
    assert list(UnresolvedIdentifier.objects.pending().values_list("raw_id", flat=True)) == ["reflection/beam"]


@ORDERS
def test_a_mixture_of_experts_named_by_its_total_size_is_that_release_whichever_file_came_first(tmp_path, reverse):
    # Regolo lists Qwen3.5 122B A10B without its active parameters, Fireworks its Coder 480B A35B in BF16.
    steps = in_order(
        [
            host_listings(
                tmp_path,
                "hosts",
                {"regolo-ai/qwen3.5-122b": "Qwen3.5-122B", "fireworks-ai/qwen3-coder-480b-instruct-bf16": "Coder"},
            ),
            lab_cards(
                tmp_path,
                "models-dev",
                {
                    "alibaba/qwen3.5-122b-a10b": {"name": "Qwen3.5 122B A10B", "release_date": date(2026, 2, 24)},
                    "alibaba/qwen3-coder-480b-a35b-instruct": {
                        "name": "Qwen3 Coder 480B A35B Instruct",
                        "release_date": date(2025, 7, 22),
                    },
                },
            ),
        ],
        reverse,
    )
    read(steps)

    assert grouping() == {
        frozenset({"qwen-3-5-122b-a-10b", "qwen-3-5-122b"}),
        frozenset({"qwen-3-coder-480b-a-35b-instruct", "qwen-3-coder-480b-instruct-bf-16"}),
    }
    assert not UnresolvedIdentifier.objects.pending().exists()
