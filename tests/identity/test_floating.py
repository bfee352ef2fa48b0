"""Pure rules of floating names: which names float, and what they served when (identity/floating.py)."""

from datetime import date

from models_registry.identity.floating import (
    Observation,
    Snapshot,
    Span,
    floating_keys,
    is_floating_pointer,
    span_on,
    tag_date,
    timeline,
)
from models_registry.identity.releases import snapshot_split

MAY_13, AUG_6, NOV_20 = date(2024, 5, 13), date(2024, 8, 6), date(2024, 11, 20)


def tag(normalized: str):
    return snapshot_split(normalized)[1]


def test_a_name_takes_each_snapshot_over_on_its_date():
    spans = timeline([Snapshot(2, AUG_6), Snapshot(1, MAY_13)], [])

    assert spans == [
        Span(1, MAY_13, AUG_6, "released", {"dated": "2024-05-13"}),
        Span(2, AUG_6, None, "released", {"dated": "2024-08-06"}),
    ]


def test_a_later_observation_of_an_older_snapshot_means_the_newer_one_never_took_over():
    # gpt-4o's card, a year after 2024-11-20, still points to 2024-08-06.
    seen = Observation(2, date(2025, 12, 31), {"points_to_date": "2024-08-06"})

    spans = timeline([Snapshot(1, MAY_13), Snapshot(2, AUG_6), Snapshot(3, NOV_20)], [seen])

    assert [(s.model_id, s.valid_from, s.valid_to) for s in spans] == [(1, MAY_13, AUG_6), (2, AUG_6, None)]


def test_a_newer_snapshot_held_back_takes_over_on_the_first_day_a_source_names_it():
    may, aug = date(2025, 5, 1), date(2025, 8, 1)
    observations = [Observation(1, date(2025, 12, 31)), Observation(2, date(2026, 7, 1))]

    spans = timeline([Snapshot(1, may), Snapshot(2, aug)], observations)

    assert [(s.model_id, s.valid_from, s.valid_to, s.basis) for s in spans] == [
        (1, may, date(2026, 7, 1), "released"),
        (2, date(2026, 7, 1), None, "observed"),
    ]


def test_a_sources_own_meaning_holds_since_the_id_existed():
    spans = timeline(
        [], [Observation(7, date(2026, 7, 1), {"stands_for": "deepseek/deepseek-chat-v3"})], open_start=True
    )

    assert spans == [Span(7, None, None, "observed", {"stands_for": "deepseek/deepseek-chat-v3"})]


def test_an_observation_wins_a_day_a_snapshot_also_claims():
    spans = timeline([Snapshot(1, MAY_13), Snapshot(2, AUG_6)], [Observation(1, AUG_6)])

    assert [(s.model_id, s.valid_from, s.valid_to) for s in spans] == [(1, MAY_13, None)]


def test_the_day_a_target_ends_is_the_next_ones_first():
    spans = timeline([Snapshot(1, MAY_13), Snapshot(2, AUG_6)], [])

    assert span_on(spans, date(2024, 8, 5)).model_id == 1
    assert span_on(spans, AUG_6).model_id == 2
    assert span_on(spans, date(2030, 1, 1)).model_id == 2
    assert span_on(spans, date(2024, 5, 12)) is None  # before the name existed


def test_which_names_float():
    tags = [tag("gpt-4o-20240513"), tag("gpt-4o-20240806")]
    assert is_floating_pointer("gpt-4o", MAY_13, tags)  # released as its first snapshot
    assert is_floating_pointer("mistral-large-latest", None, [tag("mistral-large-2411")])
    # The Arena's 2023 mistral-medium is a release of its own, not a pointer to Medium 3.
    assert not is_floating_pointer("mistral-medium", date(2023, 12, 11), [tag("mistral-medium-2505")])
    assert not is_floating_pointer("gpt-4o", None, tags)


def test_floating_keys_and_tag_dates():
    assert floating_keys("chatgpt-4o-latest") == ("chatgpt-4o-latest", "chatgpt-4o")
    assert floating_keys("gpt-4o") == ("gpt-4o",)
    assert floating_keys("gpt-4o-20240513") == ()
    assert tag_date(tag("gpt-4o-20240513")) == MAY_13
    assert tag_date(tag("mistral-large-2411")) == date(2024, 11, 1)
    assert tag_date(tag("kimi-k-2-0711"), date(2025, 7, 11)) == date(2025, 7, 11)
    assert tag_date(tag("kimi-k-2-0711")) is None  # no year, and no release date to give one
